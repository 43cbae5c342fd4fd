package dev.sweeper.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sweeper.core.NotebookFacts.Log;
import dev.sweeper.core.NotebookLogs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.CloudWatchLogsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/** The jupyter.log reader against a hand fake of the CloudWatch Logs client interface. */
class CloudWatchLogsAdapterTest {
    static final Instant NOW = Instant.parse("2026-11-28T15:00:00Z");
    static final Instant SINCE = NOW.minus(Duration.ofDays(1));
    static final String SAVED = "[I 2026-11-28 14:00:00.000 ServerApp] Saving file at /a.ipynb";
    static final String STARTED = "[I 2026-11-28 13:00:00.000 ServerApp] Kernel started: 3f1c";
    /** Passes the pre-filter ("Copying") but is no Jupyter line: not work. */
    static final String NOT_WORK = "Copying /home/ec2-user/SageMaker to s3://backup";

    /** Streams by name; FilterLogEvents answers in the pages queued (else one page of the streams' events). */
    static final class FakeLogs implements CloudWatchLogsClient {
        final Map<String, List<OutputLogEvent>> streams = new HashMap<>();
        final List<FilterLogEventsRequest> filters = new ArrayList<>();
        final List<GetLogEventsRequest> gets = new ArrayList<>();
        final LinkedList<Object> pages = new LinkedList<>();
        RuntimeException filterFails;
        RuntimeException getFails;

        void line(String notebook, Instant at, String message) {
            streams.computeIfAbsent(notebook + "/jupyter.log", k -> new ArrayList<>())
                    .add(OutputLogEvent.builder().timestamp(at.toEpochMilli()).message(message).build());
        }

        @Override
        public FilterLogEventsResponse filterLogEvents(FilterLogEventsRequest request) {
            filters.add(request);
            if (filterFails != null) {
                throw filterFails;
            }
            if (!pages.isEmpty()) {
                Object page = pages.removeFirst();
                if (page instanceof RuntimeException e) {
                    throw e;
                }
                return (FilterLogEventsResponse) page;
            }
            List<FilteredLogEvent> events = new ArrayList<>();
            for (String s : request.logStreamNames()) {
                if (!streams.containsKey(s)) {
                    throw notFound("The specified log stream does not exist.");
                }
                streams.get(s).forEach(e -> events.add(FilteredLogEvent.builder().logStreamName(s)
                        .timestamp(e.timestamp()).message(e.message()).build()));
            }
            return FilterLogEventsResponse.builder().events(events).build();
        }

        @Override
        public GetLogEventsResponse getLogEvents(GetLogEventsRequest request) {
            gets.add(request);
            if (getFails != null) {
                throw getFails;
            }
            List<OutputLogEvent> events = streams.get(request.logStreamName());
            if (events == null) {
                throw notFound("The specified log stream does not exist.");
            }
            return GetLogEventsResponse.builder().events(events).build();
        }

        @Override
        public String serviceName() {
            return "logs";
        }

        @Override
        public void close() {
        }
    }

