package org.facegrid.backup;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import org.infinispan.Cache;
import org.infinispan.CacheStream;
import org.infinispan.commons.util.IntSet;
import org.infinispan.commons.util.IntSets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The caches a backup holds and a restore rewrites: the cluster's data. Not the node registry, health, the
 * face-event log or the job history: those describe the running cluster, not what it stores.
 */
@ApplicationScoped
public class BackupCaches {
    /**
     * Settings a restore leaves as they are: the running cluster's storage layout, its nodes' rotation, and the
     * job schedules (their timers live outside the caches and are not restored).
     */
    static final List<String> KEPT_SETTING_PREFIXES = List.of("storage.", "rotation.", "schedule.");
    static final String OBJECTS = "objects";
    static final String SETTINGS = "settings";
    /** Segments read per archive entry: enough to keep entries few, small enough to checkpoint often. */
    static final int SEGMENTS_PER_BLOCK = 16;

    @Resource(lookup = "java:jboss/infinispan/cache/facegrid/persons")
    private Cache<String, Object> persons;
    @Resource(lookup = "java:jboss/infinispan/cache/facegrid/person-external-ids")
    private Cache<String, Object> externalIds;
    @Resource(lookup = "java:jboss/infinispan/cache/facegrid/faces")
    private Cache<String, Object> faces;
    @Resource(lookup = "java:jboss/infinispan/cache/facegrid/person-faces")
    private Cache<String, Object> personFaces;
    @Resource(lookup = "java:jboss/infinispan/cache/facegrid/objects")
    private Cache<String, Object> objects;
    @Resource(lookup = "java:jboss/infinispan/cache/facegrid/events")
    private Cache<String, Object> events;
    @Resource(lookup = "java:jboss/infinispan/cache/facegrid/event-index")
    private Cache<String, Object> eventIndex;
    @Resource(lookup = "java:jboss/infinispan/cache/facegrid/settings")
    private Cache<String, Object> settings;

    /** In a fixed order: a checkpoint counts blocks along it. */
    public List<Cache<String, Object>> all() {
        return List.of(settings, persons, externalIds, faces, personFaces, events, eventIndex, objects);
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
