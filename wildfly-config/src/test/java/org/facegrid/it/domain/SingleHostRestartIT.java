package org.facegrid.it.domain;

import jakarta.json.JsonObject;
import org.facegrid.it.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `facegrid start` / `stop` / `start` on one host: the node comes back ready and keeps its data; stop returns once
 * the processes are gone, the supervisor with them; a fresh node backs up, and that archive restored from a file
 * (uploaded first) brings the empty node back; add-user takes its password on standard input.
 */
class SingleHostRestartIT {
    private static final FacegridCommand FACEGRID = new FacegridCommand("single-host", 2000);

    @BeforeAll
    static void clean() throws Exception {
        FACEGRID.run(120, "stop");
        FacegridCommand.deleteTree(FACEGRID.var());
    }

    @AfterAll
    static void stop() {
        FACEGRID.run(180, "stop");
    }

    @Test
    void dataSurvivesStopAndStart() {
        String started = FACEGRID.run(600, "start").expectSuccess("facegrid start").output();
        assertTrue(started.contains(FACEGRID.url(1) + "/api/v1"), "start prints the API URL:\n" + started);
        assertTrue(started.contains("credentials"), "start says where the admin credentials are:\n" + started);
        Http node = FACEGRID.api(1);
        assertEquals(200, node.get("/health/ready").status());
        JsonObject cluster = node.get("/api/v1/cluster").object();
        assertEquals("node1", cluster.getString("primary"));
        assertEquals(1, cluster.getJsonArray("nodes").size());

        // a backup of a node with nothing in it yet (it once failed to remove a staging directory it never made)
        FacegridCommand.Result backup = FACEGRID.run(300, "backup", "--json").expectSuccess("facegrid backup --json");
        JsonObject job = jakarta.json.Json.createReader(new java.io.StringReader(backup.output().strip())).readObject();
        assertEquals("COMPLETED", job.getString("status"), backup.output());
        assertTrue(node.get("/api/v1/backups").body().contains(job.getJsonObject("parameters").getString("archive")));

        String table = FACEGRID.run(60, "status").expectSuccess("facegrid status").output();
        assertTrue(table.lines().anyMatch(l -> l.startsWith("node1") && l.contains(" in ") && l.contains("enabled")), table);
        assertTrue(table.contains("supervisor: running"), table);
        assertTrue(FACEGRID.supervisorAlive(), "start runs the supervisor beside the domain");

        FACEGRID.runWithInput(60, "Viewer-pass-1\n", "add-user", "watcher", "--role", "viewer").expectSuccess("facegrid add-user");
        Http viewer = new Http(FACEGRID.url(1)).as("watcher:Viewer-pass-1");
        assertEquals(200, viewer.get("/api/v1/persons").status(), "the new viewer reads");
        assertEquals(403, viewer.post("/api/v1/persons", "{\"name\":\"No\"}").status(), "and may not write");

        Http.Reply created = node.post("/api/v1/persons", "{\"name\":\"Survivor\",\"externalId\":\"keep-1\",\"tags\":[\"t\"]}");
        assertEquals(201, created.status(), created.toString());
        String id = created.object().getString("id");

        assertTrue(FACEGRID.run(180, "start").exitCode() != 0, "a second start while running must refuse");
        FACEGRID.run(180, "stop").expectSuccess("facegrid stop");
        assertEquals(0, FACEGRID.processesOf(1), "stop returns once the host's processes are gone");
        assertFalse(FACEGRID.supervisorAlive(), "stop ends the supervisor too");
        assertThrows(UncheckedIOException.class, () -> node.get("/health/ready"), "a stopped node must not answer");
        FACEGRID.run(600, "start").expectSuccess("facegrid start (again)");

        Http.Reply read = node.get("/api/v1/persons/" + id);
        assertEquals(200, read.status(), read.toString());
        assertEquals("Survivor", read.object().getString("name"));
        assertEquals(409, node.post("/api/v1/persons", "{\"name\":\"X\",\"externalId\":\"keep-1\"}").status(),
                "the externalId index survived too");

        // restore the empty node's backup from a file outside the backup directory (uploaded first), as JSON
        Path archive = Path.of(node.get("/api/v1/backups").object().getString("directory"))
                .resolve(job.getJsonObject("parameters").getString("archive"));
        Path copy = FACEGRID.var().resolve("empty-node.zip");
        try {
            Files.copy(archive, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        FacegridCommand.Result restore = FACEGRID.run(300, "restore", "--json", copy.toString()).expectSuccess("facegrid restore --json");
        JsonObject restored = jakarta.json.Json.createReader(new java.io.StringReader(restore.output().strip())).readObject();
        assertEquals("COMPLETED", restored.getString("status"), restore.output());
        assertEquals("restore", restored.getString("name"), restore.output());
        assertEquals(404, node.get("/api/v1/persons/" + id).status(), "the restore brought back the empty node");
    }
}
