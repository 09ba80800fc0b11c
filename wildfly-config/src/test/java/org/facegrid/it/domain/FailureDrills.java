package org.facegrid.it.domain;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.facegrid.it.Http;
import org.facegrid.it.TestImages;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Failure drills (issue 5, 8a to 8c and 9) on a real three-host cluster on this machine: node1 and node2 from
 * 'facegrid cluster-demo 2', node3 joined with 'facegrid join' from a base dir of its own on 127.0.0.3 (as
 * another machine would), under a steady load of recognitions and person writes sent by a client that fails
 * over along {@code /api/v1/cluster/endpoints}:
 * <ol>
 *   <li>kill -9 a secondary's server: it must leave rotation within 15 s while recognition goes on, and
 *       come back into rotation after the supervisor restarted it;</li>
 *   <li>kill -9 the primary's server: a new primary within 10 s, and the longest gap in successful requests;</li>
 *   <li>cut node3's cluster links (iptables DROP on its JGroups ports, both ways): node3 alone must refuse
 *       writes with 503 writes_refused while the other two accept them; after healing, node3 takes writes
 *       again and every node reads every acknowledged write;</li>
 *   <li>{@code facegrid rolling-restart}: every node restarted in turn, no request may fail.</li>
 * </ol>
 * Then every write the client saw acknowledged is read back from every node. Prints, per drill, time to detect,
 * time to recover, requests failed and writes lost; exits 1 when a limit is missed. Bounded: each wait has a
 * limit. Run by {@code bench/run-failure-drills} and, in the test suite, by {@link FailureDrillsIT}.
 */
public final class FailureDrills {
    private static final Duration OUT_OF_ROTATION_LIMIT = Duration.ofSeconds(15);
    private static final Duration NEW_PRIMARY_LIMIT = Duration.ofSeconds(10);
    private static final Duration REJOIN_LIMIT = Duration.ofSeconds(240);

    private static final Duration PARTITION_LIMIT = Duration.ofSeconds(30);
    private static final List<String> DRILLS = List.of("a", "b", "c", "rolling");

    private final FacegridCommand facegrid = new FacegridCommand("drills", 2000);
    private final FacegridCommand third = facegrid.otherMachine("node3", "127.0.0.3");
    private final List<String> urls = List.of(facegrid.url(1), facegrid.url(2), third.url(3));
    private final List<String> failures = new ArrayList<>();
    private final List<String> selected;
    private String credentials;

    /** @param selection the drills to run, comma-separated ({@code a,b,c,rolling}); blank: all of them */
    FailureDrills(String selection) {
        this.selected = selection.isBlank() ? List.of() : List.of(selection.strip().split("\\s*,\\s*"));
        List<String> unknown = selected.stream().filter(d -> !DRILLS.contains(d)).toList();
        if (!unknown.isEmpty()) {
            // a mistyped name must not run nothing and pass
            throw new IllegalArgumentException("unknown drill(s) " + unknown + "; the drills are " + DRILLS);
        }
    }

    /** {@code -Ddrills=a,b,c,rolling} picks drills (all when not set). */
    public static void main(String[] args) throws Exception {
        List<String> missed = new FailureDrills(System.getProperty("drills", ""))
                .run(Path.of(args.length > 0 ? args[0] : "../shared/faces"));
        System.exit(missed.isEmpty() ? 0 : 1);
    }

    /** Runs the selected drills; answers the limits missed (none when all passed). */
    List<String> run(Path faces) throws Exception {
        third.run(180, "stop");
        facegrid.run(180, "stop");
        FacegridCommand.deleteTree(facegrid.var());
        FacegridCommand.deleteTree(third.var());
        try {
            facegrid.run(900, "cluster-demo", "2").expectSuccess("facegrid cluster-demo 2");
            String token = facegrid.run(30, "join-token").expectSuccess("facegrid join-token").output().lines()
                    .filter(l -> l.startsWith("fgjoin2.")).findFirst().orElseThrow();
            third.withEnvironment("FACEGRID_JOIN_TOKEN", token)
                    .run(600, "join", "--primary", "127.0.0.1:" + facegrid.managementPort(1), "--as", "redundant")
                    .expectSuccess("facegrid join (node3)");
            credentials = facegrid.run(30, "credentials").expectSuccess("facegrid credentials").output().strip();
            drill(new Traffic(TestImages.read(faces.resolve("dev/barack_obama/1.jpg"))));
        } finally {
            third.run(180, "stop");
            facegrid.run(180, "stop");
        }
        failures.forEach(f -> System.out.println("LIMIT MISSED: " + f));
        return List.copyOf(failures);
    }

