package org.facegrid.operator.cluster;

import jakarta.json.JsonObject;

import java.util.List;
import java.util.Optional;

/** What GET /api/v1/cluster says, as far as the command needs it. */
public record ClusterView(String primary, List<Node> nodes) {

    /**
     * @param enabled  the operator's switch (server-status)
     * @param rotation IN, OUT or REMOVED as the primary's health checks decided, UNCHECKED before the first
     */
    public record Node(String name, String url, String role, String dataRole, String health, boolean enabled,
                       String rotation, boolean inRotation) {
    }

    public static ClusterView of(JsonObject cluster) {
        List<Node> nodes = cluster.getJsonArray("nodes").getValuesAs(JsonObject.class).stream()
                .map(n -> new Node(n.getString("name"), n.getString("url", "-"), n.getString("role", "-"),
                        n.getString("dataRole", "-"), n.getString("health", "-"), n.getBoolean("enabled", true),
                        n.getString("rotation", "-"), n.getBoolean("inRotation", false)))
                .toList();
        return new ClusterView(cluster.isNull("primary") ? null : cluster.getString("primary", null), nodes);
    }

    public Optional<Node> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }
}
