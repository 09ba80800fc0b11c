package org.facegrid.it.domain;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.facegrid.it.Http;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A running domain started by the operator command, as the tests of a {@link UsesCluster} class see it: its
 * nodes' APIs (as the admin 'facegrid credentials' names), the operator command, and what tests do to a cluster
 * (kill a server, restart it, wait for it), each waiting through Awaitility rather than sleeping.
 */
final class Cluster implements ExtensionContext.Store.CloseableResource {
    private static final AtomicLong UNIQUE = new AtomicLong();

    private final ClusterSpec spec;
    /** The spec it was started as (its base dir, ports and start command). */
    private final ClusterSpec startedAs;
    private final FacegridCommand facegrid;
    private final Map<Integer, Http> nodes;

    private Cluster(ClusterSpec spec, ClusterSpec startedAs, FacegridCommand facegrid, Map<Integer, Http> nodes) {
        this.spec = spec;
        this.startedAs = startedAs;
        this.facegrid = facegrid;
        this.nodes = nodes;
    }

    /** A fresh cluster: whatever an earlier run left in its base dir stopped and deleted first. */
    static Cluster start(ClusterSpec spec) {
        Cluster cluster = new Cluster(spec, spec, new FacegridCommand(spec.dirName, spec.portOffset),
                new ConcurrentHashMap<>());
        cluster.facegrid.run(180, "stop");
        try {
            FacegridCommand.deleteTree(cluster.facegrid.var());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cluster.startAgain();
        return cluster;
    }

    /** The same running cluster, from now on the cluster of {@code next} ({@link ClusterSpec#takesOver}). */
    Cluster takenOverAs(ClusterSpec next) {
        return new Cluster(next, startedAs, facegrid, nodes);
    }

    /** Runs the spec's start command again (after a stop, or over a running cluster: it starts what is down). */
    private volatile boolean stopped;

    void startAgain() {
        facegrid.run(600, startedAs.startCommand.toArray(String[]::new))
                .expectSuccess("facegrid " + String.join(" ", startedAs.startCommand));
        stopped = false;
        awaitAllReady(Duration.ofMinutes(5));
    }

    /** {@code facegrid stop}, as an operator stops the cluster; a class after this one finds it started again. */
    FacegridCommand.Result stop() {
        FacegridCommand.Result result = facegrid.run(300, "stop");
        stopped = true;
        return result;
    }

    /** Before a class: started again if a class before stopped it, every node ready. */
    void ensureRunning() {
        if (stopped) {
            startAgain();
        }
        awaitAllReady(Duration.ofMinutes(5));
    }

    @Override
    public void close() {
        facegrid.run(180, "stop");
    }

    ClusterSpec spec() {
        return spec;
    }

    /** Host i's API (1-based), as the admin. */
    Http node(int host) {
        return nodes.computeIfAbsent(host, facegrid::api);
    }

    /** The operator command, on this cluster's base dir and ports. */
    FacegridCommand command() {
        return facegrid;
    }

    Path var() {
        return facegrid.var();
    }

    /** Host i's server directory (its data dir, log dir). */
    Path serverDir(int host) {
        return var().resolve("hosts/node" + host + "/servers/node" + host);
    }

    /** A name no other test of this run uses: tests share the cluster's data, so each writes its own. */
    static String unique(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + UNIQUE.incrementAndGet();
    }

    /** Kills host i's server with SIGKILL, as a crash would, and waits until it answers not ready. */
    void kill(int host) {
        facegrid.killServer(host);
        await().atMost(Duration.ofSeconds(30)).until(() -> !isReady(host));
    }

    /** Restarts host i's server through the operator command and waits until it is ready. */
    void restart(int host) {
        facegrid.run(400, "restart", "node" + host).expectSuccess("facegrid restart node" + host);
        awaitReady(host, Duration.ofMinutes(4));
    }

    boolean isReady(int host) {
        return ClusterCalls.isReady(node(host));
    }

    void awaitReady(int host, Duration timeout) {
        ClusterCalls.awaitReady(node(host), timeout);
    }

    void awaitAllReady(Duration timeout) {
        for (int host = 1; host <= startedAs.hosts; host++) {
            awaitReady(host, timeout);
        }
    }

    /** Awaitility as the cluster tests poll: every 250 ms, a node that answers with an error counts as "not yet". */
    static ConditionFactory await() {
        return Awaitility.await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions().atMost(Duration.ofSeconds(30));
    }

    /** Copies every host's server and host-controller logs under {@code to}; answers where. */
    Path collectLogs(Path to) {
        try {
            Files.createDirectories(to);
            for (int host = 1; host <= startedAs.hosts; host++) {
                Path hostDir = var().resolve("hosts/node" + host);
                for (Path log : List.of(serverDir(host).resolve("log/server.log"), hostDir.resolve("log/host-controller.log"))) {
                    if (Files.isRegularFile(log)) {
                        Files.copy(log, to.resolve("node" + host + "-" + log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            Path supervisor = var().resolve("supervisor.log");
            if (Files.isRegularFile(supervisor)) {
                Files.copy(supervisor, to.resolve("supervisor.log"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            System.out.println("could not copy the cluster logs: " + e);
        }
        return to.toAbsolutePath();
    }
}