    private void drill(Traffic traffic) throws Exception {
        try {
            traffic.start();
            Thread.sleep(5_000);
            awaitSettled();
            Map<String, Drill> drills = new java.util.LinkedHashMap<>();
            drills.put("a", this::killSecondary);
            drills.put("b", this::killPrimary);
            drills.put("c", this::cutOffNode3);
            drills.put("rolling", this::rollingRestart);
            for (Map.Entry<String, Drill> drill : drills.entrySet()) {
                if (selected(drill.getKey())) {
                    drill.getValue().run(traffic);
                    awaitSettled();
                }
            }
            Thread.sleep(5_000);
        } finally {
            traffic.stop();
            Iptables.deleteAll(cutRules);
        }
        awaitSettled(); // every node answers again before the writes are read back
        int lost = lostWrites(traffic);
        System.out.printf(Locale.ROOT, "drills: requests=%d failed=%d writes_acknowledged=%d writes_lost=%d%n",
                traffic.succeeded.get() + traffic.failed.get(), traffic.failed.get(), traffic.acknowledged.size(), lost);
        if (lost > 0) {
            failures.add(lost + " acknowledged writes lost");
        }
    }

    private interface Drill {
        void run(Traffic traffic) throws Exception;
    }

    private boolean selected(String drill) {
        return selected.isEmpty() || selected.contains(drill);
    }

    /**
     * Drill a: a secondary's server dies; it leaves rotation (the endpoint list: at once when it leaves the view,
     * and the primary's checks mark it OUT after 3 failures), recognition goes on, it returns by itself.
     */
    private void killSecondary(Traffic traffic) throws InterruptedException {
        traffic.takeReasons();
        int failedBefore = traffic.failed.get();
        long killed = System.nanoTime();
        facegrid.killServer(2);
        double detect = await(OUT_OF_ROTATION_LIMIT.plusSeconds(30),
                () -> endpointsSeenBy(1).filter(e -> !e.contains(urls.get(1))).map(String::valueOf));
        await(OUT_OF_ROTATION_LIMIT.plusSeconds(30), () -> checks(1, "node2").filter("OUT"::equals));
        System.out.printf(Locale.ROOT, "drill kill_secondary: checks_out_s=%.1f (3 failed checks, 5 s apart)%n",
                (System.nanoTime() - killed) / 1e9);
        double recover = sinceKill(killed, await(REJOIN_LIMIT, () -> checks(1, "node2").filter("IN"::equals)));
        report("kill_secondary", "out_of_rotation_s", detect, OUT_OF_ROTATION_LIMIT, "back_in_rotation_s", recover,
                traffic.failed.get() - failedBefore, traffic.longestGapSeconds(killed), traffic.takeReasons());
    }

    /** Drill b: the primary's server dies; another node takes the role within 10 s. */
    private void killPrimary(Traffic traffic) throws InterruptedException {
        traffic.takeReasons();
        int failedBefore = traffic.failed.get();
        long killed = System.nanoTime();
        facegrid.killServer(1);
        double detect = await(NEW_PRIMARY_LIMIT.plusSeconds(30),
                () -> primarySeenBy(2).filter(p -> !p.equals("node1")));
        await(OUT_OF_ROTATION_LIMIT.plusSeconds(30),
                () -> endpointsSeenBy(2).filter(e -> !e.contains(urls.get(0))).map(String::valueOf));
        double recover = sinceKill(killed, await(REJOIN_LIMIT,
                () -> endpointsSeenBy(2).filter(e -> e.contains(urls.get(0))).map(String::valueOf)));
        report("kill_primary", "new_primary_s", detect, NEW_PRIMARY_LIMIT, "old_primary_back_in_rotation_s", recover,
                traffic.failed.get() - failedBefore, traffic.longestGapSeconds(killed), traffic.takeReasons());
    }

