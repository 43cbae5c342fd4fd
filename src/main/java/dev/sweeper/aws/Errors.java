package dev.sweeper.aws;

import dev.sweeper.core.AwsCallException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Translates SDK exceptions into the core's {@link AwsCallException}, at the adapter boundary. */
final class Errors {
    /** How much of a non-AWS answer's body an error shows. */
    private static final int BODY_BYTES = 160;

    private Errors() {
    }

    static AwsCallException translate(String operation, SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails().errorMessage();
            if (message == null || message.isBlank()) {
                // Not an AWS error document (a proxy, a web server, the wrong port): what came back
                // is all there is to go on.
                message = httpSummary(service);
            }
            return new AwsCallException(operation, code, message, isNotFound(code, message), e);
        }
        return new AwsCallException(operation, null, rootMessage(e), false, e);
    }

    /**
     * SageMaker answers a missing endpoint with ValidationException "Could not find …", a missing
     * notebook instance with ValidationException "RecordNotFound", and a missing app with ResourceNotFound.
     */
    private static boolean isNotFound(String code, String message) {
        if ("ResourceNotFound".equals(code) || "NotFound".equals(code) || "ResourceNotFoundException".equals(code)) {
            return true;
        }
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        return "ValidationException".equals(code) && (m.contains("could not find") || m.contains("does not exist")
                || m.contains("recordnotfound"));
    }

    /** {@code HTTP 404: <html><body><h1>404 Not Found</h1>…}: the status and the body's first bytes, one line. */
    static String httpSummary(AwsServiceException e) {
        SdkBytes raw = e.awsErrorDetails().rawResponse();
        String body = raw == null ? "" : new String(raw.asByteArrayUnsafe(), 0,
                Math.min(raw.asByteArrayUnsafe().length, BODY_BYTES), StandardCharsets.UTF_8);
        body = body.replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
        boolean cut = raw != null && raw.asByteArrayUnsafe().length > BODY_BYTES;
        return "HTTP " + e.statusCode() + " with no AWS error in the answer"
                + (body.isEmpty() ? " (empty body)" : ": " + body + (cut ? "…" : ""));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        if (t instanceof java.net.UnknownHostException) {
            // The SDK's own text is a paragraph of advice; the fact is the name that did not resolve.
            return "the host " + (m == null ? "" : m + " ") + "could not be resolved (DNS): a mistyped region or "
                    + "--endpoint-url, or no network (UnknownHostException)";
        }
        String first = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (first.length() > 200) {
            // Whole sentences, never one cut in half.
            int end = first.lastIndexOf(". ", 200);
            first = end > 0 ? first.substring(0, end + 1) : first.substring(0, 200) + "…";
        }
        return t == e || m == null ? first : first + " (" + t.getClass().getSimpleName() + ": " + m + ")";
    }
}
