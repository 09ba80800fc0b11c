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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real three-host domain on loopback, started by the operator command: node1 (domain controller) and
 * node2 hold data, node3 is compute-only. Hosts 2 and 3 join node1 with credentials.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeHostClusterIT {
    private static final FacegridCommand FACEGRID = new FacegridCommand("three-hosts", 1000);
    private static final List<String> CREATED = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws Exception {
        FACEGRID.run(120, "stop");
        FacegridCommand.deleteTree(FACEGRID.var());
        FACEGRID.run(600, "cluster-demo", "3", "--simple", "3").expectSuccess("facegrid cluster-demo 3 --simple 3");
    }

    @AfterAll
    static void stopCluster() {
        FACEGRID.run(180, "stop");
    }

    private static final Map<Integer, Http> NODES = new java.util.concurrent.ConcurrentHashMap<>();

    private static Http node(int host) {
        return NODES.computeIfAbsent(host, FACEGRID::api);
    }

    @Test
    @Order(1)
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
            assertEquals(FACEGRID.url(2), nodes.get("node2").getString("url"));
        }
    }

    @Test
    @Order(1)
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
    @Order(2)
    void personWrittenOnAnyNodeIsReadOnEveryNode() {
        for (int writer = 1; writer <= 3; writer++) {
            Http.Reply created = node(writer).post("/api/v1/persons",
                    "{\"name\":\"Written on node" + writer + "\",\"externalId\":\"cluster-" + writer + "\"}");
            assertEquals(201, created.status(), created.toString());
            CREATED.add(created.object().getString("id"));
        }
        for (int reader = 1; reader <= 3; reader++) {
            for (String id : CREATED) {
                Http.Reply read = node(reader).get("/api/v1/persons/" + id);
                assertEquals(200, read.status(), "node" + reader + " reading " + id + ": " + read);
            }
            assertEquals(3, node(reader).get("/api/v1/persons?name=Written+on").object().getInt("total"));
        }
        // uniqueness holds across nodes: node2 cannot take the externalId node1 wrote
        assertEquals(409, node(2).post("/api/v1/persons", "{\"name\":\"X\",\"externalId\":\"cluster-1\"}").status());
    }

    @Test
    @Order(3)
    void computeOnlyHostOwnsNoSegmentsYetAnswersReads() {
        Map<String, JsonObject> nodes = byName(node(1).get("/api/v1/cluster").object());
        assertEquals("simple", nodes.get("node3").getString("dataRole"));
        assertEquals(0, nodes.get("node3").getInt("ownedSegments"), nodes.toString());
        assertEquals("redundant", nodes.get("node1").getString("dataRole"));
        assertTrue(nodes.get("node1").getInt("ownedSegments") > 0, nodes.toString());
        assertTrue(nodes.get("node2").getInt("ownedSegments") > 0, nodes.toString());

        JsonObject persons = node(3).get("/api/v1/cluster/self").object().getJsonArray("caches").getValuesAs(JsonObject.class)
                .stream().filter(c -> c.getString("name").equals("persons")).findFirst().orElseThrow();
        assertEquals(0, persons.getInt("localEntries"), "a compute-only node keeps no data: " + persons);
        assertTrue(persons.getInt("clusterEntries") >= 3, persons.toString());
        assertEquals(200, node(3).get("/api/v1/persons/" + CREATED.get(0)).status());
        // a node that holds no data cannot take the primary role
        Http.Reply refused = node(1).put("/api/v1/cluster/primary", "{\"node\":\"node3\"}");
        assertEquals(409, refused.status(), refused.toString());
        assertEquals("not_a_data_node", refused.object().getString("code"));
    }

    @Test
    @Order(3)
    void faceEnrolledThroughOneNodeIsRecognisedThroughAnotherWithinOneSecond() throws Exception {
        Path obama = TestImages.sharedFaces("dev").resolve("barack_obama");
        List<Path> photos = TestImages.photos(obama);
        String personId = node(1).post("/api/v1/persons", "{\"name\":\"Cluster Obama\"}").object().getString("id");
        Http.Reply enrolled = node(1).send("POST", "/api/v1/persons/" + personId + "/faces?pick=largest", "image/jpeg",
                TestImages.read(photos.get(0)));
        assertEquals(201, enrolled.status(), enrolled.toString());
        // asked once each, right after the enrolment returned, never retried: the face must already be in the
        // other nodes' indexes (the clustered listener is synchronous), well within the 1 s the API promises
        byte[] other = TestImages.read(photos.get(1));
        for (int host : new int[] {3, 2}) {
            Http.Reply recognised = node(host).send("POST", "/api/v1/recognitions", "image/jpeg", other);
            assertEquals(200, recognised.status(), recognised.toString());
            assertTrue(recognised.body().contains(personId), "node" + host + " recognises the face enrolled on node1: "
                    + recognised);
        }

        String faceId = enrolled.object().getString("faceId");
        assertEquals(204, node(2).delete("/api/v1/persons/" + personId + "/faces/" + faceId).status());
        for (int host : new int[] {1, 3}) {
            Http.Reply after = node(host).send("POST", "/api/v1/recognitions", "image/jpeg", other);
            assertFalse(after.body().contains(personId), "node" + host + " never matches a deleted face: " + after);
        }
    }

    /**
     * Software balancing (the default mode): recognitions sent to the primary are computed on every node in
     * rotation by least outstanding requests, and each answer names its node; a secondary computes what it is
     * sent itself; in prescribed and external modes the primary passes nothing on.
     */
    @Test
    @Order(3)
    void thePrimarySpreadsRecognitionsOverTheNodesInRotationInSoftwareMode() throws Exception {
        byte[] photo = TestImages.devPhoto("barack_obama", 2);
        assertEquals("software", node(1).get("/api/v1/cluster").object().getJsonObject("balancer").getString("mode"));
        Map<String, Long> computedBy = computedBy(node(1), photo, 24, 6);
        assertTrue(computedBy.size() >= 2, "6 at a time through the primary go to more than one node: " + computedBy);

        assertEquals(Map.of("node2", 6L), computedBy(node(2), photo, 6, 3), "only the primary passes requests on");

        for (String mode : List.of("prescribed", "external")) {
            FACEGRID.run(60, "balancer", "--mode", mode).expectSuccess("facegrid balancer --mode " + mode);
            Thread.sleep(1_500); // the primary reads the mode with its rotation, at most a second old
            assertEquals(Map.of("node1", 12L), computedBy(node(1), photo, 12, 6), mode + " mode passes nothing on");
        }
        assertEquals(400, node(1).put("/api/v1/cluster/balancer", "{\"mode\":\"round-robin\"}").status());
        FACEGRID.run(60, "balancer", "--mode", "software").expectSuccess("facegrid balancer --mode software");
    }

    /** Sends {@code total} recognitions, {@code parallel} at a time; counts the nodes that computed them. */
    private static Map<String, Long> computedBy(Http via, byte[] photo, int total, int parallel) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(parallel);
        try {
            List<java.util.concurrent.Future<Http.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                replies.add(pool.submit(() -> via.send("POST", "/api/v1/recognitions", "image/jpeg", photo)));
            }
            Map<String, Long> counts = new java.util.TreeMap<>();
            for (java.util.concurrent.Future<Http.Reply> reply : replies) {
                Http.Reply r = reply.get();
                assertEquals(200, r.status(), r.toString());
                assertEquals(1, r.object().getJsonArray("faces").size(), r.toString());
                counts.merge(r.header("X-FaceGrid-Node"), 1L, Long::sum);
            }
            return counts;
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code facegrid rolling-restart}: every server in turn, each back in a settled cluster with its data. */
    @Test
    @Order(4)
    void restartedServersStillHaveTheData() throws Exception {
        FACEGRID.run(900, "rolling-restart").expectSuccess("facegrid rolling-restart");
        for (int host = 1; host <= 3; host++) {
            awaitReady(node(host), Duration.ofSeconds(120));
            String readiness = node(host).get("/health/ready").body().replace(" ", "");
            assertTrue(readiness.contains("\"settled\":true") && readiness.contains("\"viewSize\":3"), readiness);
        }
        for (String id : CREATED) {
            Http.Reply read = node(2).get("/api/v1/persons/" + id);
            assertEquals(200, read.status(), "after its restart node2 reading " + id + ": " + read);
        }
        assertEquals(3, node(2).get("/api/v1/persons?name=Written+on").object().getInt("total"));
        assertEquals(3, byName(node(2).get("/api/v1/cluster").object()).size());
        // the primary, restarted last, takes its preferred role back (a handover within seconds)
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String primary = node(3).get("/api/v1/cluster").object().getString("primary", "none");
        while (!primary.equals("node1") && System.nanoTime() < deadline) {
            Thread.sleep(500);
            primary = node(3).get("/api/v1/cluster").object().getString("primary", "none");
        }
        assertEquals("node1", primary);
    }

    @Test
    @Order(5)
    void killedServerIsRestartedBySupervision() throws Exception {
        byte[] photo = TestImages.devPhoto("barack_obama", 2);
        long killed = System.nanoTime();
        FACEGRID.killServer(3);
        // recognitions through the primary go on: one passed to the dead node is retried on another
        Map<String, Long> computedBy = computedBy(node(1), photo, 12, 4);
        assertFalse(computedBy.containsKey("node3"), computedBy.toString());
        awaitNotReady(node(3));
        awaitEndpoints(node(1), e -> !e.contains(FACEGRID.url(3)), "a node that left the view is no endpoint");
        // the primary's checks: 3 failures in a row, 5 s apart, take it out of rotation (FGCLU011)
        JsonObject out = awaitChecks(node(2), "node3", "OUT", Duration.ofSeconds(30));
        System.out.printf("node3 out of rotation %.1f s after its server was killed%n", (System.nanoTime() - killed) / 1e9);
        assertEquals("FGCLU011", lastTransition(out).getString("messageId"), out.toString());
        // the data nodes go on while the compute-only node is down
        Http.Reply during = node(1).post("/api/v1/persons", "{\"name\":\"Written while node3 was down\"}");
        assertEquals(201, during.status(), during.toString());

        awaitReady(node(3), Duration.ofSeconds(240));
        assertEquals(200, node(3).get("/api/v1/persons/" + during.object().getString("id")).status());
        String supervisorLog = Files.readString(FACEGRID.var().resolve("supervisor.log"));
        assertTrue(supervisorLog.contains("node3 server"), supervisorLog);
        // back after 2 successful checks, by itself (FGCLU010)
        JsonObject back = awaitChecks(node(1), "node3", "IN", Duration.ofSeconds(30));
        assertEquals("FGCLU010", lastTransition(back).getString("messageId"), back.toString());
        assertTrue(endpoints(node(1)).contains(FACEGRID.url(3)));
    }

    @Test
    @Order(7)
    void operatorsTakeNodesOutOfRotationAndTheLastOneOnlyWithForce() throws Exception {
        FACEGRID.run(60, "server-status", "--disable", "--node", "node2").expectSuccess("server-status --disable node2");
        assertEquals(503, node(2).get("/health/ready").status(), "node2's readiness follows at once");
        for (int host : List.of(1, 3)) {
            List<String> endpoints = endpoints(node(host));
            assertFalse(endpoints.contains(FACEGRID.url(2)), "seen from node" + host + ": " + endpoints);
            assertTrue(endpoints.contains(FACEGRID.url(1)), endpoints.toString());
        }
        FACEGRID.run(60, "server-status", "--disable", "--node", "node3").expectSuccess("server-status --disable node3");
        FacegridCommand.Result last = FACEGRID.run(60, "server-status", "--disable", "--node", "node1");
        assertEquals(2, last.exitCode(), last.output());
        assertTrue(last.output().contains("last node in rotation"), last.output());
        assertEquals(200, node(1).get("/health/ready").status(), "the warning changed nothing");
        assertEquals(List.of(FACEGRID.url(1)), endpoints(node(2)));

        for (String name : List.of("node2", "node3")) {
            FACEGRID.run(60, "server-status", "--enable", "--node", name).expectSuccess("server-status --enable " + name);
        }
        assertEquals(200, node(2).get("/health/ready").status());
        awaitChecks(node(1), "node2", "IN", Duration.ofSeconds(30));
        awaitChecks(node(1), "node3", "IN", Duration.ofSeconds(30));
        assertEquals(3, endpoints(node(3)).size());
    }

    /** Local object storage: objects stay on the data node that received them and are served by every node. */
    @Test
    @Order(8)
    void objectsAreReadAndDeletedThroughNodesThatDoNotHoldThem() throws Exception {
        byte[] bytes = randomBytes(50_000);
        JsonObject stored = node(2).send("PUT", "/api/v1/objects/it/held-by-node2.bin", "application/x-test", bytes).object();
        assertEquals(List.of("node2"), strings(stored, "holders"), "a data node keeps what it receives: " + stored);
        assertTrue(Files.exists(objectFile(2, "it/held-by-node2.bin")));
        assertFalse(Files.exists(objectFile(1, "it/held-by-node2.bin")));

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
        assertTrue(Files.exists(objectFile(holder.equals("node1") ? 1 : 2, "it/via-simple.bin")));
        assertFalse(Files.exists(objectFile(3, "it/via-simple.bin")));

        // deleted through node1, which never held it: node2's file goes, and every node answers 404
        assertEquals(204, node(1).delete("/api/v1/objects/it/held-by-node2.bin").status());
        assertFalse(Files.exists(objectFile(2, "it/held-by-node2.bin")));
        for (int host = 1; host <= 3; host++) {
            assertEquals(404, node(host).get("/api/v1/objects/it/held-by-node2.bin").status());
        }

        // a file whose record is missing (restored by hand, say) is found by asking every storage node
        Files.createDirectories(objectFile(2, "it/unrecorded.bin").getParent());
        Files.write(objectFile(2, "it/unrecorded.bin"), bytes);
        Http.Reply unrecorded = node(1).get("/api/v1/objects/it/unrecorded.bin");
        assertEquals(200, unrecorded.status(), unrecorded.toString());
        assertArrayEquals(bytes, unrecorded.bytes());

        // the nodes' own endpoint serves only callers that present the cluster key
        assertEquals(403, new Http(FACEGRID.url(2)).get("/internal/objects/it/unrecorded.bin").status());
        var guessedKey = java.net.http.HttpRequest.newBuilder(java.net.URI.create(FACEGRID.url(2)
                + "/internal/objects/it/unrecorded.bin")).header("X-FaceGrid-Cluster-Key", "guessed").DELETE().build();
        assertEquals(403, java.net.http.HttpClient.newHttpClient()
                .send(guessedKey, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode());
        assertTrue(Files.exists(objectFile(2, "it/unrecorded.bin")));
    }

    /** The holder dies: one copy answers 503 until it is back, two copies lose nothing; copy-back on return. */
    @Test
    @Order(9)
    void killingTheHolderLosesNoObjectWithTwoCopiesAndCopyBackBringsObjectsHome() throws Exception {
        byte[] bytes = randomBytes(20_000);
        assertEquals(400, node(1).put("/api/v1/storage", "{\"copies\":3}").status());
        assertEquals(400, node(1).put("/api/v1/storage", "{\"mode\":\"shared\"}").status());
        JsonObject storage = node(1).put("/api/v1/storage", "{\"copies\":2}").object();
        assertEquals(2, storage.getInt("copies"));
        assertEquals("local", storage.getString("mode"));
        JsonObject two = node(2).send("PUT", "/api/v1/objects/it/two-copies.bin", "image/jpeg", bytes).object();
        assertEquals(List.of("node2", "node1"), strings(two, "holders"), two.toString());
        assertTrue(Files.exists(objectFile(1, "it/two-copies.bin")));
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
        FACEGRID.killServer(2);
        awaitNotReady(node(2));
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
        assertFalse(Files.exists(objectFile(1, "it/two-copies.bin")));
        assertTrue(Files.exists(objectFile(2, "it/two-copies.bin")), "node2 is down: its copy is still on disk");

        // written while node2 is down: its home node2 gets it once back (Symphony's copy-back)
        JsonObject meanwhile = node(1).send("PUT", "/api/v1/objects/it/written-meanwhile.bin", "image/jpeg", bytes).object();
        assertEquals(List.of("node1", "node2"), strings(meanwhile, "homes"), meanwhile.toString());
        assertEquals(List.of("node1"), strings(meanwhile, "holders"), meanwhile.toString());

        awaitReady(node(2), Duration.ofSeconds(240)); // the supervisor restarts it
        assertEquals(404, node(2).get("/api/v1/objects/it/two-copies.bin").status(), "its stale copy is not served");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while ((!Files.exists(objectFile(2, "it/written-meanwhile.bin")) || Files.exists(objectFile(2, "it/two-copies.bin")))
                && System.nanoTime() < deadline) {
            Thread.sleep(1000);
        }
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
        assertTrue(Files.readString(FACEGRID.var().resolve("hosts/node2/servers/node2/log/server.log"))
                .contains("FGCLU014: rejoin sweep of persons"));
        assertArrayEquals(bytes, Files.readAllBytes(objectFile(2, "it/written-meanwhile.bin")), "copied back");
        assertFalse(Files.exists(objectFile(2, "it/two-copies.bin")), "the delete it missed was resent");
        assertEquals(404, node(2).get("/api/v1/objects/it/two-copies.bin").status());
        assertEquals(200, awaitStatus(node(1), "/api/v1/objects/it/one-copy.bin", 200, Duration.ofSeconds(30)).status());
        assertEquals(1, node(1).put("/api/v1/storage", "{\"copies\":1}").object().getInt("copies"));
    }

    /**
     * Issue 6, backup and restore on the running cluster: a full backup taken on node2, then persons, faces,
     * events and objects changed; a corrupted archive is refused (uploaded or already on disk) and changes
     * nothing; the good archive, uploaded to node1 and restored there, brings back exactly what was saved, read
     * through every node, and every node's gallery recognises the restored face again.
     */
    @Test
    @Order(10)
    void aRestoreBringsBackExactlyWhatTheBackupSavedOnEveryNodeAndABadArchiveChangesNothing() throws Exception {
        for (int host = 1; host <= 3; host++) {
            awaitReady(node(host), Duration.ofMinutes(5));
        }
        byte[] enrolPhoto = TestImages.devPhoto("barack_obama", 0);
        byte[] queryPhoto = TestImages.devPhoto("barack_obama", 1);
        List<String> ids = new ArrayList<>();
        for (String name : List.of("Backup A", "Backup B", "Backup C")) {
            ids.add(node(1).post("/api/v1/persons", "{\"name\":\"" + name + "\"}").object().getString("id"));
        }
        Http.Reply enrolled = node(1).send("POST", "/api/v1/persons/" + ids.get(0) + "/faces?pick=largest",
                "image/jpeg", enrolPhoto);
        assertEquals(201, enrolled.status(), enrolled.toString());
        assertEquals(200, node(2).send("POST", "/api/v1/recognitions?storeEvent=true", "image/jpeg", queryPhoto).status());
        List<String> keys = List.of("backup/one.bin", "backup/two.bin");
        for (String key : keys) {
            assertEquals(200, node(1).send("PUT", "/api/v1/objects/" + key, "application/octet-stream",
                    randomBytes(30_000)).status());
        }
        String saved = snapshot(node(1), keys);

        JsonObject backup = runJob(node(2), "backup", "{}");
        String archive = backup.getJsonObject("parameters").getString("archive");
        assertTrue(backup.getJsonObject("counts").getInt("persons") >= 3, backup.toString());
        assertTrue(backup.getJsonObject("counts").getInt("objectFiles") >= 2, backup.toString());
        assertTrue(node(2).get("/api/v1/backups").body().contains(archive));
        Http.Reply download = node(2).get("/api/v1/backups/" + archive);
        assertEquals(200, download.status());
        byte[] good = download.bytes();

        // change everything the backup holds
        assertEquals(204, node(2).delete("/api/v1/persons/" + ids.get(1)).status());
        assertEquals(200, node(3).put("/api/v1/persons/" + ids.get(2), "{\"name\":\"Renamed C\"}").status());
        assertEquals(204, node(3).delete("/api/v1/persons/" + ids.get(0) + "/faces/"
                + enrolled.object().getString("faceId")).status());
        node(1).post("/api/v1/persons", "{\"name\":\"Backup D, after the backup\"}");
        assertEquals(204, node(2).delete("/api/v1/objects/" + keys.get(0)).status());
        node(2).send("PUT", "/api/v1/objects/" + keys.get(1), "application/octet-stream", randomBytes(1000));
        node(3).send("POST", "/api/v1/recognitions?storeEvent=true", "image/jpeg", queryPhoto);
        String changed = snapshot(node(1), keys);
        assertFalse(changed.equals(saved));

        // a corrupted archive: refused on upload, and refused by the restore when it is already on disk
        byte[] corrupt = good.clone();
        corrupt[corrupt.length / 3] ^= 0x5a;
        Http.Reply upload = node(1).send("PUT", "/api/v1/backups/corrupt.zip", "application/zip", corrupt);
        assertEquals(422, upload.status(), upload.toString());
        assertEquals("invalid_backup", upload.object().getString("code"));
        assertFalse(node(1).get("/api/v1/backups").body().contains("corrupt.zip"));
        Path backups = FACEGRID.var().resolve("hosts/node1/servers/node1/data/backups");
        Files.createDirectories(backups);
        Files.write(backups.resolve("on-disk-corrupt.zip"), corrupt);
        Http.Reply refused = node(1).post("/api/v1/jobs/restore", "{\"archive\":\"on-disk-corrupt.zip\"}");
        assertEquals(422, refused.status(), refused.toString());
        assertEquals(404, node(1).post("/api/v1/jobs/restore", "{\"archive\":\"no-such.zip\"}").status());
        assertEquals(400, node(1).post("/api/v1/jobs/restore", "{\"archive\":\"../etc/passwd\"}").status());
        assertEquals(400, node(1).post("/api/v1/jobs/backup", "{\"kind\":\"everything\"}").status());
        assertEquals(404, node(1).post("/api/v1/jobs/defrag", "{}").status());
        assertEquals(changed, snapshot(node(1), keys), "a refused archive changes nothing");

        assertEquals(201, node(1).send("PUT", "/api/v1/backups/roundtrip.zip", "application/zip", good).status());
        JsonObject restore = runJob(node(1), "restore", "{\"archive\":\"roundtrip.zip\"}");
        assertTrue(restore.getJsonObject("counts").getInt("removed") >= 1, restore.toString());
        assertEveryNodeHoldsWhatWasSaved(saved, keys, queryPhoto, ids.get(0), "after the restore");
        String history = node(3).get("/api/v1/jobs").body();
        assertTrue(history.contains(backup.getString("id")) && history.contains(restore.getString("id")), history);

        FacegridCommand.Result cli = FACEGRID.run(300, "backup", "--without-images");
        cli.expectSuccess("facegrid backup --without-images");
        assertTrue(cli.output().contains("archive: "), cli.output());

        // an objects-only archive rebuilds the disk of the node it was taken on (the commands use node1)
        byte[] own = randomBytes(12_000);
        assertEquals(200, node(1).send("PUT", "/api/v1/objects/backup/node1-disk.bin", "application/octet-stream", own)
                .status());
        Path onDisk = objectFile(1, "backup/node1-disk.bin");
        assertTrue(Files.isRegularFile(onDisk), "a data node keeps what it receives");
        FacegridCommand.Result objectsOnly = FACEGRID.run(300, "backup", "--objects-only");
        objectsOnly.expectSuccess("facegrid backup --objects-only");
        String archivePath = objectsOnly.output().substring(objectsOnly.output().lastIndexOf("archive: ") + 9).strip();
        Files.delete(onDisk); // the disk lost it
        FACEGRID.run(300, "restore", archivePath).expectSuccess("facegrid restore " + archivePath);
        assertArrayEquals(own, Files.readAllBytes(onDisk), "the object is back on the disk it came from");

        // the whole cluster's data wiped (every server's data dir: caches, objects, timers, job repository, backups),
        // as on new machines; the full archive brings back exactly what it saved
        FACEGRID.run(180, "stop").expectSuccess("facegrid stop");
        for (int host = 1; host <= 3; host++) {
            FacegridCommand.deleteTree(FACEGRID.var().resolve("hosts/node" + host + "/servers/node" + host + "/data"));
        }
        FACEGRID.run(600, "cluster-demo", "3", "--simple", "3").expectSuccess("facegrid cluster-demo 3 after the wipe");
        for (int host = 1; host <= 3; host++) {
            awaitReady(node(host), Duration.ofMinutes(5));
        }
        assertEquals(0, node(2).get("/api/v1/persons").object().getInt("total"), "the wiped cluster starts empty");
        assertEquals(404, node(2).get("/api/v1/objects/" + keys.get(1)).status());
        assertEquals(201, node(2).send("PUT", "/api/v1/backups/after-wipe.zip", "application/zip", good).status());
        runJob(node(2), "restore", "{\"archive\":\"after-wipe.zip\"}");
        assertEveryNodeHoldsWhatWasSaved(saved, keys, queryPhoto, ids.get(0), "after the wipe and the restore");
    }

    /** Every node reads exactly the saved snapshot and recognises the restored person's face. */
    private static void assertEveryNodeHoldsWhatWasSaved(String saved, List<String> keys, byte[] photo, String personId,
                                                         String when) throws InterruptedException {
        for (int host = 1; host <= 3; host++) {
            assertEquals(saved, snapshot(node(host), keys), "node" + host + " reads exactly what was saved " + when);
        }
        for (int host = 1; host <= 3; host++) {
            Http via = node(host);
            awaitCondition(() -> via.send("POST", "/api/v1/recognitions", "image/jpeg", photo).body()
                    .contains(personId), Duration.ofSeconds(20), "node" + host + " recognises the face " + when);
        }
    }

    /**
     * A backup whose server is killed in its objects step: FAILED once the server is back (the batch runtime's
     * repository outlived it), then restarted from the checkpoint into a whole, valid archive; restored, that archive
     * brings back every one of its 1500 objects byte for byte.
     */
    @Test
    @Order(11)
    void aBackupCutOffByACrashResumesFromItsCheckpointOnceItsServerIsBack() throws Exception {
        for (int host = 1; host <= 3; host++) {
            awaitReady(node(host), Duration.ofMinutes(5));
        }
        int objects = 1500; // a few seconds of the objects step
        byte[][] written = new byte[objects][];
        java.util.concurrent.ExecutorService writers = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> writes = new ArrayList<>();
            for (int i = 0; i < objects; i++) {
                String key = "resume/" + i + ".bin";
                written[i] = randomBytes(2_000);
                byte[] bytes = written[i];
                writes.add(writers.submit(() -> node(1).send("PUT", "/api/v1/objects/" + key,
                        "application/octet-stream", bytes).status()));
            }
            for (java.util.concurrent.Future<Integer> write : writes) {
                assertEquals(200, write.get());
            }
        } finally {
            writers.shutdown();
        }

        Http.Reply started = node(2).post("/api/v1/jobs/backup", "{}");
        assertEquals(202, started.status(), started.toString());
        String id = started.object().getString("id");
        awaitCondition(() -> {
            JsonObject progress = node(1).get("/api/v1/jobs/" + id).object().getJsonObject("progress");
            return progress.getString("step").equals("objects") && progress.getInt("done") >= 150;
        }, Duration.ofMinutes(2), "the backup half-way through its objects");
        FACEGRID.killServer(2);
        awaitCondition(() -> { // node1 may answer 503 for a moment while the view changes
            Http.Reply record = node(1).get("/api/v1/jobs/" + id);
            return record.status() == 200 && record.object().getString("status").equals("UNKNOWN");
        }, Duration.ofSeconds(30), "a run whose node left the cluster shown UNKNOWN");
        assertEquals(409, node(1).post("/api/v1/jobs/" + id + "/restart", "{}").status(), "only node2 can restart it");

        awaitReady(node(2), Duration.ofSeconds(300));
        JsonObject cutOff = node(1).get("/api/v1/jobs/" + id).object();
        assertEquals("FAILED", cutOff.getString("status"), cutOff.toString());
        assertTrue(cutOff.getString("error").contains("/restart"), cutOff.toString());
        long doneBefore = cutOff.getJsonObject("progress").getInt("done");

        Http.Reply restarted = node(2).post("/api/v1/jobs/" + id + "/restart", "{}");
        assertEquals(202, restarted.status(), restarted.toString());
        // running from the 202 on, so a client that polls at once never reads the cut-off run's end as this one's
        assertTrue(List.of("STARTING", "STARTED").contains(restarted.object().getString("status")),
                restarted.toString());
        JsonObject job = awaitJobEnd(node(3), id);
        assertEquals("COMPLETED", job.getString("status"), job.toString());
        Http.Reply again = node(2).post("/api/v1/jobs/" + id + "/restart", "{}");
        assertEquals(409, again.status(), again.toString());
        assertEquals("job_not_restartable", again.object().getString("code"));
        long resumedAfter = job.getJsonObject("counts").getJsonNumber("objectsResumedAfter").longValue();
        assertTrue(resumedAfter >= 50 && resumedAfter <= doneBefore, "resumed after " + resumedAfter
                + " objects of the " + doneBefore + " read before the kill: " + job);
        assertTrue(job.getJsonObject("counts").getInt("objectFiles") >= objects, job.toString());
        assertEquals(0, job.getJsonObject("counts").getInt("objectsMissing", 0), job.toString());
        // the archive is whole: its manifest and every checksum pass the upload's validation
        Http.Reply archive = node(2).get("/api/v1/backups/" + job.getJsonObject("parameters").getString("archive"));
        assertEquals(200, archive.status());
        Http.Reply validated = node(1).send("PUT", "/api/v1/backups/resumed-copy.zip", "application/zip",
                archive.bytes());
        assertEquals(201, validated.status(), validated.toString());

        // restored (its writes run a few at once), the archive brings back the objects lost since, byte for byte
        for (int i = 0; i < 100; i++) {
            assertEquals(204, node(1).delete("/api/v1/objects/resume/" + i + ".bin").status());
        }
        JsonObject restore = runJob(node(1), "restore", "{\"archive\":\"resumed-copy.zip\"}");
        assertTrue(restore.getJsonObject("counts").getInt("objectFiles") >= objects, restore.toString());
        java.util.concurrent.ExecutorService readers = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<byte[]>> reads = new ArrayList<>();
            for (int i = 0; i < objects; i++) {
                String key = "resume/" + i + ".bin";
                reads.add(readers.submit(() -> node(3).get("/api/v1/objects/" + key).bytes()));
            }
            for (int i = 0; i < objects; i++) {
                assertArrayEquals(written[i], reads.get(i).get(), "resume/" + i + ".bin after the restore");
            }
        } finally {
            readers.shutdown();
        }
    }

    @Test
    @Order(12)
    void aScheduledBackupFiresOncePerSlotOnOneNodeAndStillFiresWhenThatNodeIsGone() throws Exception {
        for (int host = 1; host <= 3; host++) {
            awaitReady(node(host), Duration.ofMinutes(5));
        }
        // wrong schedules are refused with the reason
        Http.Reply badCron = node(1).put("/api/v1/schedules/backup", "{\"cron\":\"61 * * * *\"}");
        assertEquals(400, badCron.status(), badCron.toString());
        assertTrue(badCron.body().contains("minute"), badCron.body());
        assertEquals(400, node(1).put("/api/v1/schedules/restore", "{\"cron\":\"* * * * *\"}").status());
        assertEquals(400, node(1).put("/api/v1/schedules/backup",
                "{\"cron\":\"* * * * *\",\"parameters\":{\"kind\":\"everything\"}}").status());
        assertEquals(404, node(2).get("/api/v1/schedules/backup").status());

        Http.Reply put = node(1).put("/api/v1/schedules/backup",
                "{\"cron\":\"* * * * *\",\"parameters\":{\"kind\":\"withoutImages\"}}");
        assertEquals(200, put.status(), put.toString());
        long since = System.currentTimeMillis();
        try {
            assertEquals("* * * * *", node(3).get("/api/v1/schedules/backup").object().getString("cron"));
            JsonObject first = awaitScheduledRun(node(1), since, null, Duration.ofSeconds(150));
            String firstNode = first.getString("node");
            int firstHost = Integer.parseInt(firstNode.substring("node".length()));

            // one run per slot: two minutes of slots give at most three runs, each in its own minute
            Thread.sleep(Duration.ofSeconds(125).toMillis());
            List<JsonObject> runs = scheduledRuns(since);
            assertTrue(runs.size() >= 2 && runs.size() <= 4, runs.toString());
            List<Long> minutes = runs.stream().map(r -> r.getJsonNumber("startedAt").longValue() / 60_000).distinct()
                    .toList();
            assertEquals(runs.size(), minutes.size(), "two runs in one slot: " + runs);

            // the node whose timer fired dies between two runs, and stays down (held: supervision would have it
            // back within a minute, and its timer with it): the next slot fires on another node
            Http survivor = node(firstHost % 3 + 1);
            for (JsonObject run : scheduledRuns(since)) {
                awaitJobEnd(survivor, run.getString("id"));
            }
            awaitCondition(() -> java.time.LocalTime.now().getSecond() >= 10 && java.time.LocalTime.now().getSecond() <= 40,
                    Duration.ofSeconds(60), "a quiet moment between two slots");
            Path held = FACEGRID.var().resolve("held-" + firstNode);
            Files.writeString(held, "");
            long killed = System.currentTimeMillis();
            try {
                FACEGRID.killServer(firstHost);
                JsonObject elsewhere = awaitScheduledRun(survivor, killed, firstNode, Duration.ofSeconds(180));
                assertEquals("COMPLETED", awaitJobEnd(survivor, elsewhere.getString("id")).getString("status"));
            } finally {
                Files.deleteIfExists(held); // supervision starts it again
            }
            awaitReady(node(firstHost), Duration.ofSeconds(300));
        } finally {
            node(2).delete("/api/v1/schedules/backup"); // a failed assertion must not leave it firing
        }
        assertEquals(404, node(1).get("/api/v1/schedules/backup").status());
        Thread.sleep(Duration.ofSeconds(5).toMillis()); // a run its last slot started may still be finishing
        int before = scheduledRuns(since).size();
        Thread.sleep(Duration.ofSeconds(70).toMillis());
        assertEquals(before, scheduledRuns(since).size(), "a removed schedule fired again");
        awaitNoJobRunning();
    }

    /** Until no job runs anywhere (the next test may start one: one job at a time). */
    private static void awaitNoJobRunning() throws InterruptedException {
        awaitCondition(() -> node(1).get("/api/v1/jobs").object().getJsonArray("jobs").getValuesAs(JsonObject.class)
                .stream().noneMatch(j -> List.of("STARTING", "STARTED").contains(j.getString("status"))),
                Duration.ofMinutes(3), "no job running");
    }

    @Test
    @Order(13)
    void retentionRemovesEventImagesByFeedAgeThenOldEventsThenForSpaceAndNeverEnrolmentImages() throws Exception {
        for (int host = 1; host <= 3; host++) {
            awaitReady(node(host), Duration.ofMinutes(5));
        }
        String personId = node(1).post("/api/v1/persons", "{\"name\":\"Retention R\"}").object().getString("id");
        Http.Reply enrolled = node(1).send("POST", "/api/v1/persons/" + personId + "/faces?pick=largest",
                "image/jpeg", TestImages.devPhoto("barack_obama", 3));
        assertEquals(201, enrolled.status(), enrolled.toString());
        String profileImage = enrolled.object().getString("imageKey");
        byte[] query = TestImages.devPhoto("barack_obama", 1);
        String door = storedEvent(node(2), query, "retention-door");
        String lobby = storedEvent(node(3), query, "retention-lobby");
        assertEquals(200, node(1).get("/api/v1/events/" + door + "/image").status());

        Http.Reply wrong = node(1).put("/api/v1/settings/retention", "{\"imagesMaxAge\":\"soon\"}");
        assertEquals(400, wrong.status(), wrong.toString());
        assertTrue(wrong.body().contains("imagesMaxAge"), wrong.body());
        assertEquals(400, node(1).put("/api/v1/settings/retention",
                "{\"eventsMaxAge\":\"PT1H\",\"imagesMaxAge\":\"P1D\"}").status());

        // images of the door feed expire after 2 s; the lobby keeps them an hour; events are kept a day
        assertEquals(200, node(1).put("/api/v1/settings/retention",
                "{\"imagesMaxAge\":\"PT1H\",\"feeds\":{\"retention-door\":\"PT2S\"},\"eventsMaxAge\":\"P1D\"}")
                .status());
        assertEquals("PT2S", node(3).get("/api/v1/settings/retention").object().getJsonObject("feeds")
                .getString("retention-door"));
        Thread.sleep(3000);
        JsonObject byAge = runJob(node(2), "retention", "{}");
        assertTrue(byAge.getJsonObject("counts").getInt("imagesRemoved") >= 1, byAge.toString());
        assertEquals(404, node(3).get("/api/v1/events/" + door + "/image").status());
        assertEquals(404, node(3).get("/api/v1/objects/" + eventImage(door)).status(), "the object itself is gone");
        assertFalse(node(3).get("/api/v1/events/" + door).object().getBoolean("hasImage"));
        assertEquals(200, node(1).get("/api/v1/events/" + lobby + "/image").status());
        assertEquals(200, node(1).get("/api/v1/objects/" + profileImage).status());

        // events older than 2 s go whole, with their images
        assertEquals(200, node(1).put("/api/v1/settings/retention", "{\"eventsMaxAge\":\"PT2S\"}").status());
        Thread.sleep(3000);
        JsonObject old = runJob(node(1), "retention", "{}");
        assertTrue(old.getJsonObject("counts").getInt("eventsRemoved") >= 2, old.toString());
        assertEquals(404, node(2).get("/api/v1/events/" + door).status());
        assertEquals(404, node(2).get("/api/v1/events/" + lobby).status());
        assertEquals(404, node(2).get("/api/v1/objects/" + eventImage(lobby)).status());
        assertEquals(200, node(2).get("/api/v1/objects/" + profileImage).status());

        // a free-space floor no disk can reach: each node's watch starts the job by itself within a minute, which
        // removes every event image on its node, keeps the events' metadata and every enrolment image
        String spaceEvent = storedEvent(node(1), query, "retention-space");
        long since = System.currentTimeMillis();
        assertEquals(200, node(1).put("/api/v1/settings/retention", "{\"minFreeBytes\":9000000000000000000}").status());
        JsonObject bySpace = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
        while (bySpace == null && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            bySpace = node(2).get("/api/v1/jobs").object().getJsonArray("jobs").getValuesAs(JsonObject.class).stream()
                    .filter(j -> j.getString("startedBy").equals("free-space") && j.getString("status").equals("COMPLETED"))
                    .filter(j -> j.getJsonNumber("startedAt").longValue() >= since).findFirst().orElse(null);
        }
        assertNotNull(bySpace, "no retention job started by the free-space watch");
        assertTrue(bySpace.getJsonObject("counts").getJsonNumber("bytesStillMissing").longValue() > 0, bySpace.toString());
        // each node's watch runs the job for its own disks (one job at a time: the others retry a minute later), so
        // the event image goes once the watch of a node holding it has run
        awaitCondition(() -> node(3).get("/api/v1/objects/" + eventImage(spaceEvent)).status() == 404,
                Duration.ofSeconds(200), "the free-space watch of a node holding the event image removed it");
        assertTrue(node(2).get("/api/v1/jobs").object().getJsonArray("jobs").getValuesAs(JsonObject.class).stream()
                .filter(j -> j.getString("startedBy").equals("free-space"))
                .anyMatch(j -> j.getJsonObject("counts").getInt("imagesRemovedForSpace", 0) >= 1));
        assertEquals(200, node(3).get("/api/v1/events/" + spaceEvent).status());
        assertEquals(200, node(3).get("/api/v1/objects/" + profileImage).status());
        assertEquals(200, node(1).put("/api/v1/settings/retention", "{}").status());
        awaitNoJobRunning();
    }

    @Test
    @Order(14)
    void migrationToSharedStorageMovesEveryObjectWhileWritesGoOn() throws Exception {
        for (int host = 1; host <= 3; host++) {
            awaitReady(node(host), Duration.ofMinutes(5));
        }
        Http.Reply unwritable = node(1).post("/api/v1/jobs/migrate-storage", "{\"to\":\"/proc/facegrid-shared\"}");
        assertEquals(422, unwritable.status(), unwritable.toString());
        assertEquals("shared_directory_unusable", unwritable.object().getString("code"));
        assertTrue(unwritable.body().contains("node2") && unwritable.body().contains("node3"), unwritable.body());
        assertEquals(400, node(1).post("/api/v1/jobs/migrate-storage", "{\"to\":\"relative/dir\"}").status());
        assertEquals(400, node(1).post("/api/v1/jobs/migrate-storage",
                "{\"to\":\"" + FACEGRID.var().resolve("hosts/node1/servers/node1/data/facegrid-objects/x") + "\"}").status());

        Map<String, String> written = new java.util.concurrent.ConcurrentHashMap<>();
        for (int i = 0; i < 10; i++) {
            byte[] bytes = randomBytes(10_000 + i);
            String key = "migration/before-" + i + ".bin";
            assertEquals(200, node(1 + i % 3).send("PUT", "/api/v1/objects/" + key, "application/octet-stream", bytes)
                    .status());
            written.put(key, sha256(bytes));
        }
        assertTrue(Files.exists(objectFile(1, "migration/before-0.bin")), "local mode keeps it on the node's disk");

        // writes go on through the whole migration; each acknowledged one must be readable after it
        java.util.concurrent.atomic.AtomicBoolean migrating = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            for (int i = 0; migrating.get() && i < 500; i++) {
                byte[] bytes = randomBytes(5_000);
                String key = "migration/during-" + i + ".bin";
                if (node(1 + i % 3).send("PUT", "/api/v1/objects/" + key, "application/octet-stream", bytes).status() == 200) {
                    written.put(key, sha256(bytes));
                }
            }
        });
        writer.start();
        Path shared = FACEGRID.var().resolve("shared-objects");
        FacegridCommand.Result cli = FACEGRID.run(600, "migrate-storage", "--to", shared.toString());
        migrating.set(false);
        writer.join();
        cli.expectSuccess("facegrid migrate-storage");
        assertTrue(cli.output().contains("objectsCopied"), cli.output());

        JsonObject storage = node(2).get("/api/v1/storage").object();
        assertEquals("shared", storage.getString("mode"), storage.toString());
        assertEquals(shared.toString(), storage.getString("sharedDir"));
        assertTrue(written.size() > 10, "no write acknowledged during the migration: " + written.size());
        for (Map.Entry<String, String> object : written.entrySet()) {
            assertTrue(Files.isRegularFile(shared.resolve(object.getKey())), object.getKey() + " not in " + shared);
            for (int host = 1; host <= 2; host++) {
                assertFalse(Files.exists(objectFile(host, object.getKey())), object.getKey() + " still on node" + host);
            }
        }
        for (int host = 1; host <= 3; host++) {
            for (String key : List.of("migration/before-3.bin", written.keySet().stream()
                    .filter(k -> k.contains("during")).findFirst().orElseThrow())) {
                Http.Reply read = node(host).get("/api/v1/objects/" + key);
                assertEquals(200, read.status(), "node" + host + " " + key);
                assertEquals(written.get(key), read.header("X-Content-SHA256"));
            }
        }
        byte[] after = randomBytes(2_000);
        assertEquals(200, node(3).send("PUT", "/api/v1/objects/migration/after.bin", "application/octet-stream", after)
                .status());
        assertTrue(Files.isRegularFile(shared.resolve("migration/after.bin")));
        assertEquals(409, node(1).post("/api/v1/jobs/migrate-storage", "{\"to\":\"" + shared + "\"}").status());
    }

    @Test
    @Order(15)
    void inSharedModeAMissIsAskedOfTheOtherStorageNodesBeforeItIsA404() throws Exception {
        // The cluster is in shared mode now (order 14). node2's server is restarted in a mount namespace of its
        // own where another directory is mounted on the shared path: its view lacks what the others wrote and
        // they lack what it writes, as on a NAS whose writes reach the other mounts late.
        Path shared = FACEGRID.var().resolve("shared-objects").toAbsolutePath();
        Path laggingView = Files.createDirectories(FACEGRID.var().resolve("node2-view").toAbsolutePath());
        Path launcher = FACEGRID.var().resolve("lagging-view.sh").toAbsolutePath();
        Files.writeString(launcher, "#!/bin/sh\nexec unshare -m --propagation private sh -c "
                + "'mount --bind \"$1\" \"$2\" && shift 2 && exec \"$@\"' sh " + laggingView + " " + shared + " \"$@\"\n");
        assertTrue(launcher.toFile().setExecutable(true));
        FACEGRID.management("{\"operation\":\"add\",\"address\":[{\"host\":\"node2\"},{\"server-config\":\"node2\"},"
                + "{\"jvm\":\"default\"}],\"launch-command\":\"" + launcher + "\"}");
        FACEGRID.run(400, "restart", "node2").expectSuccess("facegrid restart node2");
        awaitReady(node(2), Duration.ofMinutes(4));

        String before = "migration/before-3.bin";
        assertFalse(Files.exists(laggingView.resolve(before)), "node2's view lags");
        Http.Reply throughNode2 = node(2).get("/api/v1/objects/" + before);
        assertEquals(200, throughNode2.status(), "node2 asks the others: " + throughNode2);
        assertEquals(node(1).get("/api/v1/objects/" + before).header("X-Content-SHA256"),
                throughNode2.header("X-Content-SHA256"));

        byte[] bytes = randomBytes(3_000);
        String key = "lag/written-through-node2.bin";
        assertEquals(200, node(2).send("PUT", "/api/v1/objects/" + key, "application/octet-stream", bytes).status());
        assertTrue(Files.isRegularFile(laggingView.resolve(key)) && !Files.exists(shared.resolve(key)),
                "the write is in node2's view only");
        for (int host : List.of(1, 3)) { // node1 stores, node3 is compute-only: both read the same mount
            Http.Reply read = node(host).get("/api/v1/objects/" + key);
            assertEquals(200, read.status(), "node" + host + " asks node2: " + read);
            assertEquals(sha256(bytes), read.header("X-Content-SHA256"));
        }
        Http.Reply nowhere = node(1).get("/api/v1/objects/lag/on-no-node.bin");
        assertEquals(404, nowhere.status(), "a 404 once every storage node was asked: " + nowhere);
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String storedEvent(Http via, byte[] photo, String feed) {
        Http.Reply reply = via.send("POST", "/api/v1/recognitions?storeEvent=true&feedId=" + feed, "image/jpeg", photo);
        assertEquals(200, reply.status(), reply.toString());
        return reply.object().getString("eventId");
    }

    private static String eventImage(String eventId) {
        return "events/" + eventId.substring(0, 13) + "/" + eventId + ".jpg";
    }

    /** Scheduled runs of the history started at or after {@code since}. */
    private static List<JsonObject> scheduledRuns(long since) {
        return scheduledRuns(node(1), since);
    }

    private static List<JsonObject> scheduledRuns(Http via, long since) {
        return via.get("/api/v1/jobs").object().getJsonArray("jobs").getValuesAs(JsonObject.class).stream()
                .filter(j -> j.getString("startedBy").equals("schedule"))
                .filter(j -> j.getJsonNumber("startedAt").longValue() >= since).toList();
    }

    private static JsonObject awaitScheduledRun(Http via, long since, String notOn, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonObject run : scheduledRuns(via, since)) {
                if (!run.getString("node").equals(notOn)) {
                    return run;
                }
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("no scheduled run" + (notOn == null ? "" : " on a node other than " + notOn)
                + " within " + timeout + ": " + via.get("/api/v1/schedules/backup").body());
    }

    /** Waits (up to 5 min) until the job is no longer running; returns its record. */
    private static JsonObject awaitJobEnd(Http via, String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        JsonObject job = via.get("/api/v1/jobs/" + id).object();
        while (List.of("STARTING", "STARTED").contains(job.getString("status")) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            job = via.get("/api/v1/jobs/" + id).object();
        }
        return job;
    }

    /** Starts a job through {@code via} and waits until the history says it completed. */
    private static JsonObject runJob(Http via, String name, String parameters) throws InterruptedException {
        Http.Reply started = via.post("/api/v1/jobs/" + name, parameters);
        assertEquals(202, started.status(), started.toString());
        JsonObject job = awaitJobEnd(node(3), started.object().getString("id"));
        assertEquals("COMPLETED", job.getString("status"), name + " job ended " + job);
        return job;
    }

    /** What the API shows of the data a backup holds: every person, each one's faces, events, the objects. */
    private static String snapshot(Http via, List<String> objectKeys) {
        StringBuilder all = new StringBuilder();
        JsonObject persons = via.get("/api/v1/persons?limit=500").object();
        for (JsonObject person : persons.getJsonArray("items").getValuesAs(JsonObject.class)) {
            all.append(person).append('\n');
            all.append(via.get("/api/v1/persons/" + person.getString("id") + "/faces").body()).append('\n');
        }
        all.append(via.get("/api/v1/events?limit=500").body()).append('\n');
        for (String key : objectKeys) {
            Http.Reply object = via.get("/api/v1/objects/" + key);
            all.append(key).append(' ').append(object.status()).append(' ')
                    .append(object.status() == 200 ? object.header("X-Content-SHA256") : "").append('\n');
        }
        return all.toString();
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + timeout);
            }
            Thread.sleep(250);
        }
    }

    private static Http.Reply awaitStatus(Http via, String path, int status, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Http.Reply reply = via.get(path);
        while (reply.status() != status && System.nanoTime() < deadline) {
            Thread.sleep(500);
            reply = via.get(path);
        }
        assertEquals(status, reply.status(), path + ": " + reply);
        return reply;
    }

    /** Where host i's server keeps an object in local mode (its server data dir). */
    private static Path objectFile(int host, String key) {
        return FACEGRID.var().resolve("hosts/node" + host + "/servers/node" + host + "/data/facegrid-objects/" + key);
    }

    private static List<String> strings(JsonObject json, String name) {
        return json.getJsonArray(name).getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList();
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new java.util.Random(size).nextBytes(bytes);
        return bytes;
    }

    private static List<String> endpoints(Http node) {
        return node.get("/api/v1/cluster/endpoints").object().getJsonArray("endpoints")
                .getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList();
    }

    private static void awaitEndpoints(Http via, java.util.function.Predicate<List<String>> condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        List<String> seen = List.of();
        while (System.nanoTime() < deadline) {
            seen = endpoints(via);
            if (condition.test(seen)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(what + ": " + seen);
    }

    private static JsonObject lastTransition(JsonObject checks) {
        var transitions = checks.getJsonArray("transitions");
        return transitions.getJsonObject(transitions.size() - 1);
    }

    /** The primary's checks of a node, as another node shows them, once in the given state. */
    private static JsonObject awaitChecks(Http via, String name, String state, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonObject seen = null;
        while (System.nanoTime() < deadline) {
            try {
                seen = byName(via.get("/api/v1/cluster").object()).get(name);
                if (seen != null && seen.containsKey("checks") && seen.getJsonObject("checks").getString("state").equals(state)) {
                    return seen.getJsonObject("checks");
                }
            } catch (RuntimeException e) {
                // a node busy with a view change may answer 503 for a moment
            }
            Thread.sleep(500);
        }
        throw new AssertionError(name + " not " + state + " within " + timeout + ": " + seen);
    }

    @Test
    @Order(6)
    void statusShowsEveryHostAndTheJsonIsTheClusterView() {
        String table = FACEGRID.run(120, "status").expectSuccess("facegrid status").output();
        for (String host : List.of("node1", "node2", "node3")) {
            assertTrue(table.lines().anyMatch(l -> l.startsWith(host) && l.contains("STARTED") && l.contains("yes")), table);
        }
        assertTrue(table.lines().anyMatch(l -> l.startsWith("node1") && l.contains("primary")), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("node3") && l.contains("simple")), table);

        String json = FACEGRID.run(120, "status", "--json").expectSuccess("facegrid status --json").output();
        JsonObject cluster = jakarta.json.Json.createReader(new java.io.StringReader(json)).readObject();
        assertEquals("node1", cluster.getString("primary"));
        assertEquals(3, cluster.getJsonArray("nodes").size());
    }

    /** The nodes of a GET /api/v1/cluster answer, by name. */
    static Map<String, JsonObject> byName(JsonObject cluster) {
        return cluster.getJsonArray("nodes").getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(n -> n.getString("name"), Function.identity()));
    }

    private static void awaitNotReady(Http node) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!isReady(node)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(node.base() + " still ready after its server was killed");
    }

    static void awaitReady(Http node, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (isReady(node)) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError(node.base() + " not ready within " + timeout);
    }

    private static boolean isReady(Http node) {
        try {
            return node.get("/health/ready").status() == 200;
        } catch (RuntimeException connectionRefused) {
            return false;
        }
    }
}
