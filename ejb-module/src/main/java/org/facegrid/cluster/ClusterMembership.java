package org.facegrid.cluster;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.facegrid.store.DataCache;
import org.facegrid.store.DataCaches;
import org.infinispan.AdvancedCache;
import org.infinispan.Cache;
import org.infinispan.manager.EmbeddedCacheManager;
import org.infinispan.partitionhandling.AvailabilityMode;
import org.infinispan.remoting.transport.Address;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This node's life as a cluster member: it registers the node when the application starts ({@link NodeRegistry};
 * again whenever the record goes missing, so a merge never forgets it), sweeps stale entries after joining a
 * running cluster ({@link RejoinSweeper}), and says whether the node is ready for traffic ({@link NodeReadiness}).
 * What the cluster looks like is {@link ClusterView}; what operators switch is {@link OperatorSwitches}.
 */
@Singleton
@Startup
@DependsOn("GalleryIndex") // the index has loaded every face before a rejoin sweep can drop stale ones
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ClusterMembership {
    private static final Logger LOG = Logger.getLogger(ClusterMembership.class.getName());

    @Inject
    NodeRegistry registry;

    @Inject
    RejoinSweeper sweeper;

    @Inject
    OperatorSwitches switches;

    @Inject
    WriteGuard writes;

    @Inject
    DataCaches caches;

    private volatile boolean started;

    @PostConstruct
    void start() {
        switches.loadPrimaryPreference();
        registry.register();
        started = true;
        EmbeddedCacheManager manager = registry.cacheManager();
        boolean joinedRunningCluster = !manager.isCoordinator();
        LOG.info(() -> "FaceGrid node " + identity().name() + " (" + identity().dataRole() + ") joined as "
                + manager.getAddress() + "; view " + manager.getMembers());
        if (joinedRunningCluster) {
            sweeper.sweep();
        } else {
            sweeper.nothingToSweep();
        }
    }

    @PreDestroy
    void stop() {
        started = false;
        sweeper.stop();
        PrimaryRole.release(Duration.ofSeconds(10));
    }

    /**
     * Reports this node's status (its record) every report interval, and at once when the record is missing or
     * out of date, e.g. after a partition merge kept the other side's data. A timer, not a view-change listener:
     * a cache write from Infinispan's notification thread lacks the deployment's context, and WildFly then
     * stores the entry in a form its iterators cannot read.
     */
    @Schedule(hour = "*", minute = "*", second = "*/10", persistent = false)
    void keepRegistered() {
        if (!started) {
            return;
        }
        try {
            registry.refresh();
        } catch (RuntimeException e) {
            // A minority partition refuses reads and writes; the next tick tries again.
            LOG.log(Level.FINE, "could not refresh this node's record", e);
        }
    }

    public NodeIdentity identity() {
        return registry.identity();
    }

    /** Whether this node holds the primary role now. */
    public boolean isPrimary() {
        return PrimaryRole.isLocal();
    }

    /** True once the application has started on this node and registered it. */
    public boolean isStarted() {
        return started;
    }

    /** The facts readiness is decided on. */
    public NodeReadiness readiness() {
        EmbeddedCacheManager manager = registry.cacheManager();
        Address self = manager.getAddress();
        List<Address> view = manager.getMembers();
        boolean inView = self != null && view != null && view.contains(self);
        Map<String, String> availability = new LinkedHashMap<>();
        List<String> unsettled = new ArrayList<>();
        for (Cache<String, ?> cache : caches.<String, Object>get(DataCache.watchedByMembership())) {
            AdvancedCache<String, ?> advanced = cache.getAdvancedCache();
            availability.put(cache.getName(), advanced.getAvailability().name());
            if (!CacheSettlement.settled(advanced, view)) {
                unsettled.add(cache.getName());
            }
        }
        boolean cachesAvailable = availability.values().stream().allMatch(AvailabilityMode.AVAILABLE.name()::equals);
        boolean enabled = ClusterView.orElse(() -> switches.isEnabled(identity().name()), true);
        return new NodeReadiness(started, sweeper.caughtUp(), inView, cachesAvailable, availability, unsettled,
                view.size(), enabled, identity().takesTraffic(), writes.decide());
    }
}
