package org.facegrid.storage;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.facegrid.cluster.WriteGuard;
import org.facegrid.problem.InvalidInputException;
import org.facegrid.problem.TooLargeException;
import org.facegrid.problem.UnavailableException;
import org.facegrid.store.CacheReads;
import org.facegrid.store.ProtoCodec;
import org.infinispan.Cache;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The object store of the cluster (docs/object-storage.md), in the mode {@link StorageSettings} says.
 *
 * <p>Shared mode: every node reads and writes one mounted directory; a miss (a NAS's visibility lag) is asked
 * of the other storage nodes before it is a 404.
 *
 * <p>Local mode: a data node keeps what it receives on its own disk ({@link StoragePaths}); a simple node
 * passes it to the first data node of the key's rendezvous order. With {@code copies=2} the next node in that
 * order keeps a second copy. A home that is down gets a stand-in (the next node up); {@link ObjectCopyBack}
 * moves the object home when it returns. The {@code objects} cache records where each object is; a node that
 * lacks one fetches it from a holder, or asks every storage node when the record is missing. Deletes reach
 * every holder; a holder that is down gets a tombstone the copy-back resends.
 */
@ApplicationScoped
public class ClusterObjectStore implements ObjectStore {
    private static final Logger LOG = Logger.getLogger(ClusterObjectStore.class.getName());
    private static final Pattern CONTENT_TYPE = Pattern.compile("[a-z0-9.+-]+/[a-z0-9.+-]+");
    /** Tombstones share the records cache; '~' can start no object key. */
    static final String TOMBSTONE = "~deleted/";

    @Resource(lookup = "java:jboss/infinispan/cache/facegrid/objects")
    private Cache<String, byte[]> records;

    @Inject
    WriteGuard writes;

    @Inject
    StorageSettings settings;

    @Inject
    ObjectPeers peers;

    private final StoragePaths local;

    public ClusterObjectStore() {
        this.local = StoragePaths.fromSystemProperties();
    }

    /** On a given records cache and disk (tests run the store on a local cache manager). */
    ClusterObjectStore(Cache<String, byte[]> records, StoragePaths local) {
        this.records = records;
        this.local = local;
    }

    @Override
    public ObjectRecord put(String key, String contentType, byte[] bytes) {
        ObjectKeys.validated(key);
        String type = contentType == null ? "application/octet-stream" : contentType.toLowerCase().split(";")[0].strip();
        if (!CONTENT_TYPE.matcher(type).matches()) {
            throw InvalidInputException.of("contentType", "must be a media type like image/jpeg, not '" + contentType + "'");
        }
        if (bytes.length > MAX_SIZE) {
            throw new TooLargeException("object_too_large",
                    "an object holds at most " + MAX_SIZE + " bytes, this one has " + bytes.length, MAX_SIZE);
        }
        writes.ensureWritable();
        StorageSettings.Config config = settings.current();
        ObjectRecord record;
        if (config.shared()) {
            StoragePaths.single(config.sharedDir()).write(key, bytes);
            record = ObjectRecord.of(key, type, bytes, peers.self(), List.of(), List.of());
        } else {
            List<String> homes = homes(key, config.copies());
            List<String> holders = new ArrayList<>();
            Set<String> tried = new LinkedHashSet<>();
            for (String home : homes) {
                String holder = home;
                while (holder != null && !tried.contains(holder) && !writeTo(holder, key, type, bytes)) {
                    tried.add(holder);
                    holder = standIn(key, tried, homes);
                }
                if (holder != null && !holders.contains(holder)) {
                    holders.add(holder);
                    tried.add(holder);
                    if (!holder.equals(home)) {
                        String standIn = holder;
                        LOG.info(() -> "FGOBJ021: storage node " + home + " is down: " + standIn + " holds object "
                                + key + " until it is back");
                    }
                }
            }
            if (holders.isEmpty()) {
                throw new UnavailableException("object_storage_unavailable", "no storage node could store object "
                        + key + " (tried " + String.join(", ", tried) + ")", Map.of("key", key));
            }
            record = ObjectRecord.of(key, type, bytes, peers.self(), holders, homes);
            if (config.migratingTo() != null) {
                StoragePaths.single(config.migratingTo()).write(key, bytes); // what the migration listed no longer
            }
        }
        records.put(key, ProtoCodec.encode(record));
        reachMigrationTarget(key, bytes, config);
        return record;
    }

    /**
     * A write that read local mode before a migration started may record its object only after the migration
     * listed the records (a stalled write, a slow holder): nothing would copy it, and the migration's last step
     * deletes the local copy. So once its record is in, the write looks at the mode again and puts the bytes
     * where the cluster is going itself. A write whose record went in before the migration started is in the
     * migration's list; one that reads the mode after that sees the migration.
     */
    private void reachMigrationTarget(String key, byte[] bytes, StorageSettings.Config before) {
        StorageSettings.Config now = settings.current();
        Path target = now.shared() ? now.sharedDir() : now.migratingTo();
        Path written = before.shared() ? before.sharedDir() : before.migratingTo();
        if (target != null && !target.equals(written)) {
            StoragePaths.single(target).write(key, bytes);
        }
    }

    /**
     * Where an object should live: this node when it stores data (what it receives stays here), else the first
     * storage node of the key's rendezvous order; with copies=2 also the next one in that order.
     */
    public List<String> homes(String key, int copies) {
        List<String> order = rendezvous(key);
        List<String> homes = new ArrayList<>();
        if (peers.selfStores()) {
            homes.add(peers.self());
        }
        for (String node : order) {
            if (homes.size() >= Math.max(1, copies)) {
                break;
            }
            if (!homes.contains(node)) {
                homes.add(node);
            }
        }
        return homes;
    }

    /** The next storage node up, in the key's rendezvous order, that is neither tried nor a home. */
    public String standIn(String key, Set<String> tried, List<String> homes) {
        Set<String> up = new LinkedHashSet<>();
        peers.storageNodes().stream().filter(ObjectPeers.Peer::up).forEach(p -> up.add(p.name()));
        return rendezvous(key).stream().filter(up::contains)
                .filter(n -> !tried.contains(n) && !homes.contains(n)).findFirst().orElse(null);
    }

    /** Every storage node, ordered by a hash of (node, key): stable, and spread evenly over the nodes. */
    public List<String> rendezvous(String key) {
        Map<String, Long> scores = new HashMap<>();
        peers.storageNodes().forEach(p -> scores.put(p.name(), score(p.name(), key))); // a digest each, not per comparison
        return scores.keySet().stream()
                .sorted(Comparator.comparing((String node) -> scores.get(node)).reversed().thenComparing(n -> n))
                .toList();
    }

    private static long score(String node, String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((node + "\n" + key).getBytes(StandardCharsets.UTF_8));
            long score = 0;
            for (int i = 0; i < 8; i++) {
                score = score << 8 | (digest[i] & 0xff);
            }
            return score;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    @Override
    public Optional<StoredObject> get(String key) {
        ObjectKeys.validated(key);
        ObjectRecord record = record(key).orElse(null);
        if (record == null && records.containsKey(TOMBSTONE + key)) {
            return Optional.empty(); // deleted while a holder was down: its copy is stale until the delete reaches it
        }
        StorageSettings.Config config = settings.current();
        Optional<byte[]> own = readable(config).read(key);
        if (own.isPresent()) {
            return Optional.of(found(key, record, own.get(), null));
        }
        if (config.shared() || record == null) {
            return askOthers(key, record, List.of()); // another node's mount may see it already; or unrecorded
        }
        List<String> holders = record.holderList();
        boolean holderAnswered = false;
        for (String holder : holders) {
            ObjectPeers.Fetched fetched = holder.equals(peers.self()) ? ObjectPeers.Fetched.ABSENT
                    : peers.findUp(holder).map(p -> peers.get(p, key)).orElse(ObjectPeers.Fetched.NO_ANSWER);
            if (fetched.found()) {
                return Optional.of(new StoredObject(record, fetched.bytes()));
            }
            holderAnswered |= fetched.answer() == ObjectPeers.Answer.ABSENT;
        }
        Optional<StoredObject> elsewhere = askOthers(key, record, holders); // e.g. a copy-back under way
        if (elsewhere.isEmpty() && !holderAnswered && !holders.isEmpty()) {
            throw new UnavailableException("object_unavailable", "object " + key + " is held by "
                    + String.join(", ", holders) + ", which " + (holders.size() == 1 ? "does" : "do")
                    + " not answer now: it is readable again when " + (holders.size() == 1 ? "that node is" : "one is")
                    + " back", Map.of("key", key, "holders", record.holders()));
        }
        return elsewhere;
    }

    /** Asks every other storage node up that was not asked already; empty when none has it. */
    private Optional<StoredObject> askOthers(String key, ObjectRecord record, List<String> asked) {
        for (ObjectPeers.Peer peer : peers.othersUp()) {
            if (asked.contains(peer.name())) {
                continue;
            }
            ObjectPeers.Fetched fetched = peers.get(peer, key);
            if (fetched.found()) {
                return Optional.of(found(key, record, fetched.bytes(), fetched.contentType()));
            }
        }
        return Optional.empty();
    }

    private StoredObject found(String key, ObjectRecord record, byte[] bytes, String contentType) {
        return new StoredObject(record != null ? record : ObjectRecord.of(key,
                contentType == null ? "application/octet-stream" : contentType, bytes, peers.self(), List.of(),
                List.of()), bytes);
    }

    @Override
    public boolean delete(String key) {
        ObjectKeys.validated(key);
        writes.ensureWritable();
        byte[] removed = records.remove(key);
        ObjectRecord record = removed == null ? null : ProtoCodec.decode(removed, ObjectRecord.class);
        StorageSettings.Config config = settings.current();
        if (config.shared()) {
            return StoragePaths.single(config.sharedDir()).delete(key) | local.delete(key) || record != null;
        }
        if (config.migratingTo() != null) {
            StoragePaths.single(config.migratingTo()).delete(key);
        }
        Set<String> targets = new LinkedHashSet<>();
        if (record != null) {
            targets.addAll(record.holderList());
            targets.addAll(record.homeList());
        } else {
            peers.storageNodes().forEach(p -> targets.add(p.name()));
        }
        boolean deleted = record != null;
        List<String> unreached = new ArrayList<>();
        for (String node : targets) {
            Optional<Boolean> answer = deleteFrom(node, key);
            answer.ifPresentOrElse(d -> { }, () -> unreached.add(node));
            deleted |= answer.orElse(false);
        }
        if (!unreached.isEmpty() && deleted) {
            tombstone(key, unreached);
        }
        return deleted;
    }

    /** Remembers deletes a down node missed; {@link ObjectCopyBack} resends them when it is back. */
    private void tombstone(String key, List<String> nodes) {
        records.put(TOMBSTONE + key, ProtoCodec.encode(new ObjectRecord(TOMBSTONE + key, "tombstone", 0, "",
                System.currentTimeMillis(), peers.self(), ObjectRecord.SCHEMA_VERSION, String.join(",", nodes), "")));
        LOG.info(() -> "FGOBJ022: object " + key + " deleted; " + String.join(", ", nodes)
                + " did not answer and will be told when back");
    }

    /** Every record (tombstones included), read across the cluster. */
    public List<byte[]> allRecords() {
        return CacheReads.allValues(records);
    }

    /** The record of every object of the cluster (no tombstones), in key order. */
    public List<ObjectRecord> objectRecords() {
        return allRecords().stream().map(bytes -> ProtoCodec.decode(bytes, ObjectRecord.class))
                .filter(r -> !r.key().startsWith(TOMBSTONE)).sorted(Comparator.comparing(ObjectRecord::key)).toList();
    }

    /** Replaces a record only if it is still the one read (a concurrent delete or rewrite wins). */
    public void replaceRecord(String key, byte[] read, ObjectRecord next) {
        records.replace(key, read, ProtoCodec.encode(next));
    }

    public void removeRecord(String key, byte[] read) {
        records.remove(key, read);
    }

    public Optional<ObjectRecord> record(String key) {
        byte[] bytes = records.get(key);
        return bytes == null ? Optional.empty() : Optional.of(ProtoCodec.decode(bytes, ObjectRecord.class));
    }

    // --- one node's copy, this one's or another's: used here and by the copy-back ---

    /** The bytes a node holds; empty when it has none or is not reachable. */
    public Optional<byte[]> readFrom(String node, String key) {
        if (node.equals(peers.self())) {
            return local.read(key);
        }
        return peers.findUp(node).map(p -> peers.get(p, key))
                .filter(ObjectPeers.Fetched::found).map(ObjectPeers.Fetched::bytes);
    }

    public boolean writeTo(String node, String key, String contentType, byte[] bytes) {
        if (node.equals(peers.self())) {
            try {
                local.write(key, bytes);
                return true;
            } catch (java.io.UncheckedIOException e) {
                return false; // no path of this node took it (logged): another node stands in
            }
        }
        return peers.findUp(node).map(p -> peers.put(p, key, contentType, bytes))
                .orElse(false);
    }

    /** Whether the node deleted it (false: it had none); empty when the node is not reachable. */
    public Optional<Boolean> deleteFrom(String node, String key) {
        if (node.equals(peers.self())) {
            return Optional.of(local.delete(key));
        }
        return peers.findUp(node).flatMap(p -> peers.delete(p, key));
    }

    // --- this node's own disk, as the /internal/objects endpoint serves it to the others ---

    /** What this node itself holds (the shared directory in shared mode), with its recorded content type. */
    public Optional<ObjectPeers.Fetched> ownCopy(String key) {
        ObjectKeys.validated(key);
        Optional<byte[]> bytes = readable(settings.current()).read(key);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        String type;
        try {
            type = record(key).map(ObjectRecord::contentType).orElse("application/octet-stream");
        } catch (RuntimeException unavailable) {
            type = "application/octet-stream";
        }
        return Optional.of(new ObjectPeers.Fetched(ObjectPeers.Answer.FOUND, bytes.get(), type));
    }

    /** Where this node reads objects itself: the shared directory in shared mode, else its storage paths. */
    private StoragePaths readable(StorageSettings.Config config) {
        return config.shared() ? StoragePaths.single(config.sharedDir()) : local;
    }

    /** The keys of the objects this node's own storage paths hold (what an objects-only backup saves). */
    public List<String> ownKeys() {
        return local.keys();
    }

    /** What {@link #copyInto} found or did. */
    public enum CopyOutcome { ALREADY_THERE, COPIED, MISSING, DELETED_MEANWHILE }

    /**
     * Puts a recorded object into {@code dir} (a migration's shared directory) unless it is there already with
     * the recorded checksum, fetching the bytes from wherever they are; reads back and checks what it wrote.
     * Writes and deletes go on meanwhile and reach {@code dir} themselves, so the record is read again: an object
     * rewritten since it was listed is copied in its new version, one deleted meanwhile is taken back out.
     *
     * @throws IllegalStateException the bytes found, or those read back, are not the recorded ones
     */
    public CopyOutcome copyInto(Path dir, ObjectRecord listed) {
        String key = listed.key();
        StoragePaths target = StoragePaths.single(dir);
        if (holds(target, listed)) {
            return CopyOutcome.ALREADY_THERE;
        }
        Optional<StoredObject> found = get(key);
        if (found.isEmpty() || !Checksums.sha256(found.get().bytes()).equals(listed.sha256())) {
            Optional<ObjectRecord> now = record(key);
            if (now.isEmpty()) {
                return CopyOutcome.DELETED_MEANWHILE;
            }
            if (!now.get().sha256().equals(listed.sha256())) {
                return copyInto(dir, now.get());
            }
            if (found.isEmpty()) {
                return CopyOutcome.MISSING;
            }
            throw new IllegalStateException("object " + key + ": the bytes found do not match the recorded sha-256 "
                    + listed.sha256());
        }
        target.write(key, found.get().bytes());
        Optional<ObjectRecord> now = record(key);
        if (now.isEmpty()) {
            target.delete(key); // the delete may have looked in dir before this copy was there
            return CopyOutcome.DELETED_MEANWHILE;
        }
        if (!now.get().sha256().equals(listed.sha256())) {
            return copyInto(dir, now.get()); // this copy may have overwritten the rewrite's own
        }
        if (!holds(target, listed)) {
            throw new IllegalStateException("object " + key + ": what " + dir + " holds after the copy does not "
                    + "match the recorded sha-256 " + listed.sha256());
        }
        return CopyOutcome.COPIED;
    }

    private static boolean holds(StoragePaths dir, ObjectRecord record) {
        return dir.read(record.key()).map(Checksums::sha256).filter(record.sha256()::equals).isPresent();
    }

    /** The keys this node reads from its own disks (in shared mode: the shared directory's). */
    public List<String> keysOnThisNode() {
        return readable(settings.current()).keys();
    }

    /** Free and total space of each disk this node stores objects on (the shared directory in shared mode). */
    public List<DiskSpace> diskSpace() {
        List<DiskSpace> disks = new ArrayList<>();
        for (Path path : readable(settings.current()).paths()) {
            java.io.File dir = path.toFile();
            dir.mkdirs(); // a path nothing was written to yet has the space of the disk it will be on
            disks.add(new DiskSpace(path.toString(), dir.getUsableSpace(), dir.getTotalSpace()));
        }
        return disks;
    }

    public record DiskSpace(String path, long freeBytes, long totalBytes) {
    }

    public void storeOwnCopy(String key, byte[] bytes) {
        local.write(ObjectKeys.validated(key), bytes);
    }

    public boolean deleteOwnCopy(String key) {
        return local.delete(ObjectKeys.validated(key));
    }

    /** Whether a caller of the internal endpoint is another node of this cluster. */
    public boolean isClusterKey(String presented) {
        return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                settings.clusterKey().getBytes(StandardCharsets.UTF_8));
    }
}
