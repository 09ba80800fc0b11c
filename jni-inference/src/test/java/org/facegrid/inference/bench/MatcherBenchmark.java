package org.facegrid.inference.bench;

import org.facegrid.inference.matching.Matcher;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Random;

/**
 * Exact 1:N search over N random 128-d unit vectors: float32 and int8 (with top-1 agreement against float32),
 * one thread and all threads, single queries and batches of 16. Writes the vectors and queries to DIR so
 * faiss_peer.py searches exactly the same data and bench/plain_read.c reads the same bytes (the memory limit).
 *
 * <p>Usage: MatcherBenchmark N DIR [queries]
 */
public final class MatcherBenchmark {
    private static final int DIM = 128;
    private static final int AGREEMENT_QUERIES = 1000;

    public static void main(String[] args) throws IOException {
        int n = Integer.parseInt(args[0]);
        Path dir = Path.of(args[1]);
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        Random random = new Random(42);
        float[] all = new float[n * DIM];
        for (int i = 0; i < n; i++) {
            unit(random, all, i * DIM);
        }
        float[] q = new float[queries * DIM];
        for (int i = 0; i < queries; i++) {
            unit(random, q, i * DIM);
        }
        write(dir.resolve("base-" + n + ".f32"), all);
        write(dir.resolve("queries-" + n + ".f32"), q);

        int cores = Runtime.getRuntime().availableProcessors();
        float[][] qs = new float[queries][DIM];
        for (int i = 0; i < queries; i++) {
            System.arraycopy(q, i * DIM, qs[i], 0, DIM);
        }
        Matcher exact = null;
        for (Matcher.Precision precision : Matcher.Precision.values()) {
            for (int threads : new int[] {1, cores}) {
                Matcher matcher = Matcher.create(DIM, precision, threads);
                float[] v = new float[DIM];
                for (int i = 0; i < n; i++) {
                    System.arraycopy(all, i * DIM, v, 0, DIM);
                    matcher.add("t" + i, v);
                }
                double single = timePerQuery(matcher, qs);
                double batched = timePerQueryInBatches(matcher, qs, 16);
                String extra = "";
                if (precision == Matcher.Precision.FLOAT32 && threads == 1) {
                    exact = matcher;
                    extra = String.format(Locale.ROOT, " GB/s=%.1f", n * DIM * 4.0 / (single / 1e3) / 1e9);
                } else if (precision == Matcher.Precision.INT8 && threads == 1 && exact != null) {
                    // int8 scans the codes (a byte per value) and re-ranks a few dozen float32 rows per query;
                    // agreement over 1000 further random queries, enough to see a 0.1% miss rate
                    Random agreementQueries = new Random(7);
                    float[] query = new float[DIM];
                    int agree = 0;
                    for (int i = 0; i < AGREEMENT_QUERIES; i++) {
                        unit(agreementQueries, query, 0);
                        if (exact.search(query, 1).get(0).id().equals(matcher.search(query, 1).get(0).id())) {
                            agree++;
                        }
                    }
                    extra = String.format(Locale.ROOT, " top1_agreement=%.4f code_GB/s=%.1f",
                            (double) agree / AGREEMENT_QUERIES, n * (double) DIM / (single / 1e3) / 1e9);
                }
                System.out.printf(Locale.ROOT, "n=%d facegrid %s threads=%d single ms_per_query=%.2f batch16 ms_per_query=%.2f%s%n",
                        n, precision.name().toLowerCase(), threads, single, batched, extra);
                if (matcher != exact) {
                    matcher = null; // let the collector take it before the next one is filled
                }
            }
        }
    }

    private static double timePerQueryInBatches(Matcher matcher, float[][] queries, int size) {
        int batches = queries.length / size;
        matcher.search(java.util.Arrays.copyOfRange(queries, 0, size), 10);
        long start = System.nanoTime();
        for (int b = 0; b < batches; b++) {
            matcher.search(java.util.Arrays.copyOfRange(queries, b * size, (b + 1) * size), 10);
        }
        return (System.nanoTime() - start) / 1e6 / (batches * size);
    }

    private static double timePerQuery(Matcher matcher, float[][] queries) {
        matcher.search(queries[0], 10);
        long start = System.nanoTime();
        for (float[] q : queries) {
            matcher.search(q, 10);
        }
        return (System.nanoTime() - start) / 1e6 / queries.length;
    }

    private static void unit(Random random, float[] out, int offset) {
        double norm = 0;
        for (int d = 0; d < DIM; d++) {
            float g = (float) random.nextGaussian();
            out[offset + d] = g;
            norm += g * g;
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int d = 0; d < DIM; d++) {
            out[offset + d] *= inv;
        }
    }

    private static void write(Path file, float[] values) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : values) {
                if (!buffer.hasRemaining()) {
                    buffer.flip();
                    channel.write(buffer);
                    buffer.clear();
                }
                buffer.putFloat(v);
            }
            buffer.flip();
            channel.write(buffer);
        }
    }
}
