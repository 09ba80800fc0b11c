package org.facegrid.migration;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.facegrid.jobs.JobRun;
import org.facegrid.storage.NodeCopies;
import org.facegrid.storage.ObjectRecord;
import org.facegrid.storage.ObjectRecords;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Step 4: deletes the local copies each node held, now that the shared directory has every object (after
 * {@link #WRITES_UNDER_WAY_MS}, so a write that read the old mode just before the switch is done). A holder
 * that is down keeps its copies (counted as {@code localCopiesLeft}); they are unused, and running the job
 * again when it is back removes them.
 */
@Named("removeLocalCopies")
@Dependent
public class RemoveLocalCopies extends AbstractBatchlet {
    private static final Logger LOG = Logger.getLogger(RemoveLocalCopies.class.getName());
    /**
     * A write reads the mode once, then stores its copies (a node asked to keep one answers within 10 s or is
     * passed over) and its record: this long after the switch, no write of local mode is still under way, so
     * every local copy there is has its record to be found by.
     */
    static final long WRITES_UNDER_WAY_MS = 15_000;

    @Inject
    JobRun run;

    @Inject
    ObjectRecords objectRecords;

    @Inject
    NodeCopies copies;

    private volatile boolean stopped;

    @Override
    public String process() throws InterruptedException {
        Thread.sleep(WRITES_UNDER_WAY_MS);
        List<ObjectRecord> records = objectRecords.objectRecords();
        Map<String, Long> counts = new HashMap<>(Map.of("localCopiesRemoved", 0L, "localCopiesLeft", 0L));
        int done = 0;
        for (ObjectRecord record : records) {
            if (stopped) {
                return "STOPPED";
            }
            for (String holder : record.holderList()) {
                Optional<Boolean> deleted = copies.deleteFrom(holder, record.key());
                if (deleted.isEmpty()) {
                    counts.merge("localCopiesLeft", 1L, Long::sum);
                } else if (deleted.get()) {
                    counts.merge("localCopiesRemoved", 1L, Long::sum);
                }
            }
            if (++done % 50 == 0 || done == records.size()) {
                run.progress("remove-local", done, records.size(), counts);
            }
        }
        run.progress("remove-local", done, records.size(), counts);
        LOG.info(() -> "FGJOB053: migration " + run.id() + " done: " + counts);
        return "COMPLETED";
    }

    @Override
    public void stop() {
        stopped = true;
    }
}
