package org.facegrid.storage;

import java.util.List;
import java.util.Optional;

/**
 * Images and other blobs, by key. Keys are paths of safe segments ({@link ObjectKeys}); writes are atomic:
 * a reader sees the whole old object, the whole new one, or none, never a part.
 */
public interface ObjectStore {
    /** Largest object accepted, in bytes. */
    long MAX_SIZE = 25L * 1024 * 1024;

    /**
     * Stores (or replaces) an object.
     *
     * @throws org.facegrid.problem.InvalidInputException for a bad key or content type
     * @throws org.facegrid.problem.TooLargeException above {@link #MAX_SIZE}
     */
    ObjectRecord put(String key, String contentType, byte[] bytes);

    Optional<StoredObject> get(String key);

    /** False when there was no such object. */
    boolean delete(String key);

    /** What is recorded of every object whose key starts with {@code prefix} ("" for all), in key order. */
    List<ObjectRecord> list(String prefix);

    /** An object and what is recorded about it. */
    record StoredObject(ObjectRecord record, byte[] bytes) {
    }
}
