package org.facegrid.cluster;

import org.infinispan.Cache;

/**
 * Which node should hold the primary role: the operator's choice ({@code facegrid primary --move-to NODE},
 * the {@value #SETTING} cluster setting) or else {@code facegrid.primary.preferred} (default node1, the first
 * node installed). The election policy asks it on whichever node elects, and the two-data-node write rule
 * treats this node as "the first".
 *
 * <p>The setting is read from the application's own threads ({@link #refresh}, every second by
 * {@link PrimaryHandover}) and kept here: the election runs on a WildFly thread outside the deployment, where
 * the cache does not find the application's keys. While the settings cannot be read (a minority side), the
 * last value read stands.
 */
public final class PrimaryPreference {
    static final String SETTING = "primary.preferred";
    private static final String CONFIGURED = System.getProperty("facegrid.primary.preferred", "node1");

    private static volatile String known = CONFIGURED;

    private PrimaryPreference() {
    }

    /** Reads the setting again; call from the application's threads only. */
    static void refresh(Cache<String, String> settings) {
        try {
            String chosen = settings.get(SETTING);
            known = chosen == null ? CONFIGURED : chosen;
        } catch (RuntimeException unavailable) {
            // keep the last value read
        }
    }

    /** Sets the preference on this node at once (the cluster setting is written by the caller). */
    static void set(String node) {
        known = node;
    }

    public static String current() {
        return known;
    }

    /** Whether a cluster member name (HOST:SERVER in a domain, the node name elsewhere) is the given node's. */
    static boolean isNode(String memberName, String node) {
        return memberName.equals(node) || memberName.endsWith(":" + node);
    }
}
