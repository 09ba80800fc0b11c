package org.facegrid.inference.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A flat gallery: templates side by side in one array, scanned whole for every query (exact search).
 * Removal moves the last template into the freed slot, so the gallery stays dense.
 *
 * <p>The Java kernels follow the native ones' canonical arithmetic (see matcher.c): same distances to the
 * bit, same rankings, so a node without the native library answers exactly as one with it.
 */
final class FlatMatcher implements Matcher {
    static final int MAX_K = 1000;
    private static final int LANES = 16;

    private final int dim;
    private final Matcher.Precision precision;
    private final boolean useNative;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    private final Map<String, Integer> slotById = new HashMap<>();
    private String[] ids = new String[0];
    private int count;
    private float[] vectors = new float[0];   // FLOAT32: count * dim
    private byte[] quantized = new byte[0];   // INT8: count * dim
    private float[] scales = new float[0];    // INT8: per template
    private float[] norms = new float[0];     // INT8: squared norm of the original template

    FlatMatcher(int dimensions, Matcher.Precision precision, boolean useNative) {
        if (dimensions <= 0 || dimensions % 32 != 0) {
            throw new IllegalArgumentException("dimensions must be a positive multiple of 32, not " + dimensions);
        }
        this.dim = dimensions;
        this.precision = precision;
        this.useNative = useNative;
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
                if (precision == Matcher.Precision.FLOAT32) {
                    System.arraycopy(vectors, last * dim, vectors, slot * dim, dim);
                } else {
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
        checkDescriptor(query);
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("k must be between 1 and " + MAX_K + ", not " + k);
        }
        int[] slots = new int[k];
        float[] squared = new float[k];
        lock.readLock().lock();
        try {
            int found = precision == Matcher.Precision.FLOAT32
                    ? searchFloat(query, k, slots, squared)
                    : searchInt8(query, k, slots, squared);
            List<Match> matches = new ArrayList<>(found);
            for (int i = 0; i < found; i++) {
                matches.add(new Match(ids[slots[i]], (float) Math.sqrt(Math.max(0f, squared[i]))));
            }
            return matches;
        } finally {
            lock.readLock().unlock();
        }
    }

    private int searchFloat(float[] query, int k, int[] slots, float[] squared) {
        if (useNative) {
            return NativeKernels.searchF32(vectors, count, dim, query, k, slots, squared);
        }
        float[] lanes = new float[LANES];
        int found = 0;
        for (int i = 0; i < count; i++) {
            found = offer(squared, slots, found, k, squaredDistance(query, vectors, i * dim, lanes), i);
        }
        return found;
    }

    private int searchInt8(float[] query, int k, int[] slots, float[] squared) {
        byte[] q = new byte[dim];
        float queryScale = quantize(query, q, 0);
        float queryNorm = squaredNorm(query);
        if (useNative) {
            return NativeKernels.searchI8(quantized, scales, norms, count, dim, q, queryScale, queryNorm, k,
                    slots, squared);
        }
        int found = 0;
        for (int i = 0; i < count; i++) {
            int dot = 0;
            int offset = i * dim;
            for (int d = 0; d < dim; d++) {
                dot += q[d] * quantized[offset + d];
            }
            float distance = (queryNorm + norms[i]) - 2.0f * (queryScale * scales[i] * (float) dot);
            found = offer(squared, slots, found, k, distance, i);
        }
        return found;
    }

    /** The canonical float32 distance: 16 lanes of fused multiply-adds, summed pairwise (see matcher.c). */
    static float squaredDistance(float[] q, float[] data, int offset, float[] lanes) {
        Arrays.fill(lanes, 0f);
        for (int d = 0; d < q.length; d++) {
            float diff = q[d] - data[offset + d];
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
        if (count == k && !(distance < best[k - 1])) {
            return count;
        }
        int i = count < k ? count++ : k - 1;
        while (i > 0 && distance < best[i - 1]) {
            best[i] = best[i - 1];
            slots[i] = slots[i - 1];
            i--;
        }
        best[i] = distance;
        slots[i] = slot;
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
        if (precision == Matcher.Precision.FLOAT32) {
            System.arraycopy(descriptor, 0, vectors, slot * dim, dim);
        } else {
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
        if (precision == Matcher.Precision.FLOAT32) {
            vectors = Arrays.copyOf(vectors, Math.multiplyExact(capacity, dim));
        } else {
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
