package org.facegrid.it.domain;

import jakarta.json.JsonObject;
import org.facegrid.it.Http;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.facegrid.it.domain.ClusterCalls.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The migration to shared storage while writes go on, and shared mode's misses. Leaves the cluster in shared mode. */
@UsesCluster(value = ClusterSpec.THREE_HOSTS_DESTRUCTIVE, order = 3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the migration needs local mode; the cluster stays shared after it
class StorageMigrationIT extends ClusterScenario {
    StorageMigrationIT(Cluster cluster) {
        super(cluster);
    }

    @Test
    @Order(1)
    void migrationToSharedStorageMovesEveryObjectWhileWritesGoOn() throws Exception {
        Http.Reply unwritable = node(1).post("/api/v1/jobs/migrate-storage", "{\"to\":\"/proc/facegrid-shared\"}");
        assertEquals(422, unwritable.status(), unwritable.toString());
        assertEquals("shared_directory_unusable", unwritable.object().getString("code"));
        assertTrue(unwritable.body().contains("node2") && unwritable.body().contains("node3"), unwritable.body());
        assertEquals(400, node(1).post("/api/v1/jobs/migrate-storage", "{\"to\":\"relative/dir\"}").status());
        assertEquals(400, node(1).post("/api/v1/jobs/migrate-storage",
                "{\"to\":\"" + facegrid.var().resolve("hosts/node1/servers/node1/data/facegrid-objects/x") + "\"}").status());

        Map<String, String> written = new java.util.concurrent.ConcurrentHashMap<>();
        for (int i = 0; i < 10; i++) {
            byte[] bytes = randomBytes(10_000 + i);
            String key = "migration/before-" + i + ".bin";
            assertEquals(200, node(1 + i % 3).send("PUT", "/api/v1/objects/" + key, "application/octet-stream", bytes)
                    .status());
            written.put(key, sha256(bytes));
        }
        assertTrue(Files.exists(objectFile(cluster, 1, "migration/before-0.bin")), "local mode keeps it on the node's disk");

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
        Path shared = sharedDirectory();
        FacegridCommand.Result cli = facegrid.run(600, "migrate-storage", "--to", shared.toString());
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
                assertFalse(Files.exists(objectFile(cluster, host, object.getKey())), object.getKey() + " still on node" + host);
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
    @Order(2)
    void inSharedModeAMissIsAskedOfTheOtherStorageNodesBeforeItIsA404() throws Exception {
        // node2's server is restarted in a mount namespace of its own where another directory is mounted on the
        // shared path: its view lacks what the others wrote and they lack what it writes, as on a NAS whose writes
        // reach the other mounts late.
        Path shared = ensureSharedMode();
        String before = Cluster.unique("lag/before") + ".bin";
        assertEquals(200, node(1).send("PUT", "/api/v1/objects/" + before, "application/octet-stream",
                randomBytes(4_000)).status());
        Path laggingView = Files.createDirectories(facegrid.var().resolve("node2-view").toAbsolutePath());
        Path launcher = facegrid.var().resolve("lagging-view.sh").toAbsolutePath();
        Files.writeString(launcher, "#!/bin/sh\nexec unshare -m --propagation private sh -c "
                + "'mount --bind \"$1\" \"$2\" && shift 2 && exec \"$@\"' sh " + laggingView + " " + shared + " \"$@\"\n");
        assertTrue(launcher.toFile().setExecutable(true));
        facegrid.management("{\"operation\":\"add\",\"address\":[{\"host\":\"node2\"},{\"server-config\":\"node2\"},"
                + "{\"jvm\":\"default\"}],\"launch-command\":\"" + launcher + "\"}");
        cluster.restart(2);

        assertFalse(Files.exists(laggingView.resolve(before)), "node2's view lags");
        Http.Reply throughNode2 = node(2).get("/api/v1/objects/" + before);
        assertEquals(200, throughNode2.status(), "node2 asks the others: " + throughNode2);
        assertEquals(node(1).get("/api/v1/objects/" + before).header("X-Content-SHA256"),
                throughNode2.header("X-Content-SHA256"));

        byte[] bytes = randomBytes(3_000);
        String key = Cluster.unique("lag/written-through-node2") + ".bin";
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

    private Path sharedDirectory() {
        return facegrid.var().resolve("shared-objects").toAbsolutePath();
    }

    /** The cluster in shared mode: migrated here unless the migration test did it already. */
    private Path ensureSharedMode() {
        if (node(1).get("/api/v1/storage").object().getString("mode").equals("local")) {
            facegrid.run(600, "migrate-storage", "--to", sharedDirectory().toString())
                    .expectSuccess("facegrid migrate-storage");
        }
        assertEquals("shared", node(2).get("/api/v1/storage").object().getString("mode"));
        return sharedDirectory();
    }
}
