package org.facegrid.cluster;

import org.infinispan.protostream.annotations.ProtoFactory;
import org.infinispan.protostream.annotations.ProtoField;

/** One change of a node's rotation state, as the primary logged it (message id and reason included). */
public final class HealthTransition {
    private final long at;
    private final String messageId;
    private final String from;
    private final String to;
    private final String reason;

    @ProtoFactory
    public HealthTransition(long at, String messageId, String from, String to, String reason) {
        this.at = at;
        this.messageId = messageId;
        this.from = from;
        this.to = to;
        this.reason = reason;
    }

    @ProtoField(number = 1, defaultValue = "0")
    public long at() {
        return at;
    }

    @ProtoField(number = 2)
    public String messageId() {
        return messageId;
    }

    @ProtoField(number = 3)
    public String from() {
        return from;
    }

    @ProtoField(number = 4)
    public String to() {
        return to;
    }

    @ProtoField(number = 5)
    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return messageId + ": " + from + " -> " + to + " (" + reason + ")";
    }
}
