package org.facegrid.cluster;

/**
 * Who this node is, from system properties the operator command sets on each server:
 * {@code facegrid.node.name}, {@code facegrid.node.url}, {@code facegrid.capacity.factor} (0 makes a node that
 * owns no data) and {@code facegrid.data.role}: {@value #REDUNDANT} (owns and persists data, takes traffic),
 * {@value #SIMPLE} (owns no data, takes traffic) or {@value #DATA_ONLY} (owns data, takes no recognition traffic).
 * Without a role the capacity factor decides between redundant and simple.
 */
public record NodeIdentity(String name, String url, double capacityFactor, String dataRole) {
    public static final String REDUNDANT = "redundant";
    public static final String SIMPLE = "simple";
    public static final String DATA_ONLY = "data-only";

    public NodeIdentity {
        if (!dataRole.equals(REDUNDANT) && !dataRole.equals(SIMPLE) && !dataRole.equals(DATA_ONLY)) {
            throw new IllegalArgumentException("facegrid.data.role must be redundant, simple or data-only, not '"
                    + dataRole + "'");
        }
    }

    public static NodeIdentity fromSystemProperties() {
        String name = System.getProperty("facegrid.node.name", System.getProperty("jboss.node.name", "facegrid"));
        int offset = Integer.getInteger("jboss.socket.binding.port-offset", 0);
        String url = System.getProperty("facegrid.node.url", "http://127.0.0.1:" + (8080 + offset));
        double capacity = Double.parseDouble(System.getProperty("facegrid.capacity.factor", "1.0"));
        String role = System.getProperty("facegrid.data.role", capacity > 0 ? REDUNDANT : SIMPLE);
        return new NodeIdentity(name, url, capacity, role);
    }

    /** Whether recognition requests may be sent here (a data-only node passes them on). */
    public boolean takesTraffic() {
        return takesTraffic(dataRole);
    }

    public static boolean takesTraffic(String dataRole) {
        return !DATA_ONLY.equals(dataRole);
    }
}
