package org.facegrid.cluster;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.facegrid.problem.ConflictException;
import org.facegrid.problem.NotFoundException;
import org.facegrid.store.ProtoCodec;
import org.infinispan.AdvancedCache;
import org.infinispan.Cache;
import org.infinispan.context.Flag;
import org.infinispan.distribution.ch.ConsistentHash;
import org.infinispan.manager.EmbeddedCacheManager;
import org.infinispan.partitionhandling.AvailabilityMode;
import org.infinispan.remoting.transport.Address;
import org.infinispan.topology.CacheTopology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
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
@DependsOn("GalleryIndex") // the index has loaded every face before a rejoin sweep can drop stale ones
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

    @Resource(lookup = "java:jboss/infinispan/cache/facegrid/events")
    private Cache<String, byte[]> events;

    @Resource(lookup = "java:jboss/infinispan/cache/facegrid/event-index")
    private Cache<String, String> eventIndex;

    @Resource(lookup = "java:jboss/infinispan/cache/facegrid/jobs")
    private Cache<String, String> jobs;

    /** Operators' rotation switches ({@value #DISABLED_PREFIX}NAME = "true"), among the cluster-wide settings. */
    @Resource(lookup = "java:jboss/infinispan/cache/facegrid/settings")
    private Cache<String, String> settings;

    /** The primary's health checks of every node ({@link NodeHealthMonitor}). */
    @Resource(lookup = "java:jboss/infinispan/cache/facegrid/node-health")
    private Cache<String, byte[]> nodeHealth;

    static final String DISABLED_PREFIX = "rotation.disabled.";
    private static final Duration SWEEP_TIMEOUT = Duration.ofMinutes(5);

    @Inject
    WriteGuard writes;

    @Inject
    Event<StaleEntriesRemoved> staleEntriesRemoved;

    @Resource
    private ManagedExecutorService executor;

    private final NodeIdentity identity = NodeIdentity.fromSystemProperties();
    private final HealthPolicy policy = HealthPolicy.fromSystemProperties();
    private final String version = FacegridVersion.get();
    private volatile long startedAt;
    private volatile boolean started;
    /** False until a node that joined a running cluster has swept its stale entries ({@link RejoinSweep}). */
    private volatile boolean caughtUp;

    @PostConstruct
    void start() {
        startedAt = System.currentTimeMillis();
        PrimaryPreference.refresh(settings);
        register();
        started = true;
        boolean joinedRunningCluster = !cacheManager().isCoordinator();
        LOG.info(() -> "FaceGrid node " + identity.name() + " (" + identity.dataRole() + ") joined as "
                + cacheManager().getAddress() + "; view " + cacheManager().getMembers());
        if (joinedRunningCluster) {
            sweepStaleEntries();
        } else {
            caughtUp = true;
        }
    }

    /**
     * Once each cache has settled, takes the other owners' copy wherever this node's own store brought back
     * something the cluster changed or deleted while the node was away; not ready until every cache is done.
     * The caches are swept side by side: a sweep asks the owners for one segment at a time, so each takes
     * seconds even when nearly empty.
     */
    private void sweepStaleEntries() {
        long begin = System.nanoTime();
        List<Cache<String, ?>> caches = dataCaches();
        AtomicInteger left = new AtomicInteger(caches.size());
        Queue<String> timings = new ConcurrentLinkedQueue<>();
        for (Cache<String, ?> cache : caches) {
            executor.submit(() -> {
                long cacheBegin = System.nanoTime();
                sweepStaleEntries(cache);
                timings.add(cache.getName() + " " + (System.nanoTime() - cacheBegin) / 1_000_000 + " ms");
                if (left.decrementAndGet() == 0) {
                    caughtUp = true;
                    LOG.info(() -> String.format("FGCLU016: rejoin sweep done in %d ms (%s)",
                            (System.nanoTime() - begin) / 1_000_000, String.join(", ", timings)));
                }
            });
        }
    }

    private void sweepStaleEntries(Cache<String, ?> cache) {
        @SuppressWarnings("unchecked")
        AdvancedCache<Object, Object> advanced = (AdvancedCache<Object, Object>) (AdvancedCache<?, ?>) cache.getAdvancedCache();
        long deadline = System.nanoTime() + SWEEP_TIMEOUT.toNanos();
        RuntimeException lastError = null;
        try {
            while (started) {
                try {
                    if (settled(advanced, cacheManager().getMembers())
                            && advanced.getAvailability() == AvailabilityMode.AVAILABLE) {
                        report(RejoinSweep.sweep(advanced));
                        return;
                    }
                } catch (RuntimeException e) {
                    lastError = e; // a rebalance began under it: try again once settled
                }
                if (System.nanoTime() > deadline) {
                    LOG.log(Level.WARNING, "FGCLU015: rejoin sweep gave up on " + cache.getName() + " after "
                            + SWEEP_TIMEOUT.toSeconds() + " s; stale entries may remain here", lastError);
                    return;
                }
                Thread.sleep(500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void report(RejoinSweep.Result result) {
        if (result.differing() > 0) {
            LOG.info(() -> "FGCLU014: rejoin sweep of " + result.cache() + ": " + result.differing()
                    + " entries differ among owners; " + result.removed().size() + " deleted while this node was "
                    + "away dropped here, " + result.replaced() + " changed meanwhile replaced here");
        }
        if (!result.removed().isEmpty()) {
            staleEntriesRemoved.fire(new StaleEntriesRemoved(result.cache(), result.removed()));
        }
    }

    @PreDestroy
    void stop() {
        started = false;
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
            byte[] current = nodes.get(identity.name());
            NodeRecord own = ownRecord();
            NodeRecord recorded = current == null ? null : ProtoCodec.decode(current, NodeRecord.class);
            if (recorded == null || !own.memberName().equals(recorded.memberName()) || !own.url().equals(recorded.url())
                    || own.reportedAt() - recorded.reportedAt() >= policy.reportEvery().toMillis()) {
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

    /** Whether this node holds the primary role now. */
    public boolean isPrimary() {
        return PrimaryRole.isLocal();
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
        List<String> unsettled = new ArrayList<>();
        for (Cache<String, ?> cache : dataCaches()) {
            AdvancedCache<String, ?> advanced = cache.getAdvancedCache();
            availability.put(cache.getName(), advanced.getAvailability().name());
            if (!settled(advanced, manager.getMembers())) {
                unsettled.add(cache.getName());
            }
        }
        boolean cachesAvailable = availability.values().stream().allMatch(AvailabilityMode.AVAILABLE.name()::equals);
        return new Readiness(started, caughtUp, inView, cachesAvailable, availability, unsettled, manager.getMembers().size(),
                isEnabledOrUnknown(), identity.takesTraffic(), writes.decide());
    }

    /**
     * A cache is settled when its topology has every member of the view and no rebalance or conflict resolution
     * runs. Restarting another node before that (a rolling restart) makes its initial state transfer wait for the
     * one under way and time out.
     */
    private static boolean settled(AdvancedCache<?, ?> cache, List<Address> view) {
        CacheTopology topology = cache.getDistributionManager().getCacheTopology();
        return topology.getPhase() == CacheTopology.Phase.NO_REBALANCE
                && topology.getMembers().size() == view.size() && topology.getMembers().containsAll(view);
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
            records.addAll(nodeRecords());
        } catch (RuntimeException e) {
            // The nodes cache refuses reads in a minority partition: show at least this node, and say why.
            LOG.log(Level.WARNING, "nodes cache unreadable, listing this node only", e);
            records.clear();
            records.add(ownRecord());
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
                    up ? "UP" : "DOWN", orElse(() -> isEnabled(r.name()), true), orElse(() -> health(r.name()), null),
                    r.name().equals(identity.name()),
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

    /** Every node's status report, as recorded (nodes that are down included). */
    public List<NodeRecord> nodeRecords() {
        return NodeRecord.readAll(nodes);
    }

    /** The primary's latest health checks of a node; null before the first. */
    public NodeHealth health(String node) {
        byte[] bytes = nodeHealth.get(node);
        return bytes == null ? null : ProtoCodec.decode(bytes, NodeHealth.class);
    }

    /** Whether operators leave the node in rotation ({@code facegrid server-status}); true unless disabled. */
    public boolean isEnabled(String node) {
        return !"true".equals(settings.get(DISABLED_PREFIX + node));
    }

    /**
     * Puts a node into rotation or takes it out. Its readiness follows at once (external balancers see it
     * DOWN), and the primary's balancer stops sending to it. Taking out the last enabled node of the cluster
     * needs {@code force}: nothing would be left to answer.
     *
     * @throws NotFoundException no such node
     * @throws ConflictException the last enabled node, without force
     */
    public void setEnabled(String node, boolean enabled, boolean force) {
        writes.ensureWritable();
        List<NodeRecord> records = nodeRecords();
        recordOf(node, records);
        if (!enabled && !force && records.stream().noneMatch(r -> !r.name().equals(node) && isEnabled(r.name()))) {
            throw new ConflictException("last_enabled_node", "'" + node + "' is the last node in rotation; taking it "
                    + "out leaves nothing to answer requests. Send force=true (facegrid server-status --force) to do "
                    + "it anyway", Map.of("node", node));
        }
        if (enabled) {
            settings.remove(DISABLED_PREFIX + node);
        } else {
            settings.put(DISABLED_PREFIX + node, "true");
        }
        LOG.info(() -> (enabled ? "FGCLU020: node " + node + " enabled by an operator (back into rotation)"
                : "FGCLU021: node " + node + " disabled by an operator (out of rotation)"));
    }

    /**
     * Forgets a node that left ({@code facegrid leave}): its status record, health checks and rotation switch.
     * It no longer counts among the data nodes when writes are decided.
     *
     * @throws NotFoundException no such node
     * @throws ConflictException the node is still in the cluster
     */
    public void forget(String node) {
        writes.ensureWritable();
        if (inView(recordOf(node, nodeRecords()).memberName())) {
            throw new ConflictException("node_running", "'" + node + "' is still in the cluster; stop it first "
                    + "(facegrid leave does both)", Map.of("node", node));
        }
        nodes.remove(node);
        nodeHealth.remove(node);
        settings.remove(DISABLED_PREFIX + node);
        LOG.info(() -> "FGCLU044: node " + node + " left the cluster and is forgotten");
    }

    /** The cluster's load balancing mode; the default while the settings cannot be read. */
    public BalancerMode balancerMode() {
        return orElse(() -> BalancerMode.parse(settings.get(BalancerMode.SETTING)).orElse(BalancerMode.DEFAULT),
                BalancerMode.DEFAULT);
    }

    public void setBalancerMode(BalancerMode mode) {
        writes.ensureWritable();
        settings.put(BalancerMode.SETTING, mode.label());
        LOG.info(() -> "FGCLU043: load balancing mode set to " + mode.label());
    }

    /**
     * Hands the primary role to a data node in the view: records the choice as the cluster's preference (kept
     * until moved again; it also makes that node "the first" of a two-node cluster), and the current primary
     * stands down within a second or two ({@link PrimaryHandover}).
     *
     * @throws NotFoundException no such node
     * @throws ConflictException a simple node (it holds no data), or a node that is not in the cluster now
     */
    public void movePrimary(String node) {
        writes.ensureWritable();
        NodeRecord target = recordOf(node, nodeRecords());
        if (NodeIdentity.SIMPLE.equals(target.dataRole())) {
            throw new ConflictException("not_a_data_node", "'" + node + "' is a simple node: it holds no data and "
                    + "cannot be primary; choose a redundant or data-only node", Map.of("node", node));
        }
        if (!inView(target.memberName())) {
            throw new ConflictException("node_down", "'" + node + "' is not in the cluster now; the primary role "
                    + "can only move to a running node", Map.of("node", node));
        }
        settings.put(PrimaryPreference.SETTING, node);
        PrimaryPreference.set(node);
        LOG.info(() -> "FGCLU041: an operator moves the primary role to " + node);
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
        return nodeRecords().stream().anyMatch(r -> r.name().equals(node) && inView(r.memberName()));
    }

    /** @throws NotFoundException no record of that node */
    private static NodeRecord recordOf(String node, List<NodeRecord> records) {
        return records.stream().filter(r -> r.name().equals(node)).findFirst()
                .orElseThrow(() -> new NotFoundException("node", node));
    }

    /** Writes this node's status report. */
    private void register() {
        nodes.put(identity.name(), ProtoCodec.encode(ownRecord()));
    }

    private NodeRecord ownRecord() {
        return new NodeRecord(identity.name(), identity.url(), identity.dataRole(),
                String.valueOf(cacheManager().getAddress()), startedAt, version, System.currentTimeMillis());
    }

    private List<Cache<String, ?>> dataCaches() {
        return List.of(persons, externalIds, faces, personFaces, objects, events, eventIndex, faceEvents, nodes, settings,
                jobs);
    }

    private EmbeddedCacheManager cacheManager() {
        return nodes.getCacheManager();
    }

    /**
     * Whether this node should receive traffic, and why not. Writes refused on this side leave the node ready:
     * it still serves reads and recognition. A data-only node is never ready: balancers send it nothing.
     */
    public record Readiness(boolean deployed, boolean caughtUp, boolean inView, boolean cachesAvailable,
                            Map<String, String> cacheAvailability, List<String> unsettledCaches, int viewSize,
                            boolean enabled, boolean takesTraffic, WriteQuorum.Decision writes) {
        /** Healthy as a cluster member, whatever its role. */
        public boolean healthy() {
            return deployed && caughtUp && inView && cachesAvailable;
        }

        public boolean ready() {
            return healthy() && enabled && takesTraffic;
        }
    }

    /** This node's switch; when the settings cannot be read (a minority partition) the caches say DOWN already. */
    private boolean isEnabledOrUnknown() {
        return orElse(() -> isEnabled(identity.name()), true);
    }

    /** A read that a minority partition refuses; the view then shows what it can. */
    private static <T> T orElse(java.util.function.Supplier<T> read, T fallback) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            return fallback;
        }
    }
}
