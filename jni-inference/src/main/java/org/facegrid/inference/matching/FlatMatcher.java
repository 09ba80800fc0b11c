package org.facegrid.inference.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A flat gallery: templates side by side in one array, scanned whole for every query (exact search).
 * Removal moves the last template into the freed slot, so the gallery stays dense.
 *
 * <p>The Java kernels follow the native ones' canonical arithmetic (see matcher.c): same distances to the
 * bit, same rankings, so a node without the native library answers exactly as one with it.
 *
 * <p>INT8 scans int8 codes (a quarter of the bytes float32 reads), keeps the best {@code k + RERANK_EXTRA}
 * candidates, and ranks those again by their exact float32 distance: the codes alone cannot tell apart
 * neighbours closer than their rounding error, the re-ranking can, for the cost of reading a few dozen rows.
 */
final class FlatMatcher implements Matcher {
    static final int MAX_K = 1000;
    private static final int LANES = 16;
    /** Queries per native call at most, and result entries (queries x k) per call at most. */
    private static final int MAX_BATCH = 64;
    private static final int RESULT_BUDGET = 16_384;
    /** Below this many templates one thread is faster than handing out work. */
    static final int PARALLEL_FROM = 20_000;
    /** INT8: candidates beyond k that the int8 scan passes to the exact float32 re-ranking. */
    static final int RERANK_EXTRA = 32;

    private final int dim;
    private final Matcher.Precision precision;
    private final boolean useNative;
    private final int threads;
    private volatile ExecutorService pool;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    private final Map<String, Integer> slotById = new HashMap<>();
    private String[] ids = new String[0];
    private int count;
    private float[] vectors = new float[0];   // count * dim: scanned (FLOAT32) or re-ranked (INT8)
    private byte[] quantized = new byte[0];   // INT8: count * dim
    private float[] scales = new float[0];    // INT8: per template
    private float[] norms = new float[0];     // INT8: squared norm of the original template

    FlatMatcher(int dimensions, Matcher.Precision precision, boolean useNative) {
        this(dimensions, precision, useNative, 1);
    }

    FlatMatcher(int dimensions, Matcher.Precision precision, boolean useNative, int threads) {
        if (dimensions <= 0 || dimensions % 32 != 0) {
            throw new IllegalArgumentException("dimensions must be a positive multiple of 32, not " + dimensions);
        }
        this.dim = dimensions;
        this.precision = precision;
        this.useNative = useNative;
        this.threads = Math.max(1, threads);
    }

