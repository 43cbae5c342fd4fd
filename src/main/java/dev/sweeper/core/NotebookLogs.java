package dev.sweeper.core;

import java.time.Instant;

/** Reads a notebook instance's {@code jupyter.log} stream in CloudWatch Logs. */
public interface NotebookLogs {
    /**
     * The newest line of the instance's jupyter.log at or after {@code since}. Never throws: a
     * failed call comes back as {@link NotebookFacts.Log.Failed}.
     */
    NotebookFacts.Log newestLine(String notebookName, Instant since, Instant now);
}
