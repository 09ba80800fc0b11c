package org.facegrid.jobs;

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
 * One run of a job as the cluster remembers it (the {@code jobs} cache, JSON): what was asked, where it runs,
 * how far it got, what it counted, how it ended. Every change is a new record; {@code updatedAt} is the running
 * job's heartbeat.
 *
 * @param executionId the batch runtime's id on {@code node} (its job repository is that server's own)
 * @param step        the step now running (or last run)
 * @param done        units of work done in that step, out of {@code total}
 */
public record JobRecord(String id, String name, Map<String, String> parameters, String node, String startedBy,
                        Status status, long executionId, String step, long done, long total,
                        Map<String, Long> counts, long startedAt, long updatedAt, long endedAt, String error) {

    public enum Status {
        STARTING, STARTED, COMPLETED, FAILED, STOPPED,
        /** A running job whose node stopped reporting: see {@link JobHistory#STALE_AFTER_MS}. */
        UNKNOWN;

        public boolean running() {
            return this == STARTING || this == STARTED;
        }
    }

    public JobRecord {
        parameters = Map.copyOf(parameters);
        counts = Map.copyOf(counts);
    }

    static JobRecord starting(String id, String name, Map<String, String> parameters, String node, String startedBy,
                              long now) {
        return new JobRecord(id, name, parameters, node, startedBy, Status.STARTING, -1, "", 0, 0, Map.of(), now, now,
                0, null);
    }

    JobRecord withStatus(Status next, long now) {
        return new JobRecord(id, name, parameters, node, startedBy, next, executionId, step, done, total, counts,
                startedAt, now, next.running() ? 0 : now, error);
    }

    /** Asked to go on from its last checkpoint: running again, its error cleared, its progress kept. */
    JobRecord restarting(long now) {
        return new JobRecord(id, name, parameters, node, startedBy, Status.STARTING, executionId, step, done, total,
                counts, startedAt, now, 0, null);
    }

    JobRecord started(long execution, long now) {
        return new JobRecord(id, name, parameters, node, startedBy, Status.STARTED, execution, step, done, total,
                counts, startedAt, now, 0, null);
    }

    JobRecord progress(String currentStep, long doneNow, long totalNow, Map<String, Long> countsNow, long now) {
        Map<String, Long> merged = new LinkedHashMap<>(counts);
        merged.putAll(countsNow);
        return new JobRecord(id, name, parameters, node, startedBy, status, executionId, currentStep, doneNow, totalNow,
                merged, startedAt, now, endedAt, error);
    }

    JobRecord add(Map<String, Long> increments, long now) {
        Map<String, Long> sums = new LinkedHashMap<>(counts);
        increments.forEach((count, n) -> sums.merge(count, n, Long::sum));
        return new JobRecord(id, name, parameters, node, startedBy, status, executionId, step, done, total, sums,
                startedAt, now, endedAt, error);
    }

    JobRecord failed(String message, long now) {
        return new JobRecord(id, name, parameters, node, startedBy, Status.FAILED, executionId, step, done, total,
                counts, startedAt, now, now, message);
    }

    /** As the API shows it: the stored form with ISO-8601 times. */
    public JsonObject shown() {
        return JsonFactory.createObjectBuilder(toJson()).add("startedAt", JsonFactory.instant(startedAt))
                .add("updatedAt", JsonFactory.instant(updatedAt)).add("endedAt", JsonFactory.instant(endedAt)).build();
    }

    /** The stored form (the jobs cache), times in epoch milliseconds. */
    public JsonObject toJson() {
        JsonObjectBuilder params = JsonFactory.createObjectBuilder();
        parameters.forEach(params::add);
        JsonObjectBuilder countJson = JsonFactory.createObjectBuilder();
        counts.forEach(countJson::add);
        JsonObjectBuilder json = JsonFactory.createObjectBuilder().add("id", id).add("name", name)
                .add("parameters", params).add("node", node).add("startedBy", startedBy)
                .add("status", status.name()).add("executionId", executionId)
                .add("progress", JsonFactory.createObjectBuilder().add("step", step).add("done", done)
                        .add("total", total))
                .add("counts", countJson).add("startedAt", startedAt).add("updatedAt", updatedAt);
        if (endedAt > 0) {
            json.add("endedAt", endedAt).add("durationMs", endedAt - startedAt);
        } else {
            json.addNull("endedAt");
        }
        if (error != null) {
            json.add("error", error);
        } else {
            json.addNull("error");
        }
        return json.build();
    }

    static JobRecord fromJson(String text) {
        try (JsonReader reader = JsonFactory.createReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))) {
            JsonObject json = reader.readObject();
            Map<String, String> parameters = new LinkedHashMap<>();
            json.getJsonObject("parameters").forEach((k, v) -> parameters.put(k, ((JsonString) v).getString()));
            Map<String, Long> counts = new LinkedHashMap<>();
            json.getJsonObject("counts").forEach((k, v) -> counts.put(k, ((JsonNumber) v).longValue()));
            JsonObject progress = json.getJsonObject("progress");
            JsonValue ended = json.get("endedAt");
            return new JobRecord(json.getString("id"), json.getString("name"), parameters, json.getString("node"),
                    json.getString("startedBy"), Status.valueOf(json.getString("status")),
                    json.getJsonNumber("executionId").longValue(), progress.getString("step"),
                    progress.getJsonNumber("done").longValue(), progress.getJsonNumber("total").longValue(), counts,
                    json.getJsonNumber("startedAt").longValue(), json.getJsonNumber("updatedAt").longValue(),
                    ended instanceof JsonNumber n ? n.longValue() : 0, json.getString("error", null));
        }
    }
}
