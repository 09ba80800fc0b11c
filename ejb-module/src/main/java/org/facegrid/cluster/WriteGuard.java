package org.facegrid.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.facegrid.problem.WritesRefusedException;
import org.facegrid.store.CacheOf;
import org.facegrid.store.DataCache;
import org.infinispan.Cache;
import org.infinispan.distribution.DistributionManager;
import org.infinispan.manager.EmbeddedCacheManager;
import org.infinispan.remoting.transport.Address;
import org.infinispan.topology.CacheTopology;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every write of persons, faces, objects and settings asks this first ({@link #ensureWritable()}): the rules of
 * {@link WriteQuorum} on this side's view, and no merge under way. The node records are read at most every
 * {@value #RECORDS_MAX_AGE_MS} ms; the view and the caches' topologies are read on every call, so a node that
 * leaves counts at once.
 *
 * <p>Why a merge refuses writes: after a partition heals, Infinispan's conflict resolution reads every replica
 * of a segment and then writes the preferred partition's value (or a removal) to all of them, unconditionally. A
 * write that lands between that read and that write is overwritten, so it would be acknowledged and then lost.
 * The phase lasts seconds: a write waits for its end, up to {@value #MERGE_WAIT_MS} ms, before it is refused.
 */
@ApplicationScoped
public class WriteGuard {
    static final long RECORDS_MAX_AGE_MS = 2_000;
    static final long MERGE_WAIT_MS = 30_000;

    @Inject
    @CacheOf(DataCache.NODES)
    private Cache<String, byte[]> nodes;

    private volatile List<NodeRecord> records;
    private volatile long recordsReadAt;

    public WriteGuard() {
    }

    /** On a given node registry (tests run the services on a local cache manager). */
    public WriteGuard(Cache<String, byte[]> nodes) {
        this.nodes = nodes;
    }

    public WriteQuorum.Decision decide() {
        return decide(quorum());
    }

    /** {@code quorum} (this side's {@link #quorum()}), held back while a merge's conflict resolution runs. */
    public WriteQuorum.Decision decide(WriteQuorum.Decision quorum) {
        if (!quorum.writable()) {
            return quorum;
        }
        String merging = cacheInConflictResolution();
        return merging == null ? quorum : new WriteQuorum.Decision(false, true, "the cluster is merging after a "
                + "network partition (conflict resolution in cache " + merging + "): a write sent now waits until it "
                + "ends, up to " + MERGE_WAIT_MS / 1000 + " s");
    }

    /** The rules of {@link WriteQuorum} on this side's view (whether this side may write at all, merges aside). */
    public WriteQuorum.Decision quorum() {
        List<NodeRecord> known = records();
        if (known == null) {
            return new WriteQuorum.Decision(false, "the node registry has not been readable on this side yet");
        }
        return WriteQuorum.decide(known, view(), PrimaryPreference.current());
    }

    /** A running cache of this container whose topology is in the conflict-resolution phase, or null. */
    private String cacheInConflictResolution() {
        EmbeddedCacheManager manager = nodes.getCacheManager();
        for (String name : manager.getCacheNames()) {
            if (!manager.isRunning(name)) {
                continue;
            }
            DistributionManager distribution = manager.getCache(name, false).getAdvancedCache().getDistributionManager();
            CacheTopology topology = distribution == null ? null : distribution.getCacheTopology();
            if (topology != null && topology.getPhase() == CacheTopology.Phase.CONFLICT_RESOLUTION) {
                return name;
            }
        }
        return null;
    }

    /** The member names of this side's view. */
    Set<String> view() {
        List<Address> members = nodes.getCacheManager().getMembers();
        return members == null ? Set.of() // a local, unclustered cache manager: no other node to wait for
                : members.stream().map(Address::toString).collect(Collectors.toSet());
    }

    /**
     * Waits out a merge (up to {@value #MERGE_WAIT_MS} ms: conflict resolution takes seconds), so clients see a
     * slower answer rather than a refusal.
     *
     * @throws WritesRefusedException (503) when this side may not write now
     */
    public void ensureWritable() {
        long deadline = System.currentTimeMillis() + MERGE_WAIT_MS;
        // only a side that may write waits: a refusal by the quorum rules is answered at once
        while (quorum().writable() && cacheInConflictResolution() != null && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        WriteQuorum.Decision decision = decide();
        if (!decision.writable()) {
            throw new WritesRefusedException(decision.reason());
        }
    }

    /**
     * The node records, read again when older than {@value #RECORDS_MAX_AGE_MS} ms; while the registry cannot be
     * read (a degraded side), the last ones read: who the data nodes are does not change because some are away.
     * Null before the first successful read.
     */
    List<NodeRecord> records() {
        long now = System.currentTimeMillis();
        if (records == null || now - recordsReadAt > RECORDS_MAX_AGE_MS) {
            try {
                records = NodeRecord.readAll(nodes);
                recordsReadAt = now;
            } catch (RuntimeException unavailable) {
                // keep the last known records
            }
        }
        return records;
    }
}
