package org.facegrid.operator.cluster;

import jakarta.json.JsonObject;
import org.facegrid.operator.CommandFailure;
import org.facegrid.operator.Facegrid;
import org.facegrid.operator.Operator;
import org.facegrid.operator.Say;
import org.facegrid.operator.api.Api;
import org.facegrid.operator.api.Readiness;
import org.facegrid.operator.api.Reply;
import org.facegrid.operator.domain.Supervisor;
import org.facegrid.operator.install.DomainState;
import org.facegrid.operator.management.DomainController;
import org.facegrid.operator.management.ManagementException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

@Command(name = "status", description = "A table of hosts, servers and cluster roles (or, with --json, GET /api/v1/cluster).")
public final class Status implements java.util.concurrent.Callable<Integer> {
    @ParentCommand
    Facegrid facegrid;

    @Option(names = "--json", description = "the cluster view as the API gives it")
    boolean json;

    @Override
    public Integer call() {
        Operator operator = facegrid.operator();
        Optional<DomainState> state = operator.state();
        if (state.isEmpty()) {
            Say.line("not running (no domain started from " + operator.installation().var() + ")");
            return CommandFailure.NOT_RUNNING;
        }
        Api api = operator.api(state.get());
        if (json) {
            Say.raw(clusterJson(api).orElseThrow(() -> CommandFailure.failed("no node answers GET /api/v1/cluster")).toString());
            return 0;
        }
        ClusterView cluster = clusterJson(api).map(ClusterView::of).orElse(new ClusterView(null, List.of()));
        try (DomainController domain = operator.domainController(state.get())) {
            List<String> hosts = hostNames(domain);
            System.out.print(StatusTable.render(hosts, cluster, host -> serverStatus(domain, host),
                    url -> Api.readiness(url).map(Readiness::ready).orElse(false)));
        }
        if (Supervisor.running(operator.installation())) {
            Say.raw("supervisor: running (restarts servers that die; log " + operator.installation().supervisorLog() + ")");
        } else if (!state.get().isJoined()) {
            Say.raw("supervisor: NOT running (a server that dies stays down until 'facegrid restart NODE')");
        }
        return 0;
    }

    private static List<String> hostNames(DomainController domain) {
        try {
            return domain.hostNames();
        } catch (ManagementException e) {
            Say.warning("the domain controller does not answer (" + e.getMessage() + "); hosts shown from the cluster view");
            return List.of();
        }
    }

    private static Optional<String> serverStatus(DomainController domain, String host) {
        try {
            return domain.serverStatus(host);
        } catch (ManagementException e) {
            return Optional.empty();
        }
    }

    static Optional<JsonObject> clusterJson(Api api) {
        return api.request("GET", "/api/v1/cluster", null, Duration.ofSeconds(10)).filter(r -> r.status() == 200).map(Reply::json);
    }

    /** The cluster view from the first node that answers, or the failure that none does. */
    public static ClusterView cluster(Api api) {
        return clusterJson(api).map(ClusterView::of).orElseThrow(() -> CommandFailure.failed("no node answers GET /api/v1/cluster"));
    }
}
