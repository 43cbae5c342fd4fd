package dev.sweeper.core;

/** Publishes to an SNS topic. Throws {@link AwsCallException} when the call fails. */
public interface Notifier {
    /** Returns the message id. */
    String publish(String topicArn, String subject, String message);
}
