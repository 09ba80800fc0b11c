package org.facegrid.recognition;

import org.infinispan.protostream.annotations.ProtoFactory;
import org.infinispan.protostream.annotations.ProtoField;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An enrolled face, as stored in the {@code faces} cache: whose it is, its 128-d descriptor (little-endian
 * float32 bytes), where it was in the enrolment photo, how good it was, the key of its aligned crop in the
 * object store, and the person-faces slot it holds.
 */
public final class FaceTemplate {
    public static final int SCHEMA_VERSION = 1;

    private final String faceId;
    private final String personId;
    private final byte[] descriptorBytes;
    private final float x;
    private final float y;
    private final float width;
    private final float height;
    private final float score;
    private final float quality;
    private final String imageKey;
    private final int slot;
    private final long createdAt;
    private final int schemaVersion;

    @ProtoFactory
    public FaceTemplate(String faceId, String personId, byte[] descriptorBytes, float x, float y, float width,
                        float height, float score, float quality, String imageKey, int slot, long createdAt,
                        int schemaVersion) {
        this.faceId = faceId;
        this.personId = personId;
        this.descriptorBytes = descriptorBytes;
        this.x = x;
        this.y = y;
        this.width = width;
        this.height = height;
        this.score = score;
        this.quality = quality;
        this.imageKey = imageKey;
        this.slot = slot;
        this.createdAt = createdAt;
        this.schemaVersion = schemaVersion;
    }

    @ProtoField(number = 1, required = true)
    public String faceId() {
        return faceId;
    }

    @ProtoField(number = 2, required = true)
    public String personId() {
        return personId;
    }

    @ProtoField(number = 3, required = true)
    public byte[] descriptorBytes() {
        return descriptorBytes;
    }

    @ProtoField(number = 4, defaultValue = "0")
    public float x() {
        return x;
    }

    @ProtoField(number = 5, defaultValue = "0")
    public float y() {
        return y;
    }

    @ProtoField(number = 6, defaultValue = "0")
    public float width() {
        return width;
    }

    @ProtoField(number = 7, defaultValue = "0")
    public float height() {
        return height;
    }

    @ProtoField(number = 8, defaultValue = "0")
    public float score() {
        return score;
    }

    @ProtoField(number = 9, defaultValue = "0")
    public float quality() {
        return quality;
    }

    @ProtoField(number = 10)
    public String imageKey() {
        return imageKey;
    }

    @ProtoField(number = 11, defaultValue = "0")
    public int slot() {
        return slot;
    }

    /** Milliseconds since the epoch. */
    @ProtoField(number = 12, defaultValue = "0")
    public long createdAt() {
        return createdAt;
    }

    @ProtoField(number = 13, defaultValue = "1")
    public int schemaVersion() {
        return schemaVersion;
    }

    public float[] descriptor() {
        return descriptor(descriptorBytes);
    }

    static float[] descriptor(byte[] descriptorBytes) {
        ByteBuffer buffer = ByteBuffer.wrap(descriptorBytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[descriptorBytes.length / 4];
        for (int i = 0; i < values.length; i++) {
            values[i] = buffer.getFloat();
        }
        return values;
    }

    public static byte[] descriptorBytes(float[] descriptor) {
        ByteBuffer buffer = ByteBuffer.allocate(descriptor.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : descriptor) {
            buffer.putFloat(v);
        }
        return buffer.array();
    }
}
