package org.facegrid.schedule;

import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerHandle;
import org.facegrid.jobs.JobLauncher;
import org.facegrid.jobs.JobRecord;
import org.infinispan.Cache;
import org.infinispan.manager.DefaultCacheManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Firings of a schedule's timer on a real (local) settings cache: each slot starts one run however many times it
 * fires (the two sides of a healed partition, or two nodes at once), and a timer left from a replaced definition
 * cancels itself.
 */
class JobSchedulerTest {
    private static final long SLOT = 1_795_003_200_000L; // a whole minute, as slots are
    private static final long NEXT_SLOT = SLOT + 3_600_000L;

    private DefaultCacheManager caches;
    private Cache<String, String> settings;
    private final List<String> started = new CopyOnWriteArrayList<>();
    private JobScheduler scheduler;
    /** The schedulers' clock: when the timer fires. */
    private volatile long now;

    /**
     * The timer of {@code info} fires for {@code slot}, 1.5 s late as timers do; inside the timeout the timer
     * service already shows the slot after it as its next timeout.
     */
    private FiredTimer firing(String info, long slot) {
        now = slot + 1_500;
        return new FiredTimer(info, slot + 3_600_000L);
    }

    @BeforeEach
    void startScheduler() {
        caches = new DefaultCacheManager();
        caches.defineConfiguration("settings", new org.infinispan.configuration.cache.ConfigurationBuilder().build());
        settings = caches.getCache("settings");
        scheduler = new JobScheduler(settings, new CountingLauncher(), () -> now);
    }

    @AfterEach
    void stopCaches() {
        caches.stop();
    }

    private Schedule scheduled(String id) {
        Schedule schedule = new Schedule("backup", id, CronExpression.parse("0 * * * *"), Map.of("kind", "full"),
                "admin", SLOT - 7_200_000L, 0, null, null);
        settings.put(Schedule.key("backup"), schedule.toJson().toString());
        return schedule;
    }

    @Test
    void aSlotFiredTwiceAtOnceStartsOneRun() throws Exception {
        scheduled("s1");
        int firings = 4;
        ExecutorService nodes = Executors.newFixedThreadPool(firings);
        try {
            CountDownLatch together = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < firings; i++) {
                done.add(nodes.submit(() -> {
                    together.await();
                    scheduler.fire(firing("backup|s1", NEXT_SLOT));
                    return null;
                }));
            }
            together.countDown();
            for (Future<?> firing : done) {
                firing.get();
            }
        } finally {
            nodes.shutdown();
        }
        assertEquals(List.of("backup"), started, "one run for the slot");
        Schedule after = scheduler.find("backup").orElseThrow();
        assertEquals(NEXT_SLOT, after.lastSlot(), "the slot that fired, not the timer's next one");
        assertEquals("job-1", after.lastJobId());
        assertEquals("STARTED", after.lastOutcome());
    }

    @Test
    void aSlotFiredAgainAfterItRanIsSkippedAndTheNextSlotRuns() {
        scheduled("s1");
        scheduler.fire(firing("backup|s1", NEXT_SLOT));
        scheduler.fire(firing("backup|s1", NEXT_SLOT)); // the other side of a healed partition, late
        assertEquals(1, started.size());

        scheduler.fire(firing("backup|s1", NEXT_SLOT + 3_600_000L));
        assertEquals(2, started.size(), "the next slot is a new one");
        assertEquals("job-2", scheduler.find("backup").orElseThrow().lastJobId());
    }

    @Test
    void aTimerOfAReplacedDefinitionCancelsItselfAndStartsNothing() {
        scheduled("s2");
        FiredTimer old = firing("backup|s1", NEXT_SLOT);
        scheduler.fire(old);
        assertTrue(old.cancelled);
        assertTrue(started.isEmpty());
        assertEquals(0, scheduler.find("backup").orElseThrow().lastSlot());
    }

    @Test
    void aRunThatCannotStartIsRecordedAsSkippedForItsSlot() {
        scheduled("s1");
        JobScheduler busy = new JobScheduler(settings, new JobLauncher() {
            @Override
            public JobRecord start(String name, Map<String, String> requested, String startedBy) {
                throw new IllegalStateException("a backup is running");
            }
        }, () -> now);
        busy.fire(firing("backup|s1", NEXT_SLOT));
        Schedule after = scheduler.find("backup").orElseThrow();
        assertEquals(NEXT_SLOT, after.lastSlot(), "the slot is used up: it is not retried by another firing");
        assertEquals("SKIPPED: a backup is running", after.lastOutcome());
        assertNull(after.lastJobId());
    }

    /** Records what it was asked to start, a little slowly, as a real start writes the job history first. */
    private final class CountingLauncher extends JobLauncher {
        @Override
        public JobRecord start(String name, Map<String, String> requested, String startedBy) {
            started.add(name);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String id = "job-" + started.size();
            return new JobRecord(id, name, requested, "node1", startedBy, JobRecord.Status.STARTED, 1, "", 0, 0,
                    Map.of(), SLOT, SLOT, 0, null);
        }
    }

    /** What the timer service hands a timeout: the schedule's info and (as its next timeout) the slot after this one. */
    private static final class FiredTimer implements Timer {
        private final String info;
        private final long nextTimeout;
        private volatile boolean cancelled;

        FiredTimer(String info, long nextTimeout) {
            this.info = info;
            this.nextTimeout = nextTimeout;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public long getTimeRemaining() {
            return nextTimeout - System.currentTimeMillis();
        }

        @Override
        public Date getNextTimeout() {
            return new Date(nextTimeout);
        }

        @Override
        public ScheduleExpression getSchedule() {
            return CronExpression.parse("0 * * * *").toScheduleExpression();
        }

        @Override
        public boolean isPersistent() {
            return true;
        }

        @Override
        public boolean isCalendarTimer() {
            return true;
        }

        @Override
        public Serializable getInfo() {
            return info;
        }

        @Override
        public TimerHandle getHandle() {
            throw new IllegalStateException("not needed here");
        }
    }
}