    static ResourceNotFoundException notFound(String message) {
        return (ResourceNotFoundException) ResourceNotFoundException.builder().statusCode(400).message(message)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ResourceNotFoundException").errorMessage(message)
                        .build()).build();
    }

    static AwsServiceException error(String code) {
        return CloudWatchLogsException.builder().statusCode(400).message(code)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("refused").build()).build();
    }

    static FilteredLogEvent event(String notebook, Instant at, String message) {
        return FilteredLogEvent.builder().logStreamName(notebook + "/jupyter.log").timestamp(at.toEpochMilli())
                .message(message).build();
    }

    final FakeLogs fake = new FakeLogs();
    final CloudWatchLogsAdapter adapter = new CloudWatchLogsAdapter(fake);

    @Test
    void newestLines_readsTheBatchInOneFilteredCall_followingEveryTokenThroughEmptyPages() {
        // AWS: "A returned page might only be partially full, or even empty", with a nextToken while more remain.
        fake.pages.add(FilterLogEventsResponse.builder().events(List.of()).nextToken("t1").build());
        fake.pages.add(FilterLogEventsResponse.builder().events(event("a", NOW.minusSeconds(7200), STARTED),
                event("b", NOW.minusSeconds(600), NOT_WORK)).nextToken("t2").build());
        fake.pages.add(FilterLogEventsResponse.builder().events(List.of()).nextToken("t3").build());
        fake.pages.add(FilterLogEventsResponse.builder().events(event("a", NOW.minusSeconds(3600), SAVED)).build());

        Map<String, Log> logs = adapter.newestLines(List.of("a", "b"), SINCE, NOW);

        assertThat(fake.filters).hasSize(4);
        FilterLogEventsRequest first = fake.filters.get(0);
        assertThat(first.logGroupName()).isEqualTo("/aws/sagemaker/NotebookInstances");
        assertThat(first.logStreamNames()).containsExactlyInAnyOrder("a/jupyter.log", "b/jupyter.log");
        assertThat(first.startTime()).isEqualTo(SINCE.toEpochMilli());
        assertThat(first.endTime()).isEqualTo(NOW.toEpochMilli());
        assertThat(first.filterPattern()).isEqualTo(NotebookLogs.FILTER_PATTERN);
        assertThat(fake.filters.get(3).nextToken()).isEqualTo("t3");
        assertThat(logs.get("a")).isEqualTo(new Log.Read(NOW.minusSeconds(3600), "a file was saved"));
        // a line the filter let through but Jupyter's prefix does not start: not work, and no count of what was unread
        assertThat(logs.get("b")).isEqualTo(new Log.Read(null, null));
        assertThat(fake.gets).isEmpty();
    }

    @Test
    void newestLines_whenMoreThanAHundred_splitsIntoCallsOfAHundred() {
        List<String> names = IntStream.range(0, 250).mapToObj(i -> "nb-" + i).toList();
        names.forEach(n -> fake.line(n, NOW.minusSeconds(60), SAVED));

        Map<String, Log> logs = adapter.newestLines(names, SINCE, NOW);

        assertThat(fake.filters).extracting(r -> r.logStreamNames().size()).containsExactly(100, 100, 50);
        assertThat(logs).hasSize(250).allSatisfy((n, log) -> assertThat(log).isInstanceOf(Log.Read.class));
    }

    @Test
    void newestLines_whenANamedStreamIsMissing_readsEachStreamAndSaysNoStreamOnlyOfTheMissingOne() {
        fake.line("a", NOW.minusSeconds(60), SAVED);
        fake.line("b", NOW.minusSeconds(60), NOT_WORK);

        Map<String, Log> logs = adapter.newestLines(List.of("a", "b", "new"), SINCE, NOW);

        assertThat(fake.filters).hasSize(1);
        assertThat(fake.gets).extracting(GetLogEventsRequest::logStreamName)
                .containsExactlyInAnyOrder("a/jupyter.log", "b/jupyter.log", "new/jupyter.log");
        assertThat(logs.get("a")).isEqualTo(new Log.Read(NOW.minusSeconds(60), "a file was saved"));
        assertThat(logs.get("b")).isEqualTo(new Log.Read(null, null));
        assertThat(logs.get("new")).isInstanceOf(Log.NoStream.class);
    }

    @Test
    void newestLines_whenTheGroupIsMissing_noStreamForEach_withoutReadingThemOneByOne() {
        fake.filterFails = notFound("The specified log group does not exist.");

        Map<String, Log> logs = adapter.newestLines(List.of("a", "b"), SINCE, NOW);

        assertThat(logs.values()).allSatisfy(l -> assertThat(l).isInstanceOf(Log.NoStream.class));
        assertThat(fake.gets).isEmpty();
    }

    @Test
    void newestLines_whenThrottledPastTheRetries_failsTheBatchOnly_neverNoStreamNorNoLine() {
        fake.filterFails = error("ThrottlingException");

        Map<String, Log> logs = adapter.newestLines(List.of("a", "b"), SINCE, NOW);

        assertThat(logs.values()).allSatisfy(l -> {
            assertThat(l).isInstanceOf(Log.Failed.class);
            assertThat(((Log.Failed) l).error()).contains("FilterLogEvents failed: ThrottlingException");
            assertThat(((Log.Failed) l).deniedAction()).isNull();
        });
        assertThat(fake.gets).isEmpty();
    }

    @Test
    void newestLines_whenThePatternIsRefused_readsTheWindowWithoutIt_thenAndAfterwards() {
        fake.line("a", NOW.minusSeconds(60), SAVED);
        fake.pages.add(software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException.builder()
                .statusCode(400).message("Invalid filter pattern").awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("InvalidParameterException").errorMessage("Invalid filter pattern").build()).build());

        Map<String, Log> first = adapter.newestLines(List.of("a"), SINCE, NOW);
        Map<String, Log> second = adapter.newestLines(List.of("a"), SINCE, NOW);

        assertThat(first.get("a")).isEqualTo(new Log.Read(NOW.minusSeconds(60), "a file was saved"));
        assertThat(second.get("a")).isEqualTo(first.get("a"));
        assertThat(fake.filters).extracting(FilterLogEventsRequest::filterPattern)
                .containsExactly(NotebookLogs.FILTER_PATTERN, null, null);
    }

    @Test
    void newestLines_whenAPageFailsAfterTheFirst_failsTheBatch() {
        fake.pages.add(FilterLogEventsResponse.builder().events(List.of()).nextToken("t1").build());
        fake.pages.add(error("ServiceUnavailableException"));

        Map<String, Log> logs = adapter.newestLines(List.of("a"), SINCE, NOW);

        assertThat(logs.get("a")).isInstanceOf(Log.Failed.class);
    }

    @Test
    void newestLines_whenFilterLogEventsIsDenied_readsStreamByStream_andAfterwardsGoesStraightThere() {
        fake.filterFails = error("AccessDeniedException");
        fake.line("a", NOW.minusSeconds(60), STARTED);
        fake.line("b", NOW.minusSeconds(60), NOT_WORK);

        Map<String, Log> first = adapter.newestLines(List.of("a", "b"), SINCE, NOW);
        Map<String, Log> second = adapter.newestLines(List.of("b"), SINCE, NOW);

        assertThat(first.get("a")).isEqualTo(new Log.Read(NOW.minusSeconds(60), "a kernel started"));
        assertThat(first.get("b")).isEqualTo(new Log.Read(null, null));
        assertThat(second.get("b")).isEqualTo(new Log.Read(null, null));
        assertThat(fake.filters).as("one refusal is enough").hasSize(1);
        assertThat(fake.gets).hasSize(3);
    }

    @Test
    void newestLines_whenBothReadsAreDenied_failsEach_namingFilterLogEventsToGrant() {
        fake.filterFails = error("AccessDeniedException");
        fake.getFails = error("AccessDeniedException");

        Map<String, Log> logs = adapter.newestLines(List.of("a", "b"), SINCE, NOW);

        assertThat(logs.values()).allSatisfy(l -> assertThat(((Log.Failed) l).deniedAction())
                .isEqualTo("logs:FilterLogEvents"));
        assertThat(Set.copyOf(logs.keySet())).containsExactlyInAnyOrder("a", "b");
    }
}
