package org.facegrid.jobs;

import jakarta.batch.api.listener.JobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;

/** Keeps the job history in step with the batch runtime: every FaceGrid job names it as its listener. */
@Named("jobRecorder")
@Dependent
public class JobRecorder implements JobListener {
    private static final Logger LOG = Logger.getLogger(JobRecorder.class.getName());

    @Inject
    JobRun run;

    @Inject
    JobContext context;

    @Inject
    JobHistory history;

    @Inject
    JobLock lock;

    @Override
    public void beforeJob() {
        Map<String, String> parameters = new HashMap<>();
        run.parameters().forEach((k, v) -> parameters.put((String) k, (String) v));
        parameters.remove(JobRun.JOB_ID);
        String id = run.id();
        history.createIfAbsent(JobRecord.starting(id, run.jobName(), parameters, run.node(), "console",
                System.currentTimeMillis()));
        history.update(id, r -> r.started(run.executionId(), System.currentTimeMillis()));
        LOG.info(() -> "FGJOB001: job " + run.jobName() + " " + id + " started (execution " + run.executionId() + ")");
    }

    @Override
    public void afterJob() {
        String id = run.id();
        BatchStatus batch = context.getBatchStatus();
        JobRecord ended = history.update(id, r -> {
            if (r.status() == JobRecord.Status.FAILED) {
                return r; // a step recorded why
            }
            long now = System.currentTimeMillis();
            return switch (batch) {
                case FAILED -> r.failed("the job failed (the server log of " + r.node() + " says why)", now);
                case STOPPING, STOPPED -> r.withStatus(JobRecord.Status.STOPPED, now);
                default -> r.withStatus(JobRecord.Status.COMPLETED, now);
            };
        });
        lock.release(id);
        LOG.info(() -> "FGJOB002: job " + run.jobName() + " " + id + " ended " + ended.status()
                + (ended.error() == null ? "" : ": " + ended.error()));
    }
}
