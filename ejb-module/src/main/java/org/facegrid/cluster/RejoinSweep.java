package org.facegrid.cluster;

import org.infinispan.AdvancedCache;
import org.infinispan.conflict.ConflictManager;
import org.infinispan.conflict.ConflictManagerFactory;
import org.infinispan.container.entries.CacheEntry;
import org.infinispan.context.Flag;
import org.infinispan.encoding.DataConversion;
import org.infinispan.remoting.transport.Address;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Brings a node that rejoins a running cluster up to date with what the cluster changed while it was away.
 * <p>
 * A data node preloads its own file store when it starts; state transfer then sends it every entry the other
 * owners hold, but nothing tells it about entries they deleted meanwhile. Left alone, a person deleted while
 * the node was down comes back on it (it answers 200, and so does every node for which it is the primary
 * owner). Infinispan's answer, purging the store at every start, would lose everything when the whole cluster
 * restarts. So the rule: the node that starts a cluster (JGroups' coordinator) keeps its store; a node that
 * joins a running cluster defers to the other owners. After its caches settle, it compares its copy of every
 * entry it owns with the other owners' and, where they agree on another value (or on none), takes theirs,
 * on this node only.
 * <p>
 * A difference seen once may be a write still on its way to every owner, so each one is read again after a
 * pause and changed only when it is still the same. After a total outage, start the node that went down last
 * first: the nodes started later give way to it.
 */
final class RejoinSweep {
    /** Long enough for a write in flight to reach every owner; short next to a restart. */
    private static final Duration RECHECK_AFTER = Duration.ofSeconds(1);

    private RejoinSweep() {
    }

    /**
     * What this node found in one cache (entries whose owners disagree) and changed: the keys whose entries it
     * dropped, and how many it replaced.
     */
    record Result(String cache, int differing, Set<Object> removed, int replaced) {
    }

    /**
     * Takes the other owners' value wherever this node's copy differs from what they agree on.
     *
     * @throws IllegalStateException the cache is rebalancing (try again once it has settled)
     */
    static Result sweep(AdvancedCache<Object, Object> cache) throws InterruptedException {
        // the address as the cache's topology knows it (the container's may be another type)
        Address self = cache.getDistributionManager().getCacheTopology().getLocalAddress();
        ConflictManager<Object, Object> conflicts = ConflictManagerFactory.get(cache);
        DataConversion keys = cache.getKeyDataConversion();
        DataConversion values = cache.getValueDataConversion();
        List<Map<Address, CacheEntry<Object, Object>>> found;
        // collected before anything else runs: a stream left unfinished blocks every later getConflicts()
        try (Stream<Map<Address, CacheEntry<Object, Object>>> stream = conflicts.getConflicts()) {
            found = stream.toList();
        }
        Map<Object, Difference> differences = new LinkedHashMap<>();
        for (Map<Address, CacheEntry<Object, Object>> versions : found) {
            Map<Address, Object> byOwner = new HashMap<>();
            Object key = null;
            for (Map.Entry<Address, CacheEntry<Object, Object>> version : versions.entrySet()) {
                CacheEntry<Object, Object> entry = version.getValue();
                byOwner.put(version.getKey(), entry == null ? null : values.fromStorage(entry.getValue()));
                if (entry != null && entry.getKey() != null) {
                    key = keys.fromStorage(entry.getKey());
                }
            }
            Difference difference = Difference.of(byOwner, self);
            if (key != null && difference != null) {
                differences.put(key, difference);
            }
        }
        Set<Object> removed = new HashSet<>();
        int replaced = 0;
        if (differences.isEmpty()) {
            return new Result(cache.getName(), found.size(), removed, 0);
        }
        Thread.sleep(RECHECK_AFTER.toMillis());
        AdvancedCache<Object, Object> local = cache.withFlags(Flag.CACHE_MODE_LOCAL);
        for (Map.Entry<Object, Difference> candidate : differences.entrySet()) {
            Map<Address, Object> now = new HashMap<>();
            conflicts.getAllVersions(keys.toStorage(candidate.getKey())) // this API takes and gives storage form
                    .forEach((owner, value) -> now.put(owner, value == null ? null : values.fromStorage(value.getValue())));
            if (!candidate.getValue().sameAs(Difference.of(now, self))) {
                continue; // written meanwhile: the owners agree now, or disagree differently
            }
            Object theirs = candidate.getValue().theirs();
            if (theirs == null) {
                local.remove(candidate.getKey());
                removed.add(candidate.getKey());
            } else {
                local.put(candidate.getKey(), theirs);
                replaced++;
            }
        }
        return new Result(cache.getName(), found.size(), removed, replaced);
    }

    /** This node's value of an entry and the one every other owner agrees on (null: absent). */
    record Difference(Object mine, Object theirs) {
        /** Null unless this node is an owner, the others agree, and this node differs from them. */
        static Difference of(Map<Address, Object> values, Address self) {
            if (!values.containsKey(self) || values.size() < 2) {
                return null;
            }
            Object mine = values.get(self);
            Object theirs = null;
            boolean first = true;
            for (Map.Entry<Address, Object> other : values.entrySet()) {
                if (other.getKey().equals(self)) {
                    continue;
                }
                if (first) {
                    theirs = other.getValue();
                    first = false;
                } else if (!Objects.deepEquals(theirs, other.getValue())) {
                    return null; // the others disagree among themselves: not this node's call
                }
            }
            return Objects.deepEquals(mine, theirs) ? null : new Difference(mine, theirs);
        }

        boolean sameAs(Difference other) {
            return other != null && Objects.deepEquals(mine, other.mine) && Objects.deepEquals(theirs, other.theirs);
        }
    }
}
