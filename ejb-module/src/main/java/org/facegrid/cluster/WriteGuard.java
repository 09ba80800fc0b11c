package org.facegrid.cluster;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import org.facegrid.problem.WritesRefusedException;
import org.infinispan.Cache;
import org.infinispan.remoting.transport.Address;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every write of persons, faces, objects and settings asks this first ({@link #ensureWritable()}): the rules of
 * {@link WriteQuorum} on this side's view. The node records are read at most every {@value #RECORDS_MAX_AGE_MS}
 * ms; the view is read on every call, so a node that leaves counts at once.
 */
@ApplicationScoped
public class WriteGuard {
    static final long RECORDS_MAX_AGE_MS = 2_000;

    @Resource(lookup = "java:jboss/infinispan/cache/facegrid/nodes")
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
        List<NodeRecord> known = records();
        if (known == null) {
            return new WriteQuorum.Decision(false, "the node registry has not been readable on this side yet");
        }
        return WriteQuorum.decide(known, view(), PrimaryPreference.current());
    }

    /** The member names of this side's view. */
    Set<String> view() {
        List<Address> members = nodes.getCacheManager().getMembers();
        return members == null ? Set.of() // a local, unclustered cache manager: no other node to wait for
                : members.stream().map(Address::toString).collect(Collectors.toSet());
    }

    /** @throws WritesRefusedException (503) when this side may not write now */
    public void ensureWritable() {
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
