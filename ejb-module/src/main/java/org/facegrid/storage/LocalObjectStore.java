package org.facegrid.storage;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.facegrid.cluster.NodeIdentity;
import org.facegrid.cluster.WriteGuard;
import org.facegrid.problem.ConflictException;
import org.facegrid.problem.InvalidInputException;
import org.facegrid.problem.TooLargeException;
import org.facegrid.store.ProtoCodec;
import org.infinispan.Cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Local mode: objects are files under this node's object directory ({@code facegrid.objects.dir}, by default
 * {@code <server data dir>/facegrid-objects}), recorded in the {@code objects} cache. A file is written under a
 * temporary name and renamed into place, so no reader ever sees part of one; the record is written after the
 * file and removed before it.
 */
@ApplicationScoped
class LocalObjectStore implements ObjectStore {
    private static final Pattern CONTENT_TYPE = Pattern.compile("[a-z0-9.+-]+/[a-z0-9.+-]+");

    @Resource(lookup = "java:jboss/infinispan/cache/facegrid/objects")
    private Cache<String, byte[]> records;

    @Inject
    WriteGuard writes;

    private final Path root = objectDirectory();
    private final String node = NodeIdentity.fromSystemProperties().name();

    private static Path objectDirectory() {
        String configured = System.getProperty("facegrid.objects.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("jboss.server.data.dir", "."), "facegrid-objects");
    }

    @Override
    public ObjectRecord put(String key, String contentType, byte[] bytes) {
        ObjectKeys.validated(key);
        writes.ensureWritable();
        String type = contentType == null ? "application/octet-stream" : contentType.toLowerCase().split(";")[0].strip();
        if (!CONTENT_TYPE.matcher(type).matches()) {
            throw InvalidInputException.of("contentType", "must be a media type like image/jpeg, not '" + contentType + "'");
        }
        if (bytes.length > MAX_SIZE) {
            throw new TooLargeException("object_too_large",
                    "an object holds at most " + MAX_SIZE + " bytes, this one has " + bytes.length, MAX_SIZE);
        }
        Path file = root.resolve(key);
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), ".incoming-", ".tmp");
            try {
                Files.write(temp, bytes);
                moveIntoPlace(temp, file);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (FileAlreadyExistsException | NotDirectoryException e) {
            // "a/b" where "a" is an object, or "a" where "a/..." objects live: a key cannot be both
            throw new ConflictException("object_key_conflict", "key " + key + " clashes with an existing object's "
                    + "key (one key cannot be both an object and a folder of objects)", Map.of("key", key));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store object " + key, e);
        }
        ObjectRecord record = new ObjectRecord(key, type, bytes.length, sha256(bytes), System.currentTimeMillis(), node,
                ObjectRecord.SCHEMA_VERSION);
        records.put(key, ProtoCodec.encode(record));
        return record;
    }

    private static void moveIntoPlace(Path temp, Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new NotDirectoryException(file.toString());
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public Optional<StoredObject> get(String key) {
        ObjectKeys.validated(key);
        byte[] recorded = records.get(key);
        if (recorded == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new StoredObject(ProtoCodec.decode(recorded, ObjectRecord.class),
                    Files.readAllBytes(root.resolve(key))));
        } catch (NoSuchFileException e) {
            return Optional.empty(); // recorded, but on another node's disk: fetching it is the cluster storage's job
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read object " + key, e);
        }
    }

    @Override
    public boolean delete(String key) {
        ObjectKeys.validated(key);
        writes.ensureWritable();
        boolean recorded = records.remove(key) != null;
        try {
            return Files.deleteIfExists(root.resolve(key)) || recorded;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete object " + key, e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
