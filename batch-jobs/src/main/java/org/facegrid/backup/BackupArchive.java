package org.facegrid.backup;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import org.facegrid.storage.Checksums;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A FaceGrid backup: one zip file holding the entries and, last, {@code manifest.json}: the format and its
 * version, the FaceGrid version that wrote it, the kind of backup, counts (persons, faces, objects...) and the
 * name, size and sha-256 of every entry. It is written under a temporary name and renamed into place, so a
 * backup directory never holds half an archive under a real name.
 *
 * <p>{@link #validate} checks a whole archive before a restore touches anything: the manifest, every entry
 * against it (nothing missing, nothing extra, no duplicate, sizes and checksums), entry names (no absolute
 * paths, no '..', nothing outside the archive), and limits on entries, sizes and compression ratio counted on
 * the bytes actually inflated (an archive bomb's headers lie). Every problem found is reported, not only the
 * first.
 */
public final class BackupArchive {
    public static final String FORMAT = "facegrid-backup";
    public static final int FORMAT_VERSION = 1;
    public static final String MANIFEST = "manifest.json";
    private static final Pattern NAME_SEGMENT = Pattern.compile("[A-Za-z0-9._~-]+");

    private BackupArchive() {
    }

    public record Entry(String name, long size, String sha256) {
    }

    /** {@code node}: the node that wrote it (an objects-only backup holds that node's own objects). */
    public record Manifest(int formatVersion, String facegridVersion, String kind, String node, long createdAt,
                           Map<String, Long> counts, List<Entry> entries) {
    }

    /** What a restore accepts at most. */
    public record Limits(int maxEntries, long maxEntryBytes, long maxTotalBytes, long maxRatio) {
        /** A million entries, 64 MiB per entry (objects hold at most 25 MB), 256 GiB in all, ratio 1:1000. */
        public static final Limits DEFAULT = new Limits(1_000_000, 64L << 20, 256L << 30, 1000);
    }

    /** Why an archive cannot be restored: every problem found. */
    public static final class InvalidBackupException extends Exception {
        private final List<String> problems;

        InvalidBackupException(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /** Whether a name may be an entry of an archive: relative, '/'-separated safe segments, no '.' or '..'. */
    public static boolean isSafeName(String name) {
        if (name == null || name.isEmpty() || name.length() > 1024 || name.startsWith("/")) {
            return false;
        }
        for (String segment : name.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..") || !NAME_SEGMENT.matcher(segment).matches()) {
                return false;
            }
        }
        return true;
    }

    /** Writes one archive: {@link #add} each entry, then {@link #finish}; closing unfinished removes it. */
    public static final class Writer implements Closeable {
        private final Path target;
        private final Path temp;
        private final ZipOutputStream zip;
        private final List<Entry> entries = new ArrayList<>();
        private final Set<String> names = new HashSet<>();
        private boolean finished;

        public Writer(Path target) throws IOException {
            Files.createDirectories(target.toAbsolutePath().getParent());
            this.target = target;
            this.temp = Files.createTempFile(target.toAbsolutePath().getParent(), ".writing-", ".partial");
            this.zip = new ZipOutputStream(Files.newOutputStream(temp));
        }

        /**
         * Adds an entry from a file, streaming it (objects can be large) and hashing it on the way; {@code compress}
         * false stores it as it is (for what is compressed already, such as images: deflating it costs time and
         * saves nothing).
         */
        public void add(String name, Path file, boolean compress) throws IOException {
            checkNewName(name);
            zip.setLevel(compress ? Deflater.DEFAULT_COMPRESSION : Deflater.NO_COMPRESSION);
            zip.putNextEntry(new ZipEntry(name));
            MessageDigest sha256 = Checksums.newSha256();
            long size = 0;
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) > 0; size += n) {
                    zip.write(buffer, 0, n);
                    sha256.update(buffer, 0, n);
                }
            }
            zip.closeEntry();
            entries.add(new Entry(name, size, HexFormat.of().formatHex(sha256.digest())));
        }

        private void checkNewName(String name) {
            if (!isSafeName(name) || name.equals(MANIFEST) || !names.add(name)) {
                throw new IllegalArgumentException("not a valid new entry name: " + name);
            }
        }

        public void add(String name, byte[] bytes) throws IOException {
            checkNewName(name);
            zip.setLevel(Deflater.DEFAULT_COMPRESSION);
            zip.putNextEntry(new ZipEntry(name));
            zip.write(bytes);
            zip.closeEntry();
            entries.add(new Entry(name, bytes.length, Checksums.sha256(bytes)));
        }

        public int entryCount() {
            return entries.size();
        }

        /** Writes the manifest, closes the archive and renames it into place; answers the manifest. */
        public Manifest finish(String facegridVersion, String kind, String node, Map<String, Long> counts)
                throws IOException {
            Manifest manifest = new Manifest(FORMAT_VERSION, facegridVersion, kind, node, System.currentTimeMillis(),
                    new LinkedHashMap<>(counts), List.copyOf(entries));
            zip.putNextEntry(new ZipEntry(MANIFEST));
            zip.write(toJson(manifest).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.close();
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target);
            }
            finished = true;
            return manifest;
        }

        @Override
        public void close() throws IOException {
            if (!finished) {
                try {
                    zip.close();
                } finally {
                    Files.deleteIfExists(temp);
                }
            }
        }
    }

    static String toJson(Manifest manifest) {
        JsonObjectBuilder counts = Json.createObjectBuilder();
        manifest.counts().forEach(counts::add);
        JsonArrayBuilder entries = Json.createArrayBuilder();
        for (Entry e : manifest.entries()) {
            entries.add(Json.createObjectBuilder().add("name", e.name()).add("size", e.size()).add("sha256", e.sha256()));
        }
        return Json.createObjectBuilder().add("format", FORMAT).add("formatVersion", manifest.formatVersion())
                .add("facegridVersion", manifest.facegridVersion()).add("kind", manifest.kind()).add("node", manifest.node())
                .add("createdAt", manifest.createdAt()).add("counts", counts).add("entries", entries)
                .build().toString();
    }

    /**
     * Checks the whole archive; answers its manifest.
     *
     * @throws InvalidBackupException naming every problem found; nothing may be restored from such an archive
     */
    public static Manifest validate(Path file, Limits limits) throws InvalidBackupException {
        List<String> problems = new ArrayList<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.size() > limits.maxEntries() + 1) {
                throw new InvalidBackupException(List.of("the archive has " + zip.size() + " entries, more than the "
                        + limits.maxEntries() + " a restore accepts"));
            }
            ZipEntry manifestEntry = zip.getEntry(MANIFEST);
            if (manifestEntry == null) {
                throw new InvalidBackupException(List.of("no " + MANIFEST + ": not a FaceGrid backup"));
            }
            Manifest manifest = parseManifest(new String(readLimited(zip, manifestEntry, 64L << 20, limits, problems),
                    StandardCharsets.UTF_8), problems);
            if (manifest == null) {
                throw new InvalidBackupException(problems);
            }
            Map<String, Entry> expected = new LinkedHashMap<>();
            for (Entry e : manifest.entries()) {
                if (!isSafeName(e.name())) {
                    problems.add("the manifest names an unsafe entry '" + e.name() + "'");
                } else if (expected.put(e.name(), e) != null) {
                    problems.add("the manifest names entry " + e.name() + " twice");
                }
            }
            Set<String> seen = new HashSet<>();
            long total = 0;
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                String name = entry.getName();
                if (name.equals(MANIFEST)) {
                    continue;
                }
                if (!isSafeName(name)) {
                    problems.add("unsafe entry name '" + name + "' (absolute, '..' or odd characters)");
                    continue;
                }
                if (!seen.add(name)) {
                    problems.add("entry " + name + " appears twice");
                    continue;
                }
                Entry listed = expected.get(name);
                if (listed == null) {
                    problems.add("entry " + name + " is not in the manifest");
                    continue;
                }
                byte[] bytes = readLimited(zip, entry, Math.min(listed.size(), limits.maxEntryBytes()), limits, problems);
                if (bytes == null) {
                    continue;
                }
                total += bytes.length;
                if (total > limits.maxTotalBytes()) {
                    problems.add("the archive inflates to more than " + limits.maxTotalBytes() + " bytes");
                    break;
                }
                if (bytes.length != listed.size()) {
                    problems.add("entry " + name + " has " + bytes.length + " bytes, the manifest says " + listed.size());
                } else if (!Checksums.sha256(bytes).equals(listed.sha256())) {
                    problems.add("entry " + name + " does not match its sha-256 in the manifest");
                }
            }
            for (String name : expected.keySet()) {
                if (!seen.contains(name)) {
                    problems.add("entry " + name + " is in the manifest but not in the archive");
                }
            }
            if (!problems.isEmpty()) {
                throw new InvalidBackupException(problems);
            }
            return manifest;
        } catch (ZipException e) {
            throw new InvalidBackupException(List.of("not a readable zip archive: " + e.getMessage()));
        } catch (IOException e) {
            throw new InvalidBackupException(List.of("cannot read the archive: " + e));
        }
    }

    /**
     * The entry's bytes, inflating at most {@code max} + 1 of them whatever its header says; null (with a
     * problem added) when it is larger or inflates beyond the allowed compression ratio.
     */
    private static byte[] readLimited(ZipFile zip, ZipEntry entry, long max, Limits limits, List<String> problems)
            throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (bytes.length > max) {
                problems.add("entry " + entry.getName() + " inflates to more than " + max + " bytes");
                return null;
            }
            long compressed = Math.max(1, entry.getCompressedSize());
            if (bytes.length > 1024 * 1024 && bytes.length / compressed > limits.maxRatio()) {
                problems.add("entry " + entry.getName() + " is compressed more than 1:" + limits.maxRatio()
                        + " (an archive bomb?)");
                return null;
            }
            return bytes;
        }
    }

    private static Manifest parseManifest(String json, List<String> problems) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonObject m = reader.readObject();
            if (!FORMAT.equals(m.getString("format", null))) {
                problems.add(MANIFEST + " is not a FaceGrid backup manifest");
                return null;
            }
            int version = m.getInt("formatVersion", -1);
            if (version < 1 || version > FORMAT_VERSION) {
                problems.add("backup format version " + version + " is not supported (this FaceGrid reads 1 to "
                        + FORMAT_VERSION + ")");
                return null;
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            for (Map.Entry<String, JsonValue> c : m.getJsonObject("counts").entrySet()) {
                counts.put(c.getKey(), ((JsonNumber) c.getValue()).longValue());
            }
            List<Entry> entries = new ArrayList<>();
            for (JsonObject e : m.getJsonArray("entries").getValuesAs(JsonObject.class)) {
                entries.add(new Entry(e.getString("name"), e.getJsonNumber("size").longValue(), e.getString("sha256")));
            }
            return new Manifest(version, m.getString("facegridVersion"), m.getString("kind"), m.getString("node"),
                    m.getJsonNumber("createdAt").longValue(), counts, entries);
        } catch (RuntimeException e) {
            problems.add(MANIFEST + " cannot be read: " + e.getMessage());
            return null;
        }
    }

    /** Hands every entry but the manifest to the consumer, in archive order (after {@link #validate}). */
    public static void read(Path file, EntryConsumer consumer) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                if (!entry.getName().equals(MANIFEST)) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        consumer.accept(entry.getName(), in.readAllBytes());
                    }
                }
            }
        }
    }

    @FunctionalInterface
    public interface EntryConsumer {
        void accept(String name, byte[] bytes) throws IOException;
    }
}
