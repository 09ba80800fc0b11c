package org.facegrid.it.domain;

import jakarta.json.JsonObject;
import org.facegrid.it.Http;
import org.facegrid.it.TestImages;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.facegrid.it.domain.ClusterCalls.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Local object storage across the nodes: placement, reads through any node, copies, copy-back and tombstones. */
@UsesCluster(ClusterSpec.THREE_HOSTS)
class ObjectStorageIT extends ClusterScenario {
    ObjectStorageIT(Cluster cluster) {
        super(cluster);
    }

    /** Local object storage: objects stay on the data node that received them and are served by every node. */
    @Test
    void objectsAreReadAndDeletedThroughNodesThatDoNotHoldThem() throws Exception {
        byte[] bytes = randomBytes(50_000);
        JsonObject stored = node(2).send("PUT", "/api/v1/objects/it/held-by-node2.bin", "application/x-test", bytes).object();
        assertEquals(List.of("node2"), strings(stored, "holders"), "a data node keeps what it receives: " + stored);
        assertTrue(Files.exists(objectFile(cluster, 2, "it/held-by-node2.bin")));
        assertFalse(Files.exists(objectFile(cluster, 1, "it/held-by-node2.bin")));

        for (int host : List.of(1, 3)) { // another data node, and the simple node
            Http.Reply read = node(host).get("/api/v1/objects/it/held-by-node2.bin");
            assertEquals(200, read.status(), "through node" + host + ": " + read);
            assertArrayEquals(bytes, read.bytes());
            assertEquals("application/x-test", read.contentType());
        }

        // a simple node stores nothing itself: it hands the object to a data node
        JsonObject viaSimple = node(3).send("PUT", "/api/v1/objects/it/via-simple.bin", "image/jpeg", bytes).object();
        String holder = strings(viaSimple, "holders").get(0);
        assertTrue(List.of("node1", "node2").contains(holder), viaSimple.toString());
        assertTrue(Files.exists(objectFile(cluster, holder.equals("node1") ? 1 : 2, "it/via-simple.bin")));
        assertFalse(Files.exists(objectFile(cluster, 3, "it/via-simple.bin")));

        // deleted through node1, which never held it: node2's file goes, and every node answers 404
        assertEquals(204, node(1).delete("/api/v1/objects/it/held-by-node2.bin").status());
        assertFalse(Files.exists(objectFile(cluster, 2, "it/held-by-node2.bin")));
        for (int host = 1; host <= 3; host++) {
            assertEquals(404, node(host).get("/api/v1/objects/it/held-by-node2.bin").status());
        }

        // a file whose record is missing (restored by hand, say) is found by asking every storage node
        Files.createDirectories(objectFile(cluster, 2, "it/unrecorded.bin").getParent());
        Files.write(objectFile(cluster, 2, "it/unrecorded.bin"), bytes);
        Http.Reply unrecorded = node(1).get("/api/v1/objects/it/unrecorded.bin");
        assertEquals(200, unrecorded.status(), unrecorded.toString());
        assertArrayEquals(bytes, unrecorded.bytes());

        // the nodes' own endpoint serves only callers that present the cluster key
        assertEquals(403, new Http(facegrid.url(2)).get("/internal/objects/it/unrecorded.bin").status());
        var guessedKey = java.net.http.HttpRequest.newBuilder(java.net.URI.create(facegrid.url(2)
                + "/internal/objects/it/unrecorded.bin")).header("X-FaceGrid-Cluster-Key", "guessed").DELETE().build();
        assertEquals(403, java.net.http.HttpClient.newHttpClient()
                .send(guessedKey, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode());
        assertTrue(Files.exists(objectFile(cluster, 2, "it/unrecorded.bin")));
    }

    /** The holder dies: one copy answers 503 until it is back, two copies lose nothing; copy-back on return. */
    @Test
    void killingTheHolderLosesNoObjectWithTwoCopiesAndCopyBackBringsObjectsHome() throws Exception {
        byte[] bytes = randomBytes(20_000);
        assertEquals(400, node(1).put("/api/v1/storage", "{\"copies\":3}").status());
        assertEquals(400, node(1).put("/api/v1/storage", "{\"mode\":\"shared\"}").status());
        JsonObject storage = node(1).put("/api/v1/storage", "{\"copies\":2}").object();
        assertEquals(2, storage.getInt("copies"));
        assertEquals("local", storage.getString("mode"));
        JsonObject two = node(2).send("PUT", "/api/v1/objects/it/two-copies.bin", "image/jpeg", bytes).object();
        assertEquals(List.of("node2", "node1"), strings(two, "holders"), two.toString());
        assertTrue(Files.exists(objectFile(cluster, 1, "it/two-copies.bin")));
        // persons node2 keeps in its own store, about to be deleted or renamed while it is down
        byte[] face = TestImages.devPhoto("bbt_penny", 0);
        List<String> doomed = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            doomed.add(node(1).post("/api/v1/persons", "{\"name\":\"Deleted while node2 was down " + i + "\"}")
                    .object().getString("id"));
        }
        Http.Reply doomedFace = node(1).send("POST", "/api/v1/persons/" + doomed.get(0) + "/faces?pick=largest",
                "image/jpeg", face);
        assertEquals(201, doomedFace.status(), doomedFace.toString());
        String renamed = node(1).post("/api/v1/persons", "{\"name\":\"Renamed while node2 was down\"}").object()
                .getString("id");

        // held by node2 alone: written with copies=1 (the primary's copy-back gives objects held once a second
        // copy while copies=2), and copies=2 again only once node2 is down, when no second copy can be made
        assertEquals(1, node(1).put("/api/v1/storage", "{\"copies\":1}").object().getInt("copies"));
        assertEquals(List.of("node2"), strings(node(2).send("PUT", "/api/v1/objects/it/one-copy.bin", "image/jpeg",
                bytes).object(), "holders"));
        cluster.kill(2);
        assertEquals(2, node(1).put("/api/v1/storage", "{\"copies\":2}").object().getInt("copies"));
        for (String id : doomed) {
            assertEquals(204, node(1).delete("/api/v1/persons/" + id).status());
        }
        assertEquals(200, node(1).put("/api/v1/persons/" + renamed, "{\"name\":\"Renamed meanwhile\"}").status());
        Http.Reply toDownNode = node(1).put("/api/v1/cluster/primary", "{\"node\":\"node2\"}");
        assertEquals(409, toDownNode.status(), "the primary role never moves to a node that is down: " + toDownNode);
        assertEquals("node_down", toDownNode.object().getString("code"), toDownNode.toString());
        Http.Reply unavailable = awaitStatus(node(1), "/api/v1/objects/it/one-copy.bin", 503, Duration.ofSeconds(30));
        assertEquals("object_unavailable", unavailable.object().getString("code"), unavailable.toString());
        Http.Reply kept = node(3).get("/api/v1/objects/it/two-copies.bin");
        assertEquals(200, kept.status(), "the second copy answers: " + kept);
        assertArrayEquals(bytes, kept.bytes());

        // deleted while one of its holders is down: that holder is told once it is back (a tombstone)
        assertEquals(204, node(1).delete("/api/v1/objects/it/two-copies.bin").status());
        assertFalse(Files.exists(objectFile(cluster, 1, "it/two-copies.bin")));
        assertTrue(Files.exists(objectFile(cluster, 2, "it/two-copies.bin")), "node2 is down: its copy is still on disk");

        // written while node2 is down: its home node2 gets it once back (Symphony's copy-back)
        JsonObject meanwhile = node(1).send("PUT", "/api/v1/objects/it/written-meanwhile.bin", "image/jpeg", bytes).object();
        assertEquals(List.of("node1", "node2"), strings(meanwhile, "homes"), meanwhile.toString());
        assertEquals(List.of("node1"), strings(meanwhile, "holders"), meanwhile.toString());

        cluster.awaitReady(2, Duration.ofSeconds(240)); // the supervisor restarts it
        assertEquals(404, node(2).get("/api/v1/objects/it/two-copies.bin").status(), "its stale copy is not served");
        // the primary's copy-back (every 30 s) brings the object home and resends the delete node2 missed
        awaitCondition(() -> Files.exists(objectFile(cluster, 2, "it/written-meanwhile.bin"))
                && !Files.exists(objectFile(cluster, 2, "it/two-copies.bin")), Duration.ofSeconds(120), "copy-back to node2");
        // what its store brought back is swept before it is ready: nothing deleted meanwhile comes back, anywhere
        for (int host = 1; host <= 3; host++) {
            for (String id : doomed) {
                assertEquals(404, node(host).get("/api/v1/persons/" + id).status(), "node" + host + " reading " + id);
            }
            assertEquals("Renamed meanwhile", node(host).get("/api/v1/persons/" + renamed).object().getString("name"));
            assertEquals(0, node(host).get("/api/v1/persons?name=Deleted+while").object().getInt("total"));
        }
        Http.Reply recognised = node(2).send("POST", "/api/v1/recognitions", "image/jpeg", face);
        assertEquals(200, recognised.status(), recognised.toString());
        assertFalse(recognised.body().contains(doomed.get(0)), "node2 matches a face deleted while it was down: "
                + recognised);
        assertTrue(Files.readString(facegrid.var().resolve("hosts/node2/servers/node2/log/server.log"))
                .contains("FGCLU014: rejoin sweep of persons"));
        assertArrayEquals(bytes, Files.readAllBytes(objectFile(cluster, 2, "it/written-meanwhile.bin")), "copied back");
        assertFalse(Files.exists(objectFile(cluster, 2, "it/two-copies.bin")), "the delete it missed was resent");
        assertEquals(404, node(2).get("/api/v1/objects/it/two-copies.bin").status());
        assertEquals(200, awaitStatus(node(1), "/api/v1/objects/it/one-copy.bin", 200, Duration.ofSeconds(30)).status());
        assertEquals(1, node(1).put("/api/v1/storage", "{\"copies\":1}").object().getInt("copies"));
    }
}
