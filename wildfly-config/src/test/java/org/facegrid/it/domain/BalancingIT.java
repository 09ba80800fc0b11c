package org.facegrid.it.domain;

import org.facegrid.it.TestImages;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.facegrid.it.domain.ClusterCalls.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The primary's load balancing of recognitions, in each mode. */
@UsesCluster(ClusterSpec.THREE_HOSTS)
class BalancingIT extends ClusterScenario {
    BalancingIT(Cluster cluster) {
        super(cluster);
    }

    /**
     * Software balancing (the default mode): recognitions sent to the primary are computed on every node in
     * rotation by least outstanding requests, and each answer names its node; a secondary computes what it is
     * sent itself; in prescribed and external modes the primary passes nothing on.
     */
    @Test
    void thePrimarySpreadsRecognitionsOverTheNodesInRotationInSoftwareMode() throws Exception {
        byte[] photo = TestImages.devPhoto("barack_obama", 2);
        assertEquals("software", node(1).get("/api/v1/cluster").object().getJsonObject("balancer").getString("mode"));
        Map<String, Long> computedBy = computedBy(node(1), photo, 24, 6);
        assertTrue(computedBy.size() >= 2, "6 at a time through the primary go to more than one node: " + computedBy);

        assertEquals(Map.of("node2", 6L), computedBy(node(2), photo, 6, 3), "only the primary passes requests on");

        for (String mode : List.of("prescribed", "external")) {
            facegrid.run(60, "balancer", "--mode", mode).expectSuccess("facegrid balancer --mode " + mode);
            // the primary reads the mode with its rotation, at most a second old
            Cluster.await().atMost(Duration.ofSeconds(10)).alias(mode + " mode passes nothing on").untilAsserted(() ->
                    assertEquals(Map.of("node1", 12L), computedBy(node(1), photo, 12, 6)));
        }
        assertEquals(400, node(1).put("/api/v1/cluster/balancer", "{\"mode\":\"round-robin\"}").status());
        facegrid.run(60, "balancer", "--mode", "software").expectSuccess("facegrid balancer --mode software");
    }
}
