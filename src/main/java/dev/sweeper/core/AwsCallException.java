package dev.sweeper.core;

/**
 * An AWS call failed. Adapters translate SDK exceptions into this, so that use cases can tell
 * "not found" (the resource moved on) from everything else without seeing SDK types.
 */
public class AwsCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String operation;
    private final String errorCode;
    private final boolean notFound;

    public AwsCallException(String operation, String errorCode, String message, boolean notFound, Throwable cause) {
        super(operation + " failed: " + (errorCode == null ? "" : errorCode + ": ") + message, cause);
        this.operation = operation;
        this.errorCode = errorCode;
        this.notFound = notFound;
    }

    public String operation() {
        return operation;
    }

    public String errorCode() {
        return errorCode;
    }

    public boolean isNotFound() {
        return notFound;
    }
}