    /**
     * Every node ready, in a full view, with its caches settled (no rebalance or merge under way). Each drill is one
     * failure: a second one while the caches still move data after the first leaves the survivors without a
     * majority of the last stable topology, and they rightly refuse writes.
     */
    private void awaitSettled() throws InterruptedException {
        for (String url : urls) {
            await(REJOIN_LIMIT, () -> Optional.of(url).filter(u -> {
                try {
                    Http.Reply ready = new Http(u).get("/health/ready");
                    String body = ready.body().replace(" ", "");
                    return ready.status() == 200 && body.contains("\"settled\":true")
                            && body.contains("\"viewSize\":" + urls.size());
                } catch (RuntimeException e) {
                    return false;
                }
            }));
        }
    }

    /**
     * node3's cluster links, cut both ways: what it sends to the others' JGroups ports (TCP and FD_SOCK2) and
     * what they send to its own, including the answers on connections already open. HTTP still reaches it.
     */
    private final List<List<String>> cutRules = cutRules();

    private List<List<String>> cutRules() {
        String others = String.join(",", List.of(jgroups(1), jgroups(2), failureDetection(1), failureDetection(2)));
        String own = jgroups(3) + "," + failureDetection(3);
        return List.of(
                List.of("INPUT", "-s", "127.0.0.3", "-d", "127.0.0.1", "-p", "tcp", "-m", "multiport", "--dports", others, "-j", "DROP"),
                List.of("INPUT", "-s", "127.0.0.3", "-d", "127.0.0.1", "-p", "tcp", "-m", "multiport", "--sports", own, "-j", "DROP"),
                List.of("INPUT", "-s", "127.0.0.1", "-d", "127.0.0.3", "-p", "tcp", "-m", "multiport", "--dports", own, "-j", "DROP"),
                List.of("INPUT", "-s", "127.0.0.1", "-d", "127.0.0.3", "-p", "tcp", "-m", "multiport", "--sports", others, "-j", "DROP"));
    }

    private String jgroups(int host) {
        return String.valueOf(facegrid.clusterPort(host));
    }

    /** FD_SOCK2's port: the jgroups-tcp-fd socket binding (57600) plus the host's offset. */
    private String failureDetection(int host) {
        return String.valueOf(facegrid.clusterPort(host) - 7600 + 57600);
    }

    /**
     * Drill c: node3 is cut off from the other two. Its side (1 of 3 data nodes) must refuse writes with 503
     * writes_refused, the majority must accept them; after healing node3 accepts writes again, and the read-back
     * at the end checks every acknowledged write on every node.
     */
    private void cutOffNode3(Traffic traffic) throws Exception {
        if (!Iptables.usable()) {
            failures.add("network_cut: iptables is not usable here (needs root and the iptables package)");
            return;
        }
        traffic.takeReasons();
        int failedBefore = traffic.failed.get();
        long cut = System.nanoTime();
        for (List<String> rule : cutRules) {
            Iptables.add(rule);
        }
        String[] refusal = new String[1];
        double detect = await(PARTITION_LIMIT, () -> {
            Http.Reply reply = tryWrite(urls.get(2), "minority");
            if (reply != null && reply.status() == 503 && reply.body().contains("writes_refused")) {
                refusal[0] = reply.object().getString("message");
                return Optional.of("refused");
            }
            return Optional.empty();
        });
        double majority = await(PARTITION_LIMIT, () -> Optional.ofNullable(tryWrite(urls.get(0), "majority"))
                .filter(r -> r.status() == 201).map(r -> traffic.acknowledge(r)));
        System.out.printf(Locale.ROOT, "drill network_cut: minority_refuses_writes_s=%.1f majority_writes_s=%.1f "
                + "minority_says=\"%s\"%n", detect, majority, refusal[0]);
        if (majority < 0) {
            failures.add("network_cut: the majority side did not accept a write within " + PARTITION_LIMIT.toSeconds() + " s");
        }
        long healed = System.nanoTime();
        Iptables.deleteAll(cutRules);
        double recover = await(REJOIN_LIMIT, () -> Optional.ofNullable(tryWrite(urls.get(2), "healed"))
                .filter(r -> r.status() == 201).map(r -> traffic.acknowledge(r)));
        System.out.printf(Locale.ROOT, "drill network_cut: healed_node3_writes_again_s=%.1f (after the heal)%n", recover);
        report("network_cut", "minority_refuses_writes_s", detect, PARTITION_LIMIT, "recovered_after_heal_s",
                recover < 0 ? -1 : (System.nanoTime() - healed) / 1e9, traffic.failed.get() - failedBefore,
                traffic.longestGapSeconds(cut), traffic.takeReasons());
    }

