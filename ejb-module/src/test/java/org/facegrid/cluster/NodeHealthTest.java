package org.facegrid.cluster;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NodeHealthTest {
    private static final HealthPolicy SEEDS = new HealthPolicy(Duration.ofSeconds(5), Duration.ofSeconds(2), 3, 2,
            Duration.ofMinutes(5), Duration.ofMinutes(1));

    @Test
    void threeFailedChecksInARowTakeANodeOutAndTwoSuccessesPutItBack() {
        NodeHealth h = NodeHealth.first("node2");
        h = h.afterCheck("timeout", SEEDS, 1).afterCheck("timeout", SEEDS, 2);
        assertEquals(NodeHealth.IN, h.state(), "two failures are not enough");
        h = h.afterCheck("HTTP 503", SEEDS, 3);
        assertEquals(NodeHealth.OUT, h.state());
        assertEquals("FGCLU011", h.lastTransition().messageId());
        assertEquals(3, h.lastTransition().at());

        h = h.afterCheck(null, SEEDS, 4);
        assertEquals(NodeHealth.OUT, h.state(), "one success is not enough");
        h = h.afterCheck(null, SEEDS, 5);
        assertEquals(NodeHealth.IN, h.state());
        assertEquals("FGCLU010", h.lastTransition().messageId());
        assertNull(h.problem());
        assertEquals(2, h.transitions().size());
    }

    @Test
    void aSuccessBreaksARunOfFailures() {
        NodeHealth h = NodeHealth.first("node2");
        for (int i = 0; i < 10; i++) {
            h = h.afterCheck("timeout", SEEDS, i).afterCheck("timeout", SEEDS, i).afterCheck(null, SEEDS, i);
        }
        assertEquals(NodeHealth.IN, h.state());
        assertEquals(0, h.transitions().size());
    }

    @Test
    void aSilentNodeIsRemovedAndComesBackWhenItReportsAndPassesItsChecks() {
        long minute = 60_000;
        NodeHealth h = NodeHealth.first("node3");
        assertSame(h, h.afterSilence(0, SEEDS, 5 * minute), "exactly the limit is not yet silent");
        h = h.afterSilence(0, SEEDS, 5 * minute + 1);
        assertEquals(NodeHealth.REMOVED, h.state());
        assertEquals("FGCLU012", h.lastTransition().messageId());

        h = h.afterReport(6 * minute);
        assertEquals(NodeHealth.OUT, h.state());
        assertEquals("FGCLU013", h.lastTransition().messageId());
        h = h.afterCheck(null, SEEDS, 6 * minute).afterCheck(null, SEEDS, 6 * minute + 5000);
        assertEquals(NodeHealth.IN, h.state());
    }

    @Test
    void onlyTheLastTransitionsAreKept() {
        HealthPolicy flappy = new HealthPolicy(Duration.ofSeconds(5), Duration.ofSeconds(2), 1, 1,
                Duration.ofMinutes(5), Duration.ofMinutes(1));
        NodeHealth h = NodeHealth.first("node2");
        for (int i = 0; i < 30; i++) {
            h = h.afterCheck(i % 2 == 0 ? "down" : null, flappy, i);
        }
        assertEquals(NodeHealth.KEPT_TRANSITIONS, h.transitions().size());
        assertEquals(29, h.lastTransition().at());
    }

    @Test
    void aPolicyThatCannotWorkIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new HealthPolicy(Duration.ZERO, Duration.ofSeconds(2), 3, 2,
                Duration.ofMinutes(5), Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> new HealthPolicy(Duration.ofSeconds(5),
                Duration.ofSeconds(2), 3, 2, Duration.ofMinutes(1), Duration.ofMinutes(1)), "stale before a report is due");
    }
}
