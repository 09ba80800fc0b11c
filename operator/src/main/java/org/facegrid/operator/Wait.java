package org.facegrid.operator;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Every wait of the command: bounded, polled once a second (or as asked), and interruptible; a wait that runs
 * out says what it waited for.
 */
public final class Wait {
    private Wait() {
    }

    /** True once the condition holds, false when the time is up. A condition that throws counts as not yet. */
    public static boolean until(Duration timeout, Duration poll, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return true;
                }
            } catch (RuntimeException notYet) {
                // a node that is starting may refuse connections or answer half-formed
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            sleep(poll);
        }
    }

    public static boolean until(Duration timeout, BooleanSupplier condition) {
        return until(timeout, Duration.ofSeconds(1), condition);
    }

    /** Like {@link #until} but a timeout ends the command with {@code message}. */
    public static void orFail(Duration timeout, BooleanSupplier condition, String message) {
        if (!until(timeout, condition)) {
            throw CommandFailure.failed(message);
        }
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure(130, "interrupted");
        }
    }
}
