package org.facegrid.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.facegrid.store.CacheOf;
import org.facegrid.store.DataCache;
import org.facegrid.store.DataCaches;
import org.facegrid.store.ProtoCodec;
import org.infinispan.AdvancedCache;
import org.infinispan.Cache;
import org.infinispan.context.Flag;
import org.infinispan.distribution.ch.ConsistentHash;
import org.infinispan.remoting.transport.Address;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The cluster as this node sees it: every node's record joined with the view, the primary role, data ownership,
 * rotation and the primary's checks ({@code GET /api/v1/cluster}); the endpoints clients fail over along; and
 * per-cache facts for operators.
 */
@ApplicationScoped
public class ClusterView {
    private static final Logger LOG = Logger.getLogger(ClusterView.class.getName());

    @Inject
    NodeRegistry registry;

    @Inject
    OperatorSwitches switches;

    @Inject
    WriteGuard writes;

    @Inject
    DataCaches caches;

    /** The primary's health checks of every node ({@link NodeHealthMonitor}). */
    @Inject
    @CacheOf(DataCache.NODE_HEALTH)
    private Cache<String, byte[]> nodeHealth;

    public ClusterStatus status() {
        List<Address> view = registry.cacheManager().getMembers();
        Map<String, Address> members = view.stream().collect(Collectors.toMap(Address::toString, a -> a, (a, b) -> a));
        Cache<String, ?> persons = caches.get(DataCache.PERSONS);
        ConsistentHash ownership = persons.getAdvancedCache().getDistributionManager().getCacheTopology()
                .getWriteConsistentHash();
        String primaryMember = PrimaryRole.holder().orElse(null);
        List<NodeRecord> records = new ArrayList<>();
        String problem = null;
        try {
            records.addAll(registry.nodeRecords());
        } catch (RuntimeException e) {
            // The nodes cache refuses reads in a minority partition: show at least this node, and say why.
            LOG.log(Level.WARNING, "nodes cache unreadable, listing this node only", e);
            records.clear();
            records.add(registry.ownRecord());
            problem = "only this node is listed: the nodes cache cannot be read here (" + e.getMessage() + ")";
        }
        String primary = null;
        List<NodeStatus> statuses = new ArrayList<>();
        for (NodeRecord r : records) {
            Address member = members.get(r.memberName());
            boolean up = member != null;
            int owned = up && ownership.getMembers().contains(member) ? ownership.getSegmentsForOwner(member).size() : 0;
            boolean isPrimary = up && r.memberName().equals(primaryMember);
            if (isPrimary) {
                primary = r.name();
            }
            statuses.add(new NodeStatus(r.name(), r.url(), isPrimary ? "primary" : "secondary", r.dataRole(),
                    up ? "UP" : "DOWN", orElse(() -> switches.isEnabled(r.name()), true),
                    orElse(() -> health(r.name()), null), r.name().equals(registry.identity().name()),
                    owned, r.startedAt(), r.reportedAt(), r.version()));
        }
        statuses.sort(Comparator.comparing(NodeStatus::name));
        WriteQuorum.Decision quorum = writes.quorum();
        WriteQuorum.Decision writable = writes.decide(quorum);
        // A side the quorum rules refuse has no primary; a merge's conflict resolution only holds writes back for
        // seconds (they wait it out) while the primary, elected at the view change, already runs.
        if (!quorum.writable()) {
            return new ClusterStatus(null, statuses.stream().map(NodeStatus::withoutPrimaryRole).toList(),
                    members.size(), problem, writable);
        }
        return new ClusterStatus(primary, statuses, members.size(), problem, writable);
    }

    /** The primary's latest health checks of a node; null before the first. */
    public NodeHealth health(String node) {
        byte[] bytes = nodeHealth.get(node);
        return bytes == null ? null : ProtoCodec.decode(bytes, NodeHealth.class);
    }

    /**
     * The base URLs of the nodes that take traffic now: members of the view, enabled, and in rotation by the
     * primary's health checks (a node not checked yet counts as in rotation). Clients fail over along this list.
     */
    public List<String> endpoints() {
        return status().nodes().stream().filter(NodeStatus::inRotation).map(NodeStatus::url).toList();
    }

    /** Whether a cluster member name is in this node's view now. */
    public boolean inView(String memberName) {
        return writes.view().contains(memberName);
    }

    /** Whether the named node is a member of this node's view now (false for a node never seen). */
    public boolean isUp(String node) {
        return registry.nodeRecords().stream().anyMatch(r -> r.name().equals(node) && inView(r.memberName()));
    }

    /**
     * Per cache on this node: clustering mode, availability, entries held here, and entries in the cluster
     * (counting those visits every owner: for operators, not for hot paths).
     */
    public List<CacheFacts> cacheFacts() {
        List<CacheFacts> facts = new ArrayList<>();
        for (Cache<String, ?> cache : caches.<String, Object>get(DataCache.watchedByMembership())) {
            AdvancedCache<String, ?> advanced = cache.getAdvancedCache();
            facts.add(new CacheFacts(cache.getName(), cache.getCacheConfiguration().clustering().cacheMode().name(),
                    advanced.getAvailability().name(), advanced.withFlags(Flag.CACHE_MODE_LOCAL).size(),
                    cache.size()));
        }
        return facts;
    }

    public record CacheFacts(String name, String mode, String availability, int localEntries, int clusterEntries) {
    }

    /** A read that a minority partition refuses; the view then shows what it can. */
    static <T> T orElse(Supplier<T> read, T fallback) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            return fallback;
        }
    }
}
