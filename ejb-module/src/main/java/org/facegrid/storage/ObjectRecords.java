package org.facegrid.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.facegrid.store.CacheOf;
import org.facegrid.store.CacheReads;
import org.facegrid.store.DataCache;
import org.facegrid.store.ProtoCodec;
import org.infinispan.Cache;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The {@code objects} cache: where each object is (holders, homes), its type, size and checksum; and tombstones,
 * the deletes a holder that was down has not heard of yet.
 */
@ApplicationScoped
public class ObjectRecords {
    private static final Logger LOG = Logger.getLogger(ObjectRecords.class.getName());
    /** Tombstones share the records cache; '~' can start no object key. */
    static final String TOMBSTONE = "~deleted/";

    @Inject
    @CacheOf(DataCache.OBJECTS)
    private Cache<String, byte[]> records;

    ObjectRecords() {
    }

    /** On a given cache (tests run the store on a local cache manager). */
    ObjectRecords(Cache<String, byte[]> records) {
        this.records = records;
    }

    public Optional<ObjectRecord> find(String key) {
        byte[] bytes = records.get(key);
        return bytes == null ? Optional.empty() : Optional.of(ProtoCodec.decode(bytes, ObjectRecord.class));
    }

    void put(ObjectRecord record) {
        records.put(record.key(), ProtoCodec.encode(record));
    }

    /** Removes the record; the one removed, if there was one. */
    Optional<ObjectRecord> remove(String key) {
        byte[] removed = records.remove(key);
        return removed == null ? Optional.empty() : Optional.of(ProtoCodec.decode(removed, ObjectRecord.class));
    }

    /** Whether the object was deleted while one of its holders was down (that holder's copy is stale). */
    boolean deletedWhileAHolderWasDown(String key) {
        return records.containsKey(TOMBSTONE + key);
    }

    /** Remembers deletes the given nodes missed; {@link ObjectCopyBack} resends them when they are back. */
    void tombstone(String key, List<String> nodes, String deletedBy) {
        records.put(TOMBSTONE + key, ProtoCodec.encode(new ObjectRecord(TOMBSTONE + key, "tombstone", 0, "",
                System.currentTimeMillis(), deletedBy, ObjectRecord.SCHEMA_VERSION, String.join(",", nodes), "")));
        LOG.info(() -> "FGOBJ022: object " + key + " deleted; " + String.join(", ", nodes)
                + " did not answer and will be told when back");
    }

    static boolean isTombstone(ObjectRecord record) {
        return record.key().startsWith(TOMBSTONE);
    }

    /** The object key a tombstone stands for. */
    static String tombstonedKey(ObjectRecord tombstone) {
        return tombstone.key().substring(TOMBSTONE.length());
    }

    /** Every record (tombstones included), read across the cluster, as stored. */
    public List<byte[]> allRecords() {
        return CacheReads.allValues(records);
    }

    /** The record of every object of the cluster (no tombstones), in key order. */
    public List<ObjectRecord> objectRecords() {
        return allRecords().stream().map(bytes -> ProtoCodec.decode(bytes, ObjectRecord.class))
                .filter(r -> !isTombstone(r)).sorted(Comparator.comparing(ObjectRecord::key)).toList();
    }

    /** Replaces a record only if it is still the one read (a concurrent delete or rewrite wins). */
    public void replace(String key, byte[] read, ObjectRecord next) {
        records.replace(key, read, ProtoCodec.encode(next));
    }

    /** Removes a record only if it is still the one read. */
    public void remove(String key, byte[] read) {
        records.remove(key, read);
    }
}
