package dev.sweeper.aws;

import dev.sweeper.core.AuditStore;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.RejectedLogEventsInfo;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * The audit log in a CloudWatch Logs group: a stream per run, named by its run id and created at its first record;
 * each record is one PutLogEvents call, so that it is stored before the action it announces goes on. Read back
 * with FilterLogEvents over the whole group (every run's stream), oldest first.
 *
 * <p>PutLogEvents does not fail for an event more than 2 hours in the future or older than 14 days (or than the
 * group's retention): it drops it and says so in {@code rejectedLogEventsInfo}
 * (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutLogEvents.html). A record dropped
 * so is a record not written: the action stops, as it does when a file cannot be written.
 */
final class CloudWatchLogsAuditStore implements AuditStore {
    private final CloudWatchLogsClient logs;
    private final String group;
    private final String stream;
    private boolean streamCreated;

    /** {@code stream} null: read only. */
    CloudWatchLogsAuditStore(CloudWatchLogsClient logs, String group, String stream) {
        this.logs = logs;
        this.group = group;
        this.stream = stream;
    }

    @Override
    public synchronized void append(String record, Instant at) {
        if (stream == null) {
            throw new IllegalStateException("the audit log " + where() + " is open for reading only");
        }
        String operation = "CreateLogStream";
        try {
            if (!streamCreated) {
                try {
                    logs.createLogStream(b -> b.logGroupName(group).logStreamName(stream));
                } catch (ResourceAlreadyExistsException e) {
                    // a retried call that had got through: the stream is there
                }
                streamCreated = true;
            }
            operation = "PutLogEvents";
            PutLogEventsResponse r = logs.putLogEvents(b -> b.logGroupName(group).logStreamName(stream)
                    .logEvents(e -> e.timestamp(at.toEpochMilli()).message(record)));
            RejectedLogEventsInfo rejected = r.rejectedLogEventsInfo();
            if (rejected != null && (rejected.tooNewLogEventStartIndex() != null
                    || rejected.tooOldLogEventEndIndex() != null || rejected.expiredLogEventEndIndex() != null)) {
                String why = rejected.tooNewLogEventStartIndex() != null ? "more than 2 hours in the future"
                        : rejected.tooOldLogEventEndIndex() != null ? "older than 14 days"
                        : "older than the log group's retention";
                throw new UncheckedIOException("cannot write the audit log to " + where() + ": CloudWatch Logs "
                        + "rejected the record, timed " + at + ", as " + why + " (is this machine's clock right?)",
                        new java.io.IOException(why));
            }
        } catch (ResourceNotFoundException e) {
            throw new UncheckedIOException("cannot write the audit log to " + where() + ": the log group does not "
                    + "exist (create it with a retention: aws logs create-log-group --log-group-name " + group
                    + " && aws logs put-retention-policy --log-group-name " + group + " --retention-in-days 365)",
                    new java.io.IOException(e.getMessage(), e));
        } catch (SdkException e) {
            throw new UncheckedIOException("cannot write the audit log to " + where() + ": "
                    + Errors.translate(operation, e).getMessage(), new java.io.IOException(e.getMessage(), e));
        }
    }

    @Override
    public List<String> read(Instant since, Instant until) {
        List<FilteredLogEvent> events = new ArrayList<>();
        try {
            logs.filterLogEventsPaginator(b -> {
                b.logGroupName(group);
                if (since != null) {
                    b.startTime(since.toEpochMilli());
                }
                if (until != null) {
                    b.endTime(until.toEpochMilli());
                }
            }).events().forEach(events::add);
        } catch (ResourceNotFoundException e) {
            throw new UncheckedIOException("cannot read the audit log " + where() + ": the log group does not exist",
                    new java.io.IOException(e.getMessage(), e));
        } catch (SdkException e) {
            throw new UncheckedIOException("cannot read the audit log " + where() + ": "
                    + Errors.translate("FilterLogEvents", e).getMessage(), new java.io.IOException(e.getMessage(), e));
        }
        // Interleaved by time across the runs' streams; a run's records in one millisecond keep their order.
        events.sort(Comparator.comparingLong(FilteredLogEvent::timestamp));
        return events.stream().map(FilteredLogEvent::message).toList();
    }

    @Override
    public String where() {
        return "CloudWatch Logs group " + group;
    }

    @Override
    public void close() {
        // the client is the gateways' own
    }
}
