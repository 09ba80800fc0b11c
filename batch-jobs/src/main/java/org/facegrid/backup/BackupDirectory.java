package org.facegrid.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where this node writes its backups and reads archives to restore: {@code facegrid.backup.dir}, by default
 * {@code backups} in the server's data directory. Archives are addressed by file name only, never by path.
 */
public final class BackupDirectory {
    private static final Pattern ARCHIVE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}\\.zip");

    private BackupDirectory() {
    }

    public static Path path() {
        String configured = System.getProperty("facegrid.backup.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("jboss.server.data.dir", System.getProperty("java.io.tmpdir")), "backups");
    }

    public static boolean isArchiveName(String name) {
        return name != null && ARCHIVE_NAME.matcher(name).matches();
    }

    /** The archive's file; the name must pass {@link #isArchiveName}. */
    public static Path archive(String name) {
        if (!isArchiveName(name)) {
            throw new IllegalArgumentException("not an archive name: " + name);
        }
        return path().resolve(name);
    }

    /** Where a backup collects its entries until it packs them (kept across a restart of the job). */
    static Path staging(String jobId) {
        return path().resolve(".staging-" + jobId);
    }

    /** The archives here, by name. */
    public static Stream<Path> archives() {
        Path dir = path();
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> isArchiveName(f.getFileName().toString()) && Files.isRegularFile(f)).sorted()
                    .toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
