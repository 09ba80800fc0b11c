package org.facegrid.operator;

import org.facegrid.operator.api.Api;
import org.facegrid.operator.install.Credentials;
import org.facegrid.operator.install.DomainState;
import org.facegrid.operator.install.Installation;
import org.facegrid.operator.management.DomainController;
import org.facegrid.operator.management.ManagementAddress;
import org.facegrid.operator.management.ManagementConnector;
import org.facegrid.operator.management.ManagementException;
import org.facegrid.operator.process.HostProcesses;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What every command works with: this base dir's installation, what runs from it, its credentials, and the
 * connections to its domain controller and API. Commands get it from {@link Facegrid}; tests build one over a
 * temporary base dir and fakes.
 */
public class Operator {
    private final Installation installation;
    private final ManagementConnector connector;
    private final HostProcesses processes;

    public Operator(Installation installation, ManagementConnector connector, HostProcesses processes) {
        this.installation = installation;
        this.connector = connector;
        this.processes = processes;
    }

    public Installation installation() {
        return installation;
    }

    public ManagementConnector connector() {
        return connector;
    }

    public HostProcesses processes() {
        return processes;
    }

    public Optional<DomainState> state() {
        return DomainState.read(installation.stateFile());
    }

    /** What runs here, or the failure "not running" (exit 1). */
    public DomainState running() {
        return state().orElseThrow(() -> CommandFailure.failed("not running (no domain started from " + installation.var() + ")"));
    }

    public Credentials credentials() {
        if (!Credentials.exist(installation.credentialsFile())) {
            throw CommandFailure.failed("no credentials yet: 'facegrid start' creates them");
        }
        return Credentials.read(installation.credentialsFile());
    }

    /** The ports and address the running hosts were started with. */
    public Installation runningInstallation(DomainState state) {
        return installation.as(state);
    }

    /**
     * The domain controller: this machine's host 1 as the management admin, or, on a joined host, the primary's
     * as the join user.
     */
    public DomainController domainController(DomainState state) {
        Credentials credentials = credentials();
        try {
            if (state.isJoined()) {
                return new DomainController(connector.connect(ManagementAddress.ofUrl(state.managementUrl()),
                        credentials.joinUser(), credentials.joinPassword()));
            }
            Installation running = runningInstallation(state);
            return new DomainController(connector.connect(new ManagementAddress(false, running.bindAddress(),
                    running.managementPort(1)), credentials.adminUser(), credentials.adminPassword()));
        } catch (ManagementException e) {
            throw CommandFailure.failed("cannot reach the domain controller: " + e.getMessage());
        }
    }

    /** The API on the nodes this base dir runs: hosts 1..N, or the one joined host. */
    /** The API of what runs from this base dir; fails with 'not running' when nothing does. */
    public Api runningApi() {
        return api(running());
    }

    public Api api(DomainState state) {
        Installation running = runningInstallation(state);
        List<String> urls = new ArrayList<>();
        if (state.isJoined()) {
            urls.add(running.nodeUrl(Installation.hostNumber(state.joined())));
        } else {
            for (int i = 1; i <= state.hosts(); i++) {
                urls.add(running.nodeUrl(i));
            }
        }
        return new Api(urls, credentials().apiUserAndPassword());
    }
}
