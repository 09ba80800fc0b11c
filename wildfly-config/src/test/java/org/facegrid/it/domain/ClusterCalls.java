package org.facegrid.it.domain;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.facegrid.it.Http;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the cluster tests ask of a node's API and wait for, in one place. */
final class ClusterCalls {
    private ClusterCalls() {
    }

    /** The nodes of a GET /api/v1/cluster answer, by name. */
    static Map<String, JsonObject> byName(JsonObject cluster) {
        return cluster.getJsonArray("nodes").getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(n -> n.getString("name"), Function.identity()));
    }

    static List<String> endpoints(Http node) {
        return strings(node.get("/api/v1/cluster/endpoints").object(), "items");
    }

    static void awaitEndpoints(Http via, Predicate<List<String>> condition, String what) {
        Cluster.await().atMost(Duration.ofSeconds(15)).alias(what).until(() -> condition.test(endpoints(via)));
    }

    static JsonObject lastTransition(JsonObject checks) {
        var transitions = checks.getJsonArray("transitions");
        return transitions.getJsonObject(transitions.size() - 1);
    }

    /** The primary's checks of a node, as another node shows them, once in the given state. */
    static JsonObject awaitChecks(Http via, String name, String state, Duration timeout) {
        AtomicReference<JsonObject> seen = new AtomicReference<>();
        Cluster.await().atMost(timeout).pollInterval(Duration.ofMillis(500)).alias(name + " " + state).until(() -> {
            JsonObject node = byName(via.get("/api/v1/cluster").object()).get(name); // 503 in a view change: retried
            seen.set(node);
            return node != null && node.containsKey("checks") && node.getJsonObject("checks").getString("state").equals(state);
        });
        return seen.get().getJsonObject("checks");
    }

    /** Whether the node answers its readiness check with 200 (a node that does not answer is not). */
    static boolean isReady(Http node) {
        try {
            return node.get("/health/ready").status() == 200;
        } catch (RuntimeException connectionRefused) {
            return false;
        }
    }

    static void awaitReady(Http node, Duration timeout) {
        Cluster.await().atMost(timeout).pollInterval(Duration.ofSeconds(1)).alias(node.base() + " ready")
                .until(() -> isReady(node));
    }

    /** Until the condition holds (a node answering an error counts as "not yet"). */
    static void awaitCondition(java.util.function.BooleanSupplier condition, Duration timeout, String what) {
        Cluster.await().atMost(timeout).alias(what).until(condition::getAsBoolean);
    }

    static Http.Reply awaitStatus(Http via, String path, int status, Duration timeout) {
        AtomicReference<Http.Reply> reply = new AtomicReference<>();
        Cluster.await().atMost(timeout).pollInterval(Duration.ofMillis(500)).alias(path + " answers " + status)
                .until(() -> {
                    reply.set(via.get(path));
                    return reply.get().status() == status;
                });
        return reply.get();
    }

    /** Sends {@code total} recognitions, {@code parallel} at a time; counts the nodes that computed them. */
    static Map<String, Long> computedBy(Http via, byte[] photo, int total, int parallel) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<Http.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                replies.add(pool.submit(() -> via.send("POST", "/api/v1/recognitions", "image/jpeg", photo)));
            }
            Map<String, Long> counts = new TreeMap<>();
            for (Future<Http.Reply> reply : replies) {
                Http.Reply r = reply.get();
                assertEquals(200, r.status(), r.toString());
                assertEquals(1, r.object().getJsonArray("faces").size(), r.toString());
                counts.merge(r.header("X-FaceGrid-Node"), 1L, Long::sum);
            }
            return counts;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Waits (up to 5 min) until the job is no longer running; returns its record. */
    static JsonObject awaitJobEnd(Http via, String id) {
        AtomicReference<JsonObject> job = new AtomicReference<>();
        Cluster.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).alias("job " + id + " ends")
                .until(() -> {
                    job.set(via.get("/api/v1/jobs/" + id).object());
                    return !List.of("STARTING", "STARTED").contains(job.get().getString("status"));
                });
        return job.get();
    }

    /** Starts a job through {@code via}, follows it through {@code watcher}, and checks that it completed. */
    static JsonObject runJob(Http via, Http watcher, String name, String parameters) {
        Http.Reply started = via.post("/api/v1/jobs/" + name, parameters);
        assertEquals(202, started.status(), started.toString());
        JsonObject job = awaitJobEnd(watcher, started.object().getString("id"));
        assertEquals("COMPLETED", job.getString("status"), name + " job ended " + job);
        return job;
    }

    /** The cluster's job history, newest first (its latest 500, the API's largest page). */
    static List<JsonObject> jobs(Http via) {
        Http.Reply reply = via.get("/api/v1/jobs?limit=500");
        assertEquals(200, reply.status(), reply.toString());
        return reply.object().getJsonArray("items").getValuesAs(JsonObject.class);
    }

    /** A time the API shows (ISO-8601 UTC) in epoch milliseconds. */
    static long millis(JsonObject json, String field) {
        return java.time.Instant.parse(json.getString(field)).toEpochMilli();
    }

    /** Until no job runs anywhere (one job at a time: the next test may start one). */
    static void awaitNoJobRunning(Http via) {
        Cluster.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).alias("no job running")
                .until(() -> jobs(via).stream().noneMatch(j -> List.of("STARTING", "STARTED").contains(j.getString("status"))));
    }

    /** What the API shows of the data a backup holds: every person, each one's faces, events, the objects. */
    static String snapshot(Http via, List<String> objectKeys) {
        StringBuilder all = new StringBuilder();
        JsonObject persons = via.get("/api/v1/persons?limit=500").object();
        for (JsonObject person : persons.getJsonArray("items").getValuesAs(JsonObject.class)) {
            all.append(person).append('\n');
            all.append(via.get("/api/v1/persons/" + person.getString("id") + "/faces").body()).append('\n');
        }
        all.append(via.get("/api/v1/events?limit=500").body()).append('\n');
        for (String key : objectKeys) {
            Http.Reply object = via.get("/api/v1/objects/" + key);
            all.append(key).append(' ').append(object.status()).append(' ')
                    .append(object.status() == 200 ? object.header("X-Content-SHA256") : "").append('\n');
        }
        return all.toString();
    }

    static String storedEvent(Http via, byte[] photo, String feed) {
        Http.Reply reply = via.send("POST", "/api/v1/recognitions?storeEvent=true&feedId=" + feed, "image/jpeg", photo);
        assertEquals(200, reply.status(), reply.toString());
        return reply.object().getString("eventId");
    }

    static String eventImage(String eventId) {
        return "events/" + eventId.substring(0, 13) + "/" + eventId + ".jpg";
    }

    /** Where host i's server keeps an object in local mode (its server data dir). */
    static Path objectFile(Cluster cluster, int host, String key) {
        return cluster.serverDir(host).resolve("data/facegrid-objects/" + key);
    }

    static List<String> strings(JsonObject json, String name) {
        return json.getJsonArray(name).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    /** Random bytes, the same for the same size and seed. */
    static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
