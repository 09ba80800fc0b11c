package org.facegrid.cluster;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.facegrid.store.DataCache;
import org.facegrid.store.DataCaches;
import org.infinispan.AdvancedCache;
import org.infinispan.Cache;
import org.infinispan.partitionhandling.AvailabilityMode;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A node that joins a running cluster sweeps its stale entries ({@link RejoinSweep}) before it is ready: once each
 * cache has settled, it takes the other owners' copy wherever its own store brought back something the cluster
 * changed or deleted while the node was away. The caches are swept side by side: a sweep asks the owners for one
 * segment at a time, so each takes seconds even when nearly empty.
 */
@ApplicationScoped
public class RejoinSweeper {
    private static final Logger LOG = Logger.getLogger(RejoinSweeper.class.getName());
    private static final Duration SWEEP_TIMEOUT = Duration.ofMinutes(5);

    @Inject
    DataCaches caches;

    @Inject
    Event<StaleEntriesRemoved> staleEntriesRemoved;

    @Resource
    private ManagedExecutorService executor;

    /** False until the sweep is done (true at once on a node that started the cluster). */
    private volatile boolean caughtUp;
    private volatile boolean running = true;

    void nothingToSweep() {
        caughtUp = true;
    }

    boolean caughtUp() {
        return caughtUp;
    }

    void stop() {
        running = false;
    }

    void sweep() {
        long begin = System.nanoTime();
        List<Cache<String, Object>> watched = caches.get(DataCache.watchedByMembership());
        AtomicInteger left = new AtomicInteger(watched.size());
        Queue<String> timings = new ConcurrentLinkedQueue<>();
        for (Cache<String, Object> cache : watched) {
            executor.submit(() -> {
                long cacheBegin = System.nanoTime();
                sweep(cache);
                timings.add(cache.getName() + " " + (System.nanoTime() - cacheBegin) / 1_000_000 + " ms");
                if (left.decrementAndGet() == 0) {
                    caughtUp = true;
                    LOG.info(() -> String.format("FGCLU016: rejoin sweep done in %d ms (%s)",
                            (System.nanoTime() - begin) / 1_000_000, String.join(", ", timings)));
                }
            });
        }
    }

    private void sweep(Cache<String, ?> cache) {
        @SuppressWarnings("unchecked")
        AdvancedCache<Object, Object> advanced = (AdvancedCache<Object, Object>) (AdvancedCache<?, ?>) cache.getAdvancedCache();
        long deadline = System.nanoTime() + SWEEP_TIMEOUT.toNanos();
        RuntimeException lastError = null;
        try {
            while (running) {
                try {
                    if (CacheSettlement.settled(advanced, cache.getCacheManager().getMembers())
                            && advanced.getAvailability() == AvailabilityMode.AVAILABLE) {
                        report(RejoinSweep.sweep(advanced));
                        return;
                    }
                } catch (RuntimeException e) {
                    lastError = e; // a rebalance began under it: try again once settled
                }
                if (System.nanoTime() > deadline) {
                    LOG.log(Level.WARNING, "FGCLU015: rejoin sweep gave up on " + cache.getName() + " after "
                            + SWEEP_TIMEOUT.toSeconds() + " s; stale entries may remain here", lastError);
                    return;
                }
                Thread.sleep(500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void report(RejoinSweep.Result result) {
        if (result.differing() > 0) {
            LOG.info(() -> "FGCLU014: rejoin sweep of " + result.cache() + ": " + result.differing()
                    + " entries differ among owners; " + result.removed().size() + " deleted while this node was "
                    + "away dropped here, " + result.replaced() + " changed meanwhile replaced here");
        }
        if (!result.removed().isEmpty()) {
            staleEntriesRemoved.fire(new StaleEntriesRemoved(result.cache(), result.removed()));
        }
    }
}
