package org.facegrid.cluster;

import java.time.Duration;

/**
 * How the primary checks the nodes (the seeds' numbers are the defaults): it polls every node's
 * {@code /health/ready} every {@code poll}; {@code failuresToLeave} failures in a row take a node out of rotation,
 * {@code successesToReturn} successes in a row put it back; a node that has not reported its status for
 * {@code staleAfter} is removed from the balancer until it reports again. Each node reports every
 * {@code reportEvery}. System properties {@code facegrid.health.*} change them.
 */
public record HealthPolicy(Duration poll, Duration timeout, int failuresToLeave, int successesToReturn,
                           Duration staleAfter, Duration reportEvery) {

    public static HealthPolicy fromSystemProperties() {
        return new HealthPolicy(
                Duration.ofMillis(Long.getLong("facegrid.health.poll-ms", 5_000)),
                Duration.ofMillis(Long.getLong("facegrid.health.timeout-ms", 2_000)),
                Integer.getInteger("facegrid.health.failures", 3),
                Integer.getInteger("facegrid.health.successes", 2),
                Duration.ofSeconds(Long.getLong("facegrid.health.stale-seconds", 300)),
                Duration.ofSeconds(Long.getLong("facegrid.status.report-seconds", 60)));
    }

    public HealthPolicy {
        if (poll.isNegative() || poll.isZero() || timeout.isNegative() || timeout.isZero()
                || failuresToLeave < 1 || successesToReturn < 1 || staleAfter.compareTo(reportEvery) <= 0) {
            throw new IllegalArgumentException("health policy out of range: " + this);
        }
    }
}
