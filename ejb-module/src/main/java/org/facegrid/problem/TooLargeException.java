package org.facegrid.problem;

import java.util.List;
import java.util.Map;

/** The request carries more than FaceGrid accepts (bytes or pixels); the REST layer answers 413. */
public class TooLargeException extends ProblemException {
    public TooLargeException(String code, String message, long limit) {
        super(code, message, List.of(Map.of("limit", String.valueOf(limit))));
    }
}