    @Override
    public void add(String id, float[] descriptor) {
        checkDescriptor(descriptor);
        lock.writeLock().lock();
        try {
            Integer slot = slotById.get(id);
            if (slot == null) {
                slot = count++;
                ensureCapacity(count);
                slotById.put(id, slot);
                ids[slot] = id;
            }
            store(slot, descriptor);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public boolean remove(String id) {
        lock.writeLock().lock();
        try {
            Integer slot = slotById.remove(id);
            if (slot == null) {
                return false;
            }
            int last = --count;
            if (slot != last) {
                ids[slot] = ids[last];
                slotById.put(ids[slot], slot);
                System.arraycopy(vectors, last * dim, vectors, slot * dim, dim);
                if (precision == Matcher.Precision.INT8) {
                    System.arraycopy(quantized, last * dim, quantized, slot * dim, dim);
                    scales[slot] = scales[last];
                    norms[slot] = norms[last];
                }
            }
            ids[last] = null;
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public int size() {
        lock.readLock().lock();
        try {
            return count;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<Match> search(float[] query, int k) {
        return search(new float[][] {query}, k).get(0);
    }

    @Override
    public List<List<Match>> search(float[][] queries, int k) {
        for (float[] q : queries) {
            checkDescriptor(q);
        }
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("k must be between 1 and " + MAX_K + ", not " + k);
        }
        List<List<Match>> results = new ArrayList<>(queries.length);
        // bounded so the native side's per-call result buffers stay small
        int chunk = Math.max(1, Math.min(MAX_BATCH, RESULT_BUDGET / scanDepth(k)));
        lock.readLock().lock();
        try {
            for (int from = 0; from < queries.length; from += chunk) {
                results.addAll(searchChunk(Arrays.copyOfRange(queries, from, Math.min(queries.length, from + chunk)), k));
            }
            return results;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** How many candidates the scan keeps per query: k, or for INT8 k plus those to re-rank. */
    private int scanDepth(int k) {
        return precision == Matcher.Precision.FLOAT32 ? k : k + RERANK_EXTRA;
    }

    /**
     * One batch of queries: the gallery is cut into one range per thread; the ranges' results are merged
     * (and for INT8 re-ranked by exact distance).
     */
    private List<List<Match>> searchChunk(float[][] queries, int k) {
        int nq = queries.length;
        int depth = scanDepth(k);
        int parts = count >= PARALLEL_FROM ? threads : 1;
        List<RangeResult> ranges = new ArrayList<>(parts);
        Prepared prepared = prepare(queries);
        if (parts == 1) {
            ranges.add(scan(prepared, nq, 0, count, depth));
        } else {
            List<Future<RangeResult>> futures = new ArrayList<>(parts);
            for (int p = 0; p < parts; p++) {
                int start = (int) ((long) count * p / parts);
                int end = (int) ((long) count * (p + 1) / parts);
                futures.add(pool().submit(() -> scan(prepared, nq, start, end, depth)));
            }
            for (Future<RangeResult> future : futures) {
                try {
                    ranges.add(future.get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("search interrupted", e);
                } catch (ExecutionException e) {
                    throw new IllegalStateException("search failed", e.getCause());
                }
            }
        }
        List<List<Match>> results = new ArrayList<>(nq);
        float[] lanes = new float[LANES];
        for (int j = 0; j < nq; j++) {
            // merging the ranges in order with the same rule keeps the single-range ranking, ties included
            float[] best = new float[depth];
            int[] slots = new int[depth];
            int found = 0;
            for (RangeResult range : ranges) {
                for (int i = 0; i < range.found()[j]; i++) {
                    found = offer(best, slots, found, depth, range.distances()[j * depth + i],
                            range.slots()[j * depth + i]);
                }
            }
            if (precision == Matcher.Precision.INT8) {
                int[] candidates = Arrays.copyOf(slots, found);
                Arrays.sort(candidates); // offered in slot order, exact ties keep the lower slot as in FLOAT32
                found = 0;
                for (int slot : candidates) {
                    float exact = squaredDistance(queries[j], 0, vectors, slot * dim, dim, lanes);
                    found = offer(best, slots, found, k, exact, slot);
                }
            }
            found = Math.min(found, k);
            List<Match> matches = new ArrayList<>(found);
            for (int i = 0; i < found; i++) {
                matches.add(new Match(ids[slots[i]], (float) Math.sqrt(Math.max(0f, best[i]))));
            }
            results.add(matches);
        }
        return results;
    }

    /** The queries as the kernels take them: flattened floats for FLOAT32; int8 codes, scales and norms for INT8. */
    private record Prepared(float[] floats, byte[] bytes, float[] scales, float[] norms) {
    }

    private Prepared prepare(float[][] queries) {
        if (precision == Matcher.Precision.FLOAT32) {
            float[] floats = new float[queries.length * dim];
            for (int j = 0; j < queries.length; j++) {
                System.arraycopy(queries[j], 0, floats, j * dim, dim);
            }
            return new Prepared(floats, null, null, null);
        }
        byte[] bytes = new byte[queries.length * dim];
        float[] queryScales = new float[queries.length];
        float[] queryNorms = new float[queries.length];
        for (int j = 0; j < queries.length; j++) {
            queryScales[j] = quantize(queries[j], bytes, j * dim);
            queryNorms[j] = squaredNorm(queries[j]);
        }
        return new Prepared(null, bytes, queryScales, queryNorms);
    }

    private record RangeResult(int[] slots, float[] distances, int[] found) {
    }

    /** Scans slots [start, end) for every query, natively or in Java; both compute the same numbers. */
    private RangeResult scan(Prepared q, int nq, int start, int end, int k) {
        int[] slots = new int[nq * k];
        float[] distances = new float[nq * k];
        int[] found = new int[nq];
        boolean floats = precision == Matcher.Precision.FLOAT32;
        if (useNative) {
            if (floats) {
                NativeKernels.searchF32(vectors, start, end, dim, q.floats(), nq, k, slots, distances, found);
            } else {
                NativeKernels.searchI8(quantized, scales, norms, start, end, dim, q.bytes(), q.scales(), q.norms(),
                        nq, k, slots, distances, found);
            }
            return new RangeResult(slots, distances, found);
        }
        float[] lanes = new float[LANES];
        for (int i = start; i < end; i++) {
            for (int j = 0; j < nq; j++) {
                float distance;
                if (floats) {
                    distance = squaredDistance(q.floats(), j * dim, vectors, i * dim, dim, lanes);
                } else {
                    int dot = 0;
                    int offset = i * dim;
                    for (int d = 0; d < dim; d++) {
                        dot += q.bytes()[j * dim + d] * quantized[offset + d];
                    }
                    distance = (q.norms()[j] + norms[i]) - 2.0f * (q.scales()[j] * scales[i] * (float) dot);
                }
                found[j] = offerAt(distances, slots, j * k, found[j], k, distance, i);
            }
        }
        return new RangeResult(slots, distances, found);
    }

    private ExecutorService pool() {
        ExecutorService current = pool;
        if (current == null) {
            synchronized (this) {
                if (pool == null) {
                    pool = Executors.newFixedThreadPool(threads, runnable -> {
                        Thread thread = new Thread(runnable, "facegrid-matcher");
                        thread.setDaemon(true);
                        return thread;
                    });
                }
                current = pool;
            }
        }
        return current;
    }

    /** The canonical float32 distance: 16 lanes of fused multiply-adds, summed pairwise (see matcher.c). */
    static float squaredDistance(float[] queries, int queryOffset, float[] data, int offset, int dim, float[] lanes) {
        Arrays.fill(lanes, 0f);
        for (int d = 0; d < dim; d++) {
            float diff = queries[queryOffset + d] - data[offset + d];
            lanes[d & 15] = Math.fma(diff, diff, lanes[d & 15]);
        }
        for (int j = 0; j < 8; j++) {
            lanes[j] = lanes[j] + lanes[j + 8];
        }
        for (int j = 0; j < 4; j++) {
            lanes[j] = lanes[j] + lanes[j + 4];
        }
        for (int j = 0; j < 2; j++) {
            lanes[j] = lanes[j] + lanes[j + 2];
        }
        return lanes[0] + lanes[1];
    }

    /** Keeps the k best in ascending order; an equal distance does not displace an earlier slot. */
    static int offer(float[] best, int[] slots, int count, int k, float distance, int slot) {
        return offerAt(best, slots, 0, count, k, distance, slot);
    }

    private static int offerAt(float[] best, int[] slots, int base, int count, int k, float distance, int slot) {
        if (count == k && !(distance < best[base + k - 1])) {
            return count;
        }
        int i = count < k ? count++ : k - 1;
        while (i > 0 && distance < best[base + i - 1]) {
            best[base + i] = best[base + i - 1];
            slots[base + i] = slots[base + i - 1];
            i--;
        }
        best[base + i] = distance;
        slots[base + i] = slot;
        return count;
    }

    /** Symmetric int8 with one scale per vector (largest magnitude -> 127); returns the scale. */
    static float quantize(float[] vector, byte[] out, int offset) {
        float max = 0f;
        for (float v : vector) {
            max = Math.max(max, Math.abs(v));
        }
        float scale = max == 0f ? 1f : max / 127f;
        for (int d = 0; d < vector.length; d++) {
            out[offset + d] = (byte) Math.max(-127, Math.min(127, Math.round(vector[d] / scale)));
        }
        return scale;
    }

    static float squaredNorm(float[] vector) {
        float sum = 0f;
        for (float v : vector) {
            sum += v * v;
        }
        return sum;
    }

    private void store(int slot, float[] descriptor) {
        System.arraycopy(descriptor, 0, vectors, slot * dim, dim);
        if (precision == Matcher.Precision.INT8) {
            scales[slot] = quantize(descriptor, quantized, slot * dim);
            norms[slot] = squaredNorm(descriptor);
        }
    }

    private void ensureCapacity(int needed) {
        if (needed <= ids.length) {
            return;
        }
        int capacity = Math.max(needed, Math.max(16, ids.length + (ids.length >> 1)));
        ids = Arrays.copyOf(ids, capacity);
        vectors = Arrays.copyOf(vectors, Math.multiplyExact(capacity, dim));
        if (precision == Matcher.Precision.INT8) {
            quantized = Arrays.copyOf(quantized, Math.multiplyExact(capacity, dim));
            scales = Arrays.copyOf(scales, capacity);
            norms = Arrays.copyOf(norms, capacity);
        }
    }

    private void checkDescriptor(float[] descriptor) {
        if (descriptor == null || descriptor.length != dim) {
            throw new IllegalArgumentException("a descriptor has " + dim + " values, not "
                    + (descriptor == null ? "none" : descriptor.length));
        }
        for (float v : descriptor) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("a descriptor holds only finite numbers");
            }
        }
    }
}
