package org.facegrid.cluster;

import org.infinispan.AdvancedCache;
import org.infinispan.remoting.transport.Address;
import org.infinispan.topology.CacheTopology;

import java.util.Collection;
import java.util.List;

/**
 * When a cache has settled: its topology has every member of the view and no rebalance or conflict resolution
 * runs. Restarting another node before that (a rolling restart) makes its initial state transfer wait for the
 * one under way and time out; a rejoin sweep before that reads owners that are about to change.
 */
final class CacheSettlement {
    private CacheSettlement() {
    }

    static boolean settled(AdvancedCache<?, ?> cache, List<Address> view) {
        CacheTopology topology = cache.getDistributionManager().getCacheTopology();
        return settled(topology.getPhase(), topology.getMembers(), view);
    }

    static <M> boolean settled(CacheTopology.Phase phase, Collection<M> topologyMembers, Collection<M> view) {
        return phase == CacheTopology.Phase.NO_REBALANCE
                && topologyMembers.size() == view.size() && topologyMembers.containsAll(view);
    }
}
