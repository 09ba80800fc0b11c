package org.facegrid.health;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;
import org.facegrid.cluster.ClusterMembership;
import org.facegrid.cluster.NodeReadiness;
import org.facegrid.recognition.RecognitionGate;

import java.lang.management.ManagementFactory;

/** The checks behind /health: liveness, readiness (what load balancers poll) and startup. */
@ApplicationScoped
public class NodeHealthChecks {

    @EJB
    ClusterMembership membership;

    @Inject
    RecognitionGate gate;

    /** Live unless threads are deadlocked: a restart is the only cure for that. */
    @Produces
    @Liveness
    HealthCheck noDeadlock() {
        return () -> {
            long[] deadlocked = ManagementFactory.getThreadMXBean().findDeadlockedThreads();
            return HealthCheckResponse.named("no-deadlocked-threads")
                    .status(deadlocked == null)
                    .withData("deadlockedThreads", deadlocked == null ? 0 : deadlocked.length)
                    .build();
        };
    }

    /**
     * Ready when the application is deployed, the node is in the cluster view, its caches are AVAILABLE and no
     * operator took it out of rotation ({@code facegrid server-status --disable}).
     */
    @Produces
    @Readiness
    HealthCheck clusterMember() {
        return () -> {
            NodeReadiness r = membership.readiness();
            HealthCheckResponseBuilder builder = HealthCheckResponse.named("cluster-member")
                    .status(r.ready())
                    .withData("node", membership.identity().name())
                    .withData("deployed", r.deployed())
                    .withData("caughtUp", r.caughtUp())
                    .withData("enabled", r.enabled())
                    .withData("dataRole", membership.identity().dataRole())
                    .withData("takesTraffic", r.takesTraffic())
                    .withData("writable", r.writes().writable())
                    .withData("inView", r.inView())
                    .withData("viewSize", r.viewSize())
                    .withData("settled", r.unsettledCaches().isEmpty());
            r.cacheAvailability().forEach((cache, mode) -> builder.withData("cache." + cache, mode));
            if (!r.unsettledCaches().isEmpty()) {
                builder.withData("rebalancing", String.join(",", r.unsettledCaches()));
            }
            if (!r.writes().writable()) {
                builder.withData("writesRefused", r.writes().reason());
            }
            return builder.build();
        };
    }

    /**
     * Ready while the node takes recognition work: DOWN while its queue is full, and for a few seconds after it
     * refused a request (429), so balancers send the next ones elsewhere.
     */
    @Produces
    @Readiness
    HealthCheck recognitionCapacity() {
        return () -> {
            RecognitionGate.Load load = gate.load();
            return HealthCheckResponse.named("recognition-capacity")
                    .status(!load.overloaded())
                    .withData("running", load.running())
                    .withData("waiting", load.waiting())
                    .withData("concurrency", load.concurrency())
                    .withData("queue", load.queue())
                    .withData("rejected", load.rejected())
                    .build();
        };
    }

    @Produces
    @Startup
    HealthCheck started() {
        return () -> HealthCheckResponse.named("application-started").status(membership.isStarted()).build();
    }
}
