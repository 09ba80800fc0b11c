package org.facegrid.recognition;

import jakarta.enterprise.context.ApplicationScoped;
import org.facegrid.problem.OverloadedException;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The bulkhead in front of the face pipeline: at most {@code concurrency} analyses run at once and at most
 * {@code queue} more wait; a request beyond that is refused at once (429) instead of piling up until every
 * caller times out. Defaults follow the cores: as many running as cores, four times as many waiting
 * ({@code facegrid.recognition.concurrency}, {@code facegrid.recognition.queue}).
 */
@ApplicationScoped
public class RecognitionGate {
    /** Readiness reports the node overloaded for this long after it refused a request. */
    static final long OVERLOAD_MEMORY_MS = 10_000;

    private final int concurrency;
    private final int queue;
    private final Semaphore admitted;
    private final Semaphore running;
    private final AtomicLong rejected = new AtomicLong();
    private volatile long lastRejectedAt;

    public RecognitionGate() {
        this(Integer.getInteger("facegrid.recognition.concurrency", Runtime.getRuntime().availableProcessors()),
                Integer.getInteger("facegrid.recognition.queue", 4 * Runtime.getRuntime().availableProcessors()));
    }

    RecognitionGate(int concurrency, int queue) {
        this.concurrency = Math.max(1, concurrency);
        this.queue = Math.max(0, queue);
        this.admitted = new Semaphore(this.concurrency + this.queue);
        this.running = new Semaphore(this.concurrency, true);
    }

    /** Runs the work when a slot is free, waiting in the queue if need be; refuses at once when the queue is full. */
    public <T> T run(Supplier<T> work) {
        if (!admitted.tryAcquire()) {
            rejected.incrementAndGet();
            lastRejectedAt = System.currentTimeMillis();
            throw new OverloadedException("this node is analysing " + concurrency + " images with " + queue
                    + " more waiting; try again in a moment or on another node", 1);
        }
        try {
            running.acquireUninterruptibly();
            try {
                return work.get();
            } finally {
                running.release();
            }
        } finally {
            admitted.release();
        }
    }

    /** What readiness shows: how busy the gate is, and whether it refused work in the last few seconds. */
    public record Load(int concurrency, int queue, int running, int waiting, long rejected, boolean overloaded) {
    }

    public Load load() {
        int inside = concurrency + queue - admitted.availablePermits();
        int busy = concurrency - running.availablePermits();
        boolean recentlyRejected = System.currentTimeMillis() - lastRejectedAt < OVERLOAD_MEMORY_MS;
        return new Load(concurrency, queue, busy, Math.max(0, inside - busy), rejected.get(),
                recentlyRejected || admitted.availablePermits() == 0);
    }
}
