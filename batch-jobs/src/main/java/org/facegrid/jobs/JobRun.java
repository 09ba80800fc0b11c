package org.facegrid.jobs;

import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.facegrid.cluster.NodeIdentity;

import java.util.Map;
import java.util.Properties;

/**
 * The job run a batch artifact works for: its FaceGrid job id, its parameters, and a way to report progress
 * and failures into the job history.
 */
@Dependent
public class JobRun {
    /** The parameter under which the launcher passes the history record's id. */
    public static final String JOB_ID = "jobId";

    @Inject
    JobContext context;

    @Inject
    JobHistory history;

    public Properties parameters() {
        Properties parameters = BatchRuntime.getJobOperator().getParameters(context.getExecutionId());
        return parameters == null ? new Properties() : parameters;
    }

    public String parameter(String name) {
        return parameters().getProperty(name);
    }

    /**
     * The history record's id: the launcher's, or for a run started from the WildFly console or jboss-cli one
     * made from this node and the job instance (the same when that run is restarted).
     */
    public String id() {
        String id = parameter(JOB_ID);
        return id != null && !id.isBlank() ? id : "console-" + node() + "-" + context.getInstanceId();
    }

    public String node() {
        return NodeIdentity.fromSystemProperties().name();
    }

    public String jobName() {
        return context.getJobName();
    }

    public long executionId() {
        return context.getExecutionId();
    }

    public void progress(String step, long done, long total, Map<String, Long> counts) {
        history.progress(id(), step, done, total, counts);
    }

    /** Adds to the record's counts (kept across a restart, unlike what a step holds in memory). */
    public void add(Map<String, Long> increments) {
        history.add(id(), increments);
    }

    public void failed(String message) {
        history.failed(id(), message);
    }
}
