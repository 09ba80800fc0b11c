package org.facegrid.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MicroProfile Health on the application port, and GET /api/v1/cluster on a one-node cluster. */
@ExtendWith(ArquillianExtension.class)
class HealthAndClusterIT {
    private final Http http = Deployments.server();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.facegridEar();
    }

    @Test
    void readinessIsUpWithTheFactsItWasDecidedOn() {
        Http.Reply ready = http.get("/health/ready");
        assertEquals(200, ready.status(), ready.toString());
        JsonObject body = ready.object();
        assertEquals("UP", body.getString("status"));
        JsonObject check = body.getJsonArray("checks").getJsonObject(0);
        assertEquals("cluster-member", check.getString("name"));
        JsonObject data = check.getJsonObject("data");
        assertTrue(data.getBoolean("inView"), ready.toString());
        assertTrue(data.getBoolean("deployed"), ready.toString());
        for (String cache : List.of("persons", "person-external-ids", "nodes")) {
            assertEquals("AVAILABLE", data.getString("cache." + cache), ready.toString());
        }
    }

    @Test
    void livenessStartupAndTheWholeReportFollowTheSpecification() {
        Http.Reply live = http.get("/health/live");
        assertEquals(200, live.status(), live.toString());
        assertEquals("no-deadlocked-threads", live.object().getJsonArray("checks").getJsonObject(0).getString("name"));

        Http.Reply started = http.get("/health/started");
        assertEquals(200, started.status(), started.toString());
        assertEquals("UP", started.object().getString("status"));

        Http.Reply all = http.get("/health");
        assertEquals(200, all.status(), all.toString());
        List<String> names = all.object().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .map(c -> c.getString("name")).sorted().toList();
        assertEquals(List.of("application-started", "cluster-member", "no-deadlocked-threads", "recognition-capacity"), names);

        Http.Reply unknown = http.get("/health/bogus");
        assertEquals(404, unknown.status());
        assertEquals("not_found", unknown.object().getString("code"));
    }

    @Test
    void aSingleNodeIsThePrimaryAndHoldsAllData() {
        Http.Reply reply = http.get("/api/v1/cluster");
        assertEquals(200, reply.status(), reply.toString());
        JsonObject cluster = reply.object();
        assertEquals("it-node", cluster.getString("primary"), reply.toString());
        assertEquals(1, cluster.getJsonArray("nodes").size(), reply.toString());
        JsonObject node = cluster.getJsonArray("nodes").getJsonObject(0);
        assertEquals("it-node", node.getString("name"));
        assertEquals(http.base(), node.getString("url"));
        assertEquals("primary", node.getString("role"));
        assertEquals("redundant", node.getString("dataRole"));
        assertEquals("UP", node.getString("health"));
        assertTrue(node.getBoolean("inRotation"));
        assertTrue(node.getInt("ownedSegments") > 0, reply.toString());
    }

    @Test
    void theNodeReportsItsStatusAndThePrimaryChecksIt() throws InterruptedException {
        JsonObject node = http.get("/api/v1/cluster").object().getJsonArray("nodes").getJsonObject(0);
        assertTrue(node.containsKey("reportedAt"), node.toString());
        assertFalse(node.getString("version").isBlank(), node.toString());
        JsonObject checks = awaitChecks(c -> c.getString("state").equals("IN") && c.containsKey("checkedAt"));
        assertEquals(0, checks.getInt("failures"), checks.toString());
        assertEquals(List.of(http.base()), endpoints());
    }

    /**
     * An operator takes the only node out of rotation (only with force: it is the last one), its readiness turns
     * DOWN at once, the primary's checks take it out after 3 failures with message FGCLU011, and enabling it
     * brings it back after 2 successful checks (FGCLU010). The seeds' numbers: 5 s polls, so within ~15 s each.
     */
    @Test
    void anOperatorTakesTheNodeOutOfRotationAndTheHealthChecksFollow() throws InterruptedException {
        Http.Reply refused = http.put("/api/v1/cluster/nodes/it-node/rotation", "{\"enabled\": false}");
        assertEquals(409, refused.status(), refused.toString());
        assertEquals("last_enabled_node", refused.object().getString("code"));
        assertEquals(200, http.get("/health/ready").status(), "nothing changed");

        try {
            Http.Reply disabled = http.put("/api/v1/cluster/nodes/it-node/rotation", "{\"enabled\": false, \"force\": true}");
            assertEquals(200, disabled.status(), disabled.toString());
            Http.Reply ready = http.get("/health/ready");
            assertEquals(503, ready.status(), "readiness follows at once: " + ready);
            assertEquals(List.of(), endpoints());
            JsonObject node = http.get("/api/v1/cluster").object().getJsonArray("nodes").getJsonObject(0);
            assertFalse(node.getBoolean("enabled"));
            assertFalse(node.getBoolean("inRotation"));

            JsonObject out = awaitChecks(c -> c.getString("state").equals("OUT"));
            JsonObject left = last(out);
            assertEquals("FGCLU011", left.getString("messageId"), out.toString());
            assertEquals("IN", left.getString("from"));
            assertTrue(left.getString("reason").contains("3 failed checks"), left.toString());
            assertTrue(left.getString("at").matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), left.toString());
        } finally {
            assertEquals(200, http.put("/api/v1/cluster/nodes/it-node/rotation", "{\"enabled\": true}").status());
        }
        assertEquals(200, http.get("/health/ready").status());
        JsonObject back = awaitChecks(c -> c.getString("state").equals("IN"));
        assertEquals("FGCLU010", last(back).getString("messageId"), back.toString());
        assertEquals(List.of(http.base()), endpoints());
    }

    @Test
    void rotationSwitchesRefuseBadRequestsAndOtherRoles() {
        String path = "/api/v1/cluster/nodes/it-node/rotation";
        Http.Reply unknown = http.put("/api/v1/cluster/nodes/no-such-node/rotation", "{\"enabled\": false}");
        assertEquals(404, unknown.status(), unknown.toString());
        assertEquals("node_not_found", unknown.object().getString("code"));
        for (String body : List.of("{}", "{\"enabled\": \"no\"}", "{\"enabled\": false, \"force\": 1}")) {
            Http.Reply bad = http.put(path, body);
            assertEquals(400, bad.status(), body + " -> " + bad);
            assertEquals("invalid_input", bad.object().getString("code"), bad.toString());
        }
        assertEquals(400, http.put(path, "{\"enabled\": fal").status());
        assertEquals(403, Deployments.server("operator").put(path, "{\"enabled\": true}").status());
        assertEquals(403, Deployments.server("viewer").put(path, "{\"enabled\": true}").status());
        assertEquals(200, Deployments.server("viewer").get("/api/v1/cluster/endpoints").status());
        assertEquals(200, http.get("/health/ready").status(), "nothing changed");
    }

    /** The cluster-level switches (balancing mode, primary move, forgetting a node) check their input and roles. */
    @Test
    void clusterSwitchesRefuseBadRequestsAndOtherRoles() {
        for (String body : List.of("{}", "{\"mode\": \"round-robin\"}", "{\"mode\": 1}")) {
            Http.Reply bad = http.put("/api/v1/cluster/balancer", body);
            assertEquals(400, bad.status(), body + " -> " + bad);
            assertEquals("invalid_input", bad.object().getString("code"), bad.toString());
        }
        assertEquals(403, Deployments.server("operator").put("/api/v1/cluster/balancer", "{\"mode\": \"external\"}")
                .status());
        assertEquals("software", http.get("/api/v1/cluster").object().getJsonObject("balancer").getString("mode"));

        assertEquals(400, http.put("/api/v1/cluster/primary", "{\"node\": \"\"}").status());
        Http.Reply unknown = http.put("/api/v1/cluster/primary", "{\"node\": \"no-such-node\"}");
        assertEquals(404, unknown.status(), unknown.toString());
        assertEquals(403, Deployments.server("operator").put("/api/v1/cluster/primary", "{\"node\": \"it-node\"}")
                .status());
        Http.Reply self = http.put("/api/v1/cluster/primary", "{\"node\": \"it-node\"}");
        assertEquals(202, self.status(), self.toString());
        assertEquals("it-node", http.get("/api/v1/cluster").object().getString("primary"));

        Http.Reply running = http.delete("/api/v1/cluster/nodes/it-node");
        assertEquals(409, running.status(), running.toString());
        assertEquals("node_running", running.object().getString("code"));
        assertEquals(404, http.delete("/api/v1/cluster/nodes/no-such-node").status());
        assertEquals(403, Deployments.server("viewer").delete("/api/v1/cluster/nodes/it-node").status());
    }

    private List<String> endpoints() {
        return http.get("/api/v1/cluster/endpoints").object().getJsonArray("items")
                .getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList();
    }

    private static JsonObject last(JsonObject checks) {
        var transitions = checks.getJsonArray("transitions");
        return transitions.getJsonObject(transitions.size() - 1);
    }

    /** The primary's checks of the node once they satisfy the condition; fails after 30 s. */
    private JsonObject awaitChecks(java.util.function.Predicate<JsonObject> condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        JsonObject node = null;
        while (System.nanoTime() < deadline) {
            node = http.get("/api/v1/cluster").object().getJsonArray("nodes").getJsonObject(0);
            if (node.containsKey("checks") && condition.test(node.getJsonObject("checks"))) {
                return node.getJsonObject("checks");
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the health checks never got there: " + node);
    }

    @Test
    void selfReportsTheJvmTheServerReallyGot() {
        JsonObject self = http.get("/api/v1/cluster/self").object();
        assertEquals("it-node", self.getString("name"));
        assertTrue(self.getBoolean("ready"));
        // -Xmx768m in arquillian.xml: the heap the server reports must be that one
        assertEquals(768L * 1024 * 1024, self.getJsonObject("jvm").getJsonNumber("maxHeapBytes").longValue());
        assertFalse(self.getJsonArray("caches").isEmpty());
    }
}
