package org.facegrid.it.domain;

import jakarta.json.JsonObject;
import org.facegrid.it.Http;
import org.facegrid.it.TestImages;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.facegrid.it.domain.ClusterCalls.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Servers restarted in turn keep their data; a killed server is taken out of rotation and restarted. */
@UsesCluster(ClusterSpec.THREE_HOSTS)
class SupervisionIT extends ClusterScenario {
    SupervisionIT(Cluster cluster) {
        super(cluster);
    }

    /** {@code facegrid rolling-restart}: every server in turn, each back in a settled cluster with its data. */
    @Test
    void restartedServersStillHaveTheData() throws Exception {
        String name = Cluster.unique("Restarted");
        List<String> created = new ArrayList<>();
        for (int writer = 1; writer <= 3; writer++) {
            created.add(node(writer).post("/api/v1/persons", "{\"name\":\"" + name + " " + writer + "\"}").object()
                    .getString("id"));
        }
        facegrid.run(900, "rolling-restart").expectSuccess("facegrid rolling-restart");
        for (int host = 1; host <= 3; host++) {
            cluster.awaitReady(host, Duration.ofSeconds(120));
            String readiness = node(host).get("/health/ready").body().replace(" ", "");
            assertTrue(readiness.contains("\"settled\":true") && readiness.contains("\"viewSize\":3"), readiness);
        }
        for (String id : created) {
            Http.Reply read = node(2).get("/api/v1/persons/" + id);
            assertEquals(200, read.status(), "after its restart node2 reading " + id + ": " + read);
        }
        assertEquals(3, node(2).get("/api/v1/persons?name=" + name).object().getInt("total"));
        assertEquals(3, byName(node(2).get("/api/v1/cluster").object()).size());
        // the primary, restarted last, takes its preferred role back (a handover within seconds)
        Cluster.await().alias("node1 primary again").until(() ->
                node(3).get("/api/v1/cluster").object().getString("primary", "none").equals("node1"));
    }

    @Test
    void killedServerIsRestartedBySupervision() throws Exception {
        byte[] photo = TestImages.devPhoto("barack_obama", 2);
        long killed = System.nanoTime();
        cluster.kill(3);
        // recognitions through the primary go on: one passed to the dead node is retried on another
        Map<String, Long> computedBy = computedBy(node(1), photo, 12, 4);
        assertFalse(computedBy.containsKey("node3"), computedBy.toString());
        awaitEndpoints(node(1), e -> !e.contains(facegrid.url(3)), "a node that left the view is no endpoint");
        // the primary's checks: 3 failures in a row, 5 s apart, take it out of rotation (FGCLU011)
        JsonObject out = awaitChecks(node(2), "node3", "OUT", Duration.ofSeconds(30));
        System.out.printf("node3 out of rotation %.1f s after its server was killed%n", (System.nanoTime() - killed) / 1e9);
        assertEquals("FGCLU011", lastTransition(out).getString("messageId"), out.toString());
        // the data nodes go on while the compute-only node is down
        Http.Reply during = node(1).post("/api/v1/persons", "{\"name\":\"Written while node3 was down\"}");
        assertEquals(201, during.status(), during.toString());

        cluster.awaitReady(3, Duration.ofSeconds(240));
        assertEquals(200, node(3).get("/api/v1/persons/" + during.object().getString("id")).status());
        String supervisorLog = Files.readString(facegrid.var().resolve("supervisor.log"));
        assertTrue(supervisorLog.contains("node3 server"), supervisorLog);
        // back after 2 successful checks, by itself (FGCLU010)
        JsonObject back = awaitChecks(node(1), "node3", "IN", Duration.ofSeconds(30));
        assertEquals("FGCLU010", lastTransition(back).getString("messageId"), back.toString());
        assertTrue(endpoints(node(1)).contains(facegrid.url(3)));
    }

    /**
     * The primary's server dies. The singleton election that follows passes over the compute-only node3 (it holds
     * no data): node2 is elected, or nobody. With two data nodes the survivor's side shows no primary and refuses
     * writes until node1 is back (docs/cluster.md, "Who may write"); node1 takes the role back once restarted.
     */
    @Test
    void whenThePrimaryDiesTheSimpleNodeIsNeverElected() throws Exception {
        Cluster.await().alias("node1 primary").until(() ->
                node(2).get("/api/v1/cluster").object().getString("primary", "none").equals("node1"));
        long[] logged = new long[4];
        for (int host = 2; host <= 3; host++) {
            logged[host] = Files.size(serverLog(host));
        }
        cluster.kill(1);
        List<String> elections = new ArrayList<>();
        Cluster.await().alias("an election once node1 is gone").until(() -> {
            elections.clear();
            for (int host = 2; host <= 3; host++) {
                Files.readString(serverLog(host)).substring((int) logged[host]).lines()
                        .filter(l -> l.contains("FGCLU045")).forEach(elections::add);
            }
            return !elections.isEmpty();
        });
        assertEquals("none", node(3).get("/api/v1/cluster").object().getString("primary", "none"),
                "one of two data nodes left: no primary shown");
        cluster.awaitReady(1, Duration.ofMinutes(4)); // the supervisor restarts it
        Cluster.await().alias("node1 primary again").until(() ->
                node(3).get("/api/v1/cluster").object().getString("primary", "none").equals("node1"));
        for (int host = 2; host <= 3; host++) {
            Files.readString(serverLog(host)).substring((int) logged[host]).lines()
                    .filter(l -> l.contains("FGCLU045")).forEach(elections::add);
        }
        assertTrue(elections.stream().noneMatch(l -> l.endsWith(": node3:node3")), "the simple node was elected: "
                + elections);
    }

    private java.nio.file.Path serverLog(int host) {
        return cluster.serverDir(host).resolve("log/server.log");
    }
}
