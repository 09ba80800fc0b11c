package org.facegrid.migration;

import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.facegrid.jobs.JobRun;
import org.facegrid.storage.ClusterObjectStore;
import org.facegrid.storage.ObjectRecord;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The copy step's writer: each object into the shared directory, checked against its recorded sha-256 before
 * and after (a mismatch fails the job before anything switches). An object no node has is counted and logged.
 */
@Named("sharedCopyWriter")
@Dependent
public class SharedCopyWriter extends AbstractItemWriter {
    private static final Logger LOG = Logger.getLogger(SharedCopyWriter.class.getName());

    @Inject
    JobRun run;

    @Inject
    ClusterObjectStore store;

    @Override
    public void writeItems(List<Object> items) {
        Path dir = Path.of(run.parameter("to"));
        Map<String, Long> counts = new HashMap<>();
        for (Object item : items) {
            ObjectRecord record = (ObjectRecord) item;
            ClusterObjectStore.CopyOutcome outcome = store.copyInto(dir, record);
            switch (outcome) {
                case COPIED -> {
                    counts.merge("objectsCopied", 1L, Long::sum);
                    counts.merge("bytesCopied", record.size(), Long::sum);
                }
                case ALREADY_THERE -> counts.merge("objectsAlreadyThere", 1L, Long::sum);
                case DELETED_MEANWHILE -> counts.merge("objectsDeletedMeanwhile", 1L, Long::sum);
                case MISSING -> {
                    counts.merge("objectsMissing", 1L, Long::sum);
                    LOG.warning(() -> "FGJOB051: migration " + run.id() + ": no node has the bytes of object "
                            + record.key());
                }
            }
        }
        run.add(counts);
    }
}
