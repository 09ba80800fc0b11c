package org.facegrid.operator.join;

import org.facegrid.operator.CommandFailure;
import org.facegrid.operator.Operator;
import org.facegrid.operator.Say;
import org.facegrid.operator.Wait;
import org.facegrid.operator.api.Readiness;
import org.facegrid.operator.domain.HostLayout;
import org.facegrid.operator.install.Credentials;
import org.facegrid.operator.install.DomainState;
import org.facegrid.operator.install.Installation;
import org.facegrid.operator.install.JoinRecord;
import org.facegrid.operator.install.JoinToken;
import org.facegrid.operator.management.DomainController;
import org.facegrid.operator.management.ManagementAddress;
import org.facegrid.operator.management.ManagementException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * 'facegrid join': this base dir becomes a host of another machine's domain and a node of its cluster. Each
 * failure has its own exit code and message, and a join that fails leaves nothing configured here, so running
 * it again once the cause is fixed starts from nothing.
 */
public final class Join {
    public static final String USAGE =
            "usage: facegrid join --primary HOST[:PORT] --as redundant|simple|data-only [--name nodeN] [--token-file FILE]";
    static final Duration REGISTRATION = Duration.ofSeconds(120);
    static final Duration IN_VIEW = Duration.ofSeconds(60);

    private final Operator operator;
    private final Installation installation;
    private final HostLayout layout;
    private final Reachability reachability;
    private final Function<String, Optional<Readiness>> readiness;
    private final Duration registration;
    private final Duration inView;

    public Join(Operator operator, HostLayout layout, Reachability reachability,
                Function<String, Optional<Readiness>> readiness) {
        this(operator, layout, reachability, readiness, REGISTRATION, IN_VIEW);
    }

    Join(Operator operator, HostLayout layout, Reachability reachability, Function<String, Optional<Readiness>> readiness,
         Duration registration, Duration inView) {
        this.operator = operator;
        this.installation = operator.installation();
        this.layout = layout;
        this.reachability = reachability;
        this.readiness = readiness;
        this.registration = registration;
        this.inView = inView;
    }

    public void join(ManagementAddress primary, String role, String requestedName, String tokenText) {
        if (!List.of("redundant", "simple", "data-only").contains(role)) {
            throw CommandFailure.usage(USAGE);
        }
        if (requestedName != null && !requestedName.matches("node([2-9]|[1-9][0-9])")) {
            throw CommandFailure.usage("--name must be node2 .. node99");
        }
        operator.state().ifPresent(state -> {
            throw CommandFailure.failed("this base dir (" + installation.var() + ") already runs "
                    + (state.isJoined() ? state.joined() : "a domain") + "; use another FACEGRID_VAR, or 'facegrid leave' first");
        });
        if (Files.exists(installation.joinFile())) {
            throw CommandFailure.failed("this base dir (" + installation.var()
                    + ") already joined a domain: 'facegrid start' brings its host back");
        }
        JoinToken token = JoinToken.parse(tokenText).orElseThrow(() -> new CommandFailure(CommandFailure.USAGE,
                "the join token is missing or damaged: copy it again from 'facegrid join-token' on the primary"));

        // 1. Is the primary there, and can we talk to it?
        switch (reachability.probe(primary)) {
            case TLS_PROBLEM -> throw new CommandFailure(CommandFailure.TLS_PROBLEM, "TLS/certificate problem talking to the"
                    + " primary at " + primary + ": install a certificate this host trusts on the primary, or use http://"
                    + " on a trusted network");
            case UNREACHABLE -> throw new CommandFailure(CommandFailure.PRIMARY_UNREACHABLE, "the primary is unreachable:"
                    + " nothing answers at " + primary + " (is it running, and is its management port open to this host?)");
            case ANSWERS -> {
            }
        }
        try (DomainController domain = new DomainController(operator.connector().connect(primary, token.joinUser(),
                token.joinPassword()))) {
            // 2. Does it take our credentials?
            List<String> existing = hostNames(domain, primary);
            // 3. Our name and ports, and the cluster's discovery list with us in it.
            String name = requestedName != null ? requestedName : firstFreeName(existing);
            if (existing.contains(name)) {
                throw CommandFailure.failed("a host named " + name + " is already in the domain; pick another with --name");
            }
            int host = Installation.hostNumber(name);
            String clusterHosts = domain.clusterHosts().map(list -> list + ",").orElse("")
                    + installation.bindAddress() + "[" + installation.jgroupsPort(host) + "]";
            joinAs(domain, primary, token, name, host, role, clusterHosts);
        } catch (ManagementException e) {
            throw CommandFailure.failed("the primary at " + primary + " failed: " + e.getMessage());
        }
    }

