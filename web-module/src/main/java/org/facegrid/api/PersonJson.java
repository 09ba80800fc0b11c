package org.facegrid.api;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.facegrid.directory.Person;
import org.facegrid.directory.PersonDraft;
import org.facegrid.directory.PersonPage;
import org.facegrid.json.JsonFactory;
import org.facegrid.problem.InvalidInputException.FieldProblem;
import org.facegrid.problem.InvalidInputException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The JSON form of persons. Reading checks types and unknown fields; the directory checks the values. */
final class PersonJson {
    private static final Set<String> FIELDS = Set.of("name", "externalId", "tags", "watchlists");
    /** Fields the server sets; accepted in a body (a GET result sent back as is) but ignored. */
    private static final Set<String> SERVER_FIELDS = Set.of("id", "createdAt", "updatedAt", "schemaVersion");

    private PersonJson() {
    }

    /** A whole person (create, PUT): a writable field left out is empty afterwards. */
    static PersonDraft readDraft(JsonValue body) {
        return readDraft(object(body), null);
    }

    /**
     * A change (PATCH, JSON merge patch): only the fields the body names change, {@code null} clears one; the
     * others keep what {@code current} has.
     */
    static PersonDraft readPatch(JsonValue body, Person current) {
        return readDraft(object(body), current);
    }

    private static JsonObject object(JsonValue body) {
        if (body == null || body.getValueType() != JsonValue.ValueType.OBJECT) {
            throw InvalidInputException.of("body", "must be a JSON object with name, externalId, tags and watchlists");
        }
        return body.asJsonObject();
    }

    private static PersonDraft readDraft(JsonObject json, Person current) {
        List<FieldProblem> problems = new ArrayList<>();
        for (String key : json.keySet()) {
            if (!FIELDS.contains(key) && !SERVER_FIELDS.contains(key)) {
                problems.add(new FieldProblem(key, "is not a field of a person (expected name, externalId, tags, watchlists)"));
            }
        }
        boolean patch = current != null;
        String name = patch && !json.containsKey("name") ? current.name() : readString(json, "name", problems);
        String externalId = patch && !json.containsKey("externalId") ? current.externalId()
                : readString(json, "externalId", problems);
        List<String> tags = patch && !json.containsKey("tags") ? current.tags() : readStrings(json, "tags", problems);
        List<String> watchlists = patch && !json.containsKey("watchlists") ? current.watchlists()
                : readStrings(json, "watchlists", problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException("The person is not valid: " + problems.get(0).field() + " "
                    + problems.get(0).problem() + ".", problems);
        }
        return new PersonDraft(name, externalId, tags, watchlists);
    }

    private static List<String> readStrings(JsonObject json, String field, List<FieldProblem> problems) {
        List<String> values = new ArrayList<>();
        JsonValue value = json.get(field);
        if (value != null && value.getValueType() != JsonValue.ValueType.NULL) {
            if (value.getValueType() != JsonValue.ValueType.ARRAY) {
                problems.add(new FieldProblem(field, "must be an array of strings"));
            } else {
                JsonArray array = value.asJsonArray();
                for (int i = 0; i < array.size(); i++) {
                    if (array.get(i) instanceof JsonString s) {
                        values.add(s.getString());
                    } else {
                        problems.add(new FieldProblem(field + "[" + i + "]", "must be a string"));
                    }
                }
            }
        }
        return values;
    }

    private static String readString(JsonObject json, String field, List<FieldProblem> problems) {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        problems.add(new FieldProblem(field, "must be a string"));
        return null;
    }

    static JsonObject write(Person person) {
        JsonArrayBuilder tags = JsonFactory.createArrayBuilder();
        person.tags().forEach(tags::add);
        JsonArrayBuilder watchlists = JsonFactory.createArrayBuilder();
        person.watchlists().forEach(watchlists::add);
        JsonObjectBuilder json = JsonFactory.createObjectBuilder()
                .add("id", person.id())
                .add("name", person.name());
        if (person.externalId() == null) {
            json.addNull("externalId");
        } else {
            json.add("externalId", person.externalId());
        }
        return json.add("tags", tags)
                .add("watchlists", watchlists)
                .add("createdAt", Instant.ofEpochMilli(person.createdAt()).toString())
                .add("updatedAt", Instant.ofEpochMilli(person.updatedAt()).toString())
                .build();
    }

    static JsonObject write(PersonPage page) {
        JsonArrayBuilder items = JsonFactory.createArrayBuilder();
        page.items().forEach(p -> items.add(write(p)));
        return JsonFactory.createObjectBuilder()
                .add("items", items)
                .add("total", page.total())
                .add("offset", page.offset())
                .add("limit", page.limit())
                .build();
    }
}
