package org.facegrid.cluster;

import org.infinispan.topology.CacheTopology;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeReadinessTest {
    private static final WriteQuorum.Decision WRITABLE = new WriteQuorum.Decision(true, "");
    private static final WriteQuorum.Decision REFUSED = new WriteQuorum.Decision(false, "minority");

    private static NodeReadiness readiness(boolean deployed, boolean caughtUp, boolean inView, boolean caches,
                                           boolean enabled, boolean takesTraffic, WriteQuorum.Decision writes) {
        return new NodeReadiness(deployed, caughtUp, inView, caches, Map.of(), List.of(), 3, enabled, takesTraffic, writes);
    }

    @Test
    void readyOnlyWhenHealthyEnabledAndOfARoleThatTakesTraffic() {
        assertTrue(readiness(true, true, true, true, true, true, WRITABLE).ready());
        assertFalse(readiness(false, true, true, true, true, true, WRITABLE).ready(), "not deployed yet");
        assertFalse(readiness(true, false, true, true, true, true, WRITABLE).ready(), "rejoin sweep not done");
        assertFalse(readiness(true, true, false, true, true, true, WRITABLE).ready(), "out of the view");
        assertFalse(readiness(true, true, true, false, true, true, WRITABLE).ready(), "a cache is not available");
        assertFalse(readiness(true, true, true, true, false, true, WRITABLE).ready(), "disabled by an operator");
        assertFalse(readiness(true, true, true, true, true, false, WRITABLE).ready(), "a data-only node");
    }

    @Test
    void writesRefusedOnThisSideLeaveTheNodeReadyForReadsAndRecognition() {
        assertTrue(readiness(true, true, true, true, true, true, REFUSED).ready());
    }

    @Test
    void aDisabledOrDataOnlyNodeIsStillHealthy() {
        assertTrue(readiness(true, true, true, true, false, false, WRITABLE).healthy());
        assertFalse(readiness(true, false, true, true, true, true, WRITABLE).healthy());
    }

    @Test
    void aCacheIsSettledWhenItsTopologyHoldsTheWholeViewAndNoRebalanceRuns() {
        List<String> view = List.of("a", "b", "c");
        assertTrue(CacheSettlement.settled(CacheTopology.Phase.NO_REBALANCE, List.of("c", "a", "b"), view));
        assertFalse(CacheSettlement.settled(CacheTopology.Phase.READ_OLD_WRITE_ALL, view, view), "rebalancing");
        assertFalse(CacheSettlement.settled(CacheTopology.Phase.CONFLICT_RESOLUTION, view, view), "resolving conflicts");
        assertFalse(CacheSettlement.settled(CacheTopology.Phase.NO_REBALANCE, List.of("a", "b"), view), "c not in yet");
        assertFalse(CacheSettlement.settled(CacheTopology.Phase.NO_REBALANCE, List.of("a", "b", "d"), view), "d left");
    }
}
