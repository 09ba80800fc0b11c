package org.facegrid.problem;

import java.util.List;
import java.util.Map;

/** What was asked for exists but cannot be reached now (e.g. every node holding an object is down): a 503. */
public class UnavailableException extends ProblemException {
    public UnavailableException(String code, String message, Map<String, String> detail) {
        super(code, message, List.of(detail));
    }
}
