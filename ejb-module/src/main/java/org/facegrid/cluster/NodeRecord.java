package org.facegrid.cluster;

import org.infinispan.protostream.annotations.ProtoFactory;
import org.infinispan.protostream.annotations.ProtoField;

/**
 * What a node says about itself in the {@code nodes} cache, so every node can list the cluster, including
 * nodes that are down (they stay recorded and are shown DOWN).
 */
public final class NodeRecord {
    private final String name;
    private final String url;
    private final String dataRole;
    private final String memberName;
    private final long startedAt;
    private final boolean inRotation;

    @ProtoFactory
    public NodeRecord(String name, String url, String dataRole, String memberName, long startedAt, boolean inRotation) {
        this.name = name;
        this.url = url;
        this.dataRole = dataRole;
        this.memberName = memberName;
        this.startedAt = startedAt;
        this.inRotation = inRotation;
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

    /** Whether traffic may be sent to the node; operators take nodes out of rotation. */
    @ProtoField(number = 6, defaultValue = "true")
    public boolean inRotation() {
        return inRotation;
    }
}
