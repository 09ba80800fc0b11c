package org.facegrid.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * One node's copy of an object, this node's or another's (over {@link ObjectPeers}), and this node's own disk as
 * the internal endpoint serves it to the others: the layer the store, the copy-back, the backup and the
 * migration move bytes through.
 */
@ApplicationScoped
public class NodeCopies {
    @Inject
    ObjectPeers peers;

    @Inject
    StorageSettings settings;

    @Inject
    ObjectRecords records;

    private StoragePaths local;

    NodeCopies() {
        this.local = StoragePaths.fromSystemProperties();
    }

    /** On a given disk (tests). */
    NodeCopies(StoragePaths local, ObjectPeers peers, StorageSettings settings, ObjectRecords records) {
        this.local = local;
        this.peers = peers;
        this.settings = settings;
        this.records = records;
    }

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
            } catch (UncheckedIOException e) {
                return false; // no path of this node took it (logged): another node stands in
            }
        }
        return peers.findUp(node).map(p -> peers.put(p, key, contentType, bytes)).orElse(false);
    }

    /** Whether the node deleted it (false: it had none); empty when the node is not reachable. */
    public Optional<Boolean> deleteFrom(String node, String key) {
        if (node.equals(peers.self())) {
            return Optional.of(local.delete(key));
        }
        return peers.findUp(node).flatMap(p -> peers.delete(p, key));
    }

    /** What this node itself holds (the shared directory in shared mode), with its recorded content type. */
    public Optional<ObjectPeers.Fetched> ownCopy(String key) {
        ObjectKeys.validated(key);
        Optional<byte[]> bytes = readable().read(key);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        String type;
        try {
            type = records.find(key).map(ObjectRecord::contentType).orElse("application/octet-stream");
        } catch (RuntimeException unavailable) {
            type = "application/octet-stream";
        }
        return Optional.of(new ObjectPeers.Fetched(ObjectPeers.Answer.FOUND, bytes.get(), type));
    }

    public void storeOwnCopy(String key, byte[] bytes) {
        local.write(ObjectKeys.validated(key), bytes);
    }

    public boolean deleteOwnCopy(String key) {
        return local.delete(ObjectKeys.validated(key));
    }

    /** The keys of the objects this node's own storage paths hold (what an objects-only backup saves). */
    public List<String> ownKeys() {
        return local.keys();
    }

    /** The keys this node reads from its own disks (in shared mode: the shared directory's). */
    public List<String> keysOnThisNode() {
        return readable().keys();
    }

    /** Where this node reads objects itself: the shared directory in shared mode, else its storage paths. */
    StoragePaths readable() {
        return readable(settings.current());
    }

    StoragePaths readable(StorageSettings.Config config) {
        return config.shared() ? StoragePaths.single(config.sharedDir()) : local;
    }

    /** This node's own storage paths, whatever the mode. */
    StoragePaths local() {
        return local;
    }
}
