package org.facegrid.backup;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CacheDumpTest {
    private static Map<String, Object> sample() {
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put("p-1", new byte[] {0, 1, 2, (byte) 255});
        entries.put("ext/ünïcode", "p-1");
        entries.put("empty", new byte[0]);
        entries.put("", "");
        return entries;
    }

    @Test
    void bytesAndTextComeBackAsTheyWere() throws IOException {
        Map<String, Object> decoded = CacheDump.decode(CacheDump.encode(sample()));
        assertEquals(sample().keySet().stream().toList(), decoded.keySet().stream().toList());
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 255}, (byte[]) decoded.get("p-1"));
        assertEquals("p-1", decoded.get("ext/ünïcode"));
        assertArrayEquals(new byte[0], (byte[]) decoded.get("empty"));
        assertEquals("", decoded.get(""));
        assertEquals(4, CacheDump.count(CacheDump.encode(sample())));
    }

    @Test
    void valuesOfOtherTypesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> CacheDump.encode(Map.of("k", 42)));
    }

    @Test
    void damagedDumpsAreRefusedNotMisread() {
        byte[] dump = CacheDump.encode(sample());
        assertThrows(IOException.class, () -> CacheDump.decode(Arrays.copyOf(dump, dump.length - 1)));
        byte[] longer = Arrays.copyOf(dump, dump.length + 1);
        assertThrows(IOException.class, () -> CacheDump.decode(longer));
        assertThrows(IOException.class, () -> CacheDump.decode("not a dump at all".getBytes(StandardCharsets.UTF_8)));
        byte[] hugeCount = dump.clone();
        hugeCount[8] = 0x7f; // the entry count's high byte
        assertThrows(IOException.class, () -> CacheDump.decode(hugeCount));
    }
}
