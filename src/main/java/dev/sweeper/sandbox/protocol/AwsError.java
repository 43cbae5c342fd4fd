package dev.sweeper.sandbox.protocol;

/**
 * An error answered the way the service answers it: its code, message and HTTP status.
 * Each protocol codec turns it into that protocol's error body.
 */
public final class AwsError extends RuntimeException {
    private final String code;
    private final int status;

    public AwsError(String code, int status, String message) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public boolean senderFault() {
        return status < 500;
    }

    public static AwsError validation(String message) {
        return new AwsError("ValidationException", 400, message);
    }

    public static AwsError resourceNotFound(String message) {
        return new AwsError("ResourceNotFound", 400, message);
    }
}
