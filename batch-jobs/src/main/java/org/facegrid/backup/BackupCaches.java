package org.facegrid.backup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.facegrid.store.DataCache;
import org.facegrid.store.DataCaches;
import org.infinispan.Cache;
import org.infinispan.CacheStream;
import org.infinispan.commons.util.IntSet;
import org.infinispan.commons.util.IntSets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The caches a backup holds and a restore rewrites: the cluster's data ({@link DataCache#backedUp}). Not the node
 * registry, health, the face-event log or the job history: those describe the running cluster, not what it stores.
 */
@ApplicationScoped
public class BackupCaches {
    /**
     * Settings a restore leaves as they are: the running cluster's storage layout, its nodes' rotation, and the
     * job schedules (their timers live outside the caches and are not restored).
     */
    static final List<String> KEPT_SETTING_PREFIXES = List.of("storage.", "rotation.", "schedule.");
    static final String OBJECTS = DataCache.OBJECTS.cacheName();
    static final String SETTINGS = DataCache.SETTINGS.cacheName();
    /** Segments read per archive entry: enough to keep entries few, small enough to checkpoint often. */
    static final int SEGMENTS_PER_BLOCK = 16;

    @Inject
    DataCaches caches;

    /** In a fixed order ({@link DataCache#backedUpCaches}): a checkpoint counts blocks along it. */
    public List<Cache<String, Object>> all() {
        return caches.get(DataCache.backedUpCaches());
    }

    public Optional<Cache<String, Object>> named(String name) {
        return all().stream().filter(c -> c.getName().equals(name)).findFirst();
    }

    /** One block of segments of a cache. */
    public record Block(Cache<String, Object> cache, int index, int fromSegment, int toSegment) {
        String entryName() {
            return "caches/" + cache.getName() + "/" + String.format("%04d", index) + ".bin";
        }
    }

    public List<Block> blocks() {
        return all().stream().flatMap(cache -> {
            int segments = cache.getCacheConfiguration().clustering().hash().numSegments();
            return java.util.stream.IntStream.range(0, (segments + SEGMENTS_PER_BLOCK - 1) / SEGMENTS_PER_BLOCK)
                    .mapToObj(b -> new Block(cache, b, b * SEGMENTS_PER_BLOCK,
                            Math.min(segments, (b + 1) * SEGMENTS_PER_BLOCK)));
        }).toList();
    }

    /**
     * The block's entries, read from their owners wherever they are (this node may own none). Only entries cross
     * the wire: no lambda is shipped to the owners.
     */
    public Map<String, Object> read(Block block) {
        IntSet segments = IntSets.mutableEmptySet(block.toSegment());
        for (int s = block.fromSegment(); s < block.toSegment(); s++) {
            segments.set(s);
        }
        Map<String, Object> entries = new LinkedHashMap<>();
        try (CacheStream<Map.Entry<String, Object>> stream = block.cache().entrySet().stream()
                .filterKeySegments(segments)) {
            stream.iterator().forEachRemaining(e -> entries.put(e.getKey(), e.getValue()));
        }
        return entries;
    }

    static boolean keptOnRestore(String cache, String key) {
        return cache.equals(SETTINGS) && KEPT_SETTING_PREFIXES.stream().anyMatch(key::startsWith);
    }
}
