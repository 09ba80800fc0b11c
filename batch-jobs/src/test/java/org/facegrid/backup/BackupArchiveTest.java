package org.facegrid.backup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackupArchiveTest {
    @TempDir
    Path dir;

    private Path written(Map<String, byte[]> entries) throws IOException {
        Path file = dir.resolve("backup.zip");
        try (BackupArchive.Writer writer = new BackupArchive.Writer(file)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                writer.add(e.getKey(), e.getValue());
            }
            writer.finish("0.1.0", "full", "node1", Map.of("persons", 2L));
        }
        return file;
    }

    private static Map<String, byte[]> sample() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("caches/persons/0", "two persons".getBytes(UTF_8));
        entries.put("objects/faces/p1.jpg", new byte[] {1, 2, 3});
        return entries;
    }

    @Test
    void aWrittenArchiveValidatesAndReadsBackEveryEntry() throws Exception {
        Path file = written(sample());
        BackupArchive.Manifest manifest = BackupArchive.validate(file, BackupArchive.Limits.DEFAULT);
        assertEquals("full", manifest.kind());
        assertEquals(Map.of("persons", 2L), manifest.counts());
        assertEquals(List.of("caches/persons/0", "objects/faces/p1.jpg"),
                manifest.entries().stream().map(BackupArchive.Entry::name).toList());

        Map<String, byte[]> read = new LinkedHashMap<>();
        BackupArchive.read(file, read::put);
        assertEquals(sample().keySet(), read.keySet());
        assertArrayEquals(new byte[] {1, 2, 3}, read.get("objects/faces/p1.jpg"));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left beside it");
        }
    }

    @Test
    void fileEntriesAreDeflatedOrStoredAsAskedAndBothReadBack() throws Exception {
        byte[] text = "the same line again\n".repeat(5000).getBytes(UTF_8); // deflates to a few hundred bytes
        Path staged = Files.write(dir.resolve("staged"), text);
        Path file = dir.resolve("backup.zip");
        try (BackupArchive.Writer writer = new BackupArchive.Writer(file)) {
            writer.add("caches/persons/0", staged, true);
            writer.add("objects/p1.jpg", staged, false);
            writer.finish("0.1.0", "full", "node1", Map.of());
        }
        BackupArchive.validate(file, BackupArchive.Limits.DEFAULT);
        try (var zip = new java.util.zip.ZipFile(file.toFile())) {
            assertTrue(zip.getEntry("caches/persons/0").getCompressedSize() < text.length / 10);
            assertTrue(zip.getEntry("objects/p1.jpg").getCompressedSize() >= text.length, "stored as it is");
        }
        Map<String, byte[]> read = new LinkedHashMap<>();
        BackupArchive.read(file, read::put);
        assertArrayEquals(text, read.get("caches/persons/0"));
        assertArrayEquals(text, read.get("objects/p1.jpg"));
    }

    @Test
    void anUnfinishedArchiveLeavesNothingBehind() throws Exception {
        try (BackupArchive.Writer writer = new BackupArchive.Writer(dir.resolve("backup.zip"))) {
            writer.add("a", new byte[10]);
            assertThrows(IllegalArgumentException.class, () -> writer.add("../escape", new byte[1]));
            assertThrows(IllegalArgumentException.class, () -> writer.add("a", new byte[1]));
        }
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void namesOutsideTheArchiveAreUnsafe() {
        for (String bad : List.of("/etc/passwd", "../x", "a/../../x", "a//b", "a\\b", ".", "", "a/./b")) {
            assertFalse(BackupArchive.isSafeName(bad), bad);
        }
        assertTrue(BackupArchive.isSafeName("objects/events/2026-11-22/e1.jpg"));
    }

    @Test
    void aChangedEntryIsRefusedWithItsName() throws Exception {
        Path good = written(sample());
        Map<String, byte[]> entries = rawEntries(good);
        entries.put("objects/faces/p1.jpg", new byte[] {1, 2, 4}); // same size, other bytes
        BackupArchive.InvalidBackupException e = assertThrows(BackupArchive.InvalidBackupException.class,
                () -> BackupArchive.validate(raw(entries), BackupArchive.Limits.DEFAULT));
        assertEquals(List.of("entry objects/faces/p1.jpg does not match its sha-256 in the manifest"), e.problems());
    }

    @Test
    void missingExtraAndTraversingEntriesAreAllReported() throws Exception {
        Map<String, byte[]> entries = rawEntries(written(sample()));
        entries.remove("caches/persons/0");
        entries.put("../../etc/cron.d/x", "evil".getBytes(UTF_8));
        entries.put("unlisted", "x".getBytes(UTF_8));
        List<String> problems = assertThrows(BackupArchive.InvalidBackupException.class,
                () -> BackupArchive.validate(raw(entries), BackupArchive.Limits.DEFAULT)).problems();
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("unsafe entry name '../../etc/cron.d/x'")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("unlisted is not in the manifest")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("caches/persons/0 is in the manifest but not in the archive")),
                problems.toString());
    }

    @Test
    void notABackupOrAnotherFormatVersionIsRefused() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.zip"), "not a zip");
        assertTrue(assertThrows(BackupArchive.InvalidBackupException.class,
                () -> BackupArchive.validate(text, BackupArchive.Limits.DEFAULT)).getMessage().contains("zip"));

        Map<String, byte[]> noManifest = rawEntries(written(sample()));
        noManifest.remove(BackupArchive.MANIFEST);
        assertTrue(assertThrows(BackupArchive.InvalidBackupException.class,
                () -> BackupArchive.validate(raw(noManifest), BackupArchive.Limits.DEFAULT)).getMessage()
                .contains("not a FaceGrid backup"));

        Map<String, byte[]> future = rawEntries(written(sample()));
        future.put(BackupArchive.MANIFEST, new String(future.get(BackupArchive.MANIFEST), UTF_8)
                .replace("\"formatVersion\":1", "\"formatVersion\":99").getBytes(UTF_8));
        assertTrue(assertThrows(BackupArchive.InvalidBackupException.class,
                () -> BackupArchive.validate(raw(future), BackupArchive.Limits.DEFAULT)).getMessage()
                .contains("version 99 is not supported"));
    }

    @Test
    void anArchiveBombIsStoppedByWhatItInflatesToNotByItsHeaders() throws Exception {
        byte[] zeros = new byte[8 << 20]; // 8 MiB of zeros deflate to a few KB
        Path file = dir.resolve("bomb.zip");
        try (BackupArchive.Writer writer = new BackupArchive.Writer(file)) {
            writer.add("objects/zeros", zeros);
            writer.finish("0.1.0", "full", "node1", Map.of());
        }
        BackupArchive.Limits tight = new BackupArchive.Limits(10, 4L << 20, 1L << 30, 1000);
        assertTrue(assertThrows(BackupArchive.InvalidBackupException.class, () -> BackupArchive.validate(file, tight))
                .getMessage().contains("inflates to more than"));
        BackupArchive.Limits lowRatio = new BackupArchive.Limits(10, 64L << 20, 1L << 30, 100);
        assertTrue(assertThrows(BackupArchive.InvalidBackupException.class, () -> BackupArchive.validate(file, lowRatio))
                .getMessage().contains("archive bomb"));
        BackupArchive.Limits fewEntries = new BackupArchive.Limits(0, 64L << 20, 1L << 30, 100_000);
        assertTrue(assertThrows(BackupArchive.InvalidBackupException.class, () -> BackupArchive.validate(file, fewEntries))
                .getMessage().contains("entries"));
    }

    private static Map<String, byte[]> rawEntries(Path file) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (var zip = new java.util.zip.ZipFile(file.toFile())) {
            for (var e : java.util.Collections.list(zip.entries())) {
                entries.put(e.getName(), zip.getInputStream(e).readAllBytes());
            }
        }
        return entries;
    }

    private Path raw(Map<String, byte[]> entries) throws IOException {
        Path file = Files.createTempFile(dir, "raw-", ".zip");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }
}
