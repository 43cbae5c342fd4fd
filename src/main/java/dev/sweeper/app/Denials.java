package dev.sweeper.app;

import dev.sweeper.core.AwsCallException;
import java.util.List;

/**
 * A call refused by IAM (or an SCP) is said once per region and operation, naming the IAM action to grant, not once
 * per resource it leaves unjudged: those say so in their own reasons.
 */
public final class Denials {
    private Denials() {
    }

    /** What IAM answers a call it refuses: JSON services {@code AccessDeniedException}, Query ones {@code AccessDenied}. */
    static boolean isDenied(AwsCallException e) {
        String code = e.errorCode();
        return "AccessDeniedException".equals(code) || "AccessDenied".equals(code) || "AuthorizationError".equals(code);
    }

    /** The IAM action behind an operation of the service whose IAM prefix is {@code prefix} ("sagemaker"). */
    static String iamAction(String prefix, AwsCallException e) {
        return prefix + ":" + e.operation();
    }

    /**
     * Adds the refusal to {@code problems} unless the same refusal of the same operation in the same place is there
     * already; does nothing for a failure that is not a refusal. {@code cost}: what the refusal leaves unjudged.
     */
    public static void report(String where, String prefix, AwsCallException e, String cost, List<String> problems) {
        if (!isDenied(e)) {
            return;
        }
        String head = where + ": " + e.operation() + " was refused (" + e.errorCode() + "): grant "
                + iamAction(prefix, e);
        synchronized (problems) {
            if (problems.stream().noneMatch(p -> p.startsWith(head))) {
                problems.add(head + "; " + cost);
            }
        }
    }
}
