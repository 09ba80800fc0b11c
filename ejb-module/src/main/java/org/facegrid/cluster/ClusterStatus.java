package org.facegrid.cluster;

import java.util.List;

/** The cluster as one node sees it: who is primary (null when none is elected) and every known node. */
public record ClusterStatus(String primary, List<NodeStatus> nodes, int viewSize) {
}
