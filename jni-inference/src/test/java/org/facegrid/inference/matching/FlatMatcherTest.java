package org.facegrid.inference.matching;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlatMatcherTest {
    private static final int DIM = 128;

    static float[] randomUnit(Random random) {
        float[] v = new float[DIM];
        double norm = 0;
        for (int d = 0; d < DIM; d++) {
            v[d] = (float) random.nextGaussian();
            norm += v[d] * v[d];
        }
        for (int d = 0; d < DIM; d++) {
            v[d] = (float) (v[d] / Math.sqrt(norm));
        }
        return v;
    }

    private static List<float[]> gallery(long seed, int size) {
        Random random = new Random(seed);
        return IntStream.range(0, size).mapToObj(i -> randomUnit(random)).toList();
    }

    private static FlatMatcher filled(Matcher.Precision precision, boolean useNative, List<float[]> vectors) {
        FlatMatcher matcher = new FlatMatcher(DIM, precision, useNative);
        for (int i = 0; i < vectors.size(); i++) {
            matcher.add("t" + i, vectors.get(i));
        }
        return matcher;
    }

    @Test
    void nativeAndJavaReturnIdenticalResultsOnEverySimdLevel() {
        // never skipped: a missing gcc is installed by .ci/run, and the project builds the kernels for x86-64 Linux
        assertTrue(NativeKernels.available(), "native matcher not loaded: " + NativeKernels.unavailableReason());
        List<float[]> vectors = gallery(1, 3000);
        List<float[]> queries = gallery(2, 40);
        int detected = NativeKernels.simdLevel();
        try {
            for (Matcher.Precision precision : Matcher.Precision.values()) {
                FlatMatcher java = filled(precision, false, vectors);
                FlatMatcher nativeMatcher = filled(precision, true, vectors);
                for (int level : new int[] {0, 2, 3}) {
                    if (NativeKernels.limitSimdLevel(level) != level) {
                        continue; // this CPU does not offer the level
                    }
                    for (float[] q : queries) {
                        assertEquals(java.search(q, 10), nativeMatcher.search(q, 10),
                                precision + " at SIMD level " + level);
                    }
                }
            }
        } finally {
            NativeKernels.limitSimdLevel(detected);
        }
    }

    @Test
    void tiesAreBrokenTheSameWayEverywhere() {
        Random random = new Random(7);
        float[] a = randomUnit(random);
        float[] b = randomUnit(random);
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            vectors.add(i % 2 == 0 ? a : b); // only two distinct distances from any query
        }
        for (Matcher.Precision precision : Matcher.Precision.values()) {
            List<Match> javaResult = filled(precision, false, vectors).search(a, 7);
            assertEquals(List.of("t0", "t2", "t4", "t6", "t8", "t10", "t12"),
                    javaResult.stream().map(Match::id).toList(), precision.toString());
            if (NativeKernels.available()) {
                assertEquals(javaResult, filled(precision, true, vectors).search(a, 7), precision.toString());
            }
        }
    }

    @Test
    void threadsAndBatchesGiveTheSingleQueryResultsTiesIncluded() {
        Random random = new Random(11);
        List<float[]> vectors = new ArrayList<>(gallery(12, FlatMatcher.PARALLEL_FROM + 5000));
        float[] twin = randomUnit(random);
        for (int i = 0; i < vectors.size(); i += vectors.size() / 7) {
            vectors.set(i, twin); // equal distances in every thread's range
        }
        List<float[]> queries = new ArrayList<>(gallery(13, 37));
        queries.add(twin);
        float[][] batch = queries.toArray(new float[0][]);
        for (Matcher.Precision precision : Matcher.Precision.values()) {
            for (boolean useNative : NativeKernels.available() ? new boolean[] {false, true} : new boolean[] {false}) {
                FlatMatcher single = new FlatMatcher(DIM, precision, useNative, 1);
                FlatMatcher parallel = new FlatMatcher(DIM, precision, useNative, 3);
                for (int i = 0; i < vectors.size(); i++) {
                    single.add("t" + i, vectors.get(i));
                    parallel.add("t" + i, vectors.get(i));
                }
                List<List<Match>> batched = parallel.search(batch, 5);
                for (int j = 0; j < batch.length; j++) {
                    assertEquals(single.search(batch[j], 5), batched.get(j), precision + " native=" + useNative + " query " + j);
                }
                assertEquals("t0", batched.get(batch.length - 1).get(0).id(), "the first of equal templates wins");
            }
        }
    }

    @Test
    void float32FindsTheTrueNearestNeighbours() {
        List<float[]> vectors = gallery(3, 2000);
        FlatMatcher matcher = filled(Matcher.Precision.FLOAT32, NativeKernels.available(), vectors);
        for (float[] q : gallery(4, 30)) {
            List<Integer> expected = IntStream.range(0, vectors.size()).boxed()
                    .sorted(Comparator.comparingDouble(i -> exactDistance(q, vectors.get(i)))).limit(5).toList();
            List<Match> found = matcher.search(q, 5);
            assertEquals(expected.stream().map(i -> "t" + i).toList(), found.stream().map(Match::id).toList());
            assertEquals(exactDistance(q, vectors.get(expected.get(0))), found.get(0).distance(), 1e-5);
        }
    }

    @Test
    void int8ReturnsTheFloat32TopKOnRandomAndNoisyQueries() {
        // random unit vectors: nearest neighbours closer together than int8 rounding can tell apart
        List<float[]> vectors = gallery(5, 20_000);
        FlatMatcher exact = filled(Matcher.Precision.FLOAT32, false, vectors);
        FlatMatcher int8 = filled(Matcher.Precision.INT8, NativeKernels.available(), vectors);
        Random random = new Random(6);
        int queries = 400;
        int same = 0;
        for (int i = 0; i < queries; i++) {
            float[] q;
            if (i % 2 == 0) {
                q = gallery(100 + i, 1).get(0);
            } else { // a noisy copy of a gallery vector, as a second photo of an enrolled face would be
                q = vectors.get(random.nextInt(vectors.size())).clone();
                for (int d = 0; d < DIM; d++) {
                    q[d] += (float) (random.nextGaussian() * 0.03);
                }
            }
            if (exact.search(q, 10).equals(int8.search(q, 10))) {
                same++;
            }
        }
        // >= 99.9%: here every one of the 400, ids and exact distances alike
        assertEquals(queries, same, "int8 top-10 equal to float32's");
    }

    @Test
    void addReplaceAndRemove() {
        for (Matcher.Precision precision : Matcher.Precision.values()) {
            List<float[]> vectors = gallery(8, 4);
            FlatMatcher matcher = filled(precision, NativeKernels.available(), vectors);
            assertEquals(4, matcher.size());
            assertTrue(matcher.remove("t1"));
            assertFalse(matcher.remove("t1"));
            assertEquals(3, matcher.size());
            assertTrue(matcher.search(vectors.get(1), 4).stream().noneMatch(m -> m.id().equals("t1")));
            // t3 moved into t1's slot and is still found where it is
            assertEquals("t3", matcher.search(vectors.get(3), 1).get(0).id());
            matcher.add("t0", vectors.get(2)); // replace t0's template
            assertEquals(3, matcher.size());
            assertEquals(List.of("t0", "t2"), matcher.search(vectors.get(2), 2).stream().map(Match::id).sorted().toList());
            assertEquals(0f, matcher.search(vectors.get(3), 1).get(0).distance(), precision == Matcher.Precision.INT8 ? 0.05f : 0f);
        }
    }

    @Test
    void searchesStayCorrectWhileTemplatesComeAndGo() throws Exception {
        Matcher matcher = Matcher.create(DIM, Matcher.Precision.FLOAT32);
        List<float[]> stable = gallery(9, 50);
        for (int i = 0; i < stable.size(); i++) {
            matcher.add("stable" + i, stable.get(i));
        }
        List<float[]> churn = gallery(10, 500);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            Future<?> writer = threads.submit(() -> {
                for (int round = 0; round < 40 && !stop.get(); round++) {
                    for (int i = 0; i < churn.size(); i++) {
                        matcher.add("churn" + i, churn.get(i));
                    }
                    for (int i = 0; i < churn.size(); i++) {
                        matcher.remove("churn" + i);
                    }
                }
            });
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                int seed = r;
                readers.add(threads.submit(() -> {
                    Random random = new Random(seed);
                    int checked = 0;
                    // at least 100 searches each, and on until the writer is done
                    while (!writer.isDone() || checked < 100) {
                        int i = random.nextInt(stable.size());
                        List<Match> found = matcher.search(stable.get(i), 3);
                        assertEquals("stable" + i, found.get(0).id());
                        assertEquals(0f, found.get(0).distance());
                        assertTrue(found.get(1).distance() <= found.get(2).distance());
                        checked++;
                    }
                    return checked;
                }));
            }
            writer.get(60, TimeUnit.SECONDS);
            for (Future<Integer> reader : readers) {
                assertTrue(reader.get(30, TimeUnit.SECONDS) >= 100);
            }
            assertEquals(stable.size(), matcher.size());
        } finally {
            stop.set(true);
            threads.shutdownNow();
        }
    }

    @Test
    void refusesBadInput() {
        Matcher matcher = Matcher.create(DIM, Matcher.Precision.FLOAT32);
        assertThrows(IllegalArgumentException.class, () -> matcher.add("x", new float[64]));
        float[] nan = new float[DIM];
        nan[3] = Float.NaN;
        assertThrows(IllegalArgumentException.class, () -> matcher.add("x", nan));
        assertThrows(IllegalArgumentException.class, () -> matcher.search(new float[DIM], 0));
        assertThrows(IllegalArgumentException.class, () -> matcher.search(new float[DIM], FlatMatcher.MAX_K + 1));
        assertThrows(IllegalArgumentException.class, () -> Matcher.create(100, Matcher.Precision.INT8));
        assertEquals(List.of(), matcher.search(new float[DIM], 5));
    }

    private static double exactDistance(float[] a, float[] b) {
        double sum = 0;
        for (int d = 0; d < a.length; d++) {
            double diff = (double) a[d] - b[d];
            sum += diff * diff;
        }
        return Math.sqrt(sum);
    }
}