    /** One person write with a fresh externalId; null when the node did not answer. */
    private Http.Reply tryWrite(String url, String label) {
        try {
            String externalId = "cut-" + label + "-" + System.nanoTime();
            return api(url).post("/api/v1/persons", "{\"name\":\"Drill " + externalId + "\",\"externalId\":\""
                    + externalId + "\"}");
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Item 9: {@code facegrid rolling-restart} restarts every node in turn (each out of rotation while it restarts,
     * only once the cluster has settled). No request may fail.
     */
    private void rollingRestart(Traffic traffic) {
        traffic.takeReasons();
        int failedBefore = traffic.failed.get();
        long started = System.nanoTime();
        FacegridCommand.Result result = facegrid.run(1200, "rolling-restart");
        int failed = traffic.failed.get() - failedBefore;
        System.out.printf(Locale.ROOT, "drill rolling_restart: nodes=3 took_s=%.1f requests_failed=%d longest_gap_s=%.2f "
                + "failed_attempts=%s%n", (System.nanoTime() - started) / 1e9, failed, traffic.longestGapSeconds(started),
                traffic.takeReasons());
        if (result.exitCode() != 0) {
            failures.add("rolling_restart: facegrid rolling-restart failed: " + result.output());
        }
        if (failed > 0) {
            failures.add("rolling_restart: " + failed + " requests failed");
        }
    }

    private void report(String drill, String detectName, double detect, Duration limit, String recoverName,
                        double recover, int failed, double gap, Map<String, Integer> reasons) {
        System.out.printf(Locale.ROOT, "drill %s: %s=%.1f (limit %d) %s=%.1f requests_failed=%d longest_gap_s=%.2f "
                        + "failed_attempts=%s%n", drill, detectName, detect, limit.toSeconds(), recoverName, recover,
                failed, gap, reasons);
        if (detect < 0 || detect > limit.toSeconds()) {
            failures.add(drill + ": " + detectName + " " + detect + " s, limit " + limit.toSeconds() + " s");
        }
        if (recover < 0) {
            failures.add(drill + ": " + recoverName + " not within " + REJOIN_LIMIT.toSeconds() + " s");
        }
    }

    /** Seconds from the kill to now, or -1 when the wait before missed its limit. */
    private static double sinceKill(long killed, double waited) {
        return waited < 0 ? -1 : (System.nanoTime() - killed) / 1e9;
    }

    /** Seconds until the probe answers, or -1 when it did not within the limit. */
    private static double await(Duration limit, java.util.function.Supplier<Optional<String>> probe)
            throws InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < limit.toNanos()) {
            if (probe.get().isPresent()) {
                return (System.nanoTime() - start) / 1e9;
            }
            Thread.sleep(250);
        }
        return -1;
    }

    /** The primary's health-check state of a node as host i shows it. */
    private Optional<String> checks(int host, String node) {
        return cluster(host).flatMap(c -> c.getJsonArray("nodes").getValuesAs(JsonObject.class).stream()
                .filter(n -> n.getString("name").equals(node) && n.containsKey("checks"))
                .map(n -> n.getJsonObject("checks").getString("state")).findFirst());
    }

