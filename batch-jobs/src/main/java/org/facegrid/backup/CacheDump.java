package org.facegrid.backup;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Some entries of one cache as one archive entry. Caches hold string keys and either ProtoStream bytes or text,
 * and a dump keeps exactly those: restoring puts back the same bytes, whatever version of the entity classes
 * wrote them. Layout: "FGCD", format version, entry count, then per entry the key (UTF-8), a kind byte (0 bytes,
 * 1 text) and the value, each length-prefixed.
 */
public final class CacheDump {
    private static final int MAGIC = 0x46474344; // "FGCD"
    private static final int VERSION = 1;
    private static final int MAX_KEY_BYTES = 64 * 1024;

    private CacheDump() {
    }

    public static byte[] encode(Map<String, ?> entries) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(entries.size());
            for (Map.Entry<String, ?> entry : entries.entrySet()) {
                writeBytes(out, entry.getKey().getBytes(StandardCharsets.UTF_8));
                if (entry.getValue() instanceof byte[] bytes) {
                    out.writeByte(0);
                    writeBytes(out, bytes);
                } else if (entry.getValue() instanceof String text) {
                    out.writeByte(1);
                    writeBytes(out, text.getBytes(StandardCharsets.UTF_8));
                } else {
                    throw new IllegalArgumentException("cache value of key " + entry.getKey()
                            + " is neither bytes nor text: " + entry.getValue().getClass().getName());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    /** The entries, in dump order; values are {@code byte[]} or {@code String}. */
    public static Map<String, Object> decode(byte[] dump) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(dump))) {
            int count = header(in, dump.length);
            Map<String, Object> entries = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String key = new String(readBytes(in, MAX_KEY_BYTES), StandardCharsets.UTF_8);
                int kind = in.readUnsignedByte();
                byte[] value = readBytes(in, dump.length);
                entries.put(key, switch (kind) {
                    case 0 -> value;
                    case 1 -> new String(value, StandardCharsets.UTF_8);
                    default -> throw new IOException("unknown value kind " + kind + " for key " + key);
                });
            }
            if (in.read() != -1) {
                throw new IOException("bytes after the last entry");
            }
            return entries;
        } catch (EOFException e) {
            throw new IOException("the dump ends in the middle of an entry", e);
        }
    }

    /** How many entries a dump holds, reading only its header. */
    public static int count(byte[] dump) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(dump))) {
            return header(in, dump.length);
        }
    }

    private static int header(DataInputStream in, int length) throws IOException {
        if (length < 12 || in.readInt() != MAGIC) {
            throw new IOException("not a cache dump");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("cache dump version " + version + " is not supported");
        }
        int count = in.readInt();
        if (count < 0 || count > length / 9) { // each entry takes at least 9 bytes
            throw new IOException("cache dump claims " + count + " entries in " + length + " bytes");
        }
        return count;
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in, int max) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > max) {
            throw new IOException("a length of " + length + " bytes is out of bounds");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }
}
