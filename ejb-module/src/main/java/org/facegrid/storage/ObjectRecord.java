package org.facegrid.storage;

import org.infinispan.protostream.annotations.ProtoFactory;
import org.infinispan.protostream.annotations.ProtoField;

import java.util.List;

/**
 * What the {@code objects} cache records about a stored object: its type, size, sha-256 (hex), when and on
 * which node it was written, and in local mode which data nodes hold it ({@code holders}) and which should
 * ({@code homes}; they differ while a home is down and another node stands in). The bytes live in files.
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
    private final String holders;
    private final String homes;

    @ProtoFactory
    public ObjectRecord(String key, String contentType, long size, String sha256, long createdAt, String node,
                        int schemaVersion, String holders, String homes) {
        this.key = key;
        this.contentType = contentType;
        this.size = size;
        this.sha256 = sha256;
        this.createdAt = createdAt;
        this.node = node;
        this.schemaVersion = schemaVersion;
        this.holders = holders == null ? "" : holders;
        this.homes = homes == null ? "" : homes;
    }

    /** A record of an object just written by {@code node}, held by {@code holders}, meant for {@code homes}. */
    public static ObjectRecord of(String key, String contentType, byte[] bytes, String node, List<String> holders,
                                  List<String> homes) {
        return new ObjectRecord(key, contentType, bytes.length, Checksums.sha256(bytes), System.currentTimeMillis(),
                node, SCHEMA_VERSION, String.join(",", holders), String.join(",", homes));
    }

    /** The same object, now held by {@code holders}. */
    public ObjectRecord heldBy(List<String> holders, List<String> homes) {
        return new ObjectRecord(key, contentType, size, sha256, createdAt, node, schemaVersion,
                String.join(",", holders), String.join(",", homes));
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

    /** The data nodes whose disks hold the bytes, comma-separated (empty in shared mode). */
    @ProtoField(number = 8)
    public String holders() {
        return holders;
    }

    /** The data nodes that should hold the bytes, comma-separated (empty in shared mode). */
    @ProtoField(number = 9)
    public String homes() {
        return homes;
    }

    public List<String> holderList() {
        return split(holders);
    }

    public List<String> homeList() {
        return split(homes);
    }

    private static List<String> split(String names) {
        return names.isEmpty() ? List.of() : List.of(names.split(","));
    }
}
