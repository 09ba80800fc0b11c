package org.facegrid.problem;

import java.util.List;
import java.util.Map;

/**
 * Well-formed input FaceGrid cannot act on: an image with no face where one is needed, several where one
 * was expected. The REST layer answers 422.
 */
public class UnprocessableException extends ProblemException {
    public UnprocessableException(String code, String message, List<Map<String, String>> details) {
        super(code, message, details);
    }
}
