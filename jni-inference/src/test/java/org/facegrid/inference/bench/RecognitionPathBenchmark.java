package org.facegrid.inference.bench;

import org.facegrid.inference.Face;
import org.facegrid.inference.FacePipeline;
import org.facegrid.inference.matching.Matcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The API's peer without the API: the same work a recognition request does (analyse the photo, search the
 * gallery for each face) in process, one call at a time, so the difference to the API's p50 at concurrency 1
 * is what HTTP, security, JAX-RS and the EJBs add. Usage: RecognitionPathBenchmark PHOTO SIZE...
 */
public final class RecognitionPathBenchmark {
    public static void main(String[] args) throws Exception {
        byte[] photo = Files.readAllBytes(Path.of(args[0]));
        int rounds = Integer.parseInt(System.getProperty("rounds", "100"));
        try (FacePipeline pipeline = FacePipeline.withDefaults()) {
            for (int i = 1; i < args.length; i++) {
                int size = Integer.parseInt(args[i]);
                Matcher matcher = Matcher.create(128, Matcher.Precision.FLOAT32, Runtime.getRuntime().availableProcessors());
                Random random = new Random(size);
                float[] v = new float[128];
                for (int t = 0; t < size; t++) {
                    double norm = 0;
                    for (int d = 0; d < 128; d++) {
                        v[d] = (float) random.nextGaussian();
                        norm += v[d] * v[d];
                    }
                    for (int d = 0; d < 128; d++) {
                        v[d] /= (float) Math.sqrt(norm);
                    }
                    matcher.add("t" + t, v);
                }
                long[] nanos = new long[rounds];
                for (int r = -5; r < rounds; r++) { // five rounds of warm-up
                    long start = System.nanoTime();
                    List<Face> faces = pipeline.analyse(photo);
                    for (Face face : faces) {
                        matcher.search(face.descriptor(), 3 * 32);
                    }
                    if (r >= 0) {
                        nanos[r] = System.nanoTime() - start;
                    }
                }
                Arrays.sort(nanos);
                System.out.printf(Locale.ROOT, "in_process recognise gallery=%d p50_ms=%.1f p99_ms=%.1f%n", size,
                        nanos[rounds / 2] / 1e6, nanos[Math.min(rounds - 1, rounds * 99 / 100)] / 1e6);
            }
        }
    }
}
