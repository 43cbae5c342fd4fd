package dev.sweeper.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads notebook instances' {@code jupyter.log} streams in CloudWatch Logs. */
public interface NotebookLogs {
    /** The most notebooks one read covers: FilterLogEvents' {@code logStreamNames} (botocore: InputLogStreamNames, max 100). */
    int BATCH = 100;

    /**
     * For each notebook named, the newest line of its jupyter.log at or after {@code since} (up to {@code now}) that
     * shows work (see {@link #work}): one entry per name, in bulk (at most {@link #BATCH} names a call is what the
     * API takes; more are split). Never throws: a failed call comes back as {@link NotebookFacts.Log.Failed} for
     * each notebook it covered; a stream CloudWatch Logs says does not exist, as {@link NotebookFacts.Log.NoStream}.
     */
    Map<String, NotebookFacts.Log> newestLines(List<String> notebookNames, Instant since, Instant now);

    /**
     * The IAM action whose refusal made the reads so far go stream by stream ({@code logs:FilterLogEvents}: the same
     * evidence, one call per notebook instead of one per 100), empty when none was refused. Says nothing of a read
     * that failed: that comes back as {@link NotebookFacts.Log.Failed}.
     */
    default java.util.Optional<String> bulkReadRefused() {
        return java.util.Optional.empty();
    }

    /**
     * Why the sweeper's idle checker is not running, as its installer wrote it at the notebook's last start
     * ({@link LifecycleScript#NOT_RUNNING}, in stream {@code <name>/LifecycleConfigOnStart}); empty when the
     * newest word there is that it was installed, when the stream says neither, or when it could not be read.
     */
    default java.util.Optional<String> checkerNotRunning(String notebookName) {
        return java.util.Optional.empty();
    }

    /**
     * The Jupyter server's own log prefix: jupyter_server's {@code log_format}
     * {@code "[%(levelname)1.1s %(asctime)s.%(msecs).03d %(name)s] %(message)s"}
     * (jupyter_server/serverapp.py, {@code _default_log_format}), e.g.
     * {@code [I 2024-01-01 12:00:00.000 ServerApp] Saving file at /a.ipynb}; classic notebook's
     * {@code [I 12:00:00.000 NotebookApp] ...}.
     */
    Pattern JUPYTER_PREFIX = Pattern.compile("^\\[([DIWEC]) [0-9][0-9:. -]*[0-9] ([A-Za-z][\\w.]*)\\] (.*)$");

    /**
     * The messages the Jupyter server logs when a person or a kernel is at work, from jupyter_server
     * (services/kernels/kernelmanager.py: "Kernel started: %s", "Using existing kernel: %s",
     * "Starting buffering for %s"; kernels/connection/channels.py: "Restoring connection for %s",
     * "Replaying %s buffered messages"; kernels/websocket.py: "Connecting to kernel %s.";
     * services/contents/handlers.py: "Saving file at %s", "Creating new %s in %s", "Uploading file to
     * %s", "Copying %r to %r"), jupyter_client ("Kernel shutdown: %s") and classic notebook 6
     * ("Kernel restarted: %s", "Adapting from protocol version ...", "New terminal with ... name").
     * Anything else is not: request lines ("404 GET /api/terminals?... (@ip) 1.20ms", logged at
     * warning for every 4xx, including the sweeper's own probe on a server without terminals), the
     * culler, start-up lines, and every line without Jupyter's prefix (AWS's sample autostop.py prints
     * "Notebook idle state set as ..." and "Notebook is not idle: ..." into jupyter.log from cron every
     * 5 minutes; lifecycle scripts write there too).
     */
    List<Work> WORK = List.of(
            new Work("Kernel started: ", "a kernel started"),
            new Work("Kernel shutdown: ", "a kernel was shut down"),
            new Work("Kernel restarted: ", "a kernel was restarted"),
            new Work("Using existing kernel: ", "a session opened a kernel"),
            new Work("Starting buffering for ", "a browser disconnected from a kernel"),
            new Work("Restoring connection for ", "a browser reconnected to a kernel"),
            new Work("Replaying ", "a browser reconnected to a kernel"),
            new Work("Connecting to kernel ", "a browser connected to a kernel"),
            new Work("Adapting from protocol ", "a browser connected to a kernel"),
            new Work("Adapting to protocol ", "a browser connected to a kernel"),
            new Work("Saving file at ", "a file was saved"),
            new Work("Creating new ", "a file was created"),
            new Work("Uploading file to ", "a file was uploaded"),
            new Work("Copying ", "a file was copied"),
            new Work("New terminal with ", "a terminal was opened"));

    /**
     * A CloudWatch Logs filter pattern that every line {@link #work} accepts matches: each message's start, quoted,
     * as OR terms ({@code ?"Kernel started:" ?"Saving file at" ...}). AWS's "Filter pattern syntax for metric
     * filters, subscription filters, filter log events, and Live Tail": a term matches when it appears anywhere in
     * the event, case-sensitive; terms with characters other than letters, digits and underscores go in double
     * quotes; {@code ?term ?term} matches an event holding either
     * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html). Only a pre-filter:
     * each line returned is still judged by {@link #work} (a terminal line "Copying ..." is not work).
     */
    String FILTER_PATTERN = WORK.stream().map(w -> "?\"" + w.prefix().strip() + "\"")
            .collect(java.util.stream.Collectors.joining(" "));

    /** A message that shows work: its start, and what it shows. */
    record Work(String prefix, String shows) {
    }

    /** What a jupyter.log line shows someone or a kernel doing, or empty when it shows no work. */
    static Optional<String> work(String line) {
        if (line == null) {
            return Optional.empty();
        }
        Matcher m = JUPYTER_PREFIX.matcher(line.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String message = m.group(3);
        for (Work w : WORK) {
            if (message.startsWith(w.prefix())) {
                return Optional.of(w.shows());
            }
        }
        return Optional.empty();
    }
}
