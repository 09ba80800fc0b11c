package org.facegrid.backup;

import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.facegrid.jobs.JobRun;
import org.facegrid.storage.ClusterObjectStore;
import org.facegrid.storage.ObjectRecord;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Backup step "objects": every object of the cluster (full) or of this node's own disk (objects-only), in key
 * order, each fetched from wherever it is stored. The checkpoint is the last key done. An object whose record
 * exists but whose bytes no node has is counted as missing and logged, not guessed at.
 */
@Named("objectReader")
@Dependent
public class ObjectReader extends AbstractItemReader {
    private static final Logger LOG = Logger.getLogger(ObjectReader.class.getName());

    @Inject
    JobRun run;

    @Inject
    ClusterObjectStore store;

    private BackupKind kind;
    private List<String> keys;
    private int next;
    private long missing;

    @Override
    public void open(Serializable checkpoint) {
        kind = BackupPlan.of(run).kind();
        if (!kind.includesObjects()) {
            keys = List.of();
        } else if (kind == BackupKind.OBJECTS_ONLY) {
            keys = store.ownKeys().stream().sorted().toList();
        } else {
            keys = store.objectRecords().stream().map(ObjectRecord::key).toList();
        }
        next = 0;
        if (checkpoint != null) {
            String last = (String) checkpoint;
            while (next < keys.size() && keys.get(next).compareTo(last) <= 0) {
                next++;
            }
        }
    }

    @Override
    public Object readItem() {
        while (next < keys.size()) {
            String key = keys.get(next++);
            Optional<byte[]> bytes = kind == BackupKind.OBJECTS_ONLY
                    ? store.ownCopy(key).map(f -> f.bytes())
                    : store.get(key).map(o -> o.bytes());
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

    @Override
    public Serializable checkpointInfo() {
        return next == 0 ? null : keys.get(next - 1);
    }
}
