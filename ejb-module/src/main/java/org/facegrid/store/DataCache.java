package org.facegrid.store;

import java.util.Arrays;
import java.util.List;

/**
 * Every cache of the facegrid cache container, defined once: its name, how it is kept, and whether a backup
 * holds it. {@code cli/facegrid-profile.cli} creates exactly these (DataCacheProfileTest checks it at build
 * time), {@link DataCaches} gives them to the code, membership watches them and the backup saves the ones marked.
 *
 * <p>The order of the backed-up caches is the order a backup writes them in: a checkpoint counts blocks along
 * it, so it never changes for existing caches (a new one goes at the end).
 */
public enum DataCache {
    SETTINGS("settings", Kind.DISTRIBUTED_PERSISTED, true, "setting name -> value, cluster-wide"),
    PERSONS("persons", Kind.DISTRIBUTED_PERSISTED, true, "id -> person"),
    PERSON_EXTERNAL_IDS("person-external-ids", Kind.DISTRIBUTED_PERSISTED, true,
            "externalId -> person id, the uniqueness index"),
    FACES("faces", Kind.DISTRIBUTED_PERSISTED, true, "face id -> face template"),
    PERSON_FACES("person-faces", Kind.DISTRIBUTED_PERSISTED, true, "person id/slot -> face id"),
    EVENTS("events", Kind.DISTRIBUTED_PERSISTED, true, "event id -> a recorded recognition"),
    EVENT_INDEX("event-index", Kind.DISTRIBUTED_PERSISTED, true, "index key -> the ids of one hour of events"),
    OBJECTS("objects", Kind.DISTRIBUTED_PERSISTED, true, "object key -> where the object is, its size, type, sha-256"),
    NODES("nodes", Kind.DISTRIBUTED_PERSISTED, false, "node name -> what the node says about itself"),
    JOBS("jobs", Kind.DISTRIBUTED_PERSISTED, false, "job id -> the job's record; the cluster's job lock"),
    NODE_HEALTH("node-health", Kind.REPLICATED_MEMORY, false, "the primary's health checks of every node"),
    FACE_EVENTS("face-events", Kind.REPLICATED_MEMORY, false,
            "a short-lived log of enrolments and deletions every node applies to its matcher"),
    WEBHOOK_DELIVERIES("webhook-deliveries", Kind.REPLICATED_MEMORY, false,
            "the latest alert webhook deliveries: when, where, attempts, outcome");

    /** How a cache is kept. */
    public enum Kind {
        /** Distributed over the data nodes (owners copies), in each node's file store, partition-safe. */
        DISTRIBUTED_PERSISTED,
        /** On every node, in memory only: what it holds is rebuilt or short-lived. */
        REPLICATED_MEMORY
    }

    public static final String JNDI_PREFIX = "java:jboss/infinispan/cache/facegrid/";

    private final String cacheName;
    private final Kind kind;
    private final boolean backedUp;
    private final String holds;

    DataCache(String cacheName, Kind kind, boolean backedUp, String holds) {
        this.cacheName = cacheName;
        this.kind = kind;
        this.backedUp = backedUp;
        this.holds = holds;
    }

    public String cacheName() {
        return cacheName;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether a backup holds it and a restore rewrites it: the cluster's data, not its running state. */
    public boolean backedUp() {
        return backedUp;
    }

    public String holds() {
        return holds;
    }

    /** The caches a backup holds, in the order it writes them. */
    public static List<DataCache> backedUpCaches() {
        return Arrays.stream(values()).filter(DataCache::backedUp).toList();
    }

    /**
     * The caches a node's readiness waits on and its rejoin sweep cleans: all but node-health, which the
     * primary rewrites at every check, and webhook-deliveries, a log for people: no request depends on them.
     */
    public static List<DataCache> watchedByMembership() {
        return Arrays.stream(values()).filter(c -> c != NODE_HEALTH && c != WEBHOOK_DELIVERIES).toList();
    }
}
