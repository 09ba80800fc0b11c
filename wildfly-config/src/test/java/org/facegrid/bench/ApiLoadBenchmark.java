package org.facegrid.bench;

import org.facegrid.it.Http;
import org.facegrid.it.TestImages;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A load generator against a running node: recognition and enrolment of a 640x480 one-face photo at
 * concurrency 1, 4 and 16, for a fixed time per level, with galleries grown to each given size (synthetic
 * templates: random unit-norm descriptors imported 32 per person). Prints requests/s, p50 and p99 of the
 * answered requests, how many were refused with 429 (the bulkhead at work), and, request by request, the time
 * the node reports for its own work in Server-Timing (queue + pipeline + search, or + store for an enrolment) and
 * what the request took beyond it: HTTP, security, JSON and EJB calls, the API's overhead. Requests go through
 * {@link LoadClient}, one keep-alive HTTP/1.1 connection per client.
 *
 * <p>Usage: ApiLoadBenchmark BASE_URL USER:PASSWORD FACES_DIR SECONDS_PER_LEVEL SIZE...
 * ({@code -Dfacegrid.bench.photo=FILE} keeps the photo for the in-process peer, RecognitionPathBenchmark).
 */
public final class ApiLoadBenchmark {
    /** Client counts per level; -Dfacegrid.bench.concurrency=1 measures the single-client latency alone. */
    private static final int[] CONCURRENCY = java.util.Arrays.stream(
            System.getProperty("facegrid.bench.concurrency", "1,4,16").split(",")).mapToInt(Integer::parseInt).toArray();
    private static final java.util.concurrent.atomic.AtomicReference<String> FIRST_FAILURE =
            new java.util.concurrent.atomic.AtomicReference<>();

    public static void main(String[] args) throws Exception {
        Http http = new Http(args[0]).as(args[1]);
        String base = args[0];
        String authorization = "Basic " + java.util.Base64.getEncoder().encodeToString(
                args[1].getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] photo = photo640x480(Path.of(args[2]).resolve("dev/barack_obama/1.jpg"));
        String keep = System.getProperty("facegrid.bench.photo");
        if (keep != null) { // the in-process peer analyses the very same photo
            java.nio.file.Files.write(Path.of(keep), photo);
        }
        Http.Reply detected = http.send("POST", "/api/v1/detections", "image/jpeg", photo);
        int faces = detected.object().getJsonArray("faces").size();
        if (faces != 1) {
            throw new IllegalStateException("the benchmark photo must show one face, the node finds " + faces);
        }
        int seconds = Integer.parseInt(args[3]);
        int gallery = 0;
        for (int i = 4; i < args.length; i++) {
            int size = Integer.parseInt(args[i]);
            long start = System.nanoTime();
            fill(http, gallery, size);
            System.out.printf(Locale.ROOT, "gallery=%d filled_in_s=%.1f%n", size, (System.nanoTime() - start) / 1e9);
            gallery = size;
            for (int c : CONCURRENCY) {
                report("recognise", size, c, run(c, seconds, () -> new LoadClient(base, authorization),
                        client -> client.post("/api/v1/recognitions", "image/jpeg", photo)));
            }
            for (int c : CONCURRENCY) {
                report("enrol", size, c, run(c, seconds, () -> new LoadClient(base, authorization),
                        enrolments(http, photo)));
            }
        }
    }

    /** The photo fitted into 640x480 (aspect kept, grey bars), as JPEG. */
    static byte[] photo640x480(Path file) throws Exception {
        BufferedImage source = ImageIO.read(new ByteArrayInputStream(TestImages.read(file)));
        double scale = Math.min(640.0 / source.getWidth(), 480.0 / source.getHeight());
        int w = (int) Math.round(source.getWidth() * scale);
        int h = (int) Math.round(source.getHeight() * scale);
        BufferedImage out = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(java.awt.Color.GRAY);
        g.fillRect(0, 0, 640, 480);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(source, (640 - w) / 2, (480 - h) / 2, w, h, null);
        g.dispose();
        return TestImages.encode(out, "jpeg");
    }

