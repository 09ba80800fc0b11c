package org.facegrid.problem;

import java.util.List;
import java.util.Map;

/** The thing the request names does not exist. */
public class NotFoundException extends ProblemException {
    public NotFoundException(String kind, String id) {
        super(kind + "_not_found", "no " + kind + " with id " + id, List.of(Map.of("kind", kind, "id", id)));
    }
}
