package org.facegrid.operator;

/**
 * Ends a command with a message for the operator and an exit code. The codes are part of the command's
 * contract (scripts test them), so each has one name here.
 */
public final class CommandFailure extends RuntimeException {
    /** Something went wrong; the message says what and where its log is. */
    public static final int FAILED = 1;
    /** A warning the operator must confirm (--force), or a refusal that protects the cluster. */
    public static final int REFUSED = 2;
    /** `status` when nothing runs from this base dir. */
    public static final int NOT_RUNNING = 3;
    /** The join: nothing answers at the primary's address. */
    public static final int PRIMARY_UNREACHABLE = 10;
    /** The join: the primary rejected the token's credentials. */
    public static final int CREDENTIALS_REJECTED = 11;
    /** The join: TLS or certificate problem talking to the primary. */
    public static final int TLS_PROBLEM = 12;
    /** The join: joined the domain but not the cluster (undone). */
    public static final int INCOMPLETE_JOIN = 13;
    /** Bad usage: an unknown option, a missing or malformed value. */
    public static final int USAGE = 64;

    private final int exitCode;

    public CommandFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public static CommandFailure failed(String message) {
        return new CommandFailure(FAILED, message);
    }

    public static CommandFailure usage(String message) {
        return new CommandFailure(USAGE, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
