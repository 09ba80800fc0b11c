package org.facegrid.it.domain;

import org.facegrid.it.Http;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the operator command, bin/facegrid, as an operator would, with its own data dir and ports so it never
 * touches a FaceGrid started by hand. Each run's output is kept in the data dir for diagnosis.
 */
final class FacegridCommand {
    private final Path var;
    private final int portOffset;
    private final String bindAddress;
    private final Map<String, String> environment;

    FacegridCommand(String name, int portOffset) {
        this(Path.of(System.getProperty("facegrid.test.var", "target/cluster-it")).resolve(name), portOffset,
                "127.0.0.1", Map.of());
    }

    private FacegridCommand(Path var, int portOffset, String bindAddress, Map<String, String> environment) {
        this.var = var;
        this.portOffset = portOffset;
        this.bindAddress = bindAddress;
        this.environment = environment;
    }

    /**
     * Another machine's base dir, as 'facegrid join' on it would use: its own data dir and address, the same
     * port layout (host i adds (i-1)*100).
     */
    FacegridCommand otherMachine(String name, String address) {
        return new FacegridCommand(var.resolveSibling(var.getFileName() + "-" + name), portOffset, address,
                Map.of("FACEGRID_BIND_ADDRESS", address));
    }

    /** The same base dir, with one more environment variable for its runs. */
    FacegridCommand withEnvironment(String name, String value) {
        Map<String, String> more = new HashMap<>(environment);
        more.put(name, value);
        return new FacegridCommand(var, portOffset, bindAddress, more);
    }

    /** Base URL of host i (1-based), as bin/facegrid lays the ports out. */
    String url(int host) {
        return "http://" + bindAddress + ":" + (8080 + portOffset + (host - 1) * 100);
    }

    /** The management port of host i (the domain controller's, for host 1). */
    int managementPort(int host) {
        return 9990 + portOffset + (host - 1) * 100;
    }

    /** The JGroups port of host i. */
    int clusterPort(int host) {
        return 7600 + portOffset + (host - 1) * 100;
    }

    Path var() {
        return var;
    }

    /** Host i's API, as the admin that 'facegrid credentials' names. */
    Http api(int host) {
        return new Http(url(host)).as(run(30, "credentials").expectSuccess("facegrid credentials").output().strip());
    }

    Result run(long timeoutSeconds, String... args) {
        return runWithInput(timeoutSeconds, "", args);
    }

    /** A run whose standard input is {@code input} (a password, a token): what an operator would type or pipe. */
    Result runWithInput(long timeoutSeconds, String input, String... args) {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("facegrid.command", "bin/facegrid"));
        command.addAll(List.of(args));
        try {
            Files.createDirectories(var);
            Path log = var.resolve("command-" + String.join("-", args).replaceAll("[^A-Za-z0-9-]", "") + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("FACEGRID_VAR", var.toAbsolutePath().toString());
            builder.environment().put("FACEGRID_PORT_OFFSET", String.valueOf(portOffset));
            builder.environment().putAll(environment);
            Process process = builder.start();
            try (var stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("facegrid " + String.join(" ", args) + " did not finish in "
                        + timeoutSeconds + "s; output:\n" + Files.readString(log));
            }
            return new Result(process.exitValue(), Files.readString(log));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * One operation (JSON) on the domain controller's management API, as the admin the credentials file names,
     * with curl as bin/facegrid does (the API wants HTTP digest); fails unless its outcome is success.
     */
    String management(String operation) {
        java.util.Properties credentials = new java.util.Properties();
        try (var in = Files.newBufferedReader(var.resolve("credentials"))) {
            credentials.load(in);
            Process curl = new ProcessBuilder("curl", "-s", "--max-time", "60", "--digest", "-K", "-",
                    "-H", "Content-Type: application/json", "-d", operation,
                    "http://" + bindAddress + ":" + managementPort(1) + "/management").redirectErrorStream(true).start();
            try (var config = curl.getOutputStream()) {
                config.write(("user = \"" + credentials.getProperty("ADMIN_USER") + ":"
                        + credentials.getProperty("ADMIN_PASSWORD") + "\"\n").getBytes(StandardCharsets.UTF_8));
            }
            String reply = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            curl.waitFor();
            if (!reply.replace(" ", "").contains("\"outcome\":\"success\"")) {
                throw new AssertionError("management operation " + operation + " failed: " + reply);
            }
            return reply;
        } catch (IOException e) {
            throw new AssertionError("cannot reach the management API", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The processes whose command line names this base dir's host i (process and host controllers, server). */
    long processesOf(int host) {
        String marker = "-Djboss.domain.base.dir=" + var.toAbsolutePath() + "/hosts/node" + host;
        try (var all = ProcessHandle.allProcesses()) {
            return all.filter(p -> {
                try {
                    return List.of(Files.readString(Path.of("/proc", String.valueOf(p.pid()), "cmdline")).split("\0")).contains(marker);
                } catch (IOException gone) {
                    return false;
                }
            }).count();
        }
    }

    /** Whether the supervisor that start ran beside the domain is alive (by the pid it wrote). */
    boolean supervisorAlive() {
        try {
            long pid = Long.parseLong(Files.readString(var.resolve("supervisor.pid")).strip());
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException none) {
            return false;
        }
    }

    /** Kills the JVM of one host's server with SIGKILL, as a crash would. */
    void killServer(int host) {
        String pattern = "\\[Server:node" + host + "\\].*-Djboss.domain.base.dir=" + var.toAbsolutePath() + "/hosts/node" + host + " ";
        try {
            Process pkill = new ProcessBuilder("pkill", "-KILL", "-f", pattern).inheritIO().start();
            if (pkill.waitFor() != 0) {
                throw new AssertionError("no server process of node" + host + " to kill (pattern " + pattern + ")");
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    record Result(int exitCode, String output) {
        Result expectSuccess(String what) {
            if (exitCode != 0) {
                throw new AssertionError(what + " failed with exit code " + exitCode + ":\n" + output);
            }
            return this;
        }
    }

    static void deleteTree(Path path) throws IOException {
        if (Files.exists(path)) {
            try (var walk = Files.walk(path)) {
                walk.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}
