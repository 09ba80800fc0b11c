package org.facegrid.migration;

import jakarta.annotation.Resource;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.facegrid.jobs.JobRun;
import org.facegrid.jobs.TaskResults;
import org.facegrid.storage.ClusterObjectStore;
import org.facegrid.storage.ObjectRecord;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.logging.Logger;

/**
 * The copy step's writer: each object into the shared directory, checked against its recorded sha-256 before
 * and after (a mismatch fails the job before anything switches). An object no node has is counted and logged.
 * The chunk's objects are copied a few at once: about half of them are fetched from other nodes over HTTP, and
 * one at a time the step mostly waited on those round trips.
 */
@Named("sharedCopyWriter")
@Dependent
public class SharedCopyWriter extends AbstractItemWriter {
    private static final Logger LOG = Logger.getLogger(SharedCopyWriter.class.getName());
    private static final int AT_ONCE = 4;

    @Inject
    JobRun run;

    @Inject
    ClusterObjectStore store;

    @Resource
    private ManagedExecutorService executor;

    @Override
    public void writeItems(List<Object> items) throws InterruptedException, ExecutionException {
        Path dir = Path.of(run.parameter("to"));
        Map<String, Long> counts = new HashMap<>();
        for (int from = 0; from < items.size(); from += AT_ONCE) {
            List<Future<ClusterObjectStore.CopyOutcome>> copies = new ArrayList<>();
            List<Object> batch = items.subList(from, Math.min(items.size(), from + AT_ONCE));
            for (Object item : batch) {
                copies.add(executor.submit(() -> store.copyInto(dir, (ObjectRecord) item)));
            }
            for (int i = 0; i < batch.size(); i++) {
                count((ObjectRecord) batch.get(i), TaskResults.of(copies.get(i)), counts);
            }
        }
        run.add(counts);
    }

    private void count(ObjectRecord record, ClusterObjectStore.CopyOutcome outcome, Map<String, Long> counts) {
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
}
