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
import org.infinispan.Cache;

import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Every second on every node: reads the preferred primary ({@link PrimaryPreference}); a data node that does not
 * stand for the primary role yet stands once it is healthy and its caches have settled ({@link PrimaryRole#stand});
 * and a primary that is not the preferred node, while the preferred node is a candidate, stands down and stands
 * again, so the election moves the role. A preferred node that returns by itself needs none of this (its
 * standing is an election); this is for {@code facegrid primary --move-to}. At most one try every
 * {@value #RETRY_AFTER_MS} ms, so a node that cannot take the role does not make the primary flap.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PrimaryHandover {
    private static final Logger LOG = Logger.getLogger(PrimaryHandover.class.getName());
    static final long RETRY_AFTER_MS = 30_000;

    @Resource
    private TimerService timers;

    @EJB
    private ClusterMembership membership;

    @Inject
    NodeRegistry registry;

    @Inject
    WriteGuard writes;

    @Inject
    @CacheOf(DataCache.SETTINGS)
    private Cache<String, String> settings;

    private long nextTry;
    private String seenPreferred = PrimaryPreference.current();
    private long seenSince;

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(1_000, 1_000, new TimerConfig("primary handover", false));
    }

    /** The election ranks candidates by data role (never a simple node), learnt from the node records. */
    private void learnDataRoles() {
        List<NodeRecord> records = writes.records(); // read at most every 2 s, shared with every write's check
        if (records != null) { // null before the registry was first readable: nothing to learn yet
            PrimaryRole.learnDataRoles(records.stream().filter(r -> r.memberName() != null)
                    .collect(Collectors.toMap(NodeRecord::memberName, NodeRecord::dataRole, (a, b) -> a)));
        }
    }

    @Timeout
    void handOverIfAsked() {
        if (!membership.isStarted()) {
            return;
        }
        PrimaryPreference.refresh(settings);
        learnDataRoles();
        if (!PrimaryRole.standing()) {
            NodeReadiness readiness = membership.readiness();
            if (readiness.healthy() && readiness.unsettledCaches().isEmpty()) {
                PrimaryRole.stand();
            }
            return;
        }
        String preferred = PrimaryPreference.current();
        long now = System.currentTimeMillis();
        if (!preferred.equals(seenPreferred)) {
            // every node reads the new preference within a second; the elector must have it before we stand down
            seenPreferred = preferred;
            seenSince = now;
            return;
        }
        if (!PrimaryRole.isLocal() || preferred.equals(registry.identity().name()) || now < nextTry
                || now - seenSince < 1_500) {
            return;
        }
        try {
            // the preferred node stands only once it is healthy and settled; until then the role stays here
            boolean preferredStands = registry.nodeRecords().stream()
                    .anyMatch(r -> r.name().equals(preferred) && NodeIdentity.REDUNDANT.equals(r.dataRole())
                            && PrimaryRole.candidates().contains(r.memberName()));
            if (preferredStands) {
                nextTry = now + RETRY_AFTER_MS;
                LOG.info(() -> "FGCLU042: handing the primary role over to " + preferred);
                PrimaryRole.standAgain(Duration.ofSeconds(10));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "primary handover to " + preferred + " not tried this round", e);
        }
    }
}
