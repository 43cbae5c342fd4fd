package dev.sweeper.aws;

import dev.sweeper.core.NotebookFacts;
import dev.sweeper.core.NotebookLogs;
import java.time.Instant;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * Reads notebook instances' {@code jupyter.log} streams: log group
 * {@code /aws/sagemaker/NotebookInstances}, stream {@code <name>/jupyter.log}
 * (https://docs.aws.amazon.com/sagemaker/latest/dg/jupyter-logs.html).
 */
final class CloudWatchLogsAdapter implements NotebookLogs {
    static final String GROUP = "/aws/sagemaker/NotebookInstances";

    private final CloudWatchLogsClient logs;

    CloudWatchLogsAdapter(CloudWatchLogsClient logs) {
        this.logs = logs;
    }

    /**
     * The newest lines of the OnStart script's stream: the newest that says the checker was installed or is not
     * running decides. A stream that is missing or cannot be read says nothing (the coverage stays as configured).
     */
    @Override
    public java.util.Optional<String> checkerNotRunning(String notebookName) {
        try {
            GetLogEventsResponse r = logs.getLogEvents(b -> b.logGroupName(GROUP)
                    .logStreamName(notebookName + "/LifecycleConfigOnStart").startFromHead(false).limit(100));
            java.util.List<OutputLogEvent> events = new java.util.ArrayList<>(r.events());
            java.util.Collections.reverse(events);
            for (OutputLogEvent e : events) {
                String m = e.message() == null ? "" : e.message();
                int at = m.indexOf(dev.sweeper.core.LifecycleScript.NOT_RUNNING);
                if (at >= 0) {
                    return java.util.Optional.of(m.substring(at + dev.sweeper.core.LifecycleScript.NOT_RUNNING.length()).trim());
                }
                if (m.contains("sagemaker-sweeper: idle checker installed")) {
                    return java.util.Optional.empty();
                }
            }
            return java.util.Optional.empty();
        } catch (SdkException e) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public NotebookFacts.Log newestLine(String notebookName, Instant since, Instant now) {
        String stream = notebookName + "/jupyter.log";
        String operation = "DescribeLogStreams";
        try {
            LogStream found = null;
            for (LogStream s : logs.describeLogStreamsPaginator(r -> r.logGroupName(GROUP)
                    .logStreamNamePrefix(stream)).logStreams()) {
                if (stream.equals(s.logStreamName())) {
                    found = s;
                }
            }
            if (found == null) {
                return new NotebookFacts.Log.NoStream();
            }
            // lastEventTimestamp lags (eventual consistency, "typically less than an hour from
            // ingestion": https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_LogStream.html),
            // so it can prove a recent line but not the absence of one: then read the newest line itself.
            Long last = found.lastEventTimestamp();
            if (last != null && last >= since.toEpochMilli()) {
                return new NotebookFacts.Log.Read(Instant.ofEpochMilli(last));
            }
            operation = "GetLogEvents";
            GetLogEventsResponse r = logs.getLogEvents(b -> b.logGroupName(GROUP).logStreamName(stream)
                    .startTime(since.toEpochMilli()).endTime(now.toEpochMilli() + 1).startFromHead(false).limit(1));
            Instant newest = r.events().stream().map(OutputLogEvent::timestamp).filter(t -> t != null)
                    .max(Long::compare).map(Instant::ofEpochMilli).orElse(null);
            return new NotebookFacts.Log.Read(newest);
        } catch (ResourceNotFoundException e) {
            return new NotebookFacts.Log.NoStream();
        } catch (SdkException e) {
            return new NotebookFacts.Log.Failed(Errors.translate(operation, e).getMessage());
        }
    }
}
