package org.facegrid.directory;

import org.facegrid.problem.InvalidInputException;

/**
 * A listing request: an optional case-insensitive name fragment and a page.
 * Persons are listed by name, then id, so pages are stable while nothing changes.
 */
public record PersonQuery(String nameContains, int offset, int limit) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public PersonQuery {
        if (offset < 0) {
            throw InvalidInputException.of("offset", "must be 0 or more");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw InvalidInputException.of("limit", "must be between 1 and " + MAX_LIMIT);
        }
        nameContains = nameContains == null || nameContains.isBlank() ? null : nameContains.strip();
    }

    boolean matches(Person person) {
        return nameContains == null || person.name().toLowerCase().contains(nameContains.toLowerCase());
    }
}
