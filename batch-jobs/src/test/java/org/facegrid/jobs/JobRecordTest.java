package org.facegrid.jobs;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobRecordTest {
    @Test
    void aRecordSurvivesItsJsonThroughEveryStage() {
        JobRecord starting = JobRecord.starting("id-1", "backup", Map.of("kind", "full"), "node2", "admin", 1000);
        assertEquals(starting, JobRecord.fromJson(starting.toJson().toString()));

        JobRecord running = starting.started(7, 1100).progress("objects", 20, 50, Map.of("objectsMissing", 0L), 1200);
        JobRecord read = JobRecord.fromJson(running.toJson().toString());
        assertEquals(running, read);
        assertEquals(JobRecord.Status.STARTED, read.status());
        assertEquals(20, read.done());

        JobRecord failed = read.failed("disk full", 1500);
        JobRecord failedRead = JobRecord.fromJson(failed.toJson().toString());
        assertEquals("disk full", failedRead.error());
        assertEquals(500, failed.toJson().getJsonNumber("durationMs").longValue());

        // asked to restart: running again at once (no end, no error), where it got to kept until its thread runs
        JobRecord restarting = JobRecord.fromJson(failedRead.restarting(1900).toJson().toString());
        assertEquals(JobRecord.Status.STARTING, restarting.status());
        assertNull(restarting.error());
        assertEquals(0, restarting.endedAt());
        assertEquals(20, restarting.done());
        assertEquals(7, restarting.executionId());
        assertEquals(1000, restarting.startedAt());

        JobRecord restarted = restarting.started(8, 2000);
        assertNull(restarted.error());
        assertEquals(JobRecord.Status.STARTED, restarted.status());
        assertEquals(8, restarted.executionId());
        assertEquals(0, restarted.endedAt());
    }

    @Test
    void progressKeepsEarlierCountsAndAddsNewOnes() {
        JobRecord record = JobRecord.starting("id-2", "backup", Map.of(), "node1", "admin", 0)
                .progress("caches", 1, 2, Map.of("persons", 3L), 1)
                .progress("objects", 1, 1, Map.of("objects", 4L), 2);
        assertEquals(Map.of("persons", 3L, "objects", 4L), record.counts());
    }
}
