package org.facegrid.inference.image;

/** An image FaceGrid will not process, with the reason as a value callers can map to an error code. */
public class ImageRejectedException extends RuntimeException {
    /** Why an image was refused. */
    public enum Reason {
        EMPTY, NOT_AN_IMAGE, UNSUPPORTED_IMAGE, TOO_MANY_BYTES, TOO_MANY_PIXELS, TRUNCATED, CORRUPT
    }

    private final Reason reason;

    public ImageRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ImageRejectedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
