package org.facegrid.cluster;

import java.util.List;
import java.util.Map;

/**
 * Whether this node should receive traffic, and why not: the facts {@link ClusterMembership#readiness} gathers
 * and the rules decided on them. Writes refused on this side leave the node ready: it still serves reads and
 * recognition. A data-only node is never ready: balancers send it nothing.
 */
public record NodeReadiness(boolean deployed, boolean caughtUp, boolean inView, boolean cachesAvailable,
                            Map<String, String> cacheAvailability, List<String> unsettledCaches, int viewSize,
                            boolean enabled, boolean takesTraffic, WriteQuorum.Decision writes) {
    /** Healthy as a cluster member, whatever its role: deployed, caught up after a rejoin, in the view, caches up. */
    public boolean healthy() {
        return deployed && caughtUp && inView && cachesAvailable;
    }

    /** Healthy, left in rotation by operators, and of a role that takes traffic. */
    public boolean ready() {
        return healthy() && enabled && takesTraffic;
    }
}
