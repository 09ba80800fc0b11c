package org.facegrid.problem;

import java.util.List;
import java.util.Map;

/** The node is doing all it can and its queue is full: answered at once with 429 and Retry-After. */
public class OverloadedException extends ProblemException {
    private final int retryAfterSeconds;

    public OverloadedException(String message, int retryAfterSeconds) {
        super("overloaded", message, List.of(Map.of("retryAfterSeconds", String.valueOf(retryAfterSeconds))));
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
