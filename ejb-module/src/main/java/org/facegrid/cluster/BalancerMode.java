package org.facegrid.cluster;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How recognition traffic is spread (seed 000, 2.2), a cluster setting:
 * {@link #PRESCRIBED} each node processes what is sent to it (feeds attached to nodes); {@link #SOFTWARE} the
 * primary passes recognitions on to every node in rotation, itself included; {@link #EXTERNAL} a balancer in
 * front decides, by each node's readiness, and nodes pass nothing on. Data-only nodes pass recognitions on in
 * every mode: they take no recognition traffic.
 */
public enum BalancerMode {
    PRESCRIBED, SOFTWARE, EXTERNAL;

    static final String SETTING = "balancer.mode";
    public static final BalancerMode DEFAULT = SOFTWARE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<BalancerMode> parse(String label) {
        return Arrays.stream(values()).filter(m -> m.label().equals(label)).findFirst();
    }
}
