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

    /** Creates a matcher: native kernels when they load, else Java ones with identical results. */
    static Matcher create(int dimensions, Precision precision) {
        return new FlatMatcher(dimensions, precision, NativeKernels.available());
    }

    /** How templates are held: exact float32, or int8 with a scale per template (a quarter of the memory). */
    enum Precision { FLOAT32, INT8 }
}
