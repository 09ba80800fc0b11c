package org.facegrid.backup;

import jakarta.annotation.Resource;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.facegrid.jobs.JobRun;
import org.facegrid.jobs.TasksUnderWay;
import org.facegrid.storage.ClusterObjectStore;
import org.facegrid.storage.NodeCopies;
import org.facegrid.storage.ObjectRecord;
import org.facegrid.storage.ObjectRecords;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.logging.Logger;

/**
 * Backup step "objects": every object of the cluster (full) or of this node's own disk (objects-only), in key
 * order, each fetched from wherever it is stored. The checkpoint is the last key done. An object whose record
 * exists but whose bytes no node has is counted as missing and logged, not guessed at.
 *
 * <p>Up to {@link #READ_AHEAD} objects are fetched at once, ahead of the item handed out: about half of a
 * cluster's objects live on other nodes, and fetching them one HTTP round trip at a time left the step waiting.
 */
@Named("objectReader")
@Dependent
public class ObjectReader extends AbstractItemReader {
    private static final Logger LOG = Logger.getLogger(ObjectReader.class.getName());
    private static final int READ_AHEAD = 8;

    @Inject
    JobRun run;

    @Inject
    ClusterObjectStore store;

    @Inject
    ObjectRecords records;

    @Inject
    NodeCopies copies;

    @Resource
    private ManagedExecutorService executor;

    private BackupKind kind;
    private List<String> keys;
    /** The index of the next key handed out (what the checkpoint covers), and of the next one to fetch. */
    private int next;
    private int fetchNext;
    private TasksUnderWay<Optional<byte[]>> fetches;
    private long missing;

    @Override
    public void open(Serializable checkpoint) {
        kind = BackupPlan.of(run).kind();
        if (!kind.includesObjects()) {
            keys = List.of();
        } else if (kind == BackupKind.OBJECTS_ONLY) {
            keys = copies.ownKeys().stream().sorted().toList();
        } else {
            keys = records.objectRecords().stream().map(ObjectRecord::key).toList();
        }
        next = 0;
        if (checkpoint != null) {
            String last = (String) checkpoint;
            while (next < keys.size() && keys.get(next).compareTo(last) <= 0) {
                next++;
            }
            run.progress("objects", next, keys.size(), Map.of("objectsResumedAfter", (long) next));
        }
        fetchNext = next;
        fetches = new TasksUnderWay<>(executor, READ_AHEAD);
    }

    @Override
    public Object readItem() throws InterruptedException, ExecutionException {
        while (next < keys.size()) {
            while (fetchNext < keys.size() && !fetches.full()) {
                String key = keys.get(fetchNext++);
                fetches.add(() -> fetch(key));
            }
            String key = keys.get(next++);
            Optional<byte[]> bytes = fetches.takeOldest();
            if (next % 20 == 0 || next == keys.size()) {
                run.progress("objects", next, keys.size(), Map.of("objectsMissing", missing));
            }
            if (bytes.isPresent()) {
                return new StagedEntry("objects/" + key, bytes.get());
            }
            missing++;
            LOG.warning(() -> "FGJOB010: backup " + run.id() + ": no node has the bytes of object " + key);
        }
        run.progress("objects", next, keys.size(), Map.of("objectsMissing", missing));
        return null;
    }

    private Optional<byte[]> fetch(String key) {
        return kind == BackupKind.OBJECTS_ONLY ? copies.ownCopy(key).map(f -> f.bytes())
                : store.get(key).map(o -> o.bytes());
    }

    @Override
    public void close() {
        if (fetches != null) {
            fetches.cancelAll();
        }
    }

    @Override
    public Serializable checkpointInfo() {
        return next == 0 ? null : keys.get(next - 1);
    }
}
