package org.facegrid.directory;

import org.facegrid.problem.InvalidInputException;
import org.facegrid.problem.InvalidInputException.FieldProblem;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * What a caller sends to create or replace a person. {@link #validated()} trims, removes duplicate tags and
 * watchlists, and checks every rule at once, so one error response names everything to fix. A person on a
 * watchlist raises an alert whenever recognised.
 */
public record PersonDraft(String name, String externalId, List<String> tags, List<String> watchlists) {
    public PersonDraft(String name, String externalId, List<String> tags) {
        this(name, externalId, tags, List.of());
    }

    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_EXTERNAL_ID_LENGTH = 128;
    public static final int MAX_TAGS = 50;
    public static final int MAX_TAG_LENGTH = 64;

    public PersonDraft validated() {
        List<FieldProblem> problems = new ArrayList<>();
        String cleanName = name == null ? null : name.strip();
        if (cleanName == null || cleanName.isEmpty()) {
            problems.add(new FieldProblem("name", "is required"));
        } else if (cleanName.length() > MAX_NAME_LENGTH) {
            problems.add(new FieldProblem("name", "must be at most " + MAX_NAME_LENGTH + " characters"));
        }
        String cleanExternalId = externalId == null ? null : externalId.strip();
        if (cleanExternalId != null && cleanExternalId.isEmpty()) {
            problems.add(new FieldProblem("externalId", "must not be blank (omit it or send null)"));
        } else if (cleanExternalId != null && cleanExternalId.length() > MAX_EXTERNAL_ID_LENGTH) {
            problems.add(new FieldProblem("externalId", "must be at most " + MAX_EXTERNAL_ID_LENGTH + " characters"));
        }
        List<String> cleanTags = cleanList("tags", tags, problems);
        List<String> cleanWatchlists = cleanList("watchlists", watchlists, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException("the person is not valid", problems);
        }
        return new PersonDraft(cleanName, cleanExternalId, cleanTags, cleanWatchlists);
    }

    /** Trimmed, without duplicates, each 1..64 characters, at most 50. */
    private static List<String> cleanList(String field, List<String> values, List<FieldProblem> problems) {
        LinkedHashSet<String> clean = new LinkedHashSet<>();
        List<String> given = values == null ? List.of() : values;
        for (int i = 0; i < given.size(); i++) {
            String value = given.get(i) == null ? "" : given.get(i).strip();
            if (value.isEmpty()) {
                problems.add(new FieldProblem(field + "[" + i + "]", "must not be blank"));
            } else if (value.length() > MAX_TAG_LENGTH) {
                problems.add(new FieldProblem(field + "[" + i + "]", "must be at most " + MAX_TAG_LENGTH + " characters"));
            } else {
                clean.add(value);
            }
        }
        if (clean.size() > MAX_TAGS) {
            problems.add(new FieldProblem(field, "must hold at most " + MAX_TAGS + " entries"));
        }
        return List.copyOf(clean);
    }
}
