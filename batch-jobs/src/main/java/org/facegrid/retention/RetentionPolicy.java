package org.facegrid.retention;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.facegrid.events.Event;
import org.facegrid.json.JsonFactory;
import org.facegrid.problem.InvalidInputException;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How long FaceGrid keeps what recognition records (Symphony's storage settings), as the {@code settings} cache
 * holds it: event images for {@code imagesMaxAge} (per feed in {@code feeds}, else the global default), event
 * metadata for {@code eventsMaxAge} (longer than the images), and a floor of free disk space
 * ({@code minFreeBytes}, {@code minFreePercent}) below which the oldest event images go first. Ages are ISO-8601
 * durations ({@code P30D}, {@code PT12H}); a missing age keeps forever; 0 turns a free-space floor off.
 * Enrolment (profile) images are never removed: retention only touches event images.
 */
public record RetentionPolicy(Duration imagesMaxAge, Map<String, Duration> feeds, Duration eventsMaxAge,
                              long minFreeBytes, int minFreePercent) {
    private static final Set<String> MEMBERS = Set.of("imagesMaxAge", "feeds", "eventsMaxAge", "minFreeBytes",
            "minFreePercent");

    /** Keeps everything, with no free-space floor: what a cluster has until an operator sets a policy. */
    public static final RetentionPolicy KEEP_EVERYTHING = new RetentionPolicy(null, Map.of(), null, 0, 0);

    public RetentionPolicy {
        feeds = Map.copyOf(feeds);
    }

    /** What a run does with one event at {@code now}. */
    public enum Decision { KEEP, DROP_IMAGE, DROP_EVENT }

    public Decision decide(Event event, long now) {
        if (eventsMaxAge != null && event.time() < now - eventsMaxAge.toMillis()) {
            return Decision.DROP_EVENT;
        }
        Duration imageAge = feeds.getOrDefault(event.feedId() == null ? "" : event.feedId(), imagesMaxAge);
        if (event.imageKey() != null && imageAge != null && event.time() < now - imageAge.toMillis()) {
            return Decision.DROP_IMAGE;
        }
        return Decision.KEEP;
    }

    /** Events at or after this time are kept whole: the youngest age of the policy (or now, when none is set). */
    public long oldestKeptWhole(long now) {
        Duration youngest = eventsMaxAge;
        for (Duration age : feeds.values()) {
            youngest = youngest == null || age.compareTo(youngest) < 0 ? age : youngest;
        }
        if (imagesMaxAge != null && (youngest == null || imagesMaxAge.compareTo(youngest) < 0)) {
            youngest = imagesMaxAge;
        }
        return youngest == null ? Long.MIN_VALUE : now - youngest.toMillis();
    }

    /** Bytes to free on a disk with this free and total space so both floors hold again; 0 when they do. */
    public long bytesToFree(long freeBytes, long totalBytes) {
        long floor = Math.max(minFreeBytes, totalBytes / 100 * minFreePercent);
        return Math.max(0, floor - freeBytes);
    }

    public JsonObject toJson() {
        JsonObjectBuilder feedAges = JsonFactory.createObjectBuilder();
        feeds.forEach((feed, age) -> feedAges.add(feed, age.toString()));
        JsonObjectBuilder json = JsonFactory.createObjectBuilder();
        if (imagesMaxAge == null) {
            json.addNull("imagesMaxAge");
        } else {
            json.add("imagesMaxAge", imagesMaxAge.toString());
        }
        json.add("feeds", feedAges);
        if (eventsMaxAge == null) {
            json.addNull("eventsMaxAge");
        } else {
            json.add("eventsMaxAge", eventsMaxAge.toString());
        }
        return json.add("minFreeBytes", minFreeBytes).add("minFreePercent", minFreePercent).build();
    }

    /** @throws InvalidInputException naming each wrong member */
    public static RetentionPolicy fromJson(JsonValue body) {
        if (!(body instanceof JsonObject json)) {
            throw InvalidInputException.of("body", "must be a JSON object with " + String.join(", ", MEMBERS));
        }
        for (String member : json.keySet()) {
            if (!MEMBERS.contains(member)) {
                throw InvalidInputException.of(member, "is not part of the retention policy (" + String.join(", ",
                        MEMBERS) + ")");
            }
        }
        Duration images = age(json.get("imagesMaxAge"), "imagesMaxAge");
        Duration events = age(json.get("eventsMaxAge"), "eventsMaxAge");
        Map<String, Duration> feeds = new LinkedHashMap<>();
        JsonValue feedAges = json.getOrDefault("feeds", JsonValue.EMPTY_JSON_OBJECT);
        if (!(feedAges instanceof JsonObject byFeed)) {
            throw InvalidInputException.of("feeds", "must be an object of feed id to age, e.g. {\"door-1\": \"P7D\"}");
        }
        for (Map.Entry<String, JsonValue> feed : byFeed.entrySet()) {
            Duration age = age(feed.getValue(), "feeds." + feed.getKey());
            if (age == null) {
                throw InvalidInputException.of("feeds." + feed.getKey(), "must be an age like P7D");
            }
            feeds.put(feed.getKey(), age);
        }
        for (Map.Entry<String, Duration> imageAge : imageAges(images, feeds).entrySet()) {
            if (events != null && imageAge.getValue() != null && imageAge.getValue().compareTo(events) > 0) {
                throw InvalidInputException.of(imageAge.getKey(), "keeps images (" + imageAge.getValue() + ") longer "
                        + "than eventsMaxAge keeps their events (" + events + ")");
            }
        }
        long minFreeBytes = number(json.get("minFreeBytes"), "minFreeBytes", Long.MAX_VALUE);
        int minFreePercent = (int) number(json.get("minFreePercent"), "minFreePercent", 99);
        return new RetentionPolicy(images, feeds, events, minFreeBytes, minFreePercent);
    }

    private static Map<String, Duration> imageAges(Duration images, Map<String, Duration> feeds) {
        Map<String, Duration> ages = new LinkedHashMap<>();
        ages.put("imagesMaxAge", images);
        feeds.forEach((feed, age) -> ages.put("feeds." + feed, age));
        return ages;
    }

    private static Duration age(JsonValue value, String member) {
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonString text)) {
            throw InvalidInputException.of(member, "must be an ISO-8601 duration like P30D or PT12H, or null");
        }
        Duration age;
        try {
            age = Duration.parse(text.getString());
        } catch (DateTimeParseException e) {
            throw InvalidInputException.of(member, "must be an ISO-8601 duration like P30D or PT12H, not '"
                    + text.getString() + "'");
        }
        if (age.compareTo(Duration.ofSeconds(1)) < 0) {
            throw InvalidInputException.of(member, "must be at least PT1S, not " + age);
        }
        return age;
    }

    private static long number(JsonValue value, String member, long max) {
        if (value == null || value == JsonValue.NULL) {
            return 0;
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral() || number.longValue() < 0
                || number.longValue() > max) {
            throw InvalidInputException.of(member, "must be a whole number from 0 to " + max);
        }
        return number.longValue();
    }
}
