package org.facegrid.jobs;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TasksUnderWayTest {
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void resultsComeInTheOrderTheTasksWereHandedInWhateverOrderTheyEnd() throws Exception {
        CountDownLatch firstMayEnd = new CountDownLatch(1);
        TasksUnderWay<String> tasks = new TasksUnderWay<>(executor, 3);
        tasks.add(() -> {
            assertTrue(firstMayEnd.await(10, TimeUnit.SECONDS));
            return "first";
        });
        tasks.add(() -> "second");
        assertFalse(tasks.full());
        tasks.add(() -> {
            firstMayEnd.countDown(); // the first ends only once a later one ran
            return "third";
        });
        assertTrue(tasks.full());
        assertEquals("first", tasks.takeOldest());
        assertFalse(tasks.full());
        assertEquals("second", tasks.takeOldest());
        assertEquals("third", tasks.takeOldest());
        assertTrue(tasks.isEmpty());
    }

    @Test
    void aTaskThatThrewFailsTheCallerWithItsOwnException() {
        IllegalStateException mismatch = new IllegalStateException("object k: checksum mismatch");
        TasksUnderWay<String> tasks = new TasksUnderWay<>(executor, 4);
        tasks.add(() -> {
            throw mismatch;
        });
        assertSame(mismatch, assertThrows(IllegalStateException.class, tasks::takeOldest));
    }

    @Test
    void aCheckedFailureStaysWrapped() {
        IOException io = new IOException("disk gone");
        TasksUnderWay<String> tasks = new TasksUnderWay<>(executor, 4);
        tasks.add(() -> {
            throw io;
        });
        ExecutionException wrapped = assertThrows(ExecutionException.class, tasks::takeOldest);
        assertSame(io, wrapped.getCause());
    }

    @Test
    void cancelAllStopsWhatIsStillUnderWay() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        TasksUnderWay<String> tasks = new TasksUnderWay<>(executor, 4);
        tasks.add(() -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return "never wanted";
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        tasks.cancelAll();
        assertTrue(tasks.isEmpty());
        assertTrue(interrupted.await(10, TimeUnit.SECONDS), "the running task was interrupted");
    }
}
