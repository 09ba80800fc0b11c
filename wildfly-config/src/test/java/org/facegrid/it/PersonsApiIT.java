package org.facegrid.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The persons slice through the whole stack: JAX-RS, EJB, the Infinispan repository, on a real WildFly. */
@ExtendWith(ArquillianExtension.class)
class PersonsApiIT {
    private final Http http = Deployments.server();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.facegridEar();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void personIsCreatedReadReplacedAndDeleted() {
        String externalId = unique("emp");
        Http.Reply created = http.post("/api/v1/persons",
                "{\"name\":\"Ada Lovelace\",\"externalId\":\"" + externalId + "\",\"tags\":[\"staff\",\"vip\"]}");
        assertEquals(201, created.status(), created.toString());
        JsonObject person = created.object();
        String id = person.getString("id");
        assertTrue(created.location().orElseThrow().endsWith("/api/v1/persons/" + id), created.location().toString());
        assertEquals(externalId, person.getString("externalId"));

        Http.Reply read = http.get("/api/v1/persons/" + id);
        assertEquals(200, read.status(), read.toString());
        assertEquals("Ada Lovelace", read.object().getString("name"));
        assertEquals(List.of("staff", "vip"), read.object().getJsonArray("tags").getValuesAs(JsonString::getString));

        Http.Reply replaced = http.put("/api/v1/persons/" + id, "{\"name\":\"Ada King\",\"tags\":[\"alumni\"]}");
        assertEquals(200, replaced.status(), replaced.toString());
        JsonObject after = http.get("/api/v1/persons/" + id).object();
        assertEquals("Ada King", after.getString("name"));
        assertTrue(after.isNull("externalId"), "PUT replaces: an omitted externalId is cleared");
        assertEquals(person.getString("createdAt"), after.getString("createdAt"));

        assertEquals(204, http.delete("/api/v1/persons/" + id).status());
        Http.Reply gone = http.get("/api/v1/persons/" + id);
        assertEquals(404, gone.status());
        assertEquals("person_not_found", gone.object().getString("code"));
        // the externalId was released with the first replace: a new person may use it
        assertEquals(201, http.post("/api/v1/persons", "{\"name\":\"Eve\",\"externalId\":\"" + externalId + "\"}").status());
    }

    @Test
    void listingPagesAndFiltersByName() {
        String token = unique("zz");
        for (String name : List.of("Delta", "alpha", "Charlie", "bravo", "Echo")) {
            assertEquals(201, http.post("/api/v1/persons", "{\"name\":\"" + token + " " + name + "\"}").status());
        }
        JsonObject firstPage = http.get("/api/v1/persons?name=" + token.toUpperCase() + "&limit=2").object();
        assertEquals(5, firstPage.getInt("total"));
        assertEquals(2, firstPage.getInt("limit"));
        assertEquals(List.of(token + " alpha", token + " bravo"), names(firstPage.getJsonArray("items")));

        JsonObject lastPage = http.get("/api/v1/persons?name=" + token + "&offset=4&limit=2").object();
        assertEquals(List.of(token + " Echo"), names(lastPage.getJsonArray("items")));
        assertEquals(4, lastPage.getInt("offset"));
    }

    @Test
    void duplicateExternalIdIsAConflict() {
        String externalId = unique("dup");
        assertEquals(201, http.post("/api/v1/persons", "{\"name\":\"A\",\"externalId\":\"" + externalId + "\"}").status());
        Http.Reply second = http.post("/api/v1/persons", "{\"name\":\"B\",\"externalId\":\"" + externalId + "\"}");
        assertEquals(409, second.status(), second.toString());
        assertError(second, "duplicate_external_id");
        assertEquals("externalId", second.object().getJsonArray("details").getJsonObject(0).getString("field"));
    }

    @Test
    void badInputGetsA4xxWithAJsonBodyNeverA500() {
        assertError(expect(400, http.post("/api/v1/persons", "{\"name\": ")), "malformed_json");
        assertError(expect(400, http.post("/api/v1/persons", "not json at all")), "malformed_json");
        Http.Reply missingName = expect(400, http.post("/api/v1/persons", "{\"tags\":[\"x\"]}"));
        assertError(missingName, "invalid_input");
        assertEquals("name", missingName.object().getJsonArray("details").getJsonObject(0).getString("field"));
        assertError(expect(400, http.post("/api/v1/persons", "{\"name\":42}")), "invalid_input");
        assertError(expect(400, http.post("/api/v1/persons", "[\"Ada\"]")), "invalid_input");
        assertError(expect(400, http.post("/api/v1/persons", "{\"name\":\"" + "x".repeat(201) + "\"}")), "invalid_input");
        assertError(expect(400, http.get("/api/v1/persons?limit=abc")), "invalid_input");
        assertError(expect(400, http.get("/api/v1/persons?limit=0")), "invalid_input");
        assertError(expect(400, http.get("/api/v1/persons?limit=501")), "invalid_input");
        assertError(expect(400, http.get("/api/v1/persons?offset=-1")), "invalid_input");
        assertError(expect(404, http.get("/api/v1/persons/no-such-id")), "person_not_found");
        assertError(expect(404, http.put("/api/v1/persons/no-such-id", "{\"name\":\"X\"}")), "person_not_found");
        assertError(expect(404, http.delete("/api/v1/persons/no-such-id")), "person_not_found");
        assertError(expect(404, http.get("/api/v1/no-such-resource")), "not_found");
        assertError(expect(415, http.send("POST", "/api/v1/persons", "text/plain", "Ada")), "unsupported_media_type");
        assertError(expect(405, http.send("PATCH", "/api/v1/persons", "application/json", "{}")), "method_not_allowed");
    }

    private static Http.Reply expect(int status, Http.Reply reply) {
        assertEquals(status, reply.status(), reply.toString());
        return reply;
    }

    private static void assertError(Http.Reply reply, String code) {
        assertTrue(reply.contentType().startsWith("application/json"), "JSON error body expected: " + reply);
        JsonObject body = reply.object();
        assertEquals(code, body.getString("code"), reply.toString());
        assertTrue(!body.getString("message").isBlank(), reply.toString());
        assertTrue(body.containsKey("details") && body.get("details") instanceof JsonArray, reply.toString());
    }

    private static List<String> names(JsonArray items) {
        return items.getValuesAs(JsonObject.class).stream().map(p -> p.getString("name")).toList();
    }
}
