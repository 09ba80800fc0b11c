package org.facegrid.storage;

import org.facegrid.cluster.WriteGuard;
import org.infinispan.Cache;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.manager.DefaultCacheManager;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryCreated;
import org.infinispan.notifications.cachelistener.event.CacheEntryCreatedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writes and deletes that overlap a migration's steps, on one storing node with real (local) caches: whatever
 * order they meet in, an acknowledged object ends up in the shared directory and a deleted one does not.
 */
class ClusterObjectStoreMigrationTest {
    @TempDir
    Path dir;

    private DefaultCacheManager caches;
    private Cache<String, byte[]> records;
    private StorageSettings settings;
    private ObjectRecords objectRecords;
    private ClusterObjectStore store;
    private SharedDirectoryCopy sharedCopy;
    private Path shared;
    private Path ownDisk;

    @BeforeEach
    void startStore() {
        caches = new DefaultCacheManager();
        for (String name : List.of("objects", "settings", "nodes")) {
            caches.defineConfiguration(name, new ConfigurationBuilder().build());
        }
        records = caches.getCache("objects");
        WriteGuard writes = new WriteGuard(caches.getCache("nodes")); // no node records: one node, always writable
        settings = new StorageSettings(caches.getCache("settings"), writes);
        shared = dir.resolve("shared");
        ownDisk = dir.resolve("node1");
        objectRecords = new ObjectRecords(records);
        ObjectPeers peers = new OneStoringNode();
        NodeCopies copies = new NodeCopies(StoragePaths.single(ownDisk), peers, settings, objectRecords);
        store = new ClusterObjectStore(objectRecords, copies, writes, settings, peers);
        sharedCopy = new SharedDirectoryCopy(store, objectRecords);
    }

    @AfterEach
    void stopCaches() {
        caches.stop();
    }

    @Test
    void aWriteThatReadLocalModeBeforeTheMigrationStartedStillReachesTheSharedDirectory() {
        // the migration starts while the write stores its bytes: its record goes in after the mode was read
        whenARecordIsCreated(key -> settings.startMigration(shared));

        store.put("late/one.bin", "application/octet-stream", "one".getBytes(UTF_8));

        assertArrayEquals("one".getBytes(UTF_8), read(shared, "late/one.bin"));
        assertArrayEquals("one".getBytes(UTF_8), read(ownDisk, "late/one.bin"), "local mode keeps its own copy too");
    }

    @Test
    void aWriteThatReadLocalModeBeforeTheSwitchReachesTheDirectoryTheClusterSwitchedTo() {
        whenARecordIsCreated(key -> {
            settings.startMigration(shared);
            settings.switchToShared(shared);
        });

        store.put("late/two.bin", null, "two".getBytes(UTF_8));

        assertArrayEquals("two".getBytes(UTF_8), read(shared, "late/two.bin"));
        assertArrayEquals("two".getBytes(UTF_8), store.get("late/two.bin").orElseThrow().bytes());
    }

    @Test
    void aWriteInLocalModeWithNoMigrationStaysOnTheNodesDisk() {
        store.put("plain.bin", null, "plain".getBytes(UTF_8));

        assertArrayEquals("plain".getBytes(UTF_8), read(ownDisk, "plain.bin"));
        assertFalse(Files.exists(shared), "nothing is written outside the node's storage paths");
    }

    @Test
    void anObjectDeletedWhileTheMigrationCopiesItIsNotLeftInTheSharedDirectory() {
        store.put("gone.bin", null, "gone".getBytes(UTF_8));
        ObjectRecord listed = objectRecords.find("gone.bin").orElseThrow(); // what the copy step listed
        settings.startMigration(shared);
        records.remove("gone.bin"); // a delete's first step: its record goes, the bytes are still on the disk

        assertEquals(SharedDirectoryCopy.Outcome.DELETED_MEANWHILE, sharedCopy.copyInto(shared, listed));
        assertFalse(Files.exists(shared.resolve("gone.bin")), "the copy would bring a deleted object back");

        store.put("kept.bin", null, "kept".getBytes(UTF_8));
        assertEquals(SharedDirectoryCopy.Outcome.ALREADY_THERE,
                sharedCopy.copyInto(shared, objectRecords.find("kept.bin").orElseThrow()), "written there during the migration");
    }

    @Test
    void anObjectRewrittenWhileTheMigrationCopiesItIsCopiedInItsNewVersion() {
        store.put("photo.jpg", "image/jpeg", "version 1".getBytes(UTF_8));
        ObjectRecord listed = objectRecords.find("photo.jpg").orElseThrow();
        settings.startMigration(shared);
        store.put("photo.jpg", "image/jpeg", "version 2".getBytes(UTF_8)); // reaches the migration's dir itself

        assertEquals(SharedDirectoryCopy.Outcome.ALREADY_THERE, sharedCopy.copyInto(shared, listed),
                "the listed version is gone: the new one is the one to have");
        assertArrayEquals("version 2".getBytes(UTF_8), read(shared, "photo.jpg"));
    }

    private void whenARecordIsCreated(Consumer<String> action) {
        records.addListener(new BeforeCreate(action));
    }

    private static byte[] read(Path root, String key) {
        try {
            return Files.readAllBytes(root.resolve(key));
        } catch (java.io.IOException e) {
            throw new AssertionError(key + " is not in " + root, e);
        }
    }

    /** Runs once, just before the first record goes in (the write has stored its bytes by then). */
    @Listener(sync = true)
    public static final class BeforeCreate {
        private final Consumer<String> action;
        private boolean done;

        BeforeCreate(Consumer<String> action) {
            this.action = action;
        }

        @CacheEntryCreated
        public void created(CacheEntryCreatedEvent<String, byte[]> event) {
            if (event.isPre() && !done) {
                done = true;
                action.accept(event.getKey());
            }
        }
    }

    /** This node, the only storage node of the cluster. */
    private static final class OneStoringNode extends ObjectPeers {
        @Override
        public String self() {
            return "node1";
        }

        @Override
        public boolean selfStores() {
            return true;
        }

        @Override
        public List<Peer> storageNodes() {
            return List.of(new Peer("node1", "http://127.0.0.1:1", true));
        }
    }
}
