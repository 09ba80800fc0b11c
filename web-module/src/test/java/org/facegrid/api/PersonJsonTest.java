package org.facegrid.api;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.facegrid.directory.Person;
import org.facegrid.directory.PersonDraft;
import org.facegrid.problem.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PersonJsonTest {

    private static JsonValue json(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }

    @Test
    void readsTheThreeFields() {
        PersonDraft draft = PersonJson.readDraft(json("{\"name\":\"Ada\",\"externalId\":\"e1\",\"tags\":[\"a\",\"b\"]}"));
        assertEquals(new PersonDraft("Ada", "e1", List.of("a", "b")), draft);
    }

    @Test
    void ignoresServerFieldsSoAReadPersonCanBeSentBack() {
        PersonDraft draft = PersonJson.readDraft(json(
                "{\"id\":\"x\",\"name\":\"Ada\",\"externalId\":null,\"tags\":null,\"createdAt\":\"t\",\"updatedAt\":\"t\"}"));
        assertEquals(new PersonDraft("Ada", null, List.of()), draft);
    }

    @Test
    void namesEveryWrongTypeAndUnknownField() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PersonJson.readDraft(
                json("{\"name\":5,\"externalId\":true,\"tags\":[\"ok\",3],\"nickname\":\"x\"}")));
        assertEquals(List.of(
                Map.of("field", "nickname", "problem", "is not a field of a person (expected name, externalId, tags, watchlists)"),
                Map.of("field", "name", "problem", "must be a string"),
                Map.of("field", "externalId", "problem", "must be a string"),
                Map.of("field", "tags[1]", "problem", "must be a string")), e.details());
    }

    @Test
    void refusesABodyThatIsNotAnObject() {
        for (String body : List.of("[1,2]", "\"Ada\"", "42", "null")) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> PersonJson.readDraft(json(body)));
            assertEquals("body", e.details().get(0).get("field"), body);
        }
        assertThrows(InvalidInputException.class, () -> PersonJson.readDraft(null));
    }

    @Test
    void writesTimesAsIsoAndAMissingExternalIdAsNull() {
        JsonObject out = PersonJson.write(new Person("id-1", "Ada", null, List.of("vip"), 0L, 1_000L, 1));
        assertEquals("id-1", out.getString("id"));
        assertTrue(out.isNull("externalId"));
        assertEquals("1970-01-01T00:00:01Z", out.getString("updatedAt"));
        assertEquals(List.of("vip"), out.getJsonArray("tags").getValuesAs(jakarta.json.JsonString::getString));
        assertTrue(out.getJsonArray("watchlists").isEmpty());
    }

    @Test
    void readsAndWritesWatchlists() {
        PersonDraft draft = PersonJson.readDraft(Json.createReader(new StringReader(
                "{\"name\":\"Eve\",\"watchlists\":[\"vip\",\"banned\"]}")).readValue());
        assertEquals(List.of("vip", "banned"), draft.watchlists());
        InvalidInputException bad = assertThrows(InvalidInputException.class, () -> PersonJson.readDraft(
                Json.createReader(new StringReader("{\"name\":\"Eve\",\"watchlists\":\"vip\"}")).readValue()));
        assertEquals("watchlists", bad.details().get(0).get("field"));
        JsonObject out = PersonJson.write(new Person("id-2", "Eve", null, List.of(), 0L, 0L, 2, List.of("vip")));
        assertEquals(List.of("vip"), out.getJsonArray("watchlists").getValuesAs(jakarta.json.JsonString::getString));
    }

    @Test
    void aPatchChangesOnlyTheFieldsItNamesAndNullClearsOne() {
        Person ada = new Person("id-3", "Ada", "e1", List.of("staff"), 0L, 0L, 2, List.of("vip"));
        assertEquals(new PersonDraft("Ada King", "e1", List.of("staff"), List.of("vip")),
                PersonJson.readPatch(json("{\"name\":\"Ada King\"}"), ada));
        assertEquals(new PersonDraft("Ada", null, List.of("staff"), List.of()),
                PersonJson.readPatch(json("{\"externalId\":null,\"watchlists\":[]}"), ada));
        // PUT replaces: what it leaves out is empty, watchlists too
        assertEquals(new PersonDraft("Ada King", null, List.of(), List.of()),
                PersonJson.readDraft(json("{\"name\":\"Ada King\"}")));
        assertThrows(InvalidInputException.class, () -> PersonJson.readPatch(json("{\"nickname\":\"A\"}"), ada));
    }
}
