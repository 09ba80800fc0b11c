package org.facegrid.problem;

import java.util.List;

/** An image FaceGrid cannot read (not an image, truncated, corrupt, unsupported); answered with 400. */
public class RejectedImageException extends ProblemException {
    public RejectedImageException(String code, String message) {
        super(code, message, List.of());
    }
}
