package org.facegrid.operator.cluster;

import org.facegrid.operator.CommandFailure;
import org.facegrid.operator.Facegrid;
import org.facegrid.operator.Operator;
import org.facegrid.operator.Say;
import org.facegrid.operator.Wait;
import org.facegrid.operator.api.Api;
import org.facegrid.operator.api.Readiness;
import org.facegrid.operator.domain.Supervisor;
import org.facegrid.operator.install.DomainState;
import org.facegrid.operator.install.Installation;
import org.facegrid.operator.management.DomainController;
import org.facegrid.operator.management.ManagementException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.time.Duration;
import java.util.List;

/** restart (one node's server) and rolling-restart (every node in turn, the service answering throughout). */
public final class RestartCommands {
    static final Duration SETTLE = Duration.ofSeconds(300);

    private RestartCommands() {
    }

    @Command(name = "restart", description = "Restarts one node's server through the domain controller.")
    public static final class Restart implements Runnable {
        @ParentCommand
        Facegrid facegrid;

        @Parameters(paramLabel = "NODE", description = "node1, node2, ...")
        String node;

        @Override
        public void run() {
            Installation.hostNumber(node);
            Operator operator = facegrid.operator();
            try (DomainController domain = operator.domainController(operator.running())) {
                lifecycle(domain, node, "restart", "restarted");
            }
        }
    }

    static void lifecycle(DomainController domain, String node, String operation, String done) {
        try {
            domain.serverLifecycle(node, operation);
            Say.line(done + " " + node + "'s server");
        } catch (ManagementException e) {
            throw CommandFailure.failed("could not " + operation + " " + node + ": " + e.getMessage());
        }
    }

    /**
     * Every node's server in turn, the primary last, so the service keeps answering: wait until the cluster is
     * settled (every node in the view, no rebalance or merge under way: restarting a node before that makes its
     * state transfer wait behind the one running and time out), take the node out of rotation, stop it, wait
     * until the others have settled without it, start it, wait until it is back and settled, and put it back
     * into rotation if it was in.
     */
    @Command(name = "rolling-restart", description = "Restarts every node's server in turn, the primary last, each out"
            + " of rotation while it restarts and only once the cluster has settled: the service answers.")
    public static final class RollingRestart implements Runnable {
        @ParentCommand
        Facegrid facegrid;

        @Override
        public void run() {
            Operator operator = facegrid.operator();
            DomainState state = operator.running();
            Installation installation = operator.runningInstallation(state);
            Api api = operator.api(state);
            long started = System.nanoTime();
            try (DomainController domain = operator.domainController(state)) {
                RollingRestartPlan plan = RollingRestartPlan.of(Status.cluster(api), domain.hostNames());
                if (plan.steps().isEmpty()) {
                    throw CommandFailure.failed("no node to restart");
                }
                int size = plan.steps().size();
                for (RollingRestartPlan.Step step : plan.steps()) {
                    awaitSettled(size, plan.urls(), "the cluster did not settle in " + SETTLE.toSeconds()
                            + " s before restarting " + step.name() + " ('facegrid status')");
                    if (step.takeOutOfRotation()) {
                        TrafficCommands.set(api, step.name(), false, false);
                        Wait.sleep(Duration.ofSeconds(3)); // clients and the balancer read the rotation every second
                    }
                    // stopped, then started only once the others have settled without it: when it was the cluster's
                    // coordinator its leaving makes them run conflict resolution, and a node joining meanwhile can
                    // wait for its initial state transfer until that times out
                    Supervisor.hold(operator.installation(), step.name());
                    lifecycle(domain, step.name(), "stop", "stopped");
                    if (size > 1 && !settled(size - 1, plan.urlsWithout(step))) {
                        report(plan.urlsWithout(step));
                        Supervisor.release(operator.installation(), step.name());
                        try {
                            lifecycle(domain, step.name(), "start", "started");
                        } catch (CommandFailure ignored) {
                            // the failure below says what to look at
                        }
                        throw CommandFailure.failed("the other nodes did not settle in " + SETTLE.toSeconds() + " s after "
                                + step.name() + " stopped; started " + step.name() + " again ('facegrid status')");
                    }
                    lifecycle(domain, step.name(), "start", "started");
                    Supervisor.release(operator.installation(), step.name());
                    awaitSettled(size, plan.urls(), step.name() + " did not come back into a settled cluster in "
                            + SETTLE.toSeconds() + " s; its log: " + installation.serverLog(Installation.hostNumber(step.name())));
                    if (step.takeOutOfRotation()) {
                        TrafficCommands.set(api, step.name(), true, false);
                        Wait.sleep(Duration.ofSeconds(3));
                    }
                }
                Say.line("restarted " + size + " nodes one by one in " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + "s");
            }
        }
    }

    static void awaitSettled(int size, List<String> urls, String failure) {
        if (!settled(size, urls)) {
            report(urls);
            throw CommandFailure.failed(failure);
        }
    }

    /** Every node answers readiness (DOWN is fine: a disabled or data-only node) in a settled view of this size. */
    static boolean settled(int size, List<String> urls) {
        return Wait.until(SETTLE, () -> urls.stream().allMatch(url -> Api.readiness(url).map(r -> r.settledIn(size)).orElse(false)));
    }

    /** Each node's readiness, for an operator reading why a wait gave up. */
    static void report(List<String> urls) {
        for (String url : urls) {
            String body = Api.readiness(url).map(Readiness::body).orElse("(no answer)").replaceAll("\\s+", "");
            Say.line("readiness of " + url + ": " + body.substring(0, Math.min(1500, body.length())));
        }
    }
}