    private Optional<List<String>> endpointsSeenBy(int host) {
        try {
            Http.Reply reply = api(urls.get(host - 1)).get("/api/v1/cluster/endpoints");
            return reply.status() == 200 ? Optional.of(reply.object().getJsonArray("items")
                    .getValuesAs(JsonString.class).stream().map(JsonString::getString).toList()) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private Optional<String> primarySeenBy(int host) {
        return cluster(host).filter(c -> c.get("primary") instanceof JsonString).map(c -> c.getString("primary"));
    }

    private Optional<JsonObject> cluster(int host) {
        try {
            Http.Reply reply = api(urls.get(host - 1)).get("/api/v1/cluster");
            return reply.status() == 200 ? Optional.of(reply.object()) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private Http api(String url) {
        return new Http(url).as(credentials);
    }

    /** Acknowledged writes that some node cannot read back; each printed with how it was acknowledged. */
    private int lostWrites(Traffic traffic) {
        int lost = 0;
        for (Map.Entry<String, String> write : traffic.acknowledged.entrySet()) {
            List<String> problems = new ArrayList<>();
            for (String url : urls) {
                try {
                    Http.Reply read = api(url).get("/api/v1/persons/" + write.getValue());
                    if (read.status() != 200) {
                        problems.add(url + " answered " + read.status());
                    }
                } catch (RuntimeException e) {
                    problems.add(url + ": " + e);
                }
            }
            if (!problems.isEmpty()) {
                System.out.println("lost: person " + write.getValue() + " (externalId " + write.getKey() + ", "
                        + traffic.howAcknowledged.get(write.getKey()) + "): " + problems);
                lost++;
            }
        }
        return lost;
    }

    /**
     * The steady load: two clients recognise, one writes persons (each with a unique externalId, so a retry of
     * a write whose answer was lost finds the person instead of creating a second). A failed request is tried
     * once more on another endpoint than the one that failed.
     */
    private final class Traffic {
        final AtomicInteger succeeded = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final Map<String, String> acknowledged = new ConcurrentHashMap<>(); // externalId -> person id
        final Map<String, String> howAcknowledged = new ConcurrentHashMap<>(); // externalId -> answer, node, time
        private final Map<String, Integer> reasons = new ConcurrentHashMap<>(); // failed attempts by cause
        private final long startedAt = System.nanoTime();
        final List<long[]> gaps = new CopyOnWriteArrayList<>(); // {from, to} between successes, nanos
        private final AtomicLong lastSuccess = new AtomicLong(System.nanoTime());
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger next = new AtomicInteger();
        private final List<Thread> threads = new ArrayList<>();
        private final byte[] photo;
        private volatile List<String> endpoints = urls;

        Traffic(byte[] photo) {
            this.photo = photo;
        }

        void start() {
            threads.add(new Thread(() -> loop(this::recognise), "drill-recognise-1"));
            threads.add(new Thread(() -> loop(this::recognise), "drill-recognise-2"));
            threads.add(new Thread(() -> loop(this::write), "drill-write"));
            threads.add(new Thread(this::refreshEndpoints, "drill-endpoints"));
            threads.forEach(Thread::start);
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join(30_000);
            }
        }

        /** Failed attempts by cause since the last call (each request is tried on up to two endpoints). */
        synchronized Map<String, Integer> takeReasons() {
            Map<String, Integer> taken = new java.util.TreeMap<>(reasons);
            reasons.clear();
            return taken;
        }

        private synchronized void failedAttempt(String url, String cause) {
            reasons.merge(url.replaceFirst("^http://", "") + " " + cause, 1, Integer::sum);
        }

        /** "503 writes_refused (why)" for a problem document, the status alone otherwise. */
        private String cause(Http.Reply reply) {
            try {
                JsonObject problem = reply.object();
                String why = problem.getJsonArray("details").isEmpty() ? ""
                        : " (" + problem.getJsonArray("details").getJsonObject(0).getString("reason", "") + ")";
                return reply.status() + " " + problem.getString("code", "") + why;
            } catch (RuntimeException | AssertionError notJson) {
                return String.valueOf(reply.status());
            }
        }

        private void recordAcknowledged(String externalId, String how) {
            howAcknowledged.put(externalId, String.format(Locale.ROOT, "%s at %.1f s", how,
                    (System.nanoTime() - startedAt) / 1e9));
        }

        double longestGapSeconds(long since) {
            return gaps.stream().filter(g -> g[1] >= since).mapToLong(g -> g[1] - g[0]).max().orElse(0) / 1e9;
        }

        private void loop(Predicate<String> request) {
            while (running.get()) {
                String first = endpoint();
                boolean ok = request.test(first) || request.test(anotherThan(first));
                if (ok) {
                    long now = System.nanoTime();
                    long previous = lastSuccess.getAndSet(now);
                    gaps.add(new long[] {previous, now});
                    succeeded.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                    pause(100); // a client whose every endpoint failed waits a little before the next request
                }
            }
        }

        private void pause(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.set(false);
            }
        }

        private String endpoint() {
            List<String> current = endpoints;
            return current.get(Math.floorMod(next.getAndIncrement(), current.size()));
        }

        /** The endpoint after {@code tried} in the list: a retry never goes back to the node that just failed. */
        private String anotherThan(String tried) {
            List<String> current = endpoints;
            return current.get((current.indexOf(tried) + 1) % current.size());
        }

        private boolean recognise(String url) {
            try {
                Http.Reply reply = api(url).send("POST", "/api/v1/recognitions", "image/jpeg", photo);
                if (reply.status() != 200) {
                    failedAttempt(url, "recognise " + cause(reply));
                }
                return reply.status() == 200;
            } catch (RuntimeException connectionLost) {
                failedAttempt(url, "recognise " + connectionLost.getClass().getSimpleName());
                return false;
            }
        }

        private final AtomicInteger writes = new AtomicInteger();
        private volatile String pending; // the externalId of a write not yet acknowledged

        /** Records a write made outside the loop (the drills' own) for the read-back; returns its id. */
        String acknowledge(Http.Reply created) {
            String id = created.object().getString("id");
            acknowledged.put(created.object().getString("externalId"), id);
            recordAcknowledged(created.object().getString("externalId"), "201 to a drill's own write");
            return id;
        }

        private boolean write(String url) {
            String externalId = pending != null ? pending : "drill-" + writes.incrementAndGet();
            pending = externalId;
            try {
                Http.Reply reply = api(url).post("/api/v1/persons",
                        "{\"name\":\"Drill " + externalId + "\",\"externalId\":\"" + externalId + "\"}");
                String id = switch (reply.status()) {
                    case 201 -> reply.object().getString("id");
                    // the earlier try was stored and its answer lost: the person is there
                    case 409 -> reply.object().getJsonArray("details").getJsonObject(0).getString("personId");
                    default -> null;
                };
                if (id == null) {
                    failedAttempt(url, "write " + cause(reply));
                    return false;
                }
                acknowledged.put(externalId, id);
                recordAcknowledged(externalId, reply.status() + " from " + url);
                pending = null;
                return true;
            } catch (RuntimeException connectionLost) {
                failedAttempt(url, "write " + connectionLost.getClass().getSimpleName());
                return false;
            }
        }

        /**
         * Follows the cluster's endpoint list: the longest any node gives, so a restarted node that is still alone
         * in a cluster of its own (until the merge) does not draw every request to itself.
         */
        private void refreshEndpoints() {
            while (running.get()) {
                List<String> longest = List.of();
                for (String url : urls) {
                    try {
                        Http.Reply reply = api(url).get("/api/v1/cluster/endpoints");
                        if (reply.status() != 200) {
                            continue; // e.g. a restarting node whose web server answers before the application
                        }
                        List<String> list = reply.object().getJsonArray("items")
                                .getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
                        if (list.size() > longest.size()) {
                            longest = list;
                        }
                    } catch (RuntimeException | AssertionError unreachable) {
                        // try the next node: this thread must outlive any one node's odd answer
                    }
                }
                if (!longest.isEmpty()) {
                    endpoints = longest;
                }
                pause(1_000);
            }
        }
    }
}
