package org.facegrid.operator.join;

import org.facegrid.operator.CommandFailure;
import org.facegrid.operator.Facegrid;
import org.facegrid.operator.Operator;
import org.facegrid.operator.Say;
import org.facegrid.operator.Wait;
import org.facegrid.operator.api.Api;
import org.facegrid.operator.api.Reply;
import org.facegrid.operator.cluster.ClusterView;
import org.facegrid.operator.cluster.Status;
import org.facegrid.operator.domain.Build;
import org.facegrid.operator.domain.HostLayout;
import org.facegrid.operator.install.DomainState;
import org.facegrid.operator.install.Installation;
import org.facegrid.operator.install.JoinToken;
import org.facegrid.operator.management.ManagementAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** join-token (on the primary), join and leave (on the joining host). */
public final class JoinCommands {
    private JoinCommands() {
    }

    @Command(name = "join-token", description = "(On the primary) prints the token a joining host needs; it holds credentials.")
    public static final class Token implements Runnable {
        @ParentCommand
        Facegrid facegrid;

        @Override
        public void run() {
            Operator operator = facegrid.operator();
            DomainState state = operator.state().filter(s -> !s.isJoined()).orElseThrow(() ->
                    CommandFailure.failed("join-token runs where the primary was started ('facegrid start')"));
            Installation running = operator.runningInstallation(state);
            Say.error("give this token to the joining host as FACEGRID_JOIN_TOKEN (or in a file, --token-file).");
            Say.error("it holds credentials: keep it secret. The primary is " + running.bindAddress() + ":" + running.managementPort(1));
            Say.raw(JoinToken.of(operator.credentials()).encode());
        }
    }

    @Command(name = "join", description = "(On another machine, or with another FACEGRID_VAR here) joins this host to the"
            + " primary's domain and cluster. Exit codes: 10 primary unreachable, 11 credentials rejected, 12 TLS or"
            + " certificate problem, 13 joined the domain but not the cluster, 64 bad usage. A failed join leaves the"
            + " host unconfigured: run it again once fixed.")
    public static final class JoinHost implements Runnable {
        @ParentCommand
        Facegrid facegrid;

        @Option(names = "--primary", required = true, paramLabel = "HOST[:PORT]", description = "the domain controller's management address")
        String primary;

        @Option(names = "--as", required = true, paramLabel = "ROLE", description = "redundant, simple or data-only")
        String role;

        @Option(names = "--name", paramLabel = "nodeN", description = "this host's name (default: the first free one)")
        String name;

        @Option(names = "--token-file", paramLabel = "FILE", description = "the join token, from a file (- for standard input)"
                + " instead of FACEGRID_JOIN_TOKEN")
        String tokenFile;

        @Override
        public void run() {
            ManagementAddress address = ManagementAddress.parse(primary, Join.USAGE);
            String token = tokenFile == null ? facegrid.environment().get("FACEGRID_JOIN_TOKEN") : readToken(tokenFile);
            Operator operator = facegrid.operator();
            if (JoinToken.parse(token).isPresent()) {
                Build.ensure(operator.installation());
            }
            new Join(operator, new HostLayout(operator.installation()), Reachability.HTTP, Api::readiness)
                    .join(address, role, name, token);
        }

        private static String readToken(String file) {
            try {
                return file.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                        : Files.readString(Path.of(file), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw CommandFailure.usage("cannot read the token file '" + file + "'");
            }
        }
    }

    @Command(name = "leave", description = "(On a joined host) takes it out of rotation, stops it, and removes it from"
            + " the cluster; its share of the data stays on the other data nodes.")
    public static final class Leave implements Runnable {
        static final int FORGET_ATTEMPTS = 5;

        @ParentCommand
        Facegrid facegrid;

        @Override
        public void run() {
            Operator operator = facegrid.operator();
            DomainState state = operator.state().filter(DomainState::isJoined).orElseThrow(() -> CommandFailure.failed(
                    "leave runs on a running host that joined with 'facegrid join'; the primary's hosts stop with 'facegrid stop'"));
            String self = state.joined();
            int host = Installation.hostNumber(self);
            Api api = operator.api(state);
            ClusterView cluster;
            try {
                cluster = Status.cluster(api);
            } catch (CommandFailure e) {
                throw CommandFailure.failed(self + " does not answer GET /api/v1/cluster; is it running?");
            }
            List<ClusterView.Node> othersUp = cluster.nodes().stream()
                    .filter(n -> !n.name().equals(self) && n.health().equals("UP")).toList();
            boolean holdsData = cluster.node(self).map(n -> !n.dataRole().equals("simple")).orElse(false);
            if (holdsData && othersUp.stream().allMatch(n -> n.dataRole().equals("simple"))) {
                throw new CommandFailure(CommandFailure.REFUSED, self
                        + " holds data and no other data node is up to keep it; start another data node first");
            }
            Say.line("taking " + self + " out of rotation");
            api.request("PUT", "/api/v1/cluster/nodes/" + self + "/rotation", "{\"enabled\":false,\"force\":true}",
                    Duration.ofSeconds(30));
            Wait.sleep(Duration.ofSeconds(2)); // requests under way finish
            Say.line("stopping " + self + " (its share of the data stays on the other data nodes)");
            operator.processes().stop(List.of(host));
            // forget it on a node that stays: its record, health checks and rotation switch
            Api others = new Api(othersUp.stream().map(ClusterView.Node::url).toList(), operator.credentials().apiUserAndPassword());
            int code = 0;
            for (int attempt = 1; attempt <= FORGET_ATTEMPTS && code != 204; attempt++) {
                code = others.request("DELETE", "/api/v1/cluster/nodes/" + self, null, Duration.ofSeconds(10))
                        .map(Reply::status).orElse(0);
                if (code != 204) {
                    Wait.sleep(Duration.ofSeconds(2));
                }
            }
            if (code != 204) {
                Say.line("WARNING: the cluster still lists " + self + " (HTTP " + code + "); it drops out after 5 minutes of silence");
            }
            Join.removeHost(operator.installation(), host);
            Say.line(self + " left the cluster");
        }
    }
}
