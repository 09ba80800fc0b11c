package org.facegrid.jobs;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Results of work a step hands to an executor (to fetch or copy a few objects at once). */
public final class TaskResults {
    private TaskResults() {
    }

    /**
     * The task's result; a task that threw fails the caller with that same exception (e.g. "the only holder is
     * down", "checksum mismatch"), so the job's error names it rather than a wrapper.
     */
    public static <T> T of(Future<T> task) throws InterruptedException, ExecutionException {
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
