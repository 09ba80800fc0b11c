package org.facegrid.storage;

import org.facegrid.problem.InvalidInputException;

import java.util.regex.Pattern;

/**
 * Object keys: 1 to 512 characters, segments of letters, digits, '.', '_' and '-' separated by single
 * slashes; no segment is "." or "..", and the key neither starts nor ends with a slash. So a key can never
 * name a file outside the store's directory.
 */
public final class ObjectKeys {
    public static final int MAX_LENGTH = 512;
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");

    private ObjectKeys() {
    }

    public static String validated(String key) {
        if (key == null || key.isEmpty()) {
            throw InvalidInputException.of("key", "is required");
        }
        if (key.length() > MAX_LENGTH) {
            throw InvalidInputException.of("key", "is longer than " + MAX_LENGTH + " characters");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                throw InvalidInputException.of("key", "must not contain '.' or '..' segments (no path traversal)");
            }
            if (!SEGMENT.matcher(segment).matches()) {
                throw InvalidInputException.of("key", "must be segments of letters, digits, '.', '_' or '-' "
                        + "separated by single '/' (got '" + key + "')");
            }
        }
        return key;
    }
}
