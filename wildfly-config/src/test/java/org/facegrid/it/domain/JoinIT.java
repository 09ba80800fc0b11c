package org.facegrid.it.domain;

import jakarta.json.JsonObject;
import org.facegrid.it.Http;
import org.facegrid.it.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 'facegrid join' as on a second machine: a primary started with 'facegrid start', and a host with its own base
 * dir and its own address (127.0.0.2) joining it with the token from 'facegrid join-token'. Every failure
 * gives its own exit code and message and leaves the joining host unconfigured, so the same join simply runs
 * again; the joined host is data-only, passes recognitions on, is refused the primary role, and leaves cleanly.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JoinIT {
    private static final FacegridCommand PRIMARY = new FacegridCommand("join", 2500);
    private static final FacegridCommand JOINER = PRIMARY.otherMachine("second", "127.0.0.2");
    private static String token;

    @BeforeAll
    static void startPrimary() throws Exception {
        PRIMARY.run(120, "stop");
        JOINER.run(120, "stop");
        FacegridCommand.deleteTree(PRIMARY.var());
        FacegridCommand.deleteTree(JOINER.var());
        PRIMARY.run(600, "start").expectSuccess("facegrid start");
        FacegridCommand.Result printed = PRIMARY.run(30, "join-token").expectSuccess("facegrid join-token");
        token = printed.output().lines().filter(l -> l.startsWith("fgjoin2.")).findFirst().orElseThrow();
    }

    @AfterAll
    static void stopBoth() {
        JOINER.run(120, "stop");
        PRIMARY.run(180, "stop");
    }

    private String primaryAddress() {
        return "127.0.0.1:" + PRIMARY.managementPort(1);
    }

    private FacegridCommand.Result join(String token, String primary, String role) {
        return JOINER.withEnvironment("FACEGRID_JOIN_TOKEN", token).run(600, "join", "--primary", primary, "--as", role);
    }

    private static String supervisorLog(Path log) throws java.io.IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private void assertUnconfigured(FacegridCommand.Result result, int exitCode, String message) {
        assertEquals(exitCode, result.exitCode(), result.output());
        assertTrue(result.output().contains(message), result.output());
        for (String left : List.of("joined", "credentials", "domain.state", "hosts/node2/configuration")) {
            assertFalse(Files.exists(JOINER.var().resolve(left)), left + " left behind after: " + result.output());
        }
    }

    /** A well-formed token (its check matches) with credentials the primary does not know. */
    private static String forgedToken(String json) throws Exception {
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(payload.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return "fgjoin2." + payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 16);
    }

    @Test
    @Order(1)
    void eachJoinFailureHasItsOwnMessageAndExitCodeAndLeavesNothingConfigured() throws Exception {
        assertUnconfigured(join(token, "127.0.0.1:" + (PRIMARY.managementPort(1) + 7), "redundant"), 10,
                "the primary is unreachable");
        assertUnconfigured(join(token, "https://" + primaryAddress(), "redundant"), 12, "TLS/certificate problem");
        String forged = forgedToken("{\"joinUser\":\"facegrid-join\",\"joinPassword\":\"wrongwrong#7a\","
                + "\"apiUser\":\"admin\",\"apiPassword\":\"wrongwrong#7a\"}");
        assertUnconfigured(join(forged, primaryAddress(), "redundant"), 11, "rejected the join credentials");
        assertUnconfigured(join("not-a-token", primaryAddress(), "redundant"), 64, "the join token is missing or damaged");
        assertUnconfigured(join(token, primaryAddress(), "primary-ish"), 64, "usage: facegrid join");
    }

    /**
     * The cluster ports blocked between the two addresses (iptables, as a firewall would): the host joins the
     * domain, its server forms a cluster of its own, and the join is undone and reported as incomplete.
     */
    @Test
    @Order(2)
    void aJoinThatReachesTheDomainButNotTheClusterIsUndone() throws Exception {
        Iptables.require();
        List<String> rule = List.of("INPUT", "-s", "127.0.0.2", "-d", "127.0.0.1", "-p", "tcp", "--dport",
                String.valueOf(PRIMARY.clusterPort(1)), "-j", "REJECT");
        Iptables.add(rule);
        try {
            assertUnconfigured(join(token, primaryAddress(), "data-only"), 13,
                    "joined the domain but its server did not join the cluster");
        } finally {
            Iptables.delete(rule);
        }
        String hosts = PRIMARY.run(60, "status").output();
        assertFalse(hosts.lines().anyMatch(l -> l.startsWith("node2")), "the undone host is gone: " + hosts);
    }

    @Test
    @Order(3)
    void theSameJoinRunsAgainAndTheDataOnlyNodeTakesNoRecognitionTraffic() throws Exception {
        Path supervisorLog = PRIMARY.var().resolve("supervisor.log");
        int logged = supervisorLog(supervisorLog).length();
        join(token, primaryAddress(), "data-only").expectSuccess("facegrid join --as data-only");
        // the primary's supervisor leaves a joining server alone: the join configures it, then starts it
        String restarts = supervisorLog(supervisorLog).substring(logged);
        assertFalse(restarts.contains("node2 server"), restarts);
        Http primary = PRIMARY.api(1);
        Map<String, JsonObject> nodes = ClusterCalls.byName(primary.get("/api/v1/cluster").object());
        assertEquals("data-only", nodes.get("node2").getString("dataRole"), nodes.toString());
        assertEquals(JOINER.url(2), nodes.get("node2").getString("url"));
        assertFalse(nodes.get("node2").getBoolean("inRotation"), nodes.toString());
        assertTrue(nodes.get("node2").getInt("ownedSegments") > 0, "a data-only node owns data: " + nodes);
        assertEquals(List.of(PRIMARY.url(1)), primary.get("/api/v1/cluster/endpoints").object()
                .getJsonArray("items").getValuesAs(jakarta.json.JsonString::getString));
        String table = PRIMARY.run(60, "status").expectSuccess("facegrid status").output();
        assertTrue(table.lines().anyMatch(l -> l.startsWith("node2") && l.contains("data-only")), table);

        Http.Reply readiness = new Http(JOINER.url(2)).get("/health/ready");
        assertEquals(503, readiness.status(), "a data-only node is never ready for traffic: " + readiness);
        assertTrue(readiness.body().replace(" ", "").contains("\"takesTraffic\":false"), readiness.toString());

        // a recognition sent to the data-only node is computed by a node that takes traffic
        Http joined = new Http(JOINER.url(2)).as(PRIMARY.run(30, "credentials").output().strip());
        Http.Reply answer = joined.send("POST", "/api/v1/recognitions", "image/jpeg", TestImages.devPhoto("barack_obama", 0));
        assertEquals(200, answer.status(), answer.toString());
        assertEquals("node1", answer.header("X-FaceGrid-Node"), answer.toString());
        assertTrue(answer.object().getJsonArray("faces").size() > 0, answer.toString());
    }

    @Test
    @Order(4)
    void theDataOnlyNodeIsNotGivenThePrimaryRole() {
        // it takes no traffic, so it could not balance recognitions (docs/cluster.md, "Roles of a node")
        Http.Reply refused = PRIMARY.api(1).put("/api/v1/cluster/primary", "{\"node\":\"node2\"}");
        assertEquals(409, refused.status(), refused.toString());
        assertEquals("takes_no_traffic", refused.object().getString("code"));
        assertEquals(404, PRIMARY.api(1).put("/api/v1/cluster/primary", "{\"node\":\"node7\"}").status());
        assertEquals(400, PRIMARY.api(1).put("/api/v1/cluster/primary", "{\"node\":3}").status());
        assertEquals("node1", PRIMARY.api(1).get("/api/v1/cluster").object().getString("primary"));
    }

    @Test
    @Order(5)
    void theJoinedHostLeavesCleanly() {
        Http primary = PRIMARY.api(1);
        assertEquals(409, primary.delete("/api/v1/cluster/nodes/node2").status(), "a running node is not forgotten");
        FacegridCommand.Result left = JOINER.run(180, "leave");
        left.expectSuccess("facegrid leave");
        Map<String, JsonObject> nodes = ClusterCalls.byName(primary.get("/api/v1/cluster").object());
        assertEquals(List.of("node1"), List.copyOf(nodes.keySet()), nodes.toString());
        assertFalse(Files.exists(JOINER.var().resolve("joined")), left.output());
        assertFalse(Files.exists(JOINER.var().resolve(Path.of("hosts", "node2"))), left.output());
        assertEquals(200, primary.get("/api/v1/persons").status(), "the primary goes on alone");
    }
}
