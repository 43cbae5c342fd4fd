package dev.sweeper.core;

import java.time.Instant;

/** Reads a notebook instance's {@code jupyter.log} stream in CloudWatch Logs. */
public interface NotebookLogs {
    /**
     * The newest line of the instance's jupyter.log at or after {@code since}. Never throws: a
     * failed call comes back as {@link NotebookFacts.Log.Failed}.
     */
    NotebookFacts.Log newestLine(String notebookName, Instant since, Instant now);

    /**
     * Why the sweeper's idle checker is not running, as its installer wrote it at the notebook's last start
     * ({@link LifecycleScript#NOT_RUNNING}, in stream {@code <name>/LifecycleConfigOnStart}); empty when the
     * newest word there is that it was installed, when the stream says neither, or when it could not be read.
     */
    default java.util.Optional<String> checkerNotRunning(String notebookName) {
        return java.util.Optional.empty();
    }
}
