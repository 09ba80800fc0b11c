package org.facegrid.storage;

import org.infinispan.protostream.annotations.ProtoFactory;
import org.infinispan.protostream.annotations.ProtoField;

/**
 * What the {@code objects} cache records about a stored object: its type, size, sha-256 (hex), when and on
 * which node it was written. The bytes themselves live in the object store's files.
 */
public final class ObjectRecord {
    public static final int SCHEMA_VERSION = 1;

    private final String key;
    private final String contentType;
    private final long size;
    private final String sha256;
    private final long createdAt;
    private final String node;
    private final int schemaVersion;

    @ProtoFactory
    public ObjectRecord(String key, String contentType, long size, String sha256, long createdAt, String node,
                        int schemaVersion) {
        this.key = key;
        this.contentType = contentType;
        this.size = size;
        this.sha256 = sha256;
        this.createdAt = createdAt;
        this.node = node;
        this.schemaVersion = schemaVersion;
    }

    @ProtoField(number = 1, required = true)
    public String key() {
        return key;
    }

    @ProtoField(number = 2, required = true)
    public String contentType() {
        return contentType;
    }

    @ProtoField(number = 3, defaultValue = "0")
    public long size() {
        return size;
    }

    @ProtoField(number = 4, required = true)
    public String sha256() {
        return sha256;
    }

    /** Milliseconds since the epoch. */
    @ProtoField(number = 5, defaultValue = "0")
    public long createdAt() {
        return createdAt;
    }

    /** The node whose disk holds the bytes. */
    @ProtoField(number = 6)
    public String node() {
        return node;
    }

    @ProtoField(number = 7, defaultValue = "1")
    public int schemaVersion() {
        return schemaVersion;
    }
}
