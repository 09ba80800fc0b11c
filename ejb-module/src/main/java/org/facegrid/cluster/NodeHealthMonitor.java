package org.facegrid.cluster;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.facegrid.store.CacheOf;
import org.facegrid.store.DataCache;
import org.facegrid.store.ProtoCodec;
import org.infinispan.Cache;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The primary's health checks (seed 000, 3.4): every poll interval it asks each reporting node's
 * {@code /health/ready}, all at once, and moves the node in or out of rotation by {@link NodeHealth}'s rules;
 * a node whose status report went silent is removed from the balancer until it reports again. The state lives
 * in the replicated {@code node-health} cache, so every node shows it and a new primary carries on from it.
 * Every node runs the timer; only the primary checks.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NodeHealthMonitor {
    private static final Logger LOG = Logger.getLogger(NodeHealthMonitor.class.getName());

    @Resource
    private TimerService timers;

    @Inject
    @CacheOf(DataCache.NODE_HEALTH)
    private Cache<String, byte[]> health;

    @EJB
    private ClusterMembership membership;

    @Inject
    NodeRegistry registry;

    private final HealthPolicy policy = HealthPolicy.fromSystemProperties();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(policy.timeout()).build();

    @PostConstruct
    void schedule() {
        long every = policy.poll().toMillis();
        timers.createIntervalTimer(every, every, new TimerConfig("node health checks", false));
    }

    @Timeout
    void checkAll() {
        if (!PrimaryRole.isLocal() || !membership.isStarted()) {
            return;
        }
        try {
            long now = System.currentTimeMillis();
            List<Pending> checks = new ArrayList<>();
            for (NodeRecord node : registry.nodeRecords()) {
                NodeHealth stored = current(node.name());
                NodeHealth reported = stored.afterReport(now).afterSilence(node.reportedAt(), policy, now);
                if (reported.state().equals(NodeHealth.REMOVED)) {
                    save(stored, reported);
                } else {
                    checks.add(new Pending(stored, reported, check(node)));
                }
            }
            for (Pending p : checks) {
                save(p.stored(), p.reported().afterCheck(p.problem().join(), policy, now));
            }
        } catch (RuntimeException e) {
            // a minority partition cannot read the records; the next tick tries again
            LOG.log(Level.WARNING, "FGCLU019: health checks skipped this round", e);
        }
    }

    /** A node being checked: its state as stored, after its status report, and the check under way. */
    private record Pending(NodeHealth stored, NodeHealth reported, CompletableFuture<String> problem) {
    }

    /**
     * The check's problem, or null when the node answered ready; never fails itself. A data-only node's
     * readiness is DOWN by design (it takes no traffic), so its liveness is checked instead.
     */
    private CompletableFuture<String> check(NodeRecord node) {
        String path = NodeIdentity.takesTraffic(node.dataRole()) ? "/health/ready" : "/health/live";
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(node.url() + path))
                    .timeout(policy.timeout()).GET().build();
            return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .thenApply(r -> r.statusCode() == 200 ? (String) null : path + " answered HTTP " + r.statusCode())
                    .exceptionally(e -> "no answer from " + node.url() + ": " + describe(e));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture("cannot check " + node.url() + ": " + e.getMessage());
        }
    }

    private static String describe(Throwable e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage());
    }

    private NodeHealth current(String node) {
        byte[] bytes = health.get(node);
        return bytes == null ? NodeHealth.first(node) : ProtoCodec.decode(bytes, NodeHealth.class);
    }

    private void save(NodeHealth before, NodeHealth after) {
        if (after == before) {
            return;
        }
        health.put(after.name(), ProtoCodec.encode(after));
        HealthTransition made = after.lastTransition();
        if (made != null && made != before.lastTransition()) {
            Level level = made.to().equals(NodeHealth.IN) ? Level.INFO : Level.WARNING;
            LOG.log(level, () -> made.messageId() + ": node " + after.name() + " " + made.from() + " -> " + made.to()
                    + ": " + made.reason());
        }
    }
}
