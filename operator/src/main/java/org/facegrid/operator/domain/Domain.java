package org.facegrid.operator.domain;

import org.facegrid.operator.CommandFailure;
import org.facegrid.operator.Operator;
import org.facegrid.operator.Say;
import org.facegrid.operator.Wait;
import org.facegrid.operator.api.Api;
import org.facegrid.operator.api.Readiness;
import org.facegrid.operator.install.Credentials;
import org.facegrid.operator.install.DomainState;
import org.facegrid.operator.install.Installation;
import org.facegrid.operator.install.JoinRecord;
import org.facegrid.operator.management.DomainController;
import org.facegrid.operator.management.ManagementAddress;
import org.facegrid.operator.management.ManagementException;
import org.facegrid.operator.process.HostProcesses;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** Starts and stops what runs from this base dir: hosts 1..N of one domain, or a host that joined another's. */
public final class Domain {
    /** A host controller registers with the domain controller (or boots, for host 1). */
    static final Duration HOST_REGISTRATION = Duration.ofSeconds(180);
    private static final int STOP_SETTLE_SECONDS = 60;
    private final Operator operator;
    private final Installation installation;

    public Domain(Operator operator) {
        this.operator = operator;
        this.installation = operator.installation();
    }

    /** start (one host) and cluster-demo (N hosts): domain controller on host 1, the others joining it. */
    public void start(int hosts, Set<Integer> simple, Set<Integer> dataOnly) {
        operator.state().ifPresent(state -> {
            if (!state.isJoined() && operator.processes().running(1)) {
                throw CommandFailure.failed("FaceGrid is already running here (" + state.hosts()
                        + " host(s)); 'facegrid stop' first, or 'facegrid status'");
            }
        });
        Build.ensure(installation);
        long started = System.nanoTime();
        Credentials credentials = Credentials.readOrCreate(installation.credentialsFile());
        HostLayout layout = new HostLayout(installation);
        ManagementAddress controller = new ManagementAddress(false, installation.bindAddress(), installation.managementPort(1));
        for (int i = 1; i <= hosts; i++) {
            layout.layOut(i, controller, credentials);
            layout.addApiAdmin(i, credentials);
        }
        Say.line("configuring the domain controller (node1)");
        layout.configureController(credentials);
        DomainState state = DomainState.ofHosts(hosts, simple, dataOnly, installation);
        state.write(installation.stateFile());

        Say.line("starting the domain controller (node1)");
        operator.processes().launch(1);
        try (DomainController domain = awaitController(state)) {
            awaitHostRegistered(domain, 1, "the domain controller did not come up in " + HOST_REGISTRATION.toSeconds()
                    + " s; see " + installation.hostDir(1).resolve("log/host-controller.log"));
            for (int i = 2; i <= hosts; i++) {
                Say.line("starting host node" + i + " (" + state.roleOf(i) + ")");
                operator.processes().launch(i);
            }
            for (int i = 2; i <= hosts; i++) {
                awaitHostRegistered(domain, i, "host node" + i + " did not join the domain controller in "
                        + HOST_REGISTRATION.toSeconds() + " s; see " + installation.hostDir(i).resolve("log/host-controller.log"));
            }
            Say.line("configuring the hosts through the domain controller");
            for (int i = 1; i <= hosts; i++) {
                configure(domain, layout, i, state.roleOf(i), installation.clusterHosts(hosts));
            }
            // node1's server first: the oldest cluster member is preferred for the primary role
            Say.line("starting the servers and waiting for /health/ready (up to " + installation.readyTimeout().toSeconds()
                    + "s each)...");
            startServer(domain, 1);
            awaitUp(1, "redundant");
            for (int i = 2; i <= hosts; i++) {
                startServer(domain, i);
            }
            for (int i = 2; i <= hosts; i++) {
                awaitUp(i, state.roleOf(i));
            }
        }
        Supervisor.launch(installation);
        Say.line("ready in " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + "s");
        for (int i = 1; i <= hosts; i++) {
            Say.raw("  node" + i + "  " + installation.nodeUrl(i) + "/api/v1   (health: " + installation.nodeUrl(i)
                    + "/health/ready)");
        }
        Say.line("API user: 'facegrid credentials' prints user:password (curl -u \"$(facegrid credentials)\" ...)");
        Say.line("admin credentials (WildFly management on http://" + installation.bindAddress() + ":"
                + installation.managementPort(1) + "): see " + installation.credentialsFile());
    }

    /** A joined host that was stopped comes back: its host controller registers again and its server starts. */
    public void startJoined(JoinRecord joined) {
        operator.state().ifPresent(state -> {
            throw CommandFailure.failed(joined.name() + " already runs here; 'facegrid status' shows it");
        });
        operator.credentials();
        int host = Installation.hostNumber(joined.name());
        DomainState state = DomainState.ofJoined(joined.name(), joined.managementUrl(), installation);
        state.write(installation.stateFile());
        Say.line("starting " + joined.name() + " (" + joined.role() + "), a member of the domain at "
                + joined.managementUrl().replaceFirst("/management$", ""));
        operator.processes().launch(host);
        try (DomainController domain = operator.domainController(state)) {
            awaitHostRegistered(domain, host, joined.name() + " did not register with the primary; see "
                    + installation.hostDir(host).resolve("log/host-controller.log"));
            if (!domain.serverStatus(joined.name()).orElse("").equals("STARTED")) {
                startServer(domain, host);
            }
        }
        awaitUp(host, joined.role());
        Say.line(joined.name() + " is back: " + installation.nodeUrl(host) + "/api/v1");
    }

