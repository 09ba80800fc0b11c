package org.facegrid.problem;

import java.util.List;
import java.util.Map;

/** The request would break a uniqueness rule or collide with a concurrent change. */
public class ConflictException extends ProblemException {
    public ConflictException(String code, String message, Map<String, String> detail) {
        super(code, message, List.of(detail));
    }
}
