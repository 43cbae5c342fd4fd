package dev.sweeper.aws;

import dev.sweeper.core.Notifier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;

/** {@link Notifier} over the SDK's SNS client. */
final class SnsAdapter implements Notifier {
    private final SnsClient client;

    SnsAdapter(SnsClient client) {
        this.client = client;
    }

    @Override
    public String publish(String topicArn, String subject, String message) {
        try {
            return client.publish(b -> b.topicArn(topicArn).subject(subject).message(message)).messageId();
        } catch (SdkException e) {
            throw Errors.translate("Publish", e);
        }
    }
}
