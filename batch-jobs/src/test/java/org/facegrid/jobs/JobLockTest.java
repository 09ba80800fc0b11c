package org.facegrid.jobs;

import org.infinispan.Cache;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.manager.DefaultCacheManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cluster's job lock on a real (local) cache, with a clock the test moves and a view it decides. */
class JobLockTest {
    private DefaultCacheManager caches;
    private Cache<String, String> jobs;
    private MovableClock clock;
    private final Set<String> nodesDown = new HashSet<>();
    private final Set<String> jobsEnded = new HashSet<>();

    @BeforeEach
    void startCache() {
        caches = new DefaultCacheManager();
        caches.defineConfiguration("jobs", new ConfigurationBuilder().build());
        jobs = caches.getCache("jobs");
        clock = new MovableClock();
    }

    @AfterEach
    void stopCache() {
        caches.stop();
    }

    /** What one node's JobLock bean is: its own instance over the shared cache. */
    private JobLock node() {
        return new JobLock(jobs, clock, n -> !nodesDown.contains(n), jobsEnded::contains);
    }

    @Test
    void ofTwoNodesStartingJobsAtTheSameMomentExactlyOneGetsTheLock() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 300; round++) {
                jobs.clear();
                CountDownLatch go = new CountDownLatch(1);
                JobLock node1 = node();
                JobLock node2 = node();
                String backup = "backup-" + round;
                String restore = "restore-" + round;
                Future<Optional<JobLock.Holder>> first = pool.submit(() -> {
                    go.await();
                    return node1.acquire(backup, "node1");
                });
                Future<Optional<JobLock.Holder>> second = pool.submit(() -> {
                    go.await();
                    return node2.acquire(restore, "node2");
                });
                go.countDown();
                Optional<JobLock.Holder> refusedFirst = first.get();
                Optional<JobLock.Holder> refusedSecond = second.get();
                assertTrue(refusedFirst.isEmpty() ^ refusedSecond.isEmpty(), "round " + round + ": " + refusedFirst
                        + " / " + refusedSecond);
                String winner = refusedFirst.isEmpty() ? backup : restore;
                assertEquals(winner, node1.holder().orElseThrow().jobId());
                assertEquals(winner, refusedFirst.orElseGet(() -> refusedSecond.orElseThrow()).jobId(),
                        "the refusal names the job that holds the lock");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLockIsHeldUntilItsLeaseRunsOutAndRenewalKeepsItWhileTheJobRuns() {
        assertTrue(node().acquire("a", "node1").isEmpty());
        clock.advance(JobLock.LEASE.minusSeconds(1));
        assertEquals("a", node().acquire("b", "node2").orElseThrow().jobId());
        assertTrue(node().renew("node1"));
        clock.advance(Duration.ofSeconds(30));
        assertEquals("a", node().acquire("b", "node2").orElseThrow().jobId(), "renewed: held on");
        clock.advance(JobLock.LEASE);
        assertTrue(node().acquire("b", "node2").isEmpty(), "a hung node's lease ran out");
        assertEquals("node2", node().holder().orElseThrow().node());
        assertFalse(node().renew("node1"), "node1 holds it no more");
    }

    @Test
    void aCrashedNodesLockLapsesAtOnce() {
        assertTrue(node().acquire("a", "node1").isEmpty());
        nodesDown.add("node1");
        assertTrue(node().acquire("b", "node2").isEmpty());
    }

    @Test
    void aLockWhoseJobEndedLapsesAndRenewalGivesItUp() {
        assertTrue(node().acquire("a", "node1").isEmpty());
        jobsEnded.add("a");
        assertTrue(node().acquire("b", "node2").isEmpty());
        jobsEnded.add("b");
        assertFalse(node().renew("node2"));
        assertTrue(node().holder().isEmpty(), "the owner's renewal released what its ended job held");
    }

    @Test
    void theSameJobTakesItsLockBackToRestartAndOnlyItsOwnerReleasesIt() {
        assertTrue(node().acquire("a", "node1").isEmpty());
        assertTrue(node().acquire("a", "node1").isEmpty(), "a restart of the same job");
        node().release("b");
        assertEquals("a", node().holder().orElseThrow().jobId(), "another job cannot release it");
        node().release("a");
        assertTrue(node().holder().isEmpty());
        assertTrue(node().acquire("b", "node2").isEmpty());
    }

    @Test
    void manyNodesRacingRepeatedlyNeverHoldItTogether() throws Exception {
        int nodes = 4;
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        try {
            List<Future<Integer>> wins = new ArrayList<>();
            for (int n = 0; n < nodes; n++) {
                String node = "node" + n;
                JobLock lock = node();
                wins.add(pool.submit(() -> {
                    int won = 0;
                    for (int i = 0; i < 200; i++) {
                        String job = node + "-" + i;
                        if (lock.acquire(job, node).isEmpty()) {
                            won++;
                            assertEquals(job, lock.holder().orElseThrow().jobId(), "another job got in while held");
                            lock.release(job);
                        }
                    }
                    return won;
                }));
            }
            int total = 0;
            for (Future<Integer> w : wins) {
                total += w.get();
            }
            assertTrue(total > 0);
        } finally {
            pool.shutdownNow();
        }
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-12-03T12:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
