package org.facegrid.storage;

import org.facegrid.problem.ConflictException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The directories one node keeps objects in (Symphony's storage paths): {@code dir[;dir...]}, one of them may
 * be marked {@code *} as the preferred read path (else the first). With {@link Availability#FAILOVER} a write
 * goes to the first path that takes it; with {@link Availability#REDUNDANT} to every path, and fails only when
 * none takes it. Reads try the preferred path first, then the others in order; deletes reach every path.
 * Every write is atomic: a temporary file renamed into place, so no reader sees part of an object.
 */
public final class StoragePaths {
    private static final Logger LOG = Logger.getLogger(StoragePaths.class.getName());

    public enum Availability { FAILOVER, REDUNDANT }

    private final List<Path> paths;
    private final int preferred;
    private final Availability availability;

    StoragePaths(List<Path> paths, int preferred, Availability availability) {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("at least one storage path is needed");
        }
        this.paths = List.copyOf(paths);
        this.preferred = preferred;
        this.availability = availability;
    }

    /** One directory, no alternatives (the shared directory). */
    public static StoragePaths single(Path dir) {
        return new StoragePaths(List.of(dir), 0, Availability.FAILOVER);
    }

    /**
     * @param spec         {@code /a;*\/b}: paths separated by ';', at most one marked '*'
     * @param availability {@code failover} or {@code redundant}
     * @throws IllegalArgumentException naming what is wrong with a setting
     */
    public static StoragePaths parse(String spec, String availability) {
        List<Path> paths = new ArrayList<>();
        int preferred = -1;
        for (String part : spec.split(";")) {
            String path = part.strip();
            if (path.isEmpty()) {
                continue;
            }
            if (path.startsWith("*")) {
                if (preferred >= 0) {
                    throw new IllegalArgumentException("only one storage path may be marked '*' (in '" + spec + "')");
                }
                preferred = paths.size();
                path = path.substring(1).strip();
            }
            paths.add(Path.of(path));
        }
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("no storage path in '" + spec + "'");
        }
        Availability mode;
        try {
            mode = Availability.valueOf(availability.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("storage availability must be failover or redundant, not '"
                    + availability + "'");
        }
        return new StoragePaths(paths, Math.max(preferred, 0), mode);
    }

    /**
     * This node's paths: {@code facegrid.objects.paths} (default {@code <server data dir>/facegrid-objects}) and
     * {@code facegrid.objects.availability} (default failover).
     */
    public static StoragePaths fromSystemProperties() {
        String spec = System.getProperty("facegrid.objects.paths", "");
        if (spec.isBlank()) {
            spec = Path.of(System.getProperty("jboss.server.data.dir", "."), "facegrid-objects").toString();
        }
        return parse(spec, System.getProperty("facegrid.objects.availability", "failover"));
    }

    public List<Path> paths() {
        return paths;
    }

    public Path preferred() {
        return paths.get(preferred);
    }

    public Availability availability() {
        return availability;
    }

    /**
     * Stores the bytes under the key.
     *
     * @throws ConflictException     when the key clashes with a stored key (one is a folder of the other)
     * @throws UncheckedIOException when no path took the object
     */
    public void write(String key, byte[] bytes) {
        IOException last = null;
        int written = 0;
        for (Path root : paths) {
            try {
                writeInto(root, key, bytes);
                written++;
                if (availability == Availability.FAILOVER) {
                    return;
                }
            } catch (IOException e) {
                LOG.log(Level.WARNING, "FGOBJ001: storage path " + root + " did not take object " + key + ": " + e);
                last = e;
            }
        }
        if (written == 0) {
            throw new UncheckedIOException("no storage path took object " + key, last);
        }
    }

    private static void writeInto(Path root, String key, byte[] bytes) throws IOException {
        Files.createDirectories(root); // a path that cannot be a directory fails here, as an unusable path
        Path file = root.resolve(key);
        try {
            Files.createDirectories(file.getParent());
            if (Files.isDirectory(file)) {
                throw new NotDirectoryException(file.toString());
            }
            Path temp = Files.createTempFile(file.getParent(), ".incoming-", ".tmp");
            try {
                Files.write(temp, bytes);
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (FileAlreadyExistsException | NotDirectoryException e) {
            // "a/b" where "a" is an object, or "a" where "a/..." objects live: a key cannot be both
            throw new ConflictException("object_key_conflict", "key " + key + " clashes with an existing object's "
                    + "key (one key cannot be both an object and a folder of objects)", Map.of("key", key));
        }
    }

    /** The object's bytes from the preferred path, else from the first other path that has it. */
    public Optional<byte[]> read(String key) {
        for (Path root : readOrder()) {
            try {
                return Optional.of(Files.readAllBytes(root.resolve(key)));
            } catch (NoSuchFileException | NotDirectoryException missing) {
                // try the next path
            } catch (IOException e) {
                LOG.log(Level.WARNING, "FGOBJ002: cannot read object " + key + " from " + root + ": " + e);
            }
        }
        return Optional.empty();
    }

    public boolean has(String key) {
        return readOrder().stream().anyMatch(root -> Files.isRegularFile(root.resolve(key)));
    }

    /** Removes the object from every path; true when some path held it. */
    public boolean delete(String key) {
        boolean deleted = false;
        for (Path root : paths) {
            try {
                deleted |= Files.deleteIfExists(root.resolve(key));
            } catch (NotDirectoryException missing) {
                // "a/b" where "a" is a file: no such object
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete object " + key + " from " + root, e);
            }
        }
        return deleted;
    }

    /** Every stored key (over all paths, each once, sorted); temporary files of writes under way are left out. */
    public List<String> keys() {
        TreeSet<String> keys = new TreeSet<>();
        for (Path root : paths) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(Files::isRegularFile)
                        .filter(f -> !f.getFileName().toString().startsWith(".incoming-"))
                        .map(f -> root.relativize(f).toString().replace('\\', '/'))
                        .forEach(keys::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list storage path " + root, e);
            }
        }
        return new ArrayList<>(keys);
    }

    private List<Path> readOrder() {
        List<Path> order = new ArrayList<>(paths);
        order.add(0, order.remove(preferred));
        return order;
    }
}
