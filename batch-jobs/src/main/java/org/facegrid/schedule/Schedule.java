package org.facegrid.schedule;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.facegrid.json.JsonFactory;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A job that runs on a cron schedule, as the {@code settings} cache keeps it (JSON under
 * {@code schedule.<job>}). {@code id} is new at every PUT: a timer whose id is not the current one is left
 * over from an earlier definition and cancels itself. {@code lastSlot} names the last slot that started a run
 * (the time of the slot after it, which every copy of the timer computes alike), so a slot that fires again
 * (two sides of a healed partition) is recognised and skipped.
 */
public record Schedule(String job, String id, CronExpression cron, Map<String, String> parameters, String createdBy,
                       long createdAt, long lastSlot, String lastJobId, String lastOutcome) {

    public Schedule {
        parameters = Map.copyOf(parameters);
    }

    static String key(String job) {
        return "schedule." + job;
    }

    /** Whether a firing for {@code slot} should start a run: false when this slot, or a later one, already did. */
    boolean isNew(long slot) {
        return slot > lastSlot;
    }

    Schedule ran(long slot, String jobId, String outcome) {
        return new Schedule(job, id, cron, parameters, createdBy, createdAt, slot, jobId, outcome);
    }

    /** As the API shows it: the stored form with ISO-8601 times. */
    public JsonObject shown() {
        return JsonFactory.createObjectBuilder(toJson()).add("createdAt", JsonFactory.instant(createdAt))
                .add("lastSlot", JsonFactory.instant(lastSlot)).build();
    }

    /** The stored form (the settings cache), times in epoch milliseconds. */
    public JsonObject toJson() {
        JsonObjectBuilder params = JsonFactory.createObjectBuilder();
        parameters.forEach(params::add);
        JsonObjectBuilder json = JsonFactory.createObjectBuilder().add("job", job).add("id", id)
                .add("cron", cron.toString()).add("parameters", params).add("createdBy", createdBy)
                .add("createdAt", createdAt);
        if (lastSlot > 0) {
            json.add("lastSlot", lastSlot);
        } else {
            json.addNull("lastSlot");
        }
        // a claimed slot has no job yet, a skipped one never gets one
        json.add("lastJobId", lastJobId == null ? JsonValue.NULL : JsonFactory.createValue(lastJobId));
        json.add("lastOutcome", lastOutcome == null ? JsonValue.NULL : JsonFactory.createValue(lastOutcome));
        return json.build();
    }

    static Schedule fromJson(String text) {
        try (JsonReader reader = JsonFactory.createReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))) {
            JsonObject json = reader.readObject();
            Map<String, String> parameters = new LinkedHashMap<>();
            json.getJsonObject("parameters").forEach((k, v) -> parameters.put(k, ((JsonString) v).getString()));
            boolean ran = json.get("lastSlot") instanceof JsonNumber;
            return new Schedule(json.getString("job"), json.getString("id"), CronExpression.parse(json.getString("cron")),
                    parameters, json.getString("createdBy"), json.getJsonNumber("createdAt").longValue(),
                    ran ? json.getJsonNumber("lastSlot").longValue() : 0, json.getString("lastJobId", null),
                    json.getString("lastOutcome", null));
        }
    }
}
