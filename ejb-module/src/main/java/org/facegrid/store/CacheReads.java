package org.facegrid.store;

import org.infinispan.Cache;
import org.infinispan.commons.util.CloseableIterator;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a whole cache into this node. Only entries cross the wire: Infinispan's distributed streams would ship
 * the deployment's lambdas to the owners, which cannot unmarshal them, so filtering and mapping stay here.
 */
public final class CacheReads {
    private CacheReads() {
    }

    public static <V> List<V> allValues(Cache<?, V> cache) {
        List<V> values = new ArrayList<>();
        try (CloseableIterator<V> iterator = cache.values().iterator()) {
            iterator.forEachRemaining(values::add);
        }
        return values;
    }

    /** Every entry, keys with their values. */
    public static <K, V> java.util.Map<K, V> allEntries(Cache<K, V> cache) {
        java.util.Map<K, V> entries = new java.util.HashMap<>();
        try (CloseableIterator<java.util.Map.Entry<K, V>> iterator = cache.entrySet().iterator()) {
            iterator.forEachRemaining(e -> entries.put(e.getKey(), e.getValue()));
        }
        return entries;
    }

    public static <K> List<K> allKeys(Cache<K, ?> cache) {
        List<K> keys = new ArrayList<>();
        try (CloseableIterator<K> iterator = cache.keySet().iterator()) {
            iterator.forEachRemaining(keys::add);
        }
        return keys;
    }
}
