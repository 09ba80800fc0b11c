package org.facegrid.retention;

import org.facegrid.events.Event;
import org.facegrid.problem.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetentionPolicyTest {
    private static final long NOW = 1_800_000_000_000L;
    private static final long DAY = Duration.ofDays(1).toMillis();

    private static final RetentionPolicy POLICY = RetentionPolicy.fromJson(json(
            "{\"imagesMaxAge\":\"P30D\",\"feeds\":{\"door\":\"P7D\"},\"eventsMaxAge\":\"P365D\","
                    + "\"minFreeBytes\":1000,\"minFreePercent\":10}"));

    @Test
    void imagesGoAfterTheirFeedsAgeAndEventsAfterTheirOwn() {
        assertEquals(RetentionPolicy.Decision.KEEP, POLICY.decide(event("door", 6 * DAY, "events/a.jpg"), NOW));
        assertEquals(RetentionPolicy.Decision.DROP_IMAGE, POLICY.decide(event("door", 8 * DAY, "events/a.jpg"), NOW));
        assertEquals(RetentionPolicy.Decision.KEEP, POLICY.decide(event("lobby", 8 * DAY, "events/a.jpg"), NOW));
        assertEquals(RetentionPolicy.Decision.KEEP, POLICY.decide(event(null, 29 * DAY, "events/a.jpg"), NOW));
        assertEquals(RetentionPolicy.Decision.DROP_IMAGE, POLICY.decide(event(null, 31 * DAY, "events/a.jpg"), NOW));
        assertEquals(RetentionPolicy.Decision.KEEP, POLICY.decide(event("door", 100 * DAY, null), NOW),
                "an event whose image is already gone keeps its metadata");
        assertEquals(RetentionPolicy.Decision.DROP_EVENT, POLICY.decide(event("lobby", 366 * DAY, null), NOW));
        assertEquals(NOW - 7 * DAY, POLICY.oldestKeptWhole(NOW), "the youngest age bounds what a run reads");
        assertEquals(Long.MIN_VALUE, RetentionPolicy.KEEP_EVERYTHING.oldestKeptWhole(NOW));
        assertEquals(RetentionPolicy.Decision.KEEP,
                RetentionPolicy.KEEP_EVERYTHING.decide(event("door", 10_000 * DAY, "events/a.jpg"), NOW));
    }

    @Test
    void theFreeSpaceFloorIsTheHigherOfBytesAndPercent() {
        assertEquals(0, POLICY.bytesToFree(20_000, 100_000));
        assertEquals(10_000 - 4_000, POLICY.bytesToFree(4_000, 100_000), "10 % of 100000");
        assertEquals(1000 - 400, POLICY.bytesToFree(400, 5_000), "the byte floor is higher than 10 % of 5000");
        assertEquals(0, RetentionPolicy.KEEP_EVERYTHING.bytesToFree(0, 100_000));
    }

    @Test
    void theJsonRoundTripsAndEveryWrongMemberIsNamed() {
        assertEquals(POLICY, RetentionPolicy.fromJson(POLICY.toJson()));
        assertEquals(RetentionPolicy.KEEP_EVERYTHING, RetentionPolicy.fromJson(json("{}")));
        assertProblem("{\"imagesMaxAge\":\"30 days\"}", "imagesMaxAge must be an ISO-8601 duration");
        assertProblem("{\"imagesMaxAge\":\"PT0S\"}", "at least PT1S");
        assertProblem("{\"feeds\":{\"door\":7}}", "feeds.door must be an ISO-8601");
        assertProblem("{\"feeds\":[]}", "feeds must be an object");
        assertProblem("{\"minFreePercent\":100}", "minFreePercent must be a whole number from 0 to 99");
        assertProblem("{\"minFreeBytes\":-1}", "minFreeBytes must be a whole number");
        assertProblem("{\"maxAge\":\"P1D\"}", "maxAge is not part of the retention policy");
        assertProblem("{\"eventsMaxAge\":\"P7D\",\"feeds\":{\"door\":\"P30D\"}}",
                "feeds.door keeps images (PT720H) longer than eventsMaxAge");
        assertProblem("[]", "body must be a JSON object");
    }

    private static void assertProblem(String body, String expected) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RetentionPolicy.fromJson(json(body)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static Event event(String feed, long age, String imageKey) {
        return new Event("e", NOW - age, "node1", feed, List.of(), false, imageKey, Event.SCHEMA_VERSION);
    }

    private static jakarta.json.JsonValue json(String text) {
        try (var reader = jakarta.json.Json.createReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))) {
            return reader.readValue();
        }
    }
}
