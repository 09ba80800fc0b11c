package org.facegrid.cluster;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.facegrid.store.CacheReads;
import org.facegrid.store.ProtoCodec;
import org.infinispan.AdvancedCache;
import org.infinispan.Cache;
import org.infinispan.context.Flag;
import org.infinispan.distribution.ch.ConsistentHash;
import org.infinispan.manager.EmbeddedCacheManager;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachemanagerlistener.annotation.ViewChanged;
import org.infinispan.notifications.cachemanagerlistener.event.ViewChangedEvent;
import org.infinispan.partitionhandling.AvailabilityMode;
import org.infinispan.remoting.transport.Address;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * This node's place in the cluster: it records the node in the {@code nodes} cache when the application
 * starts (and again after every view change, so a merge never forgets it), answers who is in the cluster
 * and who is primary, and says whether this node is ready for traffic.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ClusterMembership {
    private static final Logger LOG = Logger.getLogger(ClusterMembership.class.getName());

    @Resource(lookup = "java:jboss/infinispan/cache/facegrid/nodes")
    private Cache<String, byte[]> nodes;

    @Resource(lookup = "java:jboss/infinispan/cache/facegrid/persons")
    private Cache<String, byte[]> persons;

    @Resource(lookup = "java:jboss/infinispan/cache/facegrid/person-external-ids")
    private Cache<String, String> externalIds;

    private final NodeIdentity identity = NodeIdentity.fromSystemProperties();
    private final ViewListener viewListener = new ViewListener();
    private volatile long startedAt;
    private volatile boolean started;

    @PostConstruct
    void start() {
        startedAt = System.currentTimeMillis();
        cacheManager().addListener(viewListener);
        register();
        started = true;
        LOG.info(() -> "FaceGrid node " + identity.name() + " (" + identity.dataRole() + ") joined as "
                + cacheManager().getAddress() + "; view " + cacheManager().getMembers());
    }

    @PreDestroy
    void stop() {
        started = false;
        cacheManager().removeListener(viewListener);
        PrimaryRole.release(Duration.ofSeconds(10));
    }

    public NodeIdentity identity() {
        return identity;
    }

    /** True once the application has started on this node and registered it. */
    public boolean isStarted() {
        return started;
    }

    /** The facts readiness is decided on. */
    public Readiness readiness() {
        EmbeddedCacheManager manager = cacheManager();
        Address self = manager.getAddress();
        boolean inView = self != null && manager.getMembers() != null && manager.getMembers().contains(self);
        Map<String, String> availability = new LinkedHashMap<>();
        for (Cache<?, ?> cache : List.of(persons, externalIds, nodes)) {
            availability.put(cache.getName(), cache.getAdvancedCache().getAvailability().name());
        }
        boolean cachesAvailable = availability.values().stream().allMatch(AvailabilityMode.AVAILABLE.name()::equals);
        return new Readiness(started, inView, cachesAvailable, availability, manager.getMembers().size());
    }

    /** Per cache on this node: clustering mode, availability, entries held here, and entries in the cluster. */
    public List<CacheFacts> cacheFacts() {
        List<CacheFacts> facts = new ArrayList<>();
        for (Cache<String, ?> cache : List.<Cache<String, ?>>of(persons, externalIds, nodes)) {
            AdvancedCache<String, ?> advanced = cache.getAdvancedCache();
            facts.add(new CacheFacts(cache.getName(), cache.getCacheConfiguration().clustering().cacheMode().name(),
                    advanced.getAvailability().name(), advanced.withFlags(Flag.CACHE_MODE_LOCAL).size(),
                    cache.size()));
        }
        return facts;
    }

    public record CacheFacts(String name, String mode, String availability, int localEntries, int clusterEntries) {
    }

    public ClusterStatus status() {
        EmbeddedCacheManager manager = cacheManager();
        Map<String, Address> members = manager.getMembers().stream()
                .collect(Collectors.toMap(Address::toString, a -> a, (a, b) -> a));
        ConsistentHash ownership = persons.getAdvancedCache().getDistributionManager().getCacheTopology()
                .getWriteConsistentHash();
        String primaryMember = PrimaryRole.holder().orElse(null);
        List<NodeRecord> records = new ArrayList<>();
        try {
            CacheReads.allValues(nodes).forEach(bytes -> records.add(ProtoCodec.decode(bytes, NodeRecord.class)));
        } catch (RuntimeException e) {
            // The nodes cache refuses reads in a minority partition: show at least this node.
            LOG.log(Level.FINE, "nodes cache unreadable, listing this node only", e);
            records.clear();
            records.add(ownRecord());
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
                    up ? "UP" : "DOWN", r.inRotation(), r.name().equals(identity.name()), owned, r.startedAt()));
        }
        statuses.sort(Comparator.comparing(NodeStatus::name));
        return new ClusterStatus(primary, statuses, members.size());
    }

    private void register() {
        byte[] existing = nodes.get(identity.name());
        boolean inRotation = existing == null || ProtoCodec.decode(existing, NodeRecord.class).inRotation();
        NodeRecord record = new NodeRecord(identity.name(), identity.url(), identity.dataRole(),
                String.valueOf(cacheManager().getAddress()), startedAt, inRotation);
        nodes.put(identity.name(), ProtoCodec.encode(record));
    }

    private NodeRecord ownRecord() {
        return new NodeRecord(identity.name(), identity.url(), identity.dataRole(),
                String.valueOf(cacheManager().getAddress()), startedAt, true);
    }

    private EmbeddedCacheManager cacheManager() {
        return nodes.getCacheManager();
    }

    /** Whether this node should receive traffic, and why not. */
    public record Readiness(boolean deployed, boolean inView, boolean cachesAvailable,
                            Map<String, String> cacheAvailability, int viewSize) {
        public boolean ready() {
            return deployed && inView && cachesAvailable;
        }
    }

    @Listener(sync = false)
    public class ViewListener {
        @ViewChanged
        public void viewChanged(ViewChangedEvent event) {
            if (!started) {
                return;
            }
            try {
                register();
            } catch (RuntimeException e) {
                // A minority partition refuses writes; the record is written again at the next view change.
                LOG.log(Level.INFO, "could not re-register node after view change " + event.getNewMembers(), e);
            }
        }
    }
}
