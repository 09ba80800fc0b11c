package org.facegrid.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The object store through the API: put, get (type, sha-256), replace, delete, and refused keys and sizes. */
@ExtendWith(ArquillianExtension.class)
class ObjectsApiIT {
    private final Http http = Deployments.server();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.facegridEar();
    }

    @Test
    void objectsAreListedByPrefixInKeyOrderAndPaged() {
        String folder = "it/" + UUID.randomUUID() + "/";
        for (String name : new String[] {"b.txt", "a.txt", "sub/c.txt"}) {
            assertEquals(200, http.send("PUT", "/api/v1/objects/" + folder + name, "text/plain", name).status());
        }
        http.send("PUT", "/api/v1/objects/" + folder.substring(0, folder.length() - 1) + "-other.txt", "text/plain", "x");
        JsonObject all = http.get("/api/v1/objects?prefix=" + folder).object();
        assertEquals(3, all.getInt("total"), all.toString());
        assertEquals(java.util.List.of(folder + "a.txt", folder + "b.txt", folder + "sub/c.txt"),
                all.getJsonArray("items").getValuesAs(JsonObject.class).stream().map(o -> o.getString("key")).toList());
        JsonObject second = http.get("/api/v1/objects?prefix=" + folder + "&offset=1&limit=1").object();
        assertEquals(folder + "b.txt", second.getJsonArray("items").getJsonObject(0).getString("key"), second.toString());
        assertEquals(1, second.getJsonArray("items").size());
        java.time.Instant.parse(second.getJsonArray("items").getJsonObject(0).getString("createdAt"));
    }

    @Test
    void objectsAreStoredReadReplacedAndDeleted() throws Exception {
        String key = "it/" + UUID.randomUUID() + "/photo.png";
        byte[] png = TestImages.noFacePng();
        Http.Reply put = http.send("PUT", "/api/v1/objects/" + key, "image/png", png);
        assertEquals(200, put.status(), put.toString());
        JsonObject record = put.object();
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png));
        assertEquals(sha, record.getString("sha256"));
        assertEquals(png.length, record.getInt("size"));
        assertEquals("image/png", record.getString("contentType"));

        Http.Reply got = http.get("/api/v1/objects/" + key);
        assertEquals(200, got.status());
        assertEquals("image/png", got.contentType());
        assertEquals(sha, got.header("X-Content-SHA256"));
        assertArrayEquals(png, got.bytes());

        byte[] text = "replaced".getBytes(StandardCharsets.UTF_8);
        assertEquals(200, http.send("PUT", "/api/v1/objects/" + key, "text/plain", text).status());
        Http.Reply replaced = http.get("/api/v1/objects/" + key);
        assertArrayEquals(text, replaced.bytes());
        assertTrue(replaced.contentType().startsWith("text/plain"), replaced.contentType());

        assertEquals(204, http.delete("/api/v1/objects/" + key).status());
        Http.Reply gone = http.get("/api/v1/objects/" + key);
        assertEquals(404, gone.status());
        assertEquals("object_not_found", gone.object().getString("code"));
        assertEquals(404, http.delete("/api/v1/objects/" + key).status());
    }

    @Test
    void aKeyCannotBeBothAnObjectAndAFolder() {
        String base = "it/" + UUID.randomUUID();
        assertEquals(200, http.send("PUT", "/api/v1/objects/" + base + "/a", "text/plain", "file").status());
        Http.Reply under = http.send("PUT", "/api/v1/objects/" + base + "/a/b", "text/plain", "x");
        assertEquals(409, under.status(), under.toString());
        assertEquals("object_key_conflict", under.object().getString("code"));
        assertEquals(200, http.send("PUT", "/api/v1/objects/" + base + "/c/d", "text/plain", "x").status());
        Http.Reply over = http.send("PUT", "/api/v1/objects/" + base + "/c", "text/plain", "x");
        assertEquals(409, over.status(), over.toString());
        assertEquals("file", http.get("/api/v1/objects/" + base + "/a").body(), "the first object is untouched");
    }

    @Test
    void badKeysAndOversizedObjectsAreRefusedAndNothingIsStored() {
        for (String key : new String[] {"a/%2e%2e/%2e%2e/etc/passwd", "..", "a/./b", "a//b", "a/b%20c", "sp%00ce",
                "x".repeat(600)}) {
            Http.Reply reply = http.send("PUT", "/api/v1/objects/" + key, "text/plain", "x");
            assertEquals(400, reply.status(), key + ": " + reply);
            assertEquals("invalid_input", reply.object().getString("code"), key + ": " + reply);
        }
        String key = "it/" + UUID.randomUUID() + "/big.bin";
        byte[] big = new byte[25 * 1024 * 1024 + 1];
        Arrays.fill(big, (byte) 7);
        Http.Reply tooBig = http.send("PUT", "/api/v1/objects/" + key, "application/octet-stream", big);
        assertEquals(413, tooBig.status(), tooBig.toString());
        assertEquals("object_too_large", tooBig.object().getString("code"));
        assertEquals(404, http.get("/api/v1/objects/" + key).status());
    }
}
