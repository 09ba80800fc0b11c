package org.facegrid.directory;

import org.facegrid.problem.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PersonDraftTest {

    @Test
    void trimsValuesAndDropsRepeatedTags() {
        PersonDraft valid = new PersonDraft("  Ada Lovelace ", " emp-1 ", List.of("staff", " vip", "staff")).validated();
        assertEquals("Ada Lovelace", valid.name());
        assertEquals("emp-1", valid.externalId());
        assertEquals(List.of("staff", "vip"), valid.tags());
    }

    @Test
    void externalIdAndTagsAreOptional() {
        PersonDraft valid = new PersonDraft("Ada", null, null).validated();
        assertNull(valid.externalId());
        assertEquals(List.of(), valid.tags());
    }

    @Test
    void namesEveryProblemAtOnce() {
        PersonDraft draft = new PersonDraft(" ", "x".repeat(129), Arrays.asList("ok", "", null, "t".repeat(65)));
        InvalidInputException e = assertThrows(InvalidInputException.class, draft::validated);
        assertEquals("invalid_input", e.code());
        assertEquals(List.of(
                Map.of("field", "name", "problem", "is required"),
                Map.of("field", "externalId", "problem", "must be at most 128 characters"),
                Map.of("field", "tags[1]", "problem", "must not be blank"),
                Map.of("field", "tags[2]", "problem", "must not be blank"),
                Map.of("field", "tags[3]", "problem", "must be at most 64 characters")), e.details());
    }

    @Test
    void refusesBlankExternalIdAndTooManyTags() {
        List<String> tags = java.util.stream.IntStream.range(0, 51).mapToObj(i -> "t" + i).toList();
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new PersonDraft("x".repeat(201), "   ", tags).validated());
        assertEquals(List.of("name", "externalId", "tags"),
                e.details().stream().map(d -> d.get("field")).toList());
    }

    @Test
    void pagingLimitsAreChecked() {
        assertEquals("offset", assertThrows(InvalidInputException.class, () -> new PersonQuery(null, -1, 10))
                .details().get(0).get("field"));
        assertEquals("limit", assertThrows(InvalidInputException.class, () -> new PersonQuery(null, 0, 0))
                .details().get(0).get("field"));
        assertEquals("limit", assertThrows(InvalidInputException.class,
                () -> new PersonQuery(null, 0, PersonQuery.MAX_LIMIT + 1)).details().get(0).get("field"));
        assertNull(new PersonQuery("  ", 0, 1).nameContains());
    }
}
