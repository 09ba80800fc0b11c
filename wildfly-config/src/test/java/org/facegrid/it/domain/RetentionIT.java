package org.facegrid.it.domain;

import jakarta.json.JsonObject;
import org.facegrid.it.Http;
import org.facegrid.it.TestImages;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.facegrid.it.domain.ClusterCalls.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Retention by feed age, by event age and for disk space; enrolment images never go. Removes every old event. */
@UsesCluster(value = ClusterSpec.THREE_HOSTS_DESTRUCTIVE, order = 2)
class RetentionIT extends ClusterScenario {
    RetentionIT(Cluster cluster) {
        super(cluster);
    }

    @Test
    void retentionRemovesEventImagesByFeedAgeThenOldEventsThenForSpaceAndNeverEnrolmentImages() throws Exception {
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
        // the door's image is 2 s old a moment from now: runs before that remove nothing
        JsonObject byAge = retentionUntil(node(2), "imagesRemoved");
        assertEquals(404, node(3).get("/api/v1/events/" + door + "/image").status());
        assertEquals(404, node(3).get("/api/v1/objects/" + eventImage(door)).status(), "the object itself is gone");
        assertFalse(node(3).get("/api/v1/events/" + door).object().getBoolean("hasImage"));
        assertEquals(200, node(1).get("/api/v1/events/" + lobby + "/image").status());
        assertEquals(200, node(1).get("/api/v1/objects/" + profileImage).status());

        // events older than 2 s go whole, with their images
        assertEquals(200, node(1).put("/api/v1/settings/retention", "{\"eventsMaxAge\":\"PT2S\"}").status());
        JsonObject old = retentionUntil(node(1), "eventsRemoved");
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
        AtomicReference<JsonObject> found = new AtomicReference<>();
        awaitCondition(() -> {
            found.set(jobs(node(2)).stream()
                    .filter(j -> j.getString("startedBy").equals("free-space") && j.getString("status").equals("COMPLETED"))
                    .filter(j -> millis(j, "startedAt") >= since).findFirst().orElse(null));
            return found.get() != null;
        }, Duration.ofSeconds(150), "a retention job started by the free-space watch");
        JsonObject bySpace = found.get();
        assertTrue(bySpace.getJsonObject("counts").getJsonNumber("bytesStillMissing").longValue() > 0, bySpace.toString());
        // each node's watch runs the job for its own disks (one job at a time: the others retry a minute later), so
        // the event image goes once the watch of a node holding it has run
        awaitCondition(() -> node(3).get("/api/v1/objects/" + eventImage(spaceEvent)).status() == 404,
                Duration.ofSeconds(200), "the free-space watch of a node holding the event image removed it");
        // the run that removed it records the count when it ends, a moment after the object is gone
        awaitCondition(() -> jobs(node(2)).stream()
                .filter(j -> j.getString("startedBy").equals("free-space"))
                .anyMatch(j -> j.getJsonObject("counts").getInt("imagesRemovedForSpace", 0) >= 1),
                Duration.ofSeconds(120), "a free-space run that counts the image it removed");
        assertEquals(200, node(3).get("/api/v1/events/" + spaceEvent).status());
        assertEquals(200, node(3).get("/api/v1/objects/" + profileImage).status());
        assertEquals(200, node(1).put("/api/v1/settings/retention", "{}").status());
        awaitNoJobRunning(node(1));
    }

    /** Runs retention through {@code via} until a run has removed something of the given count; that run. */
    private JsonObject retentionUntil(Http via, String count) {
        AtomicReference<JsonObject> run = new AtomicReference<>();
        awaitCondition(() -> {
            run.set(runJob(via, node(3), "retention", "{}"));
            return run.get().getJsonObject("counts").getInt(count, 0) >= 1;
        }, Duration.ofSeconds(60), "a retention run that removed " + count);
        return run.get();
    }
}
