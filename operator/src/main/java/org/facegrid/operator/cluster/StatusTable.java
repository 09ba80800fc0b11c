package org.facegrid.operator.cluster;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * 'facegrid status': one row per host the domain controller knows or the cluster recorded (a host that is down
 * included). READY is the node's /health/ready; ROTATION whether the balancer sends it traffic (in, or out with
 * why: switched off by the operator, taken out by the health checks, or a data-only node); SWITCH the
 * operator's server-status switch.
 */
public final class StatusTable {
    private static final String FORMAT = "%-7s %-12s %-13s %-28s %-6s %-10s %-10s %-14s %-8s";

    private StatusTable() {
    }

    public static String render(List<String> domainHosts, ClusterView cluster, Function<String, Optional<String>> serverStatus,
                                Predicate<String> ready) {
        StringBuilder table = new StringBuilder(String.format(FORMAT, "HOST", "HOST-CTRL", "SERVER", "URL", "READY", "ROLE",
                "DATA", "ROTATION", "SWITCH").stripTrailing()).append('\n');
        TreeSet<String> hosts = new TreeSet<>(domainHosts);
        cluster.nodes().forEach(n -> hosts.add(n.name()));
        for (String host : hosts) {
            Optional<ClusterView.Node> node = cluster.node(host);
            String url = node.map(ClusterView.Node::url).orElse("-");
            table.append(String.format(FORMAT, host, domainHosts.contains(host) ? "running" : "down",
                    serverStatus.apply(host).orElse("UNKNOWN"), url,
                    !url.equals("-") && ready.test(url) ? "yes" : "no",
                    node.map(ClusterView.Node::role).orElse("-"), node.map(ClusterView.Node::dataRole).orElse("-"),
                    node.map(StatusTable::rotation).orElse("-"),
                    node.map(n -> n.enabled() ? "enabled" : "disabled").orElse("-")).stripTrailing()).append('\n');
        }
        return table.toString();
    }

    static String rotation(ClusterView.Node node) {
        if (node.inRotation()) {
            return "in";
        }
        if (!node.enabled()) {
            return "out(switch)";
        }
        if (node.dataRole().equals("data-only")) {
            return "out(data)";
        }
        if (!node.health().equals("UP")) {
            return "out(down)";
        }
        return "out(checks)";
    }
}
