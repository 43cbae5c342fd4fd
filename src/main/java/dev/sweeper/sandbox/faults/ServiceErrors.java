package dev.sweeper.sandbox.faults;

import dev.sweeper.sandbox.protocol.AwsError;

/**
 * The error each service answers when it throttles, fails inside, refuses a parameter or refuses the
 * caller: what an injected fault sends, in the shape of the service called.
 */
public final class ServiceErrors {
    private ServiceErrors() {
    }

    public static AwsError throttling(String service) {
        return switch (service) {
            case "SageMaker" -> new AwsError("ThrottlingException", 400, "Rate exceeded");
            case "SNS" -> new AwsError("Throttled", 429, "Rate exceeded");
            case "Logs" -> new AwsError("ThrottlingException", 400, "Rate exceeded");
            case "Tagging" -> new AwsError("ThrottledException", 400, "Rate exceeded");
            default -> new AwsError("Throttling", 400, "Rate exceeded"); // CloudWatch and STS
        };
    }

    /** Also what the sandbox answers when its own code fails on a request. */
    public static AwsError internal(String service) {
        return switch (service) {
            case "SageMaker" -> new AwsError("InternalFailure", 500, "An internal error occurred. Try again.");
            case "SNS" -> new AwsError("InternalError", 500, "Internal Error");
            case "Logs" -> new AwsError("ServiceUnavailableException", 500, "The service cannot complete the request.");
            case "Tagging" -> new AwsError("InternalServiceException", 500, "Internal service error");
            case "STS" -> new AwsError("InternalFailure", 500, "An internal error occurred. Try again.");
            default -> new AwsError("InternalServiceError", 500, "Internal Service Error");
        };
    }

    public static AwsError validation(String service, String message) {
        return switch (service) {
            case "SageMaker" -> AwsError.validation(message != null ? message : "Injected validation error (sandbox fault).");
            case "SNS" -> new AwsError("InvalidParameter", 400, "Invalid parameter: " + (message != null ? message : "injected by the sandbox"));
            case "Logs" -> new AwsError("InvalidParameterException", 400, message != null ? message : "Injected validation error (sandbox fault).");
            case "STS" -> new AwsError("ValidationError", 400, message != null ? message : "Injected validation error (sandbox fault).");
            default -> new AwsError("InvalidParameterValue", 400, message != null ? message : "Injected validation error (sandbox fault).");
        };
    }

    /** A caller refused: {@code message} when the fault rule gives one, else the service's own words. */
    public static AwsError denied(String service, String operation, String account, String message) {
        if (service.equals("STS")) {
            // STS deactivated in this region for the account.
            return new AwsError("RegionDisabledException", 403, message != null ? message
                    : "STS is not activated in this region for account:" + account
                    + ". Your account administrator can activate STS in this region using the IAM Console.");
        }
        if (service.equals("Tagging")) {
            // What IAM answers a caller without tag:GetResources.
            return new AwsError("AccessDeniedException", 400, message != null
                    ? message : "User: arn:aws:iam::" + account
                    + ":user/sandbox is not authorized to perform: tag:" + operation);
        }
        // What a region the account has not enabled answers: the token is not valid there.
        return new AwsError(service.equals("SageMaker") ? "UnrecognizedClientException"
                : "InvalidClientTokenId", 403, message != null ? message
                : "The security token included in the request is invalid.");
    }

    /**
     * What IAM answers a caller whose policy or an SCP denies the action: {@code AccessDeniedException}
     * (HTTP 400) in the JSON protocols (SageMaker's common errors,
     * https://docs.aws.amazon.com/sagemaker/latest/APIReference/CommonErrors.html), {@code AccessDenied}
     * (HTTP 403) in the Query protocol (CloudWatch, SNS, STS).
     */
    public static AwsError accessDenied(String service, String operation, String account, String message) {
        String prefix = switch (service) {
            case "SageMaker" -> "sagemaker";
            case "CloudWatch" -> "cloudwatch";
            case "Logs" -> "logs";
            case "Tagging" -> "tag";
            default -> service.toLowerCase(java.util.Locale.ROOT);
        };
        String text = message != null ? message : "User: arn:aws:iam::" + account + ":user/sandbox is not authorized"
                + " to perform: " + prefix + ":" + operation + " with an explicit deny in a service control policy";
        boolean query = service.equals("CloudWatch") || service.equals("SNS") || service.equals("STS");
        return query ? new AwsError("AccessDenied", 403, text) : new AwsError("AccessDeniedException", 400, text);
    }
}
