package org.facegrid.cluster;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
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
 * starts (and again whenever the record goes missing, so a merge never forgets it), answers who is in the
 * cluster and who is primary, and says whether this node is ready for traffic.
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

    @Resource(lookup = "java:jboss/infinispan/cache/facegrid/faces")
    private Cache<String, byte[]> faces;

    @Resource(lookup = "java:jboss/infinispan/cache/facegrid/person-faces")
    private Cache<String, String> personFaces;

    @Resource(lookup = "java:jboss/infinispan/cache/facegrid/objects")
    private Cache<String, byte[]> objects;

    @Resource(lookup = "java:jboss/infinispan/cache/facegrid/face-events")
    private Cache<String, byte[]> faceEvents;

    private final NodeIdentity identity = NodeIdentity.fromSystemProperties();
    private volatile long startedAt;
    private volatile boolean started;

    @PostConstruct
    void start() {
        startedAt = System.currentTimeMillis();
        register();
        started = true;
        LOG.info(() -> "FaceGrid node " + identity.name() + " (" + identity.dataRole() + ") joined as "
                + cacheManager().getAddress() + "; view " + cacheManager().getMembers());
    }

    @PreDestroy
    void stop() {
        started = false;
        PrimaryRole.release(Duration.ofSeconds(10));
    }

    /**
     * Writes this node's record again if it is missing or out of date, e.g. after a partition merge kept the
     * other side's data. A timer, not a view-change listener: a cache write from Infinispan's notification
     * thread lacks the deployment's context, and WildFly then stores the entry in a form its iterators cannot
     * read.
     */
    @Schedule(hour = "*", minute = "*", second = "*/10", persistent = false)
    void keepRegistered() {
        if (!started) {
            return;
        }
        try {
            byte[] current = nodes.get(identity.name());
            String member = String.valueOf(cacheManager().getAddress());
            if (current == null || !member.equals(ProtoCodec.decode(current, NodeRecord.class).memberName())) {
                register();
            }
        } catch (RuntimeException e) {
            // A minority partition refuses reads and writes; the next tick tries again.
            LOG.log(Level.FINE, "could not refresh this node's record", e);
        }
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
        for (Cache<String, ?> cache : dataCaches()) {
            availability.put(cache.getName(), cache.getAdvancedCache().getAvailability().name());
        }
        boolean cachesAvailable = availability.values().stream().allMatch(AvailabilityMode.AVAILABLE.name()::equals);
        return new Readiness(started, inView, cachesAvailable, availability, manager.getMembers().size());
    }

    /**
     * Per cache on this node: clustering mode, availability, entries held here, and entries in the cluster
     * (counting those visits every owner: for operators, not for hot paths).
     */
    public List<CacheFacts> cacheFacts() {
        List<CacheFacts> facts = new ArrayList<>();
        for (Cache<String, ?> cache : dataCaches()) {
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
        String problem = null;
        try {
            CacheReads.allValues(nodes).forEach(bytes -> records.add(ProtoCodec.decode(bytes, NodeRecord.class)));
        } catch (RuntimeException e) {
            // The nodes cache refuses reads in a minority partition: show at least this node, and say why.
            LOG.log(Level.WARNING, "nodes cache unreadable, listing this node only", e);
            records.clear();
            records.add(ownRecord(true));
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
                    up ? "UP" : "DOWN", r.inRotation(), r.name().equals(identity.name()), owned, r.startedAt()));
        }
        statuses.sort(Comparator.comparing(NodeStatus::name));
        return new ClusterStatus(primary, statuses, members.size(), problem);
    }

    /** Writes this node's record, keeping the rotation flag an operator may have set. */
    private void register() {
        byte[] existing = nodes.get(identity.name());
        boolean inRotation = existing == null || ProtoCodec.decode(existing, NodeRecord.class).inRotation();
        nodes.put(identity.name(), ProtoCodec.encode(ownRecord(inRotation)));
    }

    private NodeRecord ownRecord(boolean inRotation) {
        return new NodeRecord(identity.name(), identity.url(), identity.dataRole(),
                String.valueOf(cacheManager().getAddress()), startedAt, inRotation);
    }

    private List<Cache<String, ?>> dataCaches() {
        return List.of(persons, externalIds, faces, personFaces, objects, faceEvents, nodes);
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
}
