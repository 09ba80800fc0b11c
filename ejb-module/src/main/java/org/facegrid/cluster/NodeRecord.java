package org.facegrid.cluster;

import org.facegrid.store.CacheReads;
import org.facegrid.store.ProtoCodec;
import org.infinispan.Cache;
import org.infinispan.protostream.annotations.ProtoFactory;
import org.infinispan.protostream.annotations.ProtoField;

import java.util.List;

/**
 * What a node says about itself in the {@code nodes} cache (its status report), so every node can list the
 * cluster, including nodes that are down (they stay recorded and are shown DOWN). Only the node itself writes it.
 */
public final class NodeRecord {
    private final String name;
    private final String url;
    private final String dataRole;
    private final String memberName;
    private final long startedAt;
    private final String version;
    private final long reportedAt;

    /** Every record in the node registry (the {@code nodes} cache), down nodes included. */
    static List<NodeRecord> readAll(Cache<String, byte[]> nodes) {
        return CacheReads.allValues(nodes).stream().map(bytes -> ProtoCodec.decode(bytes, NodeRecord.class)).toList();
    }

    @ProtoFactory
    public NodeRecord(String name, String url, String dataRole, String memberName, long startedAt, String version,
                      long reportedAt) {
        this.name = name;
        this.url = url;
        this.dataRole = dataRole;
        this.memberName = memberName;
        this.startedAt = startedAt;
        this.version = version;
        this.reportedAt = reportedAt;
    }

    @ProtoField(number = 1, required = true)
    public String name() {
        return name;
    }

    /** Base URL of the node's application port, e.g. {@code http://127.0.0.1:8180}. */
    @ProtoField(number = 2)
    public String url() {
        return url;
    }

    /** {@code redundant} (holds data) or {@code simple} (compute only). */
    @ProtoField(number = 3)
    public String dataRole() {
        return dataRole;
    }

    /** The node's name in the JGroups view, used to tell whether it is a member right now. */
    @ProtoField(number = 4)
    public String memberName() {
        return memberName;
    }

    @ProtoField(number = 5, defaultValue = "0")
    public long startedAt() {
        return startedAt;
    }

    // field 6 (an operator's rotation flag) moved to the settings cache: the node rewrites this record itself

    /** The FaceGrid version the node runs. */
    @ProtoField(number = 7)
    public String version() {
        return version;
    }

    /** When the node last reported its status (at start and every report interval). */
    @ProtoField(number = 8, defaultValue = "0")
    public long reportedAt() {
        return reportedAt;
    }
}
