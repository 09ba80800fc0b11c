package org.facegrid.cluster;

/**
 * Who this node is, from system properties the operator command sets on each server:
 * {@code facegrid.node.name}, {@code facegrid.node.url} and {@code facegrid.capacity.factor}
 * (0 makes a compute-only node that owns no data).
 */
public record NodeIdentity(String name, String url, double capacityFactor) {

    public static NodeIdentity fromSystemProperties() {
        String name = System.getProperty("facegrid.node.name", System.getProperty("jboss.node.name", "facegrid"));
        int offset = Integer.getInteger("jboss.socket.binding.port-offset", 0);
        String url = System.getProperty("facegrid.node.url", "http://127.0.0.1:" + (8080 + offset));
        double capacity = Double.parseDouble(System.getProperty("facegrid.capacity.factor", "1.0"));
        return new NodeIdentity(name, url, capacity);
    }

    public String dataRole() {
        return capacityFactor > 0 ? "redundant" : "simple";
    }
}