    private List<String> hostNames(DomainController domain, ManagementAddress primary) {
        try {
            return domain.hostNames();
        } catch (ManagementException e) {
            switch (e.kind()) {
                case CREDENTIALS_REJECTED -> throw new CommandFailure(CommandFailure.CREDENTIALS_REJECTED, "the primary at "
                        + primary + " rejected the join credentials: the token is from another installation or out of"
                        + " date; run 'facegrid join-token' on the primary again");
                case TLS -> throw new CommandFailure(CommandFailure.TLS_PROBLEM, "TLS/certificate problem talking to the"
                        + " primary at " + primary + ": " + e.getMessage());
                case UNREACHABLE, TIMED_OUT -> throw new CommandFailure(CommandFailure.PRIMARY_UNREACHABLE,
                        "the primary is unreachable: " + e.getMessage());
                default -> throw CommandFailure.failed("the primary at " + primary + " refused: " + e.getMessage());
            }
        }
    }

    static String firstFreeName(List<String> existing) {
        for (int i = 2; i <= 99; i++) {
            if (!existing.contains("node" + i)) {
                return "node" + i;
            }
        }
        throw CommandFailure.failed("the domain has no free host name left (node2 .. node99 are taken)");
    }

    // 4. to 6.: from here on, a failure undoes what was done
    private void joinAs(DomainController domain, ManagementAddress primary, JoinToken token, String name, int host,
                        String role, String clusterHosts) {
        Say.line("joining the domain at " + primary + " as " + name + " (" + role + ")");
        Credentials credentials = token.credentials();
        try {
            credentials.write(installation.credentialsFile());
            layout.layOut(host, primary, credentials);
            layout.addApiAdmin(host, credentials);
            DomainState.ofJoined(name, primary.url(), installation).write(installation.stateFile());
            operator.processes().launch(host);
        } catch (RuntimeException e) {
            undo(host);
            throw e instanceof CommandFailure failure ? failure : CommandFailure.failed("could not lay out " + name + ": " + e.getMessage());
        }
        if (!Wait.until(registration, () -> domain.hostRunning(name))) {
            undo(host);
            throw new CommandFailure(CommandFailure.INCOMPLETE_JOIN, "incomplete join: " + name + "'s host controller did"
                    + " not register with the primary at " + primary + " in " + registration.toSeconds() + " s (its log was "
                    + installation.hostDir(host).resolve("log/host-controller.log") + "); nothing is left configured here:"
                    + " fix it and run 'facegrid join' again");
        }
        // its server's settings, through the domain controller (a secondary cannot be edited offline)
        try {
            domain.configure(layout.settings(host, role, clusterHosts));
        } catch (ManagementException e) {
            undo(host);
            throw new CommandFailure(CommandFailure.INCOMPLETE_JOIN, "incomplete join: configuring " + name
                    + " through the primary failed (" + e.getMessage() + "); nothing is left configured here: run"
                    + " 'facegrid join' again");
        }
        Say.line("starting " + name + "'s server and waiting for it to join the cluster (up to "
                + installation.readyTimeout().toSeconds() + "s)...");
        try {
            domain.startServer(name);
        } catch (ManagementException e) {
            undo(host);
            throw new CommandFailure(CommandFailure.INCOMPLETE_JOIN, "incomplete join: the primary could not start "
                    + name + "'s server (" + e.getMessage() + "); nothing is left configured here: run 'facegrid join' again");
        }
        String url = installation.nodeUrl(host);
        boolean member = Wait.until(installation.readyTimeout(), () -> readiness.apply(url).map(Readiness::member).orElse(false))
                && Wait.until(inView, () -> readiness.apply(url).map(r -> r.viewSize() > 1).orElse(false));
        if (!member) {
            undo(host);
            throw new CommandFailure(CommandFailure.INCOMPLETE_JOIN, "incomplete join: " + name + " joined the domain but"
                    + " its server did not join the cluster (it saw only itself): the cluster ports ("
                    + installation.bindAddress() + ":" + installation.jgroupsPort(host) + " here, and the other nodes' in"
                    + " facegrid.cluster.hosts) must reach each other; fix the network and run 'facegrid join' again"
                    + " (nothing is left configured here)");
        }
        new JoinRecord(name, role, primary.url()).write(installation.joinFile());
        Say.line(name + " joined the cluster as " + role + ": " + url + "/api/v1 ('facegrid status' on any host shows it)");
    }

    /** Undoes a join that did not complete: its processes stopped, its files removed. */
    void undo(int host) {
        operator.processes().stop(List.of(host));
        removeHost(installation, host);
    }

    /** Removes what a joined host keeps here (leave does it too). */
    public static void removeHost(Installation installation, int host) {
        try {
            deleteTree(installation.hostDir(host));
            for (Path file : List.of(installation.joinFile(), installation.stateFile(), installation.credentialsFile())) {
                Files.deleteIfExists(file);
            }
            try (Stream<Path> left = Files.exists(installation.hostsDir()) ? Files.list(installation.hostsDir()) : Stream.empty()) {
                if (left.findAny().isEmpty()) {
                    Files.deleteIfExists(installation.hostsDir());
                }
            }
        } catch (IOException e) {
            throw CommandFailure.failed("cannot remove what the join left in " + installation.var() + ": " + e.getMessage());
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
