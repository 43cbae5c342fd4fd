package dev.sweeper.aws;

import dev.sweeper.core.NotebookFacts;
import dev.sweeper.core.NotebookLogs;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * Reads notebook instances' {@code jupyter.log} streams: log group
 * {@code /aws/sagemaker/NotebookInstances}, stream {@code <name>/jupyter.log}
 * (https://docs.aws.amazon.com/sagemaker/latest/dg/jupyter-logs.html).
 *
 * <p>The lines themselves are read, not the stream's {@code lastEventTimestamp}: that stream also
 * holds what idle checkers (AWS's sample autostop.py appends its output every 5 minutes), start-up
 * scripts and the server's request log write, so only the lines {@link NotebookLogs#work} accepts
 * count. One {@code GetLogEvents} call (the stream's absence is its ResourceNotFoundException) reads
 * the newest {@link #LINES} lines of the window.
 */
final class CloudWatchLogsAdapter implements NotebookLogs {
    static final String GROUP = "/aws/sagemaker/NotebookInstances";
    /** GetLogEvents' largest page (botocore: EventsLimit 1..10000). */
    static final int LINES = 10_000;

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
        try {
            List<OutputLogEvent> events = logs.getLogEvents(b -> b.logGroupName(GROUP).logStreamName(stream)
                    .startTime(since.toEpochMilli()).endTime(now.toEpochMilli() + 1).startFromHead(false)
                    .limit(LINES)).events();
            return judge(events);
        } catch (ResourceNotFoundException e) {
            return new NotebookFacts.Log.NoStream();
        } catch (SdkException e) {
            return new NotebookFacts.Log.Failed(Errors.translate("GetLogEvents", e).getMessage());
        }
    }

    /** The newest line that shows work, and how many lines showed none. */
    static NotebookFacts.Log.Read judge(List<OutputLogEvent> events) {
        Long newest = null;
        String work = null;
        int ignored = 0;
        for (OutputLogEvent e : events) {
            Optional<String> shows = NotebookLogs.work(e.message());
            if (shows.isEmpty() || e.timestamp() == null) {
                ignored++;
            } else if (newest == null || e.timestamp() >= newest) {
                newest = e.timestamp();
                work = shows.get();
            }
        }
        return new NotebookFacts.Log.Read(newest == null ? null : Instant.ofEpochMilli(newest), work, ignored);
    }
}
