package dev.sweeper.cli;

import picocli.CommandLine.Option;

/** Sending the idle list to SNS. */
public final class NotifyOptions {
    @Option(names = "--notify", description = "Publish the idle list to the SNS topic (--topic-arn or the config).")
    boolean notify;

    @Option(names = "--topic-arn", paramLabel = "ARN", description = "SNS topic for --notify.")
    String topicArn;
}
