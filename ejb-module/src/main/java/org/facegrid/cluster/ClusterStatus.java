package org.facegrid.cluster;

import java.util.List;

/**
 * The cluster as one node sees it: who is primary (null when none is elected), every known node, and a
 * problem when the view is partial (null otherwise).
 */
public record ClusterStatus(String primary, List<NodeStatus> nodes, int viewSize, String problem) {
}
