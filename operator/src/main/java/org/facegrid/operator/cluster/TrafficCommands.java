package org.facegrid.operator.cluster;

import jakarta.json.Json;
import org.facegrid.operator.CommandFailure;
import org.facegrid.operator.Facegrid;
import org.facegrid.operator.Say;
import org.facegrid.operator.Wait;
import org.facegrid.operator.api.Api;
import org.facegrid.operator.api.Reply;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.time.Duration;

/** The operator's switches: a node in or out of rotation, the primary role, the balancing mode. */
public final class TrafficCommands {
    static final Duration REQUEST = Duration.ofSeconds(30);

    private TrafficCommands() {
    }

    @Command(name = "server-status", description = "Takes a node out of rotation or puts it back; its readiness"
            + " follows at once; taking out the last enabled node needs --force.")
    public static final class ServerStatus implements Runnable {
        @ParentCommand
        Facegrid facegrid;

        static final class Switch {
            @Option(names = "--disable", required = true, description = "out of rotation") boolean disable;
            @Option(names = "--enable", required = true, description = "back into rotation") boolean enable;
        }

        @ArgGroup(exclusive = true, multiplicity = "1")
        Switch change;

        @Option(names = "--node", required = true, paramLabel = "NAME", description = "the node (node1, node2, ...)")
        String node;

        @Option(names = "--force", description = "also take out the last node in rotation")
        boolean force;

        @Override
        public void run() {
            set(facegrid.operator().runningApi(), node, change.enable, force);
        }
    }

    /** PUT /cluster/nodes/NAME/rotation, with the words the README's table shows. */
    public static void set(Api api, String node, boolean enabled, boolean force) {
        Reply reply = api.request("PUT", "/api/v1/cluster/nodes/" + node + "/rotation",
                        Json.createObjectBuilder().add("enabled", enabled).add("force", force).build().toString(), REQUEST)
                .orElseThrow(() -> CommandFailure.failed("no node answers the API"));
        switch (reply.status()) {
            case 200 -> Say.line(enabled ? node + " is back in rotation (its readiness is UP again)"
                    : node + " is out of rotation: its readiness is DOWN and the primary sends it nothing");
            case 409 -> {
                Say.warning(reply.message());
                throw new CommandFailure(CommandFailure.REFUSED, "not changed: --force takes out the last node in rotation");
            }
            default -> throw CommandFailure.failed(node + ": HTTP " + reply.status() + ": " + reply.message());
        }
    }

    @Command(name = "primary", description = "Hands the primary role to another data node (in seconds); it stays preferred.")
    public static final class Primary implements Runnable {
        static final Duration MOVE = Duration.ofSeconds(60);

        @ParentCommand
        Facegrid facegrid;

        @Option(names = "--move-to", required = true, paramLabel = "NODE", description = "the node to take the role")
        String node;

        @Override
        public void run() {
            Api api = facegrid.operator().runningApi();
            Reply reply = api.request("PUT", "/api/v1/cluster/primary",
                            Json.createObjectBuilder().add("node", node).build().toString(), REQUEST)
                    .orElseThrow(() -> CommandFailure.failed("no node answers the API"));
            if (reply.status() != 202) {
                throw CommandFailure.failed(node + ": HTTP " + reply.status() + ": " + reply.message());
            }
            Say.line("moving the primary role to " + node + "...");
            long started = System.nanoTime();
            Wait.orFail(MOVE, () -> node.equals(Status.cluster(api).primary()),
                    node + " did not take the primary role in " + MOVE.toSeconds() + " s; the servers' logs say why (FGCLU042)");
            Say.line(node + " is primary (" + Duration.ofNanos(System.nanoTime() - started).toSeconds() + "s)");
        }
    }

    @Command(name = "balancer", description = "How recognition traffic is spread (default software: the primary spreads it).")
    public static final class Balancer implements Runnable {
        @ParentCommand
        Facegrid facegrid;

        @Option(names = "--mode", required = true, paramLabel = "MODE", description = "prescribed, software or external")
        String mode;

        @Override
        public void run() {
            Api api = facegrid.operator().runningApi();
            Reply reply = api.request("PUT", "/api/v1/cluster/balancer",
                            Json.createObjectBuilder().add("mode", mode).build().toString(), REQUEST)
                    .orElseThrow(() -> CommandFailure.failed("no node answers the API"));
            if (reply.status() != 200) {
                throw CommandFailure.failed("HTTP " + reply.status() + ": " + reply.message());
            }
            Say.line("load balancing mode: " + mode);
        }
    }
}
