package org.facegrid.it.domain;

import jakarta.json.JsonObject;
import org.facegrid.it.Http;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.facegrid.it.domain.ClusterCalls.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every node shows the whole three-host cluster (node1 and node2 hold data, node3 is compute-only): one primary,
 * health, ownership, the servers' JVM settings, the operator's status table, and taking nodes out of rotation.
 */
@UsesCluster(ClusterSpec.THREE_HOSTS)
class ClusterViewIT extends ClusterScenario {
    ClusterViewIT(Cluster cluster) {
        super(cluster);
    }

    @Test
    void everyNodeListsAllThreeWithExactlyOnePrimary() {
        for (int host = 1; host <= 3; host++) {
            Http.Reply reply = node(host).get("/api/v1/cluster");
            assertEquals(200, reply.status(), reply.toString());
            JsonObject cluster = reply.object();
            Map<String, JsonObject> nodes = byName(cluster);
            assertEquals(List.of("node1", "node2", "node3"), nodes.keySet().stream().sorted().toList(), reply.toString());
            long primaries = nodes.values().stream().filter(n -> n.getString("role").equals("primary")).count();
            assertEquals(1, primaries, reply.toString());
            assertEquals("node1", cluster.getString("primary"), "the first node installed is preferred: " + reply);
            for (JsonObject n : nodes.values()) {
                assertEquals("UP", n.getString("health"), reply.toString());
            }
            assertEquals(facegrid.url(2), nodes.get("node2").getString("url"));
        }
    }

    @Test
    void serverGroupJvmSettingsReachEveryServer() {
        for (int host = 1; host <= 3; host++) {
            JsonObject jvm = node(host).get("/api/v1/cluster/self").object().getJsonObject("jvm");
            List<String> args = jvm.getJsonArray("inputArguments").getValuesAs(jakarta.json.JsonString::getString);
            assertTrue(args.contains("-Xmx768m") && args.contains("-XX:+UseG1GC"), "node" + host + ": " + args);
            assertEquals(768L * 1024 * 1024, jvm.getJsonNumber("maxHeapBytes").longValue());
            assertTrue(jvm.getJsonArray("garbageCollectors").toString().contains("G1"), jvm.toString());
        }
    }

    @Test
    void computeOnlyHostOwnsNoSegmentsYetAnswersReads() {
        String written = node(1).post("/api/v1/persons", "{\"name\":\"" + Cluster.unique("Held elsewhere") + "\"}")
                .object().getString("id");
        Map<String, JsonObject> nodes = byName(node(1).get("/api/v1/cluster").object());
        assertEquals("simple", nodes.get("node3").getString("dataRole"));
        assertEquals(0, nodes.get("node3").getInt("ownedSegments"), nodes.toString());
        assertEquals("redundant", nodes.get("node1").getString("dataRole"));
        assertTrue(nodes.get("node1").getInt("ownedSegments") > 0, nodes.toString());
        assertTrue(nodes.get("node2").getInt("ownedSegments") > 0, nodes.toString());

        JsonObject persons = node(3).get("/api/v1/cluster/self").object().getJsonArray("caches").getValuesAs(JsonObject.class)
                .stream().filter(c -> c.getString("name").equals("persons")).findFirst().orElseThrow();
        assertEquals(0, persons.getInt("localEntries"), "a compute-only node keeps no data: " + persons);
        assertTrue(persons.getInt("clusterEntries") >= 1, persons.toString());
        assertEquals(200, node(3).get("/api/v1/persons/" + written).status(), "node3 reads what it does not hold");
        // a node that holds no data cannot take the primary role
        Http.Reply refused = node(1).put("/api/v1/cluster/primary", "{\"node\":\"node3\"}");
        assertEquals(409, refused.status(), refused.toString());
        assertEquals("not_a_data_node", refused.object().getString("code"));
    }

    @Test
    void statusShowsEveryHostAndTheJsonIsTheClusterView() {
        String table = facegrid.run(120, "status").expectSuccess("facegrid status").output();
        for (String host : List.of("node1", "node2", "node3")) {
            assertTrue(table.lines().anyMatch(l -> l.startsWith(host) && l.contains("STARTED") && l.contains("yes")), table);
        }
        assertTrue(table.lines().anyMatch(l -> l.startsWith("node1") && l.contains("primary")), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("node3") && l.contains("simple")), table);

        String json = facegrid.run(120, "status", "--json").expectSuccess("facegrid status --json").output();
        JsonObject cluster = jakarta.json.Json.createReader(new java.io.StringReader(json)).readObject();
        assertEquals("node1", cluster.getString("primary"));
        assertEquals(3, cluster.getJsonArray("nodes").size());
    }

    @Test
    void operatorsTakeNodesOutOfRotationAndTheLastOneOnlyWithForce() throws Exception {
        facegrid.run(60, "server-status", "--disable", "--node", "node2").expectSuccess("server-status --disable node2");
        assertEquals(503, node(2).get("/health/ready").status(), "node2's readiness follows at once");
        for (int host : List.of(1, 3)) {
            List<String> endpoints = endpoints(node(host));
            assertFalse(endpoints.contains(facegrid.url(2)), "seen from node" + host + ": " + endpoints);
            assertTrue(endpoints.contains(facegrid.url(1)), endpoints.toString());
        }
        facegrid.run(60, "server-status", "--disable", "--node", "node3").expectSuccess("server-status --disable node3");
        FacegridCommand.Result last = facegrid.run(60, "server-status", "--disable", "--node", "node1");
        assertEquals(2, last.exitCode(), last.output());
        assertTrue(last.output().contains("last node in rotation"), last.output());
        assertEquals(200, node(1).get("/health/ready").status(), "the warning changed nothing");
        assertEquals(List.of(facegrid.url(1)), endpoints(node(2)));

        for (String name : List.of("node2", "node3")) {
            facegrid.run(60, "server-status", "--enable", "--node", name).expectSuccess("server-status --enable " + name);
        }
        assertEquals(200, node(2).get("/health/ready").status());
        awaitChecks(node(1), "node2", "IN", Duration.ofSeconds(30));
        awaitChecks(node(1), "node3", "IN", Duration.ofSeconds(30));
        assertEquals(3, endpoints(node(3)).size());
    }
}
