package org.facegrid.recognition;

import org.infinispan.protostream.annotations.ProtoFactory;
import org.infinispan.protostream.annotations.ProtoField;

/**
 * An entry of the {@code face-events} cache: a face was enrolled (with its person and descriptor) or removed.
 * Every node applies it to its gallery index.
 */
public final class FaceEvent {
    private final String faceId;
    private final String personId;
    private final byte[] descriptorBytes;
    private final boolean removed;

    @ProtoFactory
    public FaceEvent(String faceId, String personId, byte[] descriptorBytes, boolean removed) {
        this.faceId = faceId;
        this.personId = personId;
        this.descriptorBytes = descriptorBytes;
        this.removed = removed;
    }

    static FaceEvent enrolled(FaceTemplate template) {
        return new FaceEvent(template.faceId(), template.personId(), template.descriptorBytes(), false);
    }

    static FaceEvent removed(String faceId) {
        return new FaceEvent(faceId, null, null, true);
    }

    /** Not a face id ('*' is never one): every node rebuilds its index from the faces cache (after a restore). */
    static final String RESYNC = "*";

    static FaceEvent resync() {
        return new FaceEvent(RESYNC, null, null, false);
    }

    boolean isResync() {
        return RESYNC.equals(faceId);
    }

    @ProtoField(number = 1, required = true)
    public String faceId() {
        return faceId;
    }

    @ProtoField(number = 2)
    public String personId() {
        return personId;
    }

    @ProtoField(number = 3)
    public byte[] descriptorBytes() {
        return descriptorBytes;
    }

    @ProtoField(number = 4, defaultValue = "false")
    public boolean removed() {
        return removed;
    }
}
