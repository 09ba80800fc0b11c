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
    void selfReportsTheJvmTheServerReallyGot() {
        JsonObject self = http.get("/api/v1/cluster/self").object();
        assertEquals("it-node", self.getString("name"));
        assertTrue(self.getBoolean("ready"));
        // -Xmx768m in arquillian.xml: the heap the server reports must be that one
        assertEquals(768L * 1024 * 1024, self.getJsonObject("jvm").getJsonNumber("maxHeapBytes").longValue());
        assertFalse(self.getJsonArray("caches").isEmpty());
    }
}
