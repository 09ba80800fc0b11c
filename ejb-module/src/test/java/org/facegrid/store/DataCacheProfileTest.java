package org.facegrid.store;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The profile script creates exactly the caches {@link DataCache} defines, each kept the way it says. */
class DataCacheProfileTest {
    private static final Path PROFILE = Path.of(System.getProperty("facegrid.profile.cli",
            "../wildfly-config/cli/facegrid-profile.cli"));

    @Test
    void theProfileDefinesEveryDataCacheAndNoOther() throws Exception {
        String script = Files.readString(PROFILE);
        assertEquals(names(DataCache.Kind.DISTRIBUTED_PERSISTED), added(script, "distributed-cache=([a-z-]+):add"),
                "distributed caches of " + PROFILE);
        assertEquals(names(DataCache.Kind.DISTRIBUTED_PERSISTED), added(script, "distributed-cache=([a-z-]+)/store=file:add"),
                "every distributed cache is persisted in its file store");
        assertEquals(names(DataCache.Kind.REPLICATED_MEMORY), added(script, "replicated-cache=([a-z-]+):add"),
                "replicated caches of " + PROFILE);
        assertEquals(Set.of(), added(script, "replicated-cache=([a-z-]+)/store="), "replicated caches are memory only");
    }

    @Test
    void aBackupWritesTheDataCachesInTheirCheckpointOrder() {
        // a checkpoint counts blocks along this order: existing caches never move
        assertEquals(List.of("settings", "persons", "person-external-ids", "faces", "person-faces", "events",
                "event-index", "objects"), DataCache.backedUpCaches().stream().map(DataCache::cacheName).toList());
        assertTrue(DataCache.watchedByMembership().containsAll(DataCache.backedUpCaches()));
    }

    private static Set<String> names(DataCache.Kind kind) {
        return Arrays.stream(DataCache.values()).filter(c -> c.kind() == kind).map(DataCache::cacheName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> added(String script, String regex) {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("cache-container=facegrid/" + regex).matcher(script);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
