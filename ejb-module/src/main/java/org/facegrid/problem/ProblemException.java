package org.facegrid.problem;

import jakarta.ejb.ApplicationException;

import java.util.List;
import java.util.Map;

/**
 * A request that cannot be carried out because of what the caller sent or asked for.
 * The REST layer turns each subtype into a 4xx with the body {code, message, details}.
 * Marked as an application exception so EJB calls rethrow it as is instead of wrapping it.
 */
@ApplicationException(inherited = true, rollback = true)
public abstract class ProblemException extends RuntimeException {
    private final String code;
    private final List<Map<String, String>> details;

    protected ProblemException(String code, String message, List<Map<String, String>> details) {
        super(message);
        this.code = code;
        this.details = List.copyOf(details);
    }

    /** A stable, machine-readable name of the problem, e.g. {@code invalid_input}. */
    public String code() {
        return code;
    }

    /** One entry per thing to fix, e.g. {@code {"field": "name", "problem": "is required"}}. */
    public List<Map<String, String>> details() {
        return details;
    }
}
