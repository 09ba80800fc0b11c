package org.facegrid.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.facegrid.cluster.WriteGuard;
import org.facegrid.problem.InvalidInputException;
import org.facegrid.store.CacheOf;
import org.facegrid.store.DataCache;
import org.infinispan.Cache;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The cluster's object storage settings, in the {@code settings} cache: {@code storage.mode} ({@code local}:
 * each data node keeps objects on its own disk; {@code shared}: every node uses one mounted directory,
 * {@code storage.shared.dir}), {@code storage.copies} (1 or 2, local mode), {@code storage.migrating.to} (while a
 * migration to shared mode runs) and the key nodes present to each other's {@code /internal/objects} endpoint
 * (made once, by the first node). While the settings cannot be
 * read (a minority side) the last values read are used: the mode does not change because a node is away.
 */
@ApplicationScoped
public class StorageSettings {
    static final String MODE = "storage.mode";
    static final String SHARED_DIR = "storage.shared.dir";
    static final String COPIES = "storage.copies";
    static final String CLUSTER_KEY = "storage.cluster.key";
    static final String MIGRATING_TO = "storage.migrating.to";

    /**
     * What is in force. {@code sharedDir} is null in local mode; {@code migratingTo} is the shared directory a
     * running migration fills (writes and deletes reach it too), else null.
     */
    public record Config(boolean shared, Path sharedDir, int copies, Path migratingTo) {
    }

    @Inject
    @CacheOf(DataCache.SETTINGS)
    private Cache<String, String> settings;

    @Inject
    WriteGuard writes;

    private volatile Config last = new Config(false, null, 1, null);
    private volatile String clusterKey;

    public StorageSettings() {
    }

    /** On a given settings cache (tests run the store on a local cache manager). */
    StorageSettings(Cache<String, String> settings, WriteGuard writes) {
        this.settings = settings;
        this.writes = writes;
    }

    public Config current() {
        try {
            String dir = settings.get(SHARED_DIR);
            boolean shared = "shared".equals(settings.get(MODE)) && dir != null;
            String copies = settings.get(COPIES);
            String migrating = settings.get(MIGRATING_TO);
            last = new Config(shared, shared ? Path.of(dir) : null, copies == null ? 1 : Integer.parseInt(copies),
                    shared || migrating == null ? null : Path.of(migrating));
        } catch (RuntimeException unavailable) {
            // keep the last values read
        }
        return last;
    }

    /**
     * @throws InvalidInputException unless copies is 1 or 2
     * @throws org.facegrid.problem.WritesRefusedException this side may not write now
     */
    public void setCopies(int copies) {
        if (copies != 1 && copies != 2) {
            throw InvalidInputException.of("copies", "must be 1 or 2, not " + copies);
        }
        writes.ensureWritable();
        settings.put(COPIES, String.valueOf(copies));
    }

    /** From now on every write and delete also reaches {@code dir} (a migration to shared mode copies the rest). */
    public void startMigration(Path dir) {
        writes.ensureWritable();
        settings.put(MIGRATING_TO, dir.toString());
    }

    /** The switch of a migration: every node reads and writes {@code dir} from now on. */
    public void switchToShared(Path dir) {
        writes.ensureWritable();
        settings.put(SHARED_DIR, dir.toString());
        settings.put(MODE, "shared");
        settings.remove(MIGRATING_TO);
    }

    /** The key nodes present to each other; made by the first node that asks, the same everywhere after. */
    public String clusterKey() {
        String key = clusterKey;
        if (key == null) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String mine = HexFormat.of().formatHex(random);
            String existing = settings.putIfAbsent(CLUSTER_KEY, mine);
            key = existing != null ? existing : mine;
            clusterKey = key;
        }
        return key;
    }

    /** Whether a caller of the internal endpoints presented this cluster's key. */
    public boolean isClusterKey(String presented) {
        return presented != null && java.security.MessageDigest.isEqual(
                presented.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                clusterKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
