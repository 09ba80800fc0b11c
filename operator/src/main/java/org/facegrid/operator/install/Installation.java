package org.facegrid.operator.install;

import org.facegrid.operator.CommandFailure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * Where this installation keeps things and which ports its hosts use. Host i (1-based) of a base dir lives in
 * {@code var/hosts/nodeI} and adds (i-1)*100 to every port, on top of FACEGRID_PORT_OFFSET.
 */
public record Installation(Path repo, Path var, int portOffset, String bindAddress, Duration readyTimeout) {

    /** The settings the command takes from its environment (README, Configuration). */
    public static Installation fromEnvironment(Path repo, Map<String, String> environment) {
        Path var = Path.of(environment.getOrDefault("FACEGRID_VAR", repo.resolve("var").toString())).toAbsolutePath();
        return new Installation(repo, var, number(environment, "FACEGRID_PORT_OFFSET", 0),
                environment.getOrDefault("FACEGRID_BIND_ADDRESS", "127.0.0.1"),
                Duration.ofSeconds(number(environment, "FACEGRID_READY_TIMEOUT", 300)));
    }

    private static int number(Map<String, String> environment, String name, int fallback) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw CommandFailure.usage(name + " must be a whole number, not '" + value + "'");
        }
    }

    /** The same installation with the ports and address a state file recorded (the ones its hosts run with). */
    public Installation as(DomainState state) {
        return new Installation(repo, var, state.portOffset(), state.bindAddress(), readyTimeout);
    }

    public static String wildflyVersion() {
        Properties build = new Properties();
        try (InputStream in = Installation.class.getResourceAsStream("/org/facegrid/operator/build.properties")) {
            build.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the operator jar lacks its build.properties", e);
        }
        return build.getProperty("wildfly.version");
    }

    public Path wildflyHome() {
        return repo.resolve("wildfly-config/target/wildfly-" + wildflyVersion());
    }

    public Path ear() {
        return repo.resolve("ear/target/facegrid.ear");
    }

    public Path cliDir() {
        return repo.resolve("wildfly-config/cli");
    }

    public boolean built() {
        return ear().toFile().isFile() && wildflyHome().resolve(".facegrid-provisioned").toFile().isFile();
    }

    public Path stateFile() {
        return var.resolve("domain.state");
    }

    public Path credentialsFile() {
        return var.resolve("credentials");
    }

    /** On a joined host: whose domain it joined (kept across stops, removed by leave). */
    public Path joinFile() {
        return var.resolve("joined");
    }

    public Path supervisorLog() {
        return var.resolve("supervisor.log");
    }

    public Path supervisorPid() {
        return var.resolve("supervisor.pid");
    }

    public Path hostsDir() {
        return var.resolve("hosts");
    }

    public Path hostDir(int host) {
        return hostsDir().resolve("node" + host);
    }

    public Path serverLog(int host) {
        return hostDir(host).resolve("servers/node" + host + "/log/server.log");
    }

    public int hostOffset(int host) {
        return portOffset + (host - 1) * 100;
    }

    public int httpPort(int host) {
        return 8080 + hostOffset(host);
    }

    public int managementPort(int host) {
        return 9990 + hostOffset(host);
    }

    public int jgroupsPort(int host) {
        return 7600 + hostOffset(host);
    }

    public String nodeUrl(int host) {
        return "http://" + bindAddress + ":" + httpPort(host);
    }

    /** TCPPING's initial hosts for hosts 1..n of this machine. */
    public String clusterHosts(int hosts) {
        StringBuilder list = new StringBuilder();
        for (int i = 1; i <= hosts; i++) {
            list.append(list.isEmpty() ? "" : ",").append(bindAddress).append('[').append(jgroupsPort(i)).append(']');
        }
        return list.toString();
    }

    /** The number of host nodeN, or a usage failure for a name that is not one. */
    public static int hostNumber(String nodeName) {
        if (nodeName != null && nodeName.matches("node([1-9]|[1-9][0-9])")) {
            return Integer.parseInt(nodeName.substring(4));
        }
        throw CommandFailure.usage("'" + nodeName + "' is no node name (node1 .. node99)");
    }

    static UncheckedIOException unchecked(String what, IOException e) {
        return new UncheckedIOException(what + ": " + e.getMessage(), e);
    }
}
