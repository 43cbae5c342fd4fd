package dev.sweeper.core;

import java.time.Instant;
import java.util.List;

/**
 * Where the audit log's records are kept and read back: JSON lines appended to a file, or put to a
 * CloudWatch Logs group, a stream per run. Records are JSON text; {@link AuditLog} says what goes in them.
 */
public interface AuditStore extends AutoCloseable {
    /**
     * Appends one record and returns only once it is durable (forced to disk, or accepted by CloudWatch Logs).
     *
     * @throws java.io.UncheckedIOException when it cannot: the action the record describes must not go on
     */
    void append(String record, Instant at);

    /**
     * The records kept from {@code since} to {@code until} (either null: unbounded), oldest first.
     *
     * @throws java.io.UncheckedIOException when they cannot be read
     */
    List<String> read(Instant since, Instant until);

    /** Where the records are, for messages: the file, or the log group. */
    String where();

    @Override
    void close();
}
