package org.facegrid.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.facegrid.cluster.WriteGuard;
import org.facegrid.problem.InvalidInputException;
import org.facegrid.problem.TooLargeException;
import org.facegrid.problem.UnavailableException;

import java.nio.file.Path;
import java.util.ArrayList;
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
 * moves the object home when it returns. {@link ObjectRecords} says where each object is; a node that lacks
 * one fetches it from a holder ({@link NodeCopies}), or asks every storage node when the record is missing.
 * Deletes reach every holder; a holder that is down gets a tombstone the copy-back resends. Placement itself is
 * {@link ObjectPlacement}.
 */
@ApplicationScoped
public class ClusterObjectStore implements ObjectStore {
    private static final Logger LOG = Logger.getLogger(ClusterObjectStore.class.getName());
    private static final Pattern CONTENT_TYPE = Pattern.compile("[a-z0-9.+-]+/[a-z0-9.+-]+");

    @Inject
    ObjectRecords records;

    @Inject
    NodeCopies copies;

    @Inject
    WriteGuard writes;

    @Inject
    StorageSettings settings;

    @Inject
    ObjectPeers peers;

    ClusterObjectStore() {
    }

    ClusterObjectStore(ObjectRecords records, NodeCopies copies, WriteGuard writes, StorageSettings settings,
                       ObjectPeers peers) {
        this.records = records;
        this.copies = copies;
        this.writes = writes;
        this.settings = settings;
        this.peers = peers;
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
            List<String> order = rendezvous(key);
            List<String> homes = ObjectPlacement.homes(order, config.copies(), peers.self(), peers.selfStores());
            List<String> holders = new ArrayList<>();
            Set<String> tried = new LinkedHashSet<>();
            for (String home : homes) {
                String holder = home;
                while (holder != null && !tried.contains(holder) && !copies.writeTo(holder, key, type, bytes)) {
                    tried.add(holder);
                    holder = ObjectPlacement.standIn(order, storageNodesUp(), tried, homes);
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
        records.put(record);
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

    /** Every storage node in the key's rendezvous order ({@link ObjectPlacement}). */
    public List<String> rendezvous(String key) {
        return ObjectPlacement.rendezvous(key, peers.storageNodes().stream().map(ObjectPeers.Peer::name).toList());
    }

    private Set<String> storageNodesUp() {
        Set<String> up = new LinkedHashSet<>();
        peers.storageNodes().stream().filter(ObjectPeers.Peer::up).forEach(p -> up.add(p.name()));
        return up;
    }

    @Override
    public Optional<StoredObject> get(String key) {
        ObjectKeys.validated(key);
        ObjectRecord record = records.find(key).orElse(null);
        if (record == null && records.deletedWhileAHolderWasDown(key)) {
            return Optional.empty(); // its copy is stale until the delete reaches that holder
        }
        StorageSettings.Config config = settings.current();
        Optional<byte[]> own = copies.readable(config).read(key);
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
    public List<ObjectRecord> list(String prefix) {
        return records.objectRecords().stream().filter(r -> r.key().startsWith(prefix)).toList();
    }

    @Override
    public boolean delete(String key) {
        ObjectKeys.validated(key);
        writes.ensureWritable();
        ObjectRecord record = records.remove(key).orElse(null);
        StorageSettings.Config config = settings.current();
        if (config.shared()) {
            return StoragePaths.single(config.sharedDir()).delete(key) | copies.local().delete(key) || record != null;
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
            Optional<Boolean> answer = copies.deleteFrom(node, key);
            answer.ifPresentOrElse(d -> { }, () -> unreached.add(node));
            deleted |= answer.orElse(false);
        }
        if (!unreached.isEmpty() && deleted) {
            records.tombstone(key, unreached, peers.self());
        }
        return deleted;
    }
}
