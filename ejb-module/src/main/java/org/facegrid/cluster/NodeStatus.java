package org.facegrid.cluster;

/**
 * One node as GET /api/v1/cluster shows it. {@code health} is UP when the node is in the cluster view;
 * {@code enabled} is the operator's switch; {@code checks} the primary's health checks (null before the first).
 * {@code ownedSegments} counts the segments of the persons cache the node owns (0 for a compute-only node, or
 * one that is down).
 */
public record NodeStatus(String name, String url, String role, String dataRole, String health, boolean enabled,
                         NodeHealth checks, boolean self, int ownedSegments, long startedAt, long reportedAt,
                         String version) {

    /** The same node shown as a secondary: on a side that may not write, nobody acts as primary. */
    public NodeStatus withoutPrimaryRole() {
        return new NodeStatus(name, url, "secondary", dataRole, health, enabled, checks, self, ownedSegments, startedAt,
                reportedAt, version);
    }

    /** IN, OUT or REMOVED as the primary's checks decided; UNCHECKED before the first check. */
    public String rotation() {
        return checks == null ? "UNCHECKED" : checks.state();
    }

    /**
     * Whether the balancer sends this node traffic: up, enabled, not taken out by the health checks, and not a
     * data-only node.
     */
    public boolean inRotation() {
        return health.equals("UP") && enabled && (checks == null || checks.inRotation())
                && NodeIdentity.takesTraffic(dataRole);
    }
}
