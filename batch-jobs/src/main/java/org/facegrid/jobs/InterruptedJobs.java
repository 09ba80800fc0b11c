package org.facegrid.jobs;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.facegrid.cluster.NodeIdentity;

import java.lang.management.ManagementFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * At server start, the runs this node was executing when its server died (a crash, {@code kill -9}, power loss)
 * are recorded FAILED, saying how to resume them. Without this their records would say STARTED for as long as
 * the node is up again. The batch runtime's repository is a file database in the server's data dir, so the
 * execution and its last checkpoint are still there and {@code POST /api/v1/jobs/{id}/restart} goes on from it.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class InterruptedJobs {
    private static final Logger LOG = Logger.getLogger(InterruptedJobs.class.getName());

    @Inject
    JobHistory history;

    @PostConstruct
    void recordInterruptedRuns() {
        String node = NodeIdentity.fromSystemProperties().name();
        // runs started before this server's JVM; one it started itself (none can have yet) is left alone
        long serverStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        try {
            for (JobRecord record : history.runningOn(node)) {
                if (record.startedAt() < serverStart) {
                    history.failed(record.id(), "the server of " + node + " stopped while the job ran (execution "
                            + record.executionId() + "); POST /api/v1/jobs/" + record.id()
                            + "/restart resumes it from its last checkpoint");
                    LOG.warning(() -> "FGJOB003: job " + record.name() + " " + record.id()
                            + " was cut off when this server stopped; recorded FAILED, restartable");
                }
            }
        } catch (RuntimeException e) {
            // a node that starts into a minority partition cannot write the history: its records stay as they
            // are and are shown UNKNOWN once stale
            LOG.log(Level.WARNING, "FGJOB004: could not record the runs cut off when this server stopped", e);
        }
    }
}
