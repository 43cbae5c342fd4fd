package dev.sweeper.aws;

import dev.sweeper.core.AwsCallException;
import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Translates SDK exceptions into the core's {@link AwsCallException}, at the adapter boundary. */
final class Errors {
    private Errors() {
    }

    static AwsCallException translate(String operation, SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails().errorMessage();
            return new AwsCallException(operation, code, message == null ? "" : message,
                    isNotFound(code, message), e);
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

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        String first = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (first.length() > 200) {
            first = first.substring(0, 200) + "…";
        }
        return t == e || m == null ? first : first + " (" + t.getClass().getSimpleName() + ": " + m + ")";
    }
}
