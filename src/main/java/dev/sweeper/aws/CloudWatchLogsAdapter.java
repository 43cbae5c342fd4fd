package dev.sweeper.aws;

import dev.sweeper.core.AwsCallException;
import dev.sweeper.core.NotebookFacts;
import dev.sweeper.core.NotebookLogs;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
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
 * count.
 *
 * <p>In bulk: one {@code FilterLogEvents} reads the window of up to 100 streams ({@code logStreamNames}), with
 * {@link NotebookLogs#FILTER_PATTERN} as a pre-filter so that only lines that may show work come back; its pages
 * (which AWS documents may be partly full or empty while a {@code nextToken} remains) are read until no token is
 * left, with the SDK's paginator. What needs one stream at a time falls back to {@code GetLogEvents}, per stream:
 * <ul>
 *   <li>a named stream that does not exist: FilterLogEvents then refuses the whole request with
 *       ResourceNotFoundException "The specified log stream does not exist." (seen on AWS by percona/rds_exporter,
 *       issue #81 and pull request #123, which split their batches for it); GetLogEvents says which stream is
 *       missing, so "no stream" is only ever said of a stream AWS said so of, and "no line" only of one it read;</li>
 *   <li>FilterLogEvents refused by IAM (a policy written before the sweeper used it): the streams are read one at a
 *       time as before, and after the first refusal the region's later batches go straight to GetLogEvents.</li>
 * </ul>
 * A missing log group proves every stream missing. A filter pattern the service refuses (InvalidParameterException)
 * is dropped: the window's lines are then read whole and judged here, as they are anyway. Any other failure
 * (throttled past the retries, a timeout)
 * costs the batch's notebooks their jupyter.log signal, and nothing else.
 */
final class CloudWatchLogsAdapter implements NotebookLogs {
    static final String GROUP = "/aws/sagemaker/NotebookInstances";
    /** GetLogEvents' largest page (botocore: EventsLimit 1..10000). */
    static final int LINES = 10_000;
    static final String SUFFIX = "/jupyter.log";

    private final CloudWatchLogsClient logs;
    /** FilterLogEvents was refused by IAM in this region: the later batches read stream by stream. */
    private final AtomicBoolean filterDenied = new AtomicBoolean();
    /**
     * The filter pattern was refused (InvalidParameterException): the later batches read every line of the window
     * without it (the pattern is only a pre-filter; each line is judged here anyway).
     */
    private final AtomicBoolean patternRefused = new AtomicBoolean();

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
    public Map<String, NotebookFacts.Log> newestLines(List<String> notebookNames, Instant since, Instant now) {
        Map<String, NotebookFacts.Log> out = new LinkedHashMap<>();
        for (int from = 0; from < notebookNames.size(); from += BATCH) {
            out.putAll(batch(notebookNames.subList(from, Math.min(notebookNames.size(), from + BATCH)), since, now));
        }
        return out;
    }

    @Override
    public Optional<String> bulkReadRefused() {
        return filterDenied.get() ? Optional.of("logs:FilterLogEvents") : Optional.empty();
    }

    private Map<String, NotebookFacts.Log> batch(List<String> names, Instant since, Instant now) {
        Map<String, NotebookFacts.Log> out = new LinkedHashMap<>();
        if (names.isEmpty()) {
            return out;
        }
        if (filterDenied.get()) {
            return oneByOne(names, since, now, true);
        }
        Map<String, String> byStream = new HashMap<>();
        names.forEach(n -> byStream.put(n + SUFFIX, n));
        Map<String, Newest> newest = new HashMap<>();
        String pattern = patternRefused.get() ? null : FILTER_PATTERN;
        try {
            // endTime is inclusive in FilterLogEvents ("Events with a timestamp later than this time are not returned").
            for (FilterLogEventsResponse page : logs.filterLogEventsPaginator(b -> b.logGroupName(GROUP)
                    .logStreamNames(List.copyOf(byStream.keySet())).startTime(since.toEpochMilli())
                    .endTime(now.toEpochMilli()).filterPattern(pattern))) {
                for (FilteredLogEvent e : page.events()) {
                    String name = byStream.get(e.logStreamName());
                    if (name != null) {
                        newest.computeIfAbsent(name, k -> new Newest()).offer(e.timestamp(), e.message());
                    }
                }
            }
        } catch (ResourceNotFoundException e) {
            String message = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorMessage());
            if (message.contains("log group")) {
                // "The specified log group does not exist.": no notebook of the region has a stream.
                names.forEach(n -> out.put(n, new NotebookFacts.Log.NoStream()));
                return out;
            }
            // "The specified log stream does not exist.": one of them at least; GetLogEvents says which.
            return oneByOne(names, since, now, false);
        } catch (InvalidParameterException e) {
            if (pattern != null) {
                patternRefused.set(true);
                return batch(names, since, now);
            }
            names.forEach(n -> out.put(n, new NotebookFacts.Log.Failed(Errors.translate("FilterLogEvents", e)
                    .getMessage())));
            return out;
        } catch (SdkException e) {
            AwsCallException error = Errors.translate("FilterLogEvents", e);
            if (denied(error)) {
                filterDenied.set(true);
                return oneByOne(names, since, now, true);
            }
            names.forEach(n -> out.put(n, new NotebookFacts.Log.Failed(error.getMessage())));
            return out;
        }
        for (String n : names) {
            Newest found = newest.get(n);
            out.put(n, found == null ? new NotebookFacts.Log.Read(null) : found.read());
        }
        return out;
    }

    /** Each stream with GetLogEvents; {@code filterRefused}: FilterLogEvents was denied, so a failure here names it. */
    private Map<String, NotebookFacts.Log> oneByOne(List<String> names, Instant since, Instant now, boolean filterRefused) {
        Map<String, NotebookFacts.Log> out = new LinkedHashMap<>();
        for (String n : names) {
            NotebookFacts.Log log = newestLine(n, since, now);
            if (filterRefused && log instanceof NotebookFacts.Log.Failed f && f.deniedAction() != null) {
                // Neither read is allowed: grant the one the sweeper uses first.
                log = new NotebookFacts.Log.Failed("FilterLogEvents and GetLogEvents were refused (AccessDeniedException)",
                        "logs:FilterLogEvents");
            }
            out.put(n, log);
        }
        return out;
    }

    /** One stream's newest {@link #LINES} lines of the window, with GetLogEvents (its absence: ResourceNotFoundException). */
    NotebookFacts.Log newestLine(String notebookName, Instant since, Instant now) {
        String stream = notebookName + SUFFIX;
        try {
            List<OutputLogEvent> events = logs.getLogEvents(b -> b.logGroupName(GROUP).logStreamName(stream)
                    .startTime(since.toEpochMilli()).endTime(now.toEpochMilli() + 1).startFromHead(false)
                    .limit(LINES)).events();
            Newest newest = new Newest();
            events.forEach(e -> newest.offer(e.timestamp(), e.message()));
            return newest.read();
        } catch (ResourceNotFoundException e) {
            return new NotebookFacts.Log.NoStream();
        } catch (SdkException e) {
            AwsCallException error = Errors.translate("GetLogEvents", e);
            return new NotebookFacts.Log.Failed(error.getMessage(), denied(error) ? "logs:GetLogEvents" : null);
        }
    }

    private static boolean denied(AwsCallException e) {
        return "AccessDeniedException".equals(e.errorCode()) || "AccessDenied".equals(e.errorCode());
    }

    /** The newest line that shows work among those offered. */
    static final class Newest {
        private Long at;
        private String work;

        void offer(Long timestamp, String message) {
            Optional<String> shows = NotebookLogs.work(message);
            if (shows.isPresent() && timestamp != null && (at == null || timestamp >= at)) {
                at = timestamp;
                work = shows.get();
            }
        }

        NotebookFacts.Log.Read read() {
            return new NotebookFacts.Log.Read(at == null ? null : Instant.ofEpochMilli(at), work);
        }
    }
}