    /** stop: every host of this base dir, the last first and one at a time, returning once their processes are gone. */
    public void stop() {
        DomainState state = operator.state().orElse(null);
        if (state == null) {
            Say.line("nothing is running (no " + installation.stateFile() + ")");
            return;
        }
        Installation running = operator.runningInstallation(state);
        HostProcesses processes = new HostProcesses(running);
        if (state.isJoined()) {
            processes.stop(List.of(Installation.hostNumber(state.joined())));
            delete(installation.stateFile());
            Say.line("stopped " + state.joined() + "; it is still a member of the cluster: 'facegrid start' here brings it back,");
            Say.line("'facegrid leave' removes it");
            return;
        }
        Supervisor.stop(installation);
        for (int host = state.hosts(); host >= 1; host--) {
            if (host < state.hosts()) {
                awaitSettledUpTo(running, host);
            }
            processes.stop(List.of(host));
        }
        delete(installation.stateFile());
        Say.line("stopped (" + state.hosts() + " host(s)); data is kept under " + installation.hostsDir());
    }

    /**
     * Before host {@code last} stops, the hosts before it (1..last) have settled without the ones stopped already.
     * Two hosts leaving at once can take every owner of a segment away (WildFly's own timer caches keep two
     * copies), and the last node then logs "no live owners" errors: a normal stop would read like a failure.
     * Hosts that do not answer are not waited for; after {@value #STOP_SETTLE_SECONDS} s the stop goes on.
     */
    private static void awaitSettledUpTo(Installation running, int last) {
        List<String> answering = new ArrayList<>();
        for (int host = 1; host <= last; host++) {
            String url = running.nodeUrl(host);
            if (Api.readiness(url).map(Readiness::member).orElse(false)) {
                answering.add(url);
            }
        }
        boolean settled = Wait.until(Duration.ofSeconds(STOP_SETTLE_SECONDS), () -> answering.stream()
                .allMatch(url -> Api.readiness(url).map(r -> r.settledIn(answering.size())).orElse(false)));
        if (!settled) {
            Say.line("the nodes left did not settle in " + STOP_SETTLE_SECONDS + " s; stopping node" + last + " anyway");
        }
        Wait.sleep(Duration.ofSeconds(1)); // WildFly's timer caches rebalance alongside ours
    }

    /** Waits until the controller answers its admin (it is booting); returns the connection. */
    private DomainController awaitController(DomainState state) {
        DomainController[] connected = new DomainController[1];
        Wait.orFail(HOST_REGISTRATION, () -> {
            DomainController domain = operator.domainController(state);
            try {
                domain.productVersion();
                connected[0] = domain;
                return true;
            } catch (ManagementException notYet) {
                domain.close();
                if (notYet.kind() == ManagementException.Kind.CREDENTIALS_REJECTED) {
                    throw CommandFailure.failed("the domain controller rejected the admin credentials of "
                            + installation.credentialsFile());
                }
                return false;
            }
        }, "the domain controller did not answer in " + HOST_REGISTRATION.toSeconds() + " s; see "
                + installation.hostDir(1).resolve("log/console.log"));
        return connected[0];
    }

    static void awaitHostRegistered(DomainController domain, int host, String failure) {
        Wait.orFail(HOST_REGISTRATION, () -> domain.hostRunning("node" + host), failure);
    }

    void configure(DomainController domain, HostLayout layout, int host, String role, String clusterHosts) {
        try {
            domain.configure(layout.settings(host, role, clusterHosts));
        } catch (ManagementException e) {
            throw CommandFailure.failed("configuring node" + host + " through the domain controller failed: " + e.getMessage());
        }
    }

    void startServer(DomainController domain, int host) {
        try {
            domain.startServer("node" + host);
        } catch (ManagementException e) {
            throw CommandFailure.failed("could not start node" + host + "'s server: " + e.getMessage() + "; its log: "
                    + installation.hostDir(host).resolve("log/host-controller.log"));
        }
    }

    /** Ready for traffic, or for a data-only node (never ready: it takes none) a member of the cluster. */
    void awaitUp(int host, String role) {
        String url = installation.nodeUrl(host);
        Supplier<Boolean> up = role.equals("data-only")
                ? () -> Api.readiness(url).map(Readiness::member).orElse(false)
                : () -> Api.readiness(url).map(Readiness::ready).orElse(false);
        if (!Wait.until(installation.readyTimeout(), up::get)) {
            Say.line("node" + host + (role.equals("data-only") ? " did not come up" : " is not ready") + " after "
                    + installation.readyTimeout().toSeconds() + " s; its log: " + installation.serverLog(host));
            throw CommandFailure.failed("start did not complete; 'facegrid status' shows what runs");
        }
    }

    static void delete(java.nio.file.Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw CommandFailure.failed("cannot remove " + file + ": " + e.getMessage());
        }
    }
}
