package org.facegrid.operator.management;

/** Why a management operation did not succeed; {@link Kind} tells the join's exit codes apart. */
public final class ManagementException extends RuntimeException {
    public enum Kind { UNREACHABLE, TLS, CREDENTIALS_REJECTED, TIMED_OUT, FAILED }

    private final Kind kind;

    public ManagementException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ManagementException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
