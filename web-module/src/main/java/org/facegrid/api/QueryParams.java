package org.facegrid.api;

import org.facegrid.problem.InvalidInputException;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Query parameters arrive as strings, so a bad value is our 400 naming the parameter, not a bare 404. */
final class QueryParams {
    private QueryParams() {
    }

    static Integer integer(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw InvalidInputException.of(name, "must be a whole number, not '" + value + "'");
        }
    }

    /** A whole number in [min, max]; a value out of range, or too large to be one, says the range. */
    static Integer integer(String name, String value, int min, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String range = max == Integer.MAX_VALUE ? min + " or more" : "from " + min + " to " + max;
        try {
            long number = Long.parseLong(value.strip());
            if (number < min || number > max) {
                throw InvalidInputException.of(name, "must be a whole number " + range + ", not " + value.strip());
            }
            return (int) number;
        } catch (NumberFormatException e) {
            throw InvalidInputException.of(name, "must be a whole number " + range + ", not '" + value + "'");
        }
    }

    static Float number(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Float.parseFloat(value.strip());
        } catch (NumberFormatException e) {
            throw InvalidInputException.of(name, "must be a number, not '" + value + "'");
        }
    }

    static Boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.valueOf(value);
        }
        throw InvalidInputException.of(name, "must be true or false, not '" + value + "'");
    }

    /** An ISO-8601 instant (2026-11-22T10:00:00Z) or epoch milliseconds. */
    static Long time(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            return v.chars().allMatch(Character::isDigit) ? Long.parseLong(v) : Instant.parse(v).toEpochMilli();
        } catch (NumberFormatException | DateTimeParseException e) {
            throw InvalidInputException.of(name, "must be an ISO-8601 instant like 2026-11-22T10:00:00Z or epoch "
                    + "milliseconds, not '" + value + "'");
        }
    }
}
