package org.facegrid.cluster;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Data roles, who takes traffic, the balancing modes, and which member names a preferred node matches. */
class NodeRolesTest {

    private static NodeStatus node(String dataRole, String health, boolean enabled, NodeHealth checks) {
        return new NodeStatus("node2", "http://127.0.0.1:8180", "secondary", dataRole, health, enabled, checks, false,
                0, 1, 1, "1");
    }

    @Test
    void aDataOnlyNodeIsNeverInRotationWhateverItsHealth() {
        assertTrue(node("redundant", "UP", true, null).inRotation());
        assertTrue(node("simple", "UP", true, null).inRotation());
        assertFalse(node("data-only", "UP", true, null).inRotation());
        assertFalse(node("redundant", "DOWN", true, null).inRotation());
        assertFalse(node("redundant", "UP", false, null).inRotation());
    }

    @Test
    void theRoleComesFromItsPropertyOrElseFromTheCapacityFactor() {
        assertTrue(new NodeIdentity("n", "u", 1.0, NodeIdentity.REDUNDANT).takesTraffic());
        assertFalse(new NodeIdentity("n", "u", 1.0, NodeIdentity.DATA_ONLY).takesTraffic());
        assertThrows(IllegalArgumentException.class, () -> new NodeIdentity("n", "u", 1.0, "primary"));
        String before = System.getProperty("facegrid.capacity.factor");
        try {
            System.setProperty("facegrid.capacity.factor", "0");
            assertEquals("simple", NodeIdentity.fromSystemProperties().dataRole());
            System.setProperty("facegrid.capacity.factor", "1.0");
            assertEquals("redundant", NodeIdentity.fromSystemProperties().dataRole());
        } finally {
            if (before == null) {
                System.clearProperty("facegrid.capacity.factor");
            } else {
                System.setProperty("facegrid.capacity.factor", before);
            }
        }
    }

    @Test
    void balancingModesParseFromTheirLabelsOnly() {
        assertEquals(Optional.of(BalancerMode.PRESCRIBED), BalancerMode.parse("prescribed"));
        assertEquals(Optional.of(BalancerMode.EXTERNAL), BalancerMode.parse("external"));
        assertEquals(Optional.empty(), BalancerMode.parse("SOFTWARE"));
        assertEquals(Optional.empty(), BalancerMode.parse(null));
        assertEquals(BalancerMode.SOFTWARE, BalancerMode.DEFAULT);
    }

    @Test
    void aPreferredNodeMatchesItsDomainMemberNameAndNoOther() {
        assertTrue(PrimaryPreference.isNode("node2:node2", "node2"));
        assertTrue(PrimaryPreference.isNode("node2", "node2"));
        assertFalse(PrimaryPreference.isNode("node12:node12", "node2"));
        assertFalse(PrimaryPreference.isNode("node2:node2", "node1"));
    }
}
