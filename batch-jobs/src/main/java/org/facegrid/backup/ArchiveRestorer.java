package org.facegrid.backup;

import jakarta.annotation.Resource;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.facegrid.cluster.WriteGuard;
import org.facegrid.jobs.JobRun;
import org.facegrid.jobs.TasksUnderWay;
import org.facegrid.recognition.GalleryIndex;
import org.facegrid.storage.ClusterObjectStore;
import org.facegrid.storage.NodeCopies;
import org.facegrid.storage.ObjectRecord;
import org.facegrid.storage.ObjectRecords;
import org.infinispan.Cache;
import org.infinispan.commons.util.CloseableIterator;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.logging.Logger;

/**
 * The restore job's one step. It validates the whole archive first (manifest, checksums, sizes, names, limits)
 * and changes nothing when that fails. Its progress names the phase that runs: validate, caches, objects,
 * remove-others, gallery. Then it writes through the caches, so every node receives the data:
 * <ul>
 *   <li>full and without-images archives: every entry put back, then every entry the archive does not hold
 *       removed, so the caches hold exactly what was saved (settings of the storage layout and rotation stay as
 *       the running cluster has them); a full archive also brings back exactly its objects, each stored where
 *       the running cluster places it, and deletes the others;</li>
 *   <li>objects-only archives: each object back onto the node it came from when that node is up, else wherever
 *       the cluster places it; nothing else is touched.</li>
 * </ul>
 * Then every node rebuilds its gallery index from the restored faces. Restoring the same archive twice gives
 * the same result, so a restore that stopped half-way (a node died) is simply run again.
 * <p>
 * Its writes run a few at once (cache batches, objects): each waits on the other owners (synchronous
 * replication; about half of the objects go to another node over HTTP), and one at a time the restore mostly
 * waited on those round trips.
 */
@Named("archiveRestorer")
@Dependent
public class ArchiveRestorer extends AbstractBatchlet {
    private static final Logger LOG = Logger.getLogger(ArchiveRestorer.class.getName());
    private static final int PUT_BATCH = 500;
    private static final int WRITES_AT_ONCE = 4;

    @Inject
    JobRun run;

    @Inject
    BackupCaches caches;

    @Inject
    ClusterObjectStore store;

    @Inject
    ObjectRecords records;

    @Inject
    NodeCopies copies;

    @Inject
    WriteGuard writes;

    @Inject
    GalleryIndex gallery;

    @Resource
    private ManagedExecutorService executor;

    /** Cache batches and objects being written, at most {@link #WRITES_AT_ONCE}. */
    private TasksUnderWay<Void> writesUnderWay;

    @Override
    public String process() throws Exception {
        writesUnderWay = new TasksUnderWay<>(executor, WRITES_AT_ONCE);
        try {
            return restore();
        } catch (Exception | Error e) {
            writesUnderWay.cancelAll();
            run.failed(e instanceof BackupArchive.InvalidBackupException
                    ? "the archive fails validation, nothing was changed: " + e.getMessage()
                    : "restore failed: " + e.getMessage());
            throw e;
        }
    }

