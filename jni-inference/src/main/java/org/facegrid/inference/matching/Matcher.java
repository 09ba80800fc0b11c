package org.facegrid.inference.matching;

import java.util.List;

/**
 * Exact 1:N search over a gallery of face descriptors. Thread-safe: searches run concurrently with each
 * other and with additions and removals, and always see a consistent gallery.
 */
public interface Matcher {
    /** Adds a template, or replaces the one with the same id. */
    void add(String id, float[] descriptor);

    /** Removes a template; false if there was none with that id. */
    boolean remove(String id);

    int size();

    /** The k nearest templates, nearest first; equal distances in gallery order, the same in every implementation. */
    List<Match> search(float[] query, int k);

    /**
     * Searches several queries at once: each template is read from memory once for all of them. The results
     * are those of {@link #search(float[], int)} for each query, in order.
     */
    List<List<Match>> search(float[][] queries, int k);

    /** A matcher searching on one thread: native kernels when they load, else Java ones with identical results. */
    static Matcher create(int dimensions, Precision precision) {
        return create(dimensions, precision, 1);
    }

    /** As {@link #create(int, Precision)}, with a large gallery split over this many threads per search. */
    static Matcher create(int dimensions, Precision precision, int threads) {
        return new FlatMatcher(dimensions, precision, NativeKernels.available(), threads);
    }

    /**
     * How the gallery is scanned: FLOAT32 reads every template's 4-byte values; INT8 reads int8 codes (a
     * quarter of the bytes, so about 3x faster where memory is the limit) and re-ranks the best candidates by
     * their exact float32 distance, which it keeps beside the codes (1.25x the memory of FLOAT32).
     */
    enum Precision { FLOAT32, INT8 }
}
