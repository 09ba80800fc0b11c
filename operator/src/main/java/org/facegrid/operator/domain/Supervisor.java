package org.facegrid.operator.domain;

import org.facegrid.operator.CommandFailure;
import org.facegrid.operator.Wait;
import org.facegrid.operator.install.Installation;
import org.facegrid.operator.management.DomainController;
import org.facegrid.operator.management.ManagementException;
import org.facegrid.operator.process.CommandLines;
import org.facegrid.operator.process.HostProcesses;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Restarts servers whose process died: the host controller does not (WildFly leaves a killed server down).
 * Runs beside the domain as {@code facegrid supervise}, a process of its own started by start and cluster-demo
 * and stopped by stop. Every 5 s it reads each host's server status from the domain controller; a server it has
 * seen STARTED that is DISABLED, STOPPED or FAILED in two rounds in a row is started again, and the restart logged
 * to {@code supervisor.log}. (Started in the very round its death shows, the start can reach the host controller
 * before the process controller's own notice of the death, which then drops the new server: it stays down.) Every host in the domain is watched, joined ones included. A server never seen started
 * is left alone (a joining host's server is configured before its first start, and starting it in the middle of
 * that makes the configuration fail), and so is one that rolling-restart {@link #hold holds} on purpose.
 */
public final class Supervisor {
    static final Duration ROUND = Duration.ofSeconds(5);
    /** A hold older than this is ignored, so a rolling restart that died cannot keep a server down for good. */
    static final Duration HOLD_LIMIT = Duration.ofMinutes(10);
    private final Installation installation;
    private final Supplier<DomainController> connect;
    private final Set<String> seenStarted = new HashSet<>();
    /** Hosts whose server was down in the last round. */
    private final Set<String> seenDown = new HashSet<>();

    public Supervisor(Installation installation, Supplier<DomainController> connect) {
        this.installation = installation;
        this.connect = connect;
    }

    /** Runs until the process is stopped. */
    public void run() {
        DomainController domain = null;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                if (domain == null) {
                    domain = connect.get();
                }
                round(domain);
            } catch (ManagementException | CommandFailure controllerAway) {
                // the controller restarts or is busy: nothing is forgotten, the next round connects again
                if (domain != null) {
                    domain.close();
                    domain = null;
                }
            }
            Wait.sleep(ROUND);
        }
    }

    /** One look at every host; returns the hosts whose server it started again. */
    List<String> round(DomainController domain) {
        List<String> hosts = domain.hostNames();
        List<String> restarted = new java.util.ArrayList<>();
        for (String host : hosts) {
            Optional<String> status = domain.serverStatus(host);
            if (status.isEmpty()) {
                continue;
            }
            boolean down = List.of("FAILED", "STOPPED", "DISABLED").contains(status.get());
            boolean downBefore = down ? !seenDown.add(host) : seenDown.remove(host);
            switch (status.get()) {
                case "STARTED" -> seenStarted.add(host);
                case "FAILED", "STOPPED", "DISABLED" -> {
                    if (seenStarted.contains(host) && !held(host) && downBefore) {
                        seenDown.remove(host);
                        log(host + " server " + status.get() + "; starting it again");
                        try {
                            domain.startServer(host);
                            restarted.add(host);
                        } catch (ManagementException e) {
                            log(host + " could not be started: " + e.getMessage());
                        }
                    }
                }
                default -> {
                    // STARTING, STOPPING, ...: a transition under way
                }
            }
        }
        // a host that left the domain (or whose join was undone) is new again when it comes back
        seenStarted.retainAll(hosts);
        seenDown.retainAll(hosts);
        return restarted;
    }

    private void log(String line) {
        try {
            Files.writeString(installation.supervisorLog(), Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + line + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // the log is for the operator; supervision goes on without it
        }
    }

    /** Marks a server as stopped on purpose (rolling-restart); {@link #release} ends it. */
    public static void hold(Installation installation, String host) {
        try {
            Path file = holdFile(installation, host);
            Files.writeString(file, "");
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        } catch (IOException e) {
            throw CommandFailure.failed("cannot write " + holdFile(installation, host) + ": " + e.getMessage());
        }
    }

    public static void release(Installation installation, String host) {
        try {
            Files.deleteIfExists(holdFile(installation, host));
        } catch (IOException ignored) {
            // an old hold expires by itself
        }
    }

    boolean held(String host) {
        try {
            Path file = holdFile(installation, host);
            return Files.exists(file) && Files.getLastModifiedTime(file).toInstant().isAfter(Instant.now().minus(HOLD_LIMIT));
        } catch (IOException e) {
            return false;
        }
    }

    private static Path holdFile(Installation installation, String host) {
        return installation.var().resolve("held-" + host);
    }

    /** Starts {@code facegrid supervise} in the background, on the JVM and class path of this command. */
    static void launch(Installation installation) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder("setsid", java, "-Xmx48m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dfacegrid.repo=" + installation.repo(), "-cp", System.getProperty("java.class.path"),
                "org.facegrid.operator.Facegrid", "supervise");
        builder.environment().put("FACEGRID_VAR", installation.var().toString());
        HostProcesses.startDetached(builder, installation.var().resolve("supervisor.out"),
                installation.supervisorPid());
    }

    public static boolean running(Installation installation) {
        return process(installation).isPresent();
    }

    static void stop(Installation installation) {
        process(installation).ifPresent(supervisor -> {
            supervisor.destroy();
            supervisor.onExit().orTimeout(15, java.util.concurrent.TimeUnit.SECONDS).exceptionally(t -> null).join();
        });
        Domain.delete(installation.supervisorPid());
    }

    /** The live supervisor of this base dir (a pid reused by another process does not count). */
    private static Optional<ProcessHandle> process(Installation installation) {
        try {
            if (!Files.isRegularFile(installation.supervisorPid())) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(installation.supervisorPid()).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> CommandLines.of(p).contains("supervise"));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
