package org.facegrid.recognition;

import org.facegrid.problem.OverloadedException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecognitionGateTest {

    @Test
    void runsUpToConcurrencyQueuesUpToQueueAndRefusesTheRestAtOnce() throws Exception {
        RecognitionGate gate = new RecognitionGate(2, 1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<Integer>> admitted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            admitted.add(pool.submit(() -> gate.run(() -> {
                mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                await(release);
                inside.decrementAndGet();
                return 1;
            })));
        }
        waitFor(() -> gate.load().running() == 2 && gate.load().waiting() == 1);
        assertTrue(gate.load().overloaded(), "a full queue is reported as overload");

        long before = System.nanoTime();
        assertThrows(OverloadedException.class, () -> gate.run(() -> 1));
        assertTrue(System.nanoTime() - before < TimeUnit.SECONDS.toNanos(1), "refused at once, not after waiting");
        assertEquals(1, gate.load().rejected());

        release.countDown();
        for (Future<Integer> f : admitted) {
            assertEquals(1, f.get(5, TimeUnit.SECONDS));
        }
        assertEquals(2, mostInside.get(), "never more than the concurrency at once");
        assertEquals(0, gate.load().running());
        assertEquals(0, gate.load().waiting());
        assertEquals(1, gate.run(() -> 1), "after the burst it admits again");
        pool.shutdown();
    }

    @Test
    void failuresGiveTheirSlotBack() {
        RecognitionGate gate = new RecognitionGate(1, 0);
        for (int i = 0; i < 5; i++) {
            assertThrows(IllegalStateException.class, () -> gate.run(() -> {
                throw new IllegalStateException("bad image");
            }));
        }
        assertEquals(7, gate.run(() -> 7));
        assertEquals(0, gate.load().rejected());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not reached in 10 s");
            Thread.sleep(10);
        }
    }
}
