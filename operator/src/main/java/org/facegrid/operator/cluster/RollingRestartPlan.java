package org.facegrid.operator.cluster;

import java.util.Comparator;
import java.util.List;

/**
 * The order of a rolling restart: every node that is both in the cluster view and a host of the domain, by
 * name, the primary last (its leaving moves the role, which should happen once). A node goes out of rotation
 * while it restarts unless the operator took it out already, or it is the only node.
 */
public record RollingRestartPlan(List<Step> steps) {

    public record Step(String name, String url, boolean takeOutOfRotation) {
    }

    public static RollingRestartPlan of(ClusterView cluster, List<String> domainHosts) {
        List<ClusterView.Node> nodes = cluster.nodes().stream().filter(n -> domainHosts.contains(n.name()))
                .sorted(Comparator.comparing((ClusterView.Node n) -> n.name().equals(cluster.primary()))
                        .thenComparing(ClusterView.Node::name))
                .toList();
        boolean several = nodes.size() > 1;
        return new RollingRestartPlan(nodes.stream().map(n -> new Step(n.name(), n.url(), n.enabled() && several)).toList());
    }

    public List<String> urls() {
        return steps.stream().map(Step::url).toList();
    }

    public List<String> urlsWithout(Step step) {
        return steps.stream().filter(s -> s != step).map(Step::url).toList();
    }
}
