package org.facegrid.jobs;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * A few tasks of a step under way at once on an executor, their results taken in the order they were handed in.
 * The jobs' object work (fetch, copy, store) mostly waits on another node's HTTP round trip or on synchronous
 * replication; a few at once keep that wait off the step. Used by one step thread only.
 */
public final class TasksUnderWay<T> {
    private final ExecutorService executor;
    private final int atMost;
    private final Deque<Future<T>> underWay = new ArrayDeque<>();

    public TasksUnderWay(ExecutorService executor, int atMost) {
        this.executor = executor;
        this.atMost = atMost;
    }

    /** Whether {@code atMost} tasks are under way: take the oldest's result before adding another. */
    public boolean full() {
        return underWay.size() >= atMost;
    }

    public boolean isEmpty() {
        return underWay.isEmpty();
    }

    public void add(Callable<T> task) {
        underWay.add(executor.submit(task));
    }

    /**
     * The oldest task's result, once it has one; a task that threw fails the caller with that same exception
     * (e.g. "the only holder is down", "checksum mismatch"), so the job's error names it rather than a wrapper.
     */
    public T takeOldest() throws InterruptedException, ExecutionException {
        try {
            return underWay.remove().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** A step that failed or stopped: what is still under way is not wanted. */
    public void cancelAll() {
        underWay.forEach(task -> task.cancel(true));
        underWay.clear();
    }
}
