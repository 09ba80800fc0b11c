package org.facegrid.it.domain;

import jakarta.json.JsonObject;
import org.facegrid.it.Http;
import org.facegrid.it.TestImages;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.facegrid.it.domain.ClusterCalls.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Backup and restore on the running cluster (issue 6): an archive restored on another node brings back exactly
 * what it saved, a bad archive changes nothing, a wiped cluster is rebuilt from one, and a backup cut off by a
 * crash resumes from its checkpoint. Restores replace every person, so this runs on the destructive cluster.
 */
@UsesCluster(value = ClusterSpec.THREE_HOSTS_DESTRUCTIVE, order = 1)
class BackupRestoreIT extends ClusterScenario {
    BackupRestoreIT(Cluster cluster) {
        super(cluster);
    }

    /**
     * Issue 6, backup and restore on the running cluster: a full backup taken on node2, then persons, faces,
     * events and objects changed; a corrupted archive is refused (uploaded or already on disk) and changes
     * nothing; the good archive, uploaded to node1 and restored there, brings back exactly what was saved, read
     * through every node, and every node's gallery recognises the restored face again.
     */
    @Test
    void aRestoreBringsBackExactlyWhatTheBackupSavedOnEveryNodeAndABadArchiveChangesNothing() throws Exception {
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

        JsonObject backup = runJob(node(2), node(3), "backup", "{}");
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
        Path backups = facegrid.var().resolve("hosts/node1/servers/node1/data/backups");
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
        JsonObject restore = runJob(node(1), node(3), "restore", "{\"archive\":\"roundtrip.zip\"}");
        assertTrue(restore.getJsonObject("counts").getInt("removed") >= 1, restore.toString());
        assertEveryNodeHoldsWhatWasSaved(saved, keys, queryPhoto, ids.get(0), "after the restore");
        String history = node(3).get("/api/v1/jobs").body();
        assertTrue(history.contains(backup.getString("id")) && history.contains(restore.getString("id")), history);

        FacegridCommand.Result cli = facegrid.run(300, "backup", "--without-images");
        cli.expectSuccess("facegrid backup --without-images");
        assertTrue(cli.output().contains("archive: "), cli.output());

        // an objects-only archive rebuilds the disk of the node it was taken on (the commands use node1)
        byte[] own = randomBytes(12_000);
        assertEquals(200, node(1).send("PUT", "/api/v1/objects/backup/node1-disk.bin", "application/octet-stream", own)
                .status());
        Path onDisk = objectFile(cluster, 1, "backup/node1-disk.bin");
        assertTrue(Files.isRegularFile(onDisk), "a data node keeps what it receives");
        FacegridCommand.Result objectsOnly = facegrid.run(300, "backup", "--objects-only");
        objectsOnly.expectSuccess("facegrid backup --objects-only");
        String archivePath = objectsOnly.output().substring(objectsOnly.output().lastIndexOf("archive: ") + 9).strip();
        Files.delete(onDisk); // the disk lost it
        facegrid.run(300, "restore", archivePath).expectSuccess("facegrid restore " + archivePath);
        assertArrayEquals(own, Files.readAllBytes(onDisk), "the object is back on the disk it came from");

        // the whole cluster's data wiped (every server's data dir: caches, objects, timers, job repository, backups),
        // as on new machines; the full archive brings back exactly what it saved
        facegrid.run(180, "stop").expectSuccess("facegrid stop");
        for (int host = 1; host <= 3; host++) {
            FacegridCommand.deleteTree(facegrid.var().resolve("hosts/node" + host + "/servers/node" + host + "/data"));
        }
        cluster.startAgain();
        assertEquals(0, node(2).get("/api/v1/persons").object().getInt("total"), "the wiped cluster starts empty");
        assertEquals(404, node(2).get("/api/v1/objects/" + keys.get(1)).status());
        assertEquals(201, node(2).send("PUT", "/api/v1/backups/after-wipe.zip", "application/zip", good).status());
        runJob(node(2), node(3), "restore", "{\"archive\":\"after-wipe.zip\"}");
        assertEveryNodeHoldsWhatWasSaved(saved, keys, queryPhoto, ids.get(0), "after the wipe and the restore");
    }

    /** Every node reads exactly the saved snapshot and recognises the restored person's face. */
    private void assertEveryNodeHoldsWhatWasSaved(String saved, List<String> keys, byte[] photo, String personId,
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
    void aBackupCutOffByACrashResumesFromItsCheckpointOnceItsServerIsBack() throws Exception {
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
        cluster.kill(2);
        awaitCondition(() -> { // node1 may answer 503 for a moment while the view changes
            Http.Reply record = node(1).get("/api/v1/jobs/" + id);
            return record.status() == 200 && record.object().getString("status").equals("UNKNOWN");
        }, Duration.ofSeconds(30), "a run whose node left the cluster shown UNKNOWN");
        assertEquals(409, node(1).post("/api/v1/jobs/" + id + "/restart", "{}").status(), "only node2 can restart it");

        cluster.awaitReady(2, Duration.ofSeconds(300));
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
        JsonObject restore = runJob(node(1), node(3), "restore", "{\"archive\":\"resumed-copy.zip\"}");
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
}
