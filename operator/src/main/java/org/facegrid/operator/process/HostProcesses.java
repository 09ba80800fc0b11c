package org.facegrid.operator.process;

import org.facegrid.operator.CommandFailure;
import org.facegrid.operator.Say;
import org.facegrid.operator.install.Installation;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The processes of this machine's hosts: each host is a domain.sh session of its own (process controller, host
 * controller, and the server they start), found by its pid file and by the base dir on its command lines.
 */
public class HostProcesses {
    /** How long a graceful stop may take before the processes are killed: a server drains and leaves the cluster. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(90);
    private final Installation installation;

    public HostProcesses(Installation installation) {
        this.installation = installation;
    }

    /** Starts host i's process and host controllers; the host controller starts no server by itself. */
    public void launch(int host) {
        Path dir = installation.hostDir(host);
        // The process and host controllers only manage: a serial collector and the C1 compiler keep them small.
        String lean = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:MaxMetaspaceSize=160m -Djava.net.preferIPv4Stack=true"
                + " -Djava.awt.headless=true -Djboss.modules.system.pkgs=org.jboss.byteman";
        String hostControllerHeap = host == 1 ? "-Xms128m -Xmx256m" : "-Xms64m -Xmx128m";
        ProcessBuilder builder = new ProcessBuilder("setsid", installation.wildflyHome().resolve("bin/domain.sh").toString(),
                "-Djboss.domain.base.dir=" + dir, "--host-config=host-facegrid.xml", "-Djboss.host.name=node" + host,
                "-Djboss.management.http.port=" + installation.managementPort(host),
                "-Djboss.bind.address=" + installation.bindAddress(),
                "-Djboss.bind.address.management=" + installation.bindAddress());
        builder.environment().put("PROCESS_CONTROLLER_JAVA_OPTS", "-Xms32m -Xmx32m " + lean);
        builder.environment().put("HOST_CONTROLLER_JAVA_OPTS", hostControllerHeap + " " + lean);
        startDetached(builder, dir.resolve("log/console.log"), dir.resolve("domain.pid"));
    }

    /** Starts a detached process (a session of its own, so the operator's terminal closing does not end it). */
    public static long startDetached(ProcessBuilder builder, Path output, Path pidFile) {
        try {
            Files.createDirectories(output.getParent());
            Process process = builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            Files.writeString(pidFile, process.pid() + "\n");
            return process.pid();
        } catch (IOException e) {
            throw CommandFailure.failed("cannot start " + builder.command().get(1) + ": " + e.getMessage());
        }
    }

    public boolean running(int host) {
        return pidOf(installation.hostDir(host).resolve("domain.pid")).flatMap(ProcessHandle::of)
                .map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Stops the hosts gracefully (SIGTERM to every process of each, as a process group would get it) and returns
     * once every one of their processes is gone; what has not ended after the grace time is killed.
     */
    public void stop(List<Integer> hosts) {
        List<ProcessHandle> processes = new ArrayList<>();
        for (int host : hosts) {
            processes.addAll(processesOf(host));
        }
        processes.forEach(ProcessHandle::destroy);
        if (!awaitGone(processes, STOP_GRACE)) {
            Say.line("processes of " + hosts.stream().map(h -> "node" + h).toList() + " did not stop in "
                    + STOP_GRACE.toSeconds() + " s; killing them");
            processes.forEach(ProcessHandle::destroyForcibly);
            awaitGone(processes, Duration.ofSeconds(15));
        }
        for (int host : hosts) {
            try {
                Files.deleteIfExists(installation.hostDir(host).resolve("domain.pid"));
            } catch (IOException ignored) {
                // the next start rewrites it
            }
        }
    }

    /** Every live process of host i: the pid file's process tree, and whatever names the host's base dir. */
    public List<ProcessHandle> processesOf(int host) {
        Set<ProcessHandle> found = new LinkedHashSet<>();
        pidOf(installation.hostDir(host).resolve("domain.pid")).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                .ifPresent(leader -> {
                    found.add(leader);
                    leader.descendants().forEach(found::add);
                });
        String marker = "-Djboss.domain.base.dir=" + installation.hostDir(host);
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            all.filter(p -> CommandLines.of(p).contains(marker))
                    .forEach(found::add);
        }
        return List.copyOf(found);
    }

    static boolean awaitGone(List<ProcessHandle> processes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle process : processes) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                process.onExit().get(left, java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                return false;
            } catch (java.util.concurrent.ExecutionException e) {
                // onExit never fails; nothing to wait for
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CommandFailure(130, "interrupted");
            }
        }
        return true;
    }

    static Optional<Long> pidOf(Path pidFile) {
        try {
            return Files.isRegularFile(pidFile) ? Optional.of(Long.parseLong(Files.readString(pidFile).strip())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
