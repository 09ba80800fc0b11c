package org.facegrid.it.domain;

import jakarta.json.JsonObject;
import org.facegrid.it.Http;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import static org.facegrid.it.domain.ClusterCalls.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jobs across the cluster: one at a time however many nodes start one at the same moment, and schedules that
 * fire once per slot on one node and still fire when that node is gone.
 */
@UsesCluster(ClusterSpec.THREE_HOSTS)
class JobsIT extends ClusterScenario {
    JobsIT(Cluster cluster) {
        super(cluster);
    }

    /** Two nodes start a backup at the same moment, again and again: each time exactly one runs. */
    @Test
    void ofTwoNodesStartingJobsAtOnceExactlyOneRuns() throws Exception {
        awaitNoJobRunning(node(1));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 4; round++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Http.Reply>> starts = new ArrayList<>();
                for (int host : List.of(1, 2)) {
                    starts.add(pool.submit(() -> {
                        go.await();
                        return node(host).post("/api/v1/jobs/backup", "{\"kind\":\"withoutImages\"}");
                    }));
                }
                go.countDown();
                List<Http.Reply> replies = new ArrayList<>();
                for (Future<Http.Reply> start : starts) {
                    replies.add(start.get());
                }
                List<Http.Reply> started = replies.stream().filter(r -> r.status() == 202).toList();
                List<Http.Reply> refused = replies.stream().filter(r -> r.status() == 409).toList();
                assertEquals(1, started.size(), "round " + round + ": " + replies);
                assertEquals(1, refused.size(), "round " + round + ": " + replies);
                String winner = started.get(0).object().getString("id");
                assertEquals("job_running", refused.get(0).object().getString("code"), refused.toString());
                assertTrue(refused.get(0).body().contains(winner), "the refusal names the running job: " + refused);
                assertEquals("COMPLETED", awaitJobEnd(node(3), winner).getString("status"));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aScheduledBackupFiresOncePerSlotOnOneNodeAndStillFiresWhenThatNodeIsGone() throws Exception {
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

            // one run per slot: the next minute's slot runs too, and no two runs share a minute
            awaitCondition(() -> scheduledRuns(node(1), since).size() >= 2, Duration.ofSeconds(150), "a second slot's run");
            List<JsonObject> runs = scheduledRuns(node(1), since);
            List<Long> minutes = runs.stream().map(r -> millis(r, "startedAt") / 60_000).distinct()
                    .toList();
            assertEquals(runs.size(), minutes.size(), "two runs in one slot: " + runs);
            // the schedule shows the slot that ran (a minute already begun) and the one to come, a minute apart
            JsonObject schedule = node(1).get("/api/v1/schedules/backup").object();
            long lastSlot = millis(schedule, "lastSlot");
            assertEquals(0, lastSlot % 60_000, schedule.toString());
            assertTrue(lastSlot <= System.currentTimeMillis(), "lastSlot is in the future: " + schedule);
            assertEquals(60_000, millis(schedule, "nextRun") - lastSlot, schedule.toString());

            // the node whose timer fired dies between two runs, and stays down (held: supervision would have it
            // back within a minute, and its timer with it): the next slot fires on another node
            Http survivor = node(firstHost % 3 + 1);
            for (JsonObject run : scheduledRuns(node(1), since)) {
                awaitJobEnd(survivor, run.getString("id"));
            }
            awaitCondition(() -> java.time.LocalTime.now().getSecond() >= 10 && java.time.LocalTime.now().getSecond() <= 40,
                    Duration.ofSeconds(60), "a quiet moment between two slots");
            Path held = facegrid.var().resolve("held-" + firstNode);
            Files.writeString(held, "");
            long killed = System.currentTimeMillis();
            try {
                cluster.kill(firstHost);
                JsonObject elsewhere = awaitScheduledRun(survivor, killed, firstNode, Duration.ofSeconds(180));
                assertEquals("COMPLETED", awaitJobEnd(survivor, elsewhere.getString("id")).getString("status"));
            } finally {
                Files.deleteIfExists(held); // supervision starts it again
            }
            cluster.awaitReady(firstHost, Duration.ofSeconds(300));
        } finally {
            node(2).delete("/api/v1/schedules/backup"); // a failed assertion must not leave it firing
        }
        assertEquals(404, node(1).get("/api/v1/schedules/backup").status());
        awaitNoJobRunning(node(1)); // a run its last slot started may still be finishing
        int before = scheduledRuns(node(1), since).size();
        // time itself is the subject: a whole minute's slot passes without a run
        Cluster.await().during(Duration.ofSeconds(65)).atMost(Duration.ofSeconds(75)).alias("no run once removed")
                .until(() -> scheduledRuns(node(1), since).size() == before);
    }

    /** Scheduled runs of the history started at or after {@code since}. */
    private static List<JsonObject> scheduledRuns(Http via, long since) {
        return jobs(via).stream()
                .filter(j -> j.getString("startedBy").equals("schedule"))
                .filter(j -> millis(j, "startedAt") >= since).toList();
    }

    /** The first scheduled run since {@code since} on a node other than {@code notOn} (any node when null). */
    private static JsonObject awaitScheduledRun(Http via, long since, String notOn, Duration timeout) {
        AtomicReference<JsonObject> found = new AtomicReference<>();
        awaitCondition(() -> {
            found.set(scheduledRuns(via, since).stream().filter(r -> !r.getString("node").equals(notOn)).findFirst()
                    .orElse(null));
            return found.get() != null;
        }, timeout, "a scheduled run" + (notOn == null ? "" : " on a node other than " + notOn));
        return found.get();
    }
}
