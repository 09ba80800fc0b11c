package org.facegrid.retention;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.facegrid.jobs.JobLauncher;
import org.facegrid.problem.ProblemException;
import org.facegrid.storage.ObjectDisks;

import java.util.Map;
import java.util.logging.Logger;

/**
 * Every node looks at its own disks once a minute (cheap: two numbers per disk) and starts the retention job
 * on itself when one is below the policy's free-space floor; at most once per {@value #RETRY_AFTER_MS} ms, so a
 * disk that only enrolment images fill does not start a job every minute.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FreeSpaceWatch {
    private static final Logger LOG = Logger.getLogger(FreeSpaceWatch.class.getName());
    static final long RETRY_AFTER_MS = 10 * 60_000;

    @Inject
    RetentionSettings settings;

    @Inject
    ObjectDisks disks;

    @Inject
    JobLauncher launcher;

    private volatile long lastStarted;

    @Schedule(minute = "*", hour = "*", persistent = false)
    void look() {
        RetentionPolicy policy;
        try {
            policy = settings.policy();
        } catch (RuntimeException unavailable) {
            return; // settings unreadable here now (a minority side): look again next minute
        }
        if (System.currentTimeMillis() - lastStarted < RETRY_AFTER_MS) {
            return;
        }
        for (ObjectDisks.DiskSpace disk : disks.diskSpace()) {
            long missing = policy.bytesToFree(disk.freeBytes(), disk.totalBytes());
            if (missing > 0) {
                try {
                    String id = launcher.start("retention", Map.of(), "free-space").id();
                    lastStarted = System.currentTimeMillis();
                    LOG.info(() -> "FGJOB042: " + disk.path() + " is " + missing + " bytes below the free-space floor: "
                            + "retention job " + id + " started");
                } catch (ProblemException busy) {
                    LOG.info(() -> "FGJOB043: " + disk.path() + " is below the free-space floor; retention not started "
                            + "now: " + busy.getMessage());
                }
                return;
            }
        }
    }
}
