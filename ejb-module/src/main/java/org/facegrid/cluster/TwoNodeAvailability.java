package org.facegrid.cluster;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
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
import org.infinispan.manager.EmbeddedCacheManager;
import org.infinispan.partitionhandling.AvailabilityMode;

import java.util.List;
import java.util.logging.Logger;

/**
 * The two-data-node rule Infinispan cannot express: when one of two data nodes crashes, DENY_READ_WRITES puts
 * the survivor's caches in DEGRADED mode (it cannot tell a crash from a split), which would stop the primary
 * when only its secondary died and stop reads on a secondary whose primary died. So when exactly one of the two
 * recorded data nodes is in the view, this makes the survivor's caches AVAILABLE again, every second until it
 * holds; which side may then write is {@link WriteGuard}'s decision (only the first node's). With three or
 * more data nodes Infinispan's majority rule is the right one and nothing is touched.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TwoNodeAvailability {
    private static final Logger LOG = Logger.getLogger(TwoNodeAvailability.class.getName());

    @Resource
    private TimerService timers;

    @Inject
    @CacheOf(DataCache.NODES)
    private Cache<String, byte[]> nodes;

    @Inject
    WriteGuard writes;

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(1_000, 1_000, new TimerConfig("two-node availability", false));
    }

    @Timeout
    void restoreAvailability() {
        List<NodeRecord> records = writes.records();
        if (records == null || !WriteQuorum.oneOfTwoDataNodesAway(records, writes.view())) {
            return;
        }
        EmbeddedCacheManager manager = nodes.getCacheManager();
        for (String name : manager.getCacheNames()) {
            if (!manager.isRunning(name)) {
                continue;
            }
            Cache<?, ?> cache = manager.getCache(name, false);
            if (cache != null && cache.getAdvancedCache().getAvailability() == AvailabilityMode.DEGRADED_MODE) {
                cache.getAdvancedCache().setAvailability(AvailabilityMode.AVAILABLE);
                LOG.warning(() -> "FGCLU030: cache " + name + " made available again: one of the two data nodes is "
                        + "down; " + (writes.decide().writable() ? "this node, the first, goes on with writes"
                        : "this node serves reads and recognition and refuses writes until the first returns"));
            }
        }
    }
}
