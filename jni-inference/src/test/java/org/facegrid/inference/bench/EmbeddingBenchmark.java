package org.facegrid.inference.bench;

import org.facegrid.inference.ReferenceChips;
import org.facegrid.inference.embedding.FaceEmbedder;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Milliseconds per face of the dlib descriptor on ONNX Runtime, for 1 thread and all threads, batches of 1
 * and 8, on the same drawn chips face-api's side of the benchmark uses (reference/make-reference.js --bench).
 */
public final class EmbeddingBenchmark {
    public static void main(String[] args) {
        int rounds = Integer.parseInt(System.getProperty("rounds", "30"));
        int all = Runtime.getRuntime().availableProcessors();
        for (int threads : new int[] {1, all}) {
            try (FaceEmbedder embedder = new FaceEmbedder(threads)) {
                for (int batch : new int[] {1, 8}) {
                    List<BufferedImage> chips = new ArrayList<>();
                    for (int i = 0; i < batch; i++) {
                        chips.add(ReferenceChips.drawn(i % 4));
                    }
                    embedder.embed(chips); // warm up
                    embedder.embed(chips);
                    long start = System.nanoTime();
                    for (int r = 0; r < rounds; r++) {
                        embedder.embed(chips);
                    }
                    double ms = (System.nanoTime() - start) / 1e6 / rounds / batch;
                    System.out.printf(Locale.ROOT, "facegrid onnxruntime threads=%d batch=%d ms_per_face=%.2f%n", threads, batch, ms);
                }
            }
        }
    }
}
