package org.facegrid.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules every endpoint follows (docs/api.md, "API style"): unknown query parameters, JSON fields and form
 * parts are refused naming them; a number out of range says its range; times are ISO-8601; lists come as
 * {@code items}; numbers are shown as written; PUT replaces and PATCH changes; {@code GET /api/v1} lists the
 * resources and {@code GET /} leads there.
 */
@ExtendWith(ArquillianExtension.class)
class ApiStyleIT {
    private final Http http = Deployments.server();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.facegridEar();
    }

    private static JsonObject refused(Http.Reply reply, int status, String field) {
        assertEquals(status, reply.status(), reply.toString());
        JsonObject body = reply.object();
        assertEquals("invalid_input", body.getString("code"), body.toString());
        assertEquals(field, body.getJsonArray("details").getJsonObject(0).getString("field"), body.toString());
        return body;
    }

    @Test
    void unknownQueryParametersAreRefusedNamingThemAndWhatTheEndpointTakes() {
        JsonObject typo = refused(http.get("/api/v1/persons?nmae=ada"), 400, "nmae");
        assertTrue(typo.getString("message").contains("nmae"), typo.toString());
        assertTrue(typo.getJsonArray("details").getJsonObject(0).getString("problem").contains("limit, name, offset"),
                typo.toString());
        refused(http.send("POST", "/api/v1/recognitions?tresh=0.5", "image/png", TestImages.noFacePng()), 400, "tresh");
        refused(http.get("/api/v1/cluster?verbose=true"), 400, "verbose");
        // the parameters an endpoint documents are taken
        assertEquals(200, http.send("POST", "/api/v1/recognitions?threshold=0.5&maxFaces=3", "image/png",
                TestImages.noFacePng()).status());
    }

    @Test
    void aNumberOutOfRangeSaysItsRangeOnEveryList() {
        for (String list : List.of("/api/v1/persons", "/api/v1/jobs", "/api/v1/schedules", "/api/v1/events",
                "/api/v1/alerts")) {
            JsonObject body = refused(http.get(list + "?limit=99999999999"), 400, "limit");
            assertTrue(body.getString("message").contains("from 1 to 500"), list + ": " + body);
            refused(http.get(list + "?limit=0"), 400, "limit");
        }
        refused(http.get("/api/v1/jobs?offset=-1"), 400, "offset");
    }

    @Test
    void bodyFieldsAndFormPartsAreCheckedLikeQueryParameters() {
        String image = Base64.getEncoder().encodeToString(TestImages.noFacePng());
        refused(http.post("/api/v1/recognitions", "{\"image\":\"" + image + "\",\"tresh\":0.5}"), 400, "tresh");
        assertEquals(200, http.post("/api/v1/recognitions", "{\"image\":\"" + image + "\",\"threshold\":0.5}").status());
        // a photo sent under another name is named as such, before it is read (no 413 for a form field)
        JsonObject misnamed = refused(http.send("POST", "/api/v1/recognitions",
                "multipart/form-data; boundary=" + TestImages.BOUNDARY,
                TestImages.multipartPart("photo", "image/jpeg", TestImages.devPhoto("barack_obama", 1))), 400, "photo");
        assertTrue(misnamed.getString("message").contains("image"), misnamed.toString());
        // JSON bodies of every kind name a field they do not take
        refused(http.put("/api/v1/cluster/balancer", "{\"mode\":\"software\",\"mood\":\"calm\"}"), 400, "mood");
        refused(http.put("/api/v1/cluster/primary", "{\"node\":\"it-node\",\"now\":true}"), 400, "now");
        String someone = http.post("/api/v1/persons", "{\"name\":\"Descriptor Fields\"}").object().getString("id");
        refused(http.post("/api/v1/persons/" + someone + "/faces/descriptors", "{\"descriptors\":[],\"model\":\"x\"}"),
                400, "model");
        assertEquals(204, http.delete("/api/v1/persons/" + someone).status());
        // image2 belongs to verification only
        refused(http.send("POST", "/api/v1/detections", "multipart/form-data; boundary=" + TestImages.BOUNDARY,
                TestImages.multipartPair(TestImages.devPhoto("barack_obama", 1), TestImages.devPhoto("barack_obama", 2))),
                400, "image2");
    }

    @Test
    void onlyTheImageTypesTheServerReadsAreAdvertisedAndAccepted() {
        byte[] gif = "GIF89a\u0001\u0000\u0001\u0000".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Http.Reply reply = http.send("POST", "/api/v1/recognitions", "image/gif", gif);
        assertEquals(415, reply.status(), reply.toString());
        String document = Deployments.server().anonymous().get("/openapi?format=JSON").body();
        assertFalse(document.contains("image/gif") || document.contains("image/bmp"), "the OpenAPI document advertises "
                + "a type the server does not read");
    }

    @Test
    void numbersAreShownAsWrittenAndTimesAsIso() {
        byte[] photo = TestImages.devPhoto("barack_obama", 1);
        Http.Reply verified = http.send("POST", "/api/v1/verifications", "multipart/form-data; boundary="
                + TestImages.BOUNDARY, TestImages.multipartPair(photo, TestImages.devPhoto("barack_obama", 2)));
        assertEquals(200, verified.status(), verified.toString());
        assertTrue(verified.body().replace(" ", "").contains("\"threshold\":0.6"), verified.body());
        assertFalse(verified.body().contains("0.6000000"), verified.body());

        // enrolled only for this check: the recognition tests share the server's gallery
        String personId = http.post("/api/v1/persons", "{\"name\":\"Iso Times\"}").object().getString("id");
        try {
            Http.Reply enrolled = http.send("POST", "/api/v1/persons/" + personId + "/faces", "image/jpeg", photo);
            assertEquals(201, enrolled.status(), enrolled.toString());
            Instant.parse(enrolled.object().getString("createdAt"));
            JsonObject faces = http.get("/api/v1/persons/" + personId + "/faces").object();
            assertEquals(1, faces.getInt("total"), faces.toString());
            Instant.parse(faces.getJsonArray("items").getJsonObject(0).getString("createdAt"));
        } finally {
            assertEquals(204, http.delete("/api/v1/persons/" + personId).status());
        }
        for (String list : List.of("/api/v1/jobs", "/api/v1/schedules", "/api/v1/backups", "/api/v1/cluster/endpoints")) {
            Http.Reply reply = http.get(list);
            assertEquals(200, reply.status(), list + ": " + reply);
            assertTrue(reply.object().containsKey("items"), list + ": " + reply);
        }
    }

    @Test
    void putReplacesEveryWritableFieldAndPatchChangesOnlyWhatItNames() {
        String id = http.post("/api/v1/persons", "{\"name\":\"Ada\",\"externalId\":\"style-" + System.nanoTime()
                + "\",\"tags\":[\"staff\"],\"watchlists\":[\"vip\"]}").object().getString("id");
        Http.Reply patched = http.send("PATCH", "/api/v1/persons/" + id, "application/merge-patch+json",
                "{\"name\":\"Ada King\"}");
        assertEquals(200, patched.status(), patched.toString());
        assertEquals("Ada King", patched.object().getString("name"));
        assertEquals(List.of("vip"), strings(patched.object(), "watchlists"), "a patch keeps what it does not name");
        assertEquals(List.of("staff"), strings(patched.object(), "tags"));
        refused(http.send("PATCH", "/api/v1/persons/" + id, "application/json", "{\"nick\":\"A\"}"), 400, "nick");

        JsonObject replaced = http.put("/api/v1/persons/" + id, "{\"name\":\"Ada Lovelace\"}").object();
        assertEquals(List.of(), strings(replaced, "watchlists"), "PUT replaces every writable field: " + replaced);
        assertTrue(replaced.isNull("externalId"), replaced.toString());
    }

    @Test
    void theApiRootListsEveryResourceOfTheDocumentAndTheSiteRootLeadsThere() {
        Http.Reply index = http.get("/api/v1");
        assertEquals(200, index.status(), index.toString());
        Set<String> listed = index.object().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(r -> r.getString("href")).collect(Collectors.toSet());
        JsonObject paths = Deployments.server().anonymous().get("/openapi?format=JSON").object().getJsonObject("paths");
        for (String path : paths.keySet()) {
            if (path.startsWith("/api/v1/") && path.length() > "/api/v1/".length()) {
                String resource = "/api/v1/" + path.substring("/api/v1/".length()).split("/")[0];
                assertTrue(listed.contains(resource), resource + " (of " + path + ") is not in GET /api/v1: " + listed);
            }
        }
        Http.Reply root = Deployments.server().anonymous().get("/");
        assertEquals(303, root.status(), root.toString());
        assertEquals("/api/v1", root.header("Location"));
    }

    private static List<String> strings(JsonObject json, String field) {
        return json.getJsonArray(field).getValuesAs(JsonString::getString);
    }
}