    /** Grows the gallery from `from` to `to` templates, 32 per person, on 4 connections. */
    static void fill(Http http, int from, int to) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> jobs = new ArrayList<>();
        for (int first = from; first < to; first += 32) {
            int count = Math.min(32, to - first);
            int seed = first;
            jobs.add(pool.submit(() -> {
                Http.Reply person = http.post("/api/v1/persons", "{\"name\":\"synthetic " + seed + "\"}");
                String id = person.object().getString("id");
                Random random = new Random(seed);
                StringBuilder body = new StringBuilder("{\"descriptors\":[");
                for (int t = 0; t < count; t++) {
                    body.append(t == 0 ? "" : ",").append(Arrays.toString(unit(random)));
                }
                Http.Reply r = http.post("/api/v1/persons/" + id + "/faces/descriptors", body.append("]}").toString());
                if (r.status() != 201) {
                    throw new IllegalStateException("import failed: " + r);
                }
                return null;
            }));
        }
        for (Future<?> job : jobs) {
            job.get();
        }
        pool.shutdown();
    }

    private static float[] unit(Random random) {
        float[] v = new float[128];
        double norm = 0;
        for (int d = 0; d < v.length; d++) {
            v[d] = (float) random.nextGaussian();
            norm += v[d] * v[d];
        }
        for (int d = 0; d < v.length; d++) {
            v[d] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    /** Each request enrols the photo; a new person every 30 enrolments (a person holds at most 32 faces). */
    private static Function<LoadClient, LoadClient.Answer> enrolments(Http http, byte[] photo) {
        AtomicInteger counter = new AtomicInteger();
        List<String> persons = new java.util.concurrent.CopyOnWriteArrayList<>();
        return client -> {
            int k = counter.getAndIncrement();
            int index = k / 30;
            synchronized (persons) {
                while (persons.size() <= index) {
                    persons.add(http.post("/api/v1/persons", "{\"name\":\"enrol load " + persons.size() + "\"}")
                            .object().getString("id"));
                }
            }
            LoadClient.Answer answer = client.post("/api/v1/persons/" + persons.get(index) + "/faces?pick=largest",
                    "image/jpeg", photo);
            if (answer.status() != 201 && answer.status() != 429 && FIRST_FAILURE.compareAndSet(null, answer.toString())) {
                System.out.println("first failed enrolment: " + answer);
            }
            return answer;
        };
    }

    private record Result(int concurrency, double seconds, long[] okNanos, long[] nodeNanos, long[] overheadNanos,
                          int refused, int failed) {
    }

    /**
     * Warm-up per level before measuring ({@code -Dfacegrid.bench.warmup=SECONDS}): the HTTP, security and JSON
     * code around the pipeline needs a few hundred requests before the JIT has compiled it.
     */
    private static final long WARMUP_NANOS = Long.getLong("facegrid.bench.warmup", 10) * 1_000_000_000L;

    /** c clients send back to back for the warm-up, then for `seconds`; only the measured part counts. */
    private static Result run(int c, int seconds, Supplier<LoadClient> connect,
                              Function<LoadClient, LoadClient.Answer> request) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(c);
        long warmEnd = System.nanoTime() + WARMUP_NANOS;
        long end = warmEnd + seconds * 1_000_000_000L;
        List<Future<List<long[]>>> futures = new ArrayList<>();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        for (int i = 0; i < c; i++) {
            futures.add(clients.submit(() -> {
                List<long[]> mine = new ArrayList<>(); // {took, node's own time}
                long now;
                try (LoadClient client = connect.get()) {
                    while ((now = System.nanoTime()) < end) {
                        LoadClient.Answer answer = request.apply(client);
                        int status = answer.status();
                        long took = System.nanoTime() - now;
                        if (now < warmEnd) {
                            continue;
                        }
                        if (status == 200 || status == 201) {
                            long node = Math.round(answer.nodeMillis() * 1e6);
                            mine.add(new long[] {took, node});
                        } else if (status == 429) {
                            refused.incrementAndGet();
                            Thread.sleep(50); // a polite client backs off a little
                        } else {
                            failed.incrementAndGet();
                        }
                    }
                }
                return mine;
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<List<long[]>> f : futures) {
            all.addAll(f.get());
        }
        clients.shutdown();
        return new Result(c, seconds, all.stream().mapToLong(t -> t[0]).sorted().toArray(),
                all.stream().mapToLong(t -> t[1]).sorted().toArray(),
                all.stream().mapToLong(t -> t[0] - t[1]).sorted().toArray(), refused.get(), failed.get());
    }

    private static void report(String what, int gallery, int c, Result r) {
        long[] t = r.okNanos();
        System.out.printf(Locale.ROOT, "api %s gallery=%d concurrency=%d req_per_s=%.1f p50_ms=%.1f p99_ms=%.1f "
                        + "refused_429=%d failed=%d node_p50_ms=%.1f overhead_p50_ms=%.2f overhead_p99_ms=%.2f%n",
                what, gallery, c, t.length / r.seconds(), percentile(t, 0.50), percentile(t, 0.99), r.refused(),
                r.failed(), percentile(r.nodeNanos(), 0.50), percentile(r.overheadNanos(), 0.50),
                percentile(r.overheadNanos(), 0.99));
    }

    private static double percentile(long[] sortedNanos, double p) {
        return sortedNanos.length == 0 ? 0
                : sortedNanos[Math.min(sortedNanos.length - 1, (int) (sortedNanos.length * p))] / 1e6;
    }
}
