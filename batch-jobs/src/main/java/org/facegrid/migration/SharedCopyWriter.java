package org.facegrid.migration;

import jakarta.annotation.Resource;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.facegrid.jobs.JobRun;
import org.facegrid.jobs.TasksUnderWay;
import org.facegrid.storage.ObjectRecord;
import org.facegrid.storage.SharedDirectoryCopy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
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
    SharedDirectoryCopy sharedCopy;

    @Resource
    private ManagedExecutorService executor;

    @Override
    public void writeItems(List<Object> items) throws InterruptedException, ExecutionException {
        Path dir = Path.of(run.parameter("to"));
        Map<String, Long> counts = new HashMap<>();
        TasksUnderWay<Copy> copies = new TasksUnderWay<>(executor, AT_ONCE);
        try {
            for (Object item : items) {
                if (copies.full()) {
                    count(copies.takeOldest(), counts);
                }
                ObjectRecord record = (ObjectRecord) item;
                copies.add(() -> new Copy(record, sharedCopy.copyInto(dir, record)));
            }
            while (!copies.isEmpty()) {
                count(copies.takeOldest(), counts);
            }
        } finally {
            copies.cancelAll(); // a copy that failed fails the chunk: the others are not waited for
        }
        run.add(counts);
    }

    private record Copy(ObjectRecord record, SharedDirectoryCopy.Outcome outcome) {
    }

    private void count(Copy copy, Map<String, Long> counts) {
        ObjectRecord record = copy.record();
        switch (copy.outcome()) {
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
