package org.facegrid.storage;

import org.facegrid.problem.ConflictException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoragePathsTest {
    @TempDir
    Path dir;

    @Test
    void parsesPathsThePreferredMarkAndTheAvailability() {
        StoragePaths paths = StoragePaths.parse(dir.resolve("a") + "; *" + dir.resolve("b") + ";", "Redundant");
        assertEquals(List.of(dir.resolve("a"), dir.resolve("b")), paths.paths());
        assertEquals(dir.resolve("b"), paths.preferred());
        assertEquals(StoragePaths.Availability.REDUNDANT, paths.availability());
        assertEquals(dir.resolve("a"), StoragePaths.parse(dir.resolve("a").toString(), "failover").preferred());

        assertThrows(IllegalArgumentException.class, () -> StoragePaths.parse("*/a;*/b", "failover"));
        assertThrows(IllegalArgumentException.class, () -> StoragePaths.parse(" ; ", "failover"));
        assertThrows(IllegalArgumentException.class, () -> StoragePaths.parse("/a", "mirror"));
    }

    @Test
    void failoverWritesToTheFirstPathThatTakesTheObject() throws Exception {
        Path blocked = dir.resolve("blocked");
        Files.writeString(blocked, "a file where a directory should be");
        StoragePaths paths = StoragePaths.parse(blocked + ";" + dir.resolve("second") + ";" + dir.resolve("third"),
                "failover");

        paths.write("events/1.jpg", "one".getBytes(UTF_8));

        assertTrue(Files.exists(dir.resolve("second/events/1.jpg")));
        assertFalse(Files.exists(dir.resolve("third/events/1.jpg")), "failover writes one copy only");
        assertArrayEquals("one".getBytes(UTF_8), paths.read("events/1.jpg").orElseThrow());
    }

    @Test
    void redundantWritesEveryPathAndReadsThePreferredOneFirst() throws Exception {
        StoragePaths paths = StoragePaths.parse(dir.resolve("a") + ";*" + dir.resolve("b"), "redundant");
        paths.write("k", "v1".getBytes(UTF_8));
        assertEquals("v1", Files.readString(dir.resolve("a/k")));
        assertEquals("v1", Files.readString(dir.resolve("b/k")));

        Files.writeString(dir.resolve("a/k"), "only in a");
        assertEquals("v1", new String(paths.read("k").orElseThrow(), UTF_8), "the preferred path is read first");
        Files.delete(dir.resolve("b/k"));
        assertEquals("only in a", new String(paths.read("k").orElseThrow(), UTF_8), "then the others");

        assertTrue(paths.delete("k"));
        assertFalse(Files.exists(dir.resolve("a/k")));
        assertTrue(paths.read("k").isEmpty());
        assertFalse(paths.delete("k"));
    }

    @Test
    void redundantFailsOnlyWhenNoPathTakesTheObject() throws Exception {
        Files.writeString(dir.resolve("x"), "file");
        Files.writeString(dir.resolve("y"), "file");
        StoragePaths one = StoragePaths.parse(dir.resolve("x") + ";" + dir.resolve("ok"), "redundant");
        one.write("k", "v".getBytes(UTF_8));
        assertEquals("v", Files.readString(dir.resolve("ok/k")));

        StoragePaths none = StoragePaths.parse(dir.resolve("x") + ";" + dir.resolve("y"), "redundant");
        assertThrows(UncheckedIOException.class, () -> none.write("k", "v".getBytes(UTF_8)));
    }

    @Test
    void aKeyCannotBeBothAnObjectAndAFolder() {
        StoragePaths paths = StoragePaths.single(dir);
        paths.write("a", "object".getBytes(UTF_8));
        assertEquals("object_key_conflict",
                assertThrows(ConflictException.class, () -> paths.write("a/b", new byte[1])).code());
        paths.write("c/d", "object".getBytes(UTF_8));
        assertThrows(ConflictException.class, () -> paths.write("c", new byte[1]));
        assertTrue(paths.read("a/b").isEmpty());
    }

    @Test
    void listsEveryStoredKeyOnceWithoutWritesUnderWay() throws Exception {
        StoragePaths paths = StoragePaths.parse(dir.resolve("a") + ";" + dir.resolve("b"), "redundant");
        paths.write("events/2026/1.jpg", new byte[] {1});
        paths.write("faces/p1.jpg", new byte[] {2});
        Files.writeString(dir.resolve("a/events/.incoming-123.tmp"), "partial");
        assertEquals(List.of("events/2026/1.jpg", "faces/p1.jpg"), paths.keys());
    }
}
