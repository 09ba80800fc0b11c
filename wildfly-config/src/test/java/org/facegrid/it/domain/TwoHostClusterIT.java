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

import java.time.Duration;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two-data-node rules of docs/cluster.md "Who may write" on a real two-host domain (drill 8d): the secondary dies
 * and the primary goes on fully; the primary dies and nothing is elected, the survivor serves reads and
 * recognition, refuses writes with 503 and says why; the primary returns and both agree, nothing lost.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoHostClusterIT {
    private static final FacegridCommand FACEGRID = new FacegridCommand("two-hosts", 1500);
    private static Http node1;
    private static Http node2;
    private static String writtenBeforeTheCrash;

    @BeforeAll
    static void startCluster() throws Exception {
        FACEGRID.run(120, "stop");
        FacegridCommand.deleteTree(FACEGRID.var());
        FACEGRID.run(600, "cluster-demo", "2").expectSuccess("facegrid cluster-demo 2");
        node1 = FACEGRID.api(1);
        node2 = FACEGRID.api(2);
    }

    @AfterAll
    static void stopCluster() {
        FACEGRID.run(180, "stop");
    }

    @Test
    @Order(1)
    void theFirstNodeIsPrimaryAndBothWrite() {
        for (Http node : new Http[] {node1, node2}) {
            JsonObject cluster = node.get("/api/v1/cluster").object();
            assertEquals("node1", cluster.getString("primary"), cluster.toString());
            assertTrue(cluster.getJsonObject("writes").getBoolean("allowed"), cluster.toString());
            assertEquals(201, node.post("/api/v1/persons", "{\"name\":\"Both up\"}").status());
        }
    }

    @Test
    @Order(2)
    void theSecondaryDiesAndThePrimaryGoesOnFully() throws Exception {
        FACEGRID.killServer(2);
        awaitCluster(node1, c -> c.getInt("viewSize") == 1, "node1 alone in its view");
        // Infinispan degrades the caches of a lone survivor of two; FaceGrid makes them available again
        ClusterCalls.awaitReady(node1, Duration.ofSeconds(15));
        Http.Reply person = node1.post("/api/v1/persons", "{\"name\":\"Enrolled while node2 was down\"}");
        assertEquals(201, person.status(), person.toString());
        String id = person.object().getString("id");
        byte[] photo = TestImages.read(TestImages.sharedFaces("dev/barack_obama").resolve("1.jpg"));
        Http.Reply face = node1.send("POST", "/api/v1/persons/" + id + "/faces?pick=largest", "image/jpeg", photo);
        assertEquals(201, face.status(), "the primary keeps accepting enrolments: " + face);
        writtenBeforeTheCrash = id;

        ClusterCalls.awaitReady(node2, Duration.ofSeconds(240));
        assertEquals(200, node2.get("/api/v1/persons/" + id).status(), "node2 has what node1 took meanwhile");
        Http.Reply faces = node2.get("/api/v1/persons/" + id + "/faces");
        assertEquals(1, faces.object().getJsonArray("items").size(), faces.toString());
    }

    @Test
    @Order(3)
    void thePrimaryDiesAndTheSurvivorReadsAndRecognisesButRefusesWrites() throws Exception {
        FACEGRID.killServer(1);
        JsonObject cluster = awaitCluster(node2, c -> !c.getJsonObject("writes").getBoolean("allowed"),
                "node2 refusing writes");
        assertTrue(cluster.isNull("primary"), "nothing is elected: " + cluster);
        assertTrue(cluster.getJsonObject("writes").getString("reason").contains("node1"), cluster.toString());
        ClusterCalls.awaitReady(node2, Duration.ofSeconds(15)); // its caches available again for reads

        Http.Reply refused = node2.post("/api/v1/persons", "{\"name\":\"Refused\"}");
        assertEquals(503, refused.status(), refused.toString());
        assertEquals("writes_refused", refused.object().getString("code"));
        assertTrue(refused.object().getString("message").contains("node1"), refused.toString());
        Http.Reply listed = node2.get("/api/v1/persons?name=Refused");
        assertEquals(0, listed.object().getInt("total"), "nothing was stored: " + listed);
        byte[] enrolPhoto = TestImages.read(TestImages.sharedFaces("dev/barack_obama").resolve("3.jpg"));
        Http.Reply enrol = node2.send("POST", "/api/v1/persons/" + writtenBeforeTheCrash + "/faces?pick=largest",
                "image/jpeg", enrolPhoto);
        assertEquals(503, enrol.status(), "enrolment is a write: " + enrol);
        assertEquals("writes_refused", enrol.object().getString("code"));
        Http.Reply object = node2.send("PUT", "/api/v1/objects/two-hosts/note.txt", "text/plain", "refused");
        assertEquals(503, object.status(), "an object is a write: " + object);
        assertEquals(404, node2.get("/api/v1/objects/two-hosts/note.txt").status(), "nothing was stored");
        Http.Reply faces = node2.get("/api/v1/persons/" + writtenBeforeTheCrash + "/faces");
        assertEquals(1, faces.object().getJsonArray("items").size(), "no face was added: " + faces);

        assertEquals(200, node2.get("/api/v1/persons/" + writtenBeforeTheCrash).status(), "reads go on");
        byte[] photo = TestImages.read(TestImages.sharedFaces("dev/barack_obama").resolve("2.jpg"));
        Http.Reply recognised = node2.send("POST", "/api/v1/recognitions?feedId=door", "image/jpeg", photo);
        assertEquals(200, recognised.status(), "recognition goes on: " + recognised);
        JsonObject best = recognised.object().getJsonArray("faces").getJsonObject(0).getJsonArray("matches")
                .getJsonObject(0);
        assertEquals(writtenBeforeTheCrash, best.getString("personId"));
        assertTrue(recognised.object().isNull("eventId"));
        assertTrue(recognised.object().getString("eventSkipped").contains("node1"), recognised.toString());

        Http.Reply ready = node2.get("/health/ready");
        assertEquals(200, ready.status(), "still ready for reads and recognition: " + ready);
        assertFalse(ready.object().getJsonArray("checks").getJsonObject(0).getJsonObject("data").getBoolean("writable"));

        // the primary returns (the supervisor restarts it): writes again, and both agree
        ClusterCalls.awaitReady(node1, Duration.ofSeconds(240));
        awaitCluster(node2, c -> c.getJsonObject("writes").getBoolean("allowed"), "node2 writing again");
        Http.Reply after = node2.post("/api/v1/persons", "{\"name\":\"After the primary returned\"}");
        assertEquals(201, after.status(), after.toString());
        assertEquals(200, node1.get("/api/v1/persons/" + after.object().getString("id")).status());
        assertEquals(200, node1.get("/api/v1/persons/" + writtenBeforeTheCrash).status());
        JsonObject whole = awaitCluster(node2, c -> "node1".equals(c.getString("primary", null)),
                "node1 primary again (it is preferred when it returns)");
        assertEquals(2, whole.getInt("viewSize"));
    }

    private static JsonObject awaitCluster(Http via, Predicate<JsonObject> condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonObject seen = null;
        while (System.nanoTime() < deadline) {
            try {
                Http.Reply reply = via.get("/api/v1/cluster");
                if (reply.status() == 200) {
                    seen = reply.object();
                    if (condition.test(seen)) {
                        return seen;
                    }
                }
            } catch (RuntimeException e) {
                // a view change in progress
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not " + what + " within 30 s: " + seen);
    }
}
