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
            // botocore's pricing model: GetProducts errors ThrottlingException and InternalErrorException.
            case "Pricing" -> new AwsError("ThrottlingException", 400, "Rate exceeded");
            case "Organizations" -> new AwsError("TooManyRequestsException", 400, "AWS Organizations can't complete "
                    + "your request because another request is already in progress. Try again later.");
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
            case "Pricing" -> new AwsError("InternalErrorException", 500, "An internal error occurred.");
            case "STS" -> new AwsError("InternalFailure", 500, "An internal error occurred. Try again.");
            case "Organizations" -> new AwsError("ServiceException", 500, "AWS Organizations can't complete your "
                    + "request because of an internal service error. Try again later.");
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

    /** The IAM service prefix of each service the sandbox serves, as IAM actions name them. */
    public static String iamPrefix(String service) {
        return switch (service) {
            case "SageMaker" -> "sagemaker";
            case "CloudWatch" -> "cloudwatch";
            case "Logs" -> "logs";
            case "Tagging" -> "tag";
            case "SNS" -> "sns";
            case "STS" -> "sts";
            default -> service.toLowerCase(java.util.Locale.ROOT);
        };
    }

    /**
     * What IAM answers a call no policy allows (or an SCP denies), in the service's own shape: the JSON services
     * (SageMaker, CloudWatch Logs, the tagging API) {@code AccessDeniedException}, HTTP 400 (as SageMaker answers:
     * "AccessDeniedException: User: … is not authorized to perform: sagemaker:CreateEndpointConfig … status code:
     * 400"); CloudWatch {@code AccessDenied}, HTTP 403 ("AccessDenied: User: … is not authorized to perform:
     * cloudwatch:ListMetrics status code: 403", grafana/grafana#9076); SNS {@code AuthorizationError}, HTTP 403
     * (AuthorizationErrorException in SNS's service model); STS {@code AccessDenied}, HTTP 403. The message is IAM's.
     */
    public static AwsError accessDenied(String service, String operation, String account, String message) {
        String action = iamPrefix(service) + ":" + operation;
        String text = message != null ? message : "User: arn:aws:iam::" + account + ":user/sandbox is not authorized to"
                + " perform: " + action + " because no identity-based policy allows the " + action + " action";
        return switch (service) {
            case "CloudWatch", "STS" -> new AwsError("AccessDenied", 403, text);
            case "SNS" -> new AwsError("AuthorizationError", 403, text);
            default -> new AwsError("AccessDeniedException", 400, text);
        };
    }
}
