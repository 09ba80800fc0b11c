package org.facegrid.cluster;

import java.util.List;

/**
 * The cluster as one node sees it: who is primary (null when none is elected, or when this side may not
 * write: a primary acts for the whole cluster), every known node, a problem when the view is partial (null
 * otherwise), and whether this side accepts writes.
 */
public record ClusterStatus(String primary, List<NodeStatus> nodes, int viewSize, String problem,
                            WriteQuorum.Decision writes) {
}
