package org.facegrid.cluster;

/**
 * One node as GET /api/v1/cluster shows it. {@code ownedSegments} counts the segments of the persons cache
 * the node owns (0 for a compute-only node, or one that is down).
 */
public record NodeStatus(String name, String url, String role, String dataRole, String health, boolean inRotation,
                         boolean self, int ownedSegments, long startedAt) {
}