    private String restore() throws IOException, BackupArchive.InvalidBackupException {
        String name = run.parameter("archive");
        if (!BackupDirectory.isArchiveName(name)) {
            throw new IllegalArgumentException("parameter archive must name a .zip file of the backup directory, not '"
                    + name + "'");
        }
        Path file = BackupDirectory.archive(name);
        run.progress("validate", 0, 1, Map.of());
        BackupArchive.Manifest manifest = BackupArchive.validate(file, BackupArchive.Limits.DEFAULT);
        BackupKind kind = BackupKind.parse(manifest.kind()).orElseThrow(
                () -> new BackupArchive.InvalidBackupException(List.of("unknown backup kind " + manifest.kind())));
        writes.ensureWritable();

        Map<String, Set<String>> restoredKeys = new HashMap<>();
        Map<String, String> types = new HashMap<>();
        Set<String> objects = new HashSet<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        long total = manifest.entries().size();
        long[] done = {0};
        String[] phase = {"validate"};
        BackupArchive.read(file, (entry, bytes) -> {
            String entryPhase = entry.startsWith("objects/") ? "objects" : "caches";
            if (!entryPhase.equals(phase[0])) { // the job shows which phase runs (the archive holds caches first)
                phase[0] = entryPhase;
                run.progress(entryPhase, done[0], total, counts);
            }
            if (entry.startsWith("caches/")) {
                String cacheName = entry.split("/")[1];
                Cache<String, Object> cache = caches.named(cacheName).orElse(null);
                boolean objectRecords = cacheName.equals(BackupCaches.OBJECTS) && kind == BackupKind.FULL;
                if (cache != null && !objectRecords) { // a full restore's object records come from storing the objects
                    Map<String, Object> entries = CacheDump.decode(bytes);
                    entries.keySet().removeIf(key -> BackupCaches.keptOnRestore(cacheName, key));
                    putAll(cache, entries);
                    restoredKeys.computeIfAbsent(cacheName, c -> new HashSet<>()).addAll(entries.keySet());
                    counts.merge(cacheName, (long) entries.size(), Long::sum);
                }
            } else if (entry.equals(ArchivePacker.OBJECT_TYPES)) {
                for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                    String[] fields = line.split("\t");
                    if (fields.length == 2) {
                        types.put(fields[0], fields[1]);
                    }
                }
            } else if (entry.startsWith("objects/")) {
                String key = entry.substring("objects/".length());
                String type = types.getOrDefault(key, "application/octet-stream");
                writeSoon(() -> putObject(kind, manifest.node(), key, type, bytes));
                objects.add(key);
                counts.merge("objectFiles", 1L, Long::sum);
            }
            if (++done[0] % 100 == 0) {
                run.progress(phase[0], done[0], total, counts);
            }
        });
        while (!writesUnderWay.isEmpty()) {
            awaitOldestWrite();
        }
        run.progress("remove-others", total, total, counts);
        if (kind.includesCaches()) {
            counts.put("removed", removeOthers(kind, restoredKeys));
        }
        if (kind == BackupKind.FULL) {
            counts.put("objectsRemoved", removeOtherObjects(objects));
        }
        run.progress("gallery", total, total, counts);
        gallery.resyncEveryNode();
        LOG.info(() -> "FGJOB020: restore " + run.id() + " of " + name + " (" + manifest.kind() + " backup of "
                + manifest.node() + ") done: " + counts);
        return "COMPLETED";
    }

    private void putAll(Cache<String, Object> cache, Map<String, Object> entries) throws IOException {
        List<Map.Entry<String, Object>> all = new ArrayList<>(entries.entrySet());
        for (int from = 0; from < all.size(); from += PUT_BATCH) {
            Map<String, Object> batch = new HashMap<>();
            for (Map.Entry<String, Object> e : all.subList(from, Math.min(all.size(), from + PUT_BATCH))) {
                batch.put(e.getKey(), e.getValue());
            }
            writeSoon(() -> cache.putAll(batch));
        }
    }

    private void putObject(BackupKind kind, String fromNode, String key, String type, byte[] bytes) {
        if (kind == BackupKind.OBJECTS_ONLY && records.find(key).isPresent() && copies.writeTo(fromNode, key, type, bytes)) {
            return; // back on the disk it was lost from; its record already says it is there
        }
        store.put(key, type, bytes);
    }

    /** Hands a write on, first waiting for the oldest when {@link #WRITES_AT_ONCE} are under way. */
    private void writeSoon(Runnable write) throws IOException {
        if (writesUnderWay.full()) {
            awaitOldestWrite();
        }
        writesUnderWay.add(() -> {
            write.run();
            return null;
        });
    }

    /** Waits for the oldest write; one that failed fails the restore with its own exception. */
    private void awaitOldestWrite() throws IOException {
        try {
            writesUnderWay.takeOldest();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the restore was interrupted while writing");
        } catch (ExecutionException e) {
            throw new IOException("a write failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Removes what the archive does not hold from every cache it restores; answers how many entries. */
    private long removeOthers(BackupKind kind, Map<String, Set<String>> restoredKeys) {
        long removed = 0;
        for (Cache<String, Object> cache : caches.all()) {
            String cacheName = cache.getName();
            if (cacheName.equals(BackupCaches.OBJECTS) && kind == BackupKind.FULL) {
                continue; // records follow the objects (removeOtherObjects)
            }
            Set<String> keep = restoredKeys.getOrDefault(cacheName, Set.of());
            List<String> others = new ArrayList<>();
            try (CloseableIterator<String> keys = cache.keySet().iterator()) {
                keys.forEachRemaining(key -> {
                    if (!keep.contains(key) && !BackupCaches.keptOnRestore(cacheName, key)) {
                        others.add(key);
                    }
                });
            }
            others.forEach(cache::remove);
            removed += others.size();
        }
        return removed;
    }

    private long removeOtherObjects(Set<String> restored) {
        long removed = 0;
        for (ObjectRecord record : records.objectRecords()) {
            String key = record.key();
            if (!restored.contains(key) && store.delete(key)) {
                removed++;
            }
        }
        return removed;
    }
}
