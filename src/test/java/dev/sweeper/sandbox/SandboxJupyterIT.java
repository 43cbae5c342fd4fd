package dev.sweeper.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/**
 * The sandbox's notebook Jupyter servers (behind CreatePresignedNotebookInstanceUrl) and its
 * CloudWatch Logs jupyter.log streams, read with the real SDK and a plain HTTP client.
 */
class SandboxJupyterIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String GROUP = "/aws/sagemaker/NotebookInstances";
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    static SandboxServer server;
    static SandboxClients aws;
    static CloudWatchLogsClient logs;

    @BeforeAll
    static void start() {
        server = SandboxServer.start(SandboxOptions.defaults().withPort(0).withFleetFile(Path.of("config/sample-fleet.yaml")));
        aws = SandboxClients.of(server);
        logs = CloudWatchLogsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(SandboxClients.baseCredentials()).build();
    }

    @AfterAll
    static void stop() {
        logs.close();
        aws.close();
        server.close();
    }

    static String presign(String name) {
        return aws.sageMaker().createPresignedNotebookInstanceUrl(b -> b.notebookInstanceName(name)
                .sessionExpirationDurationInSeconds(1800)).authorizedUrl();
    }

    static HttpResponse<String> get(URI uri, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String cookies(HttpResponse<?> r) {
        return String.join("; ", r.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0]).toList());
    }

    @Test
    void presignedUrl_whenOpenedOnce_exchangesTheTokenForASessionCookie() throws Exception {
        URI url = URI.create(presign("dev-bob"));
        assertThat(url.toString()).startsWith(server.endpoint() + "/_jupyter/123456789012/us-east-1/dev-bob?authToken=");

        HttpResponse<String> login = get(url, null);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValue("/_jupyter/123456789012/us-east-1/dev-bob/tree");
        String cookie = cookies(login);
        assertThat(cookie).contains("sandbox-jupyter-session=");

        URI base = URI.create(url.toString().replaceFirst("\\?.*$", "") + "/");
        assertThat(get(base.resolve("api/kernels"), null).statusCode()).as("no cookie").isEqualTo(403);
        JsonNode kernels = JSON.readTree(get(base.resolve("api/kernels"), cookie).body());
        assertThat(kernels).hasSize(1);
        JsonNode k = kernels.get(0);
        assertThat(k.path("execution_state").asText()).isEqualTo("busy");
        assertThat(k.path("connections").asInt()).isZero();
        assertThat(Instant.parse(k.path("last_activity").asText()))
                .isBetween(Instant.now().minus(Duration.ofHours(31)), Instant.now().minus(Duration.ofHours(29)));
        assertThat(k.path("last_activity").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        JsonNode sessions = JSON.readTree(get(base.resolve("api/sessions"), cookie).body());
        assertThat(sessions.get(0).path("path").asText()).isEqualTo("train.ipynb");
        assertThat(sessions.get(0).path("kernel").path("id").asText()).isEqualTo(k.path("id").asText());
        assertThat(JSON.readTree(get(base.resolve("api/terminals"), cookie).body())).isEmpty();

        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(base.resolve("api/kernels")).header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).as("read-only server").isEqualTo(405);
    }

    @Test
    void presignedUrl_whenUsedTwice_leadsToTheSignInPage() throws Exception {
        URI url = URI.create(presign("dev-alice"));
        assertThat(get(url, null).statusCode()).isEqualTo(302);

        HttpResponse<String> again = get(url, null);

        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(again.headers().firstValue("Location")).hasValue("https://signin.aws.amazon.com/");
        assertThat(again.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void presignedUrl_whenAnotherNotebooksCookie_isRefused() throws Exception {
        String aliceCookie = cookies(get(URI.create(presign("dev-alice")), null));
        URI bob = URI.create(presign("dev-bob").replaceFirst("\\?.*$", "") + "/api/kernels");

        assertThat(get(bob, aliceCookie).statusCode()).isEqualTo(403);
    }

    @Test
    void presignedUrl_whenServerRefused_answers403() throws Exception {
        assertThat(get(URI.create(presign("research-gpu")), null).statusCode()).isEqualTo(403);
    }

    @Test
    void createPresignedNotebookInstanceUrl_whenSessionTooShortOrNoNotebook_isAValidationError() {
        assertThatThrownBy(() -> aws.sageMaker().createPresignedNotebookInstanceUrl(b -> b.notebookInstanceName("dev-bob")
                .sessionExpirationDurationInSeconds(60)))
                .isInstanceOfSatisfying(SageMakerException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("greater than or equal to 1800");
                });
        assertThatThrownBy(() -> presign("no-such-notebook")).isInstanceOfSatisfying(SageMakerException.class,
                e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("RecordNotFound"));
    }

    @Test
    void describeLogStreams_whenRecentLine_showsItOnlyAfterItsLag() {
        List<LogStream> streams = logs.describeLogStreamsPaginator(b -> b.logGroupName(GROUP)
                .logStreamNamePrefix("etl-pipeline/jupyter.log")).logStreams().stream().toList();

        assertThat(streams).singleElement().satisfies(s -> {
            assertThat(s.logStreamName()).isEqualTo("etl-pipeline/jupyter.log");
            // The line of 20 minutes ago is not in lastEventTimestamp yet: only the start-up line (4 days ago).
            assertThat(Instant.ofEpochMilli(s.lastEventTimestamp())).isBefore(Instant.now().minus(Duration.ofDays(3)));
        });
        var newest = logs.getLogEvents(b -> b.logGroupName(GROUP).logStreamName("etl-pipeline/jupyter.log")
                .startFromHead(false).limit(1));
        assertThat(newest.events()).singleElement().satisfies(e -> assertThat(Instant.ofEpochMilli(e.timestamp()))
                .isBetween(Instant.now().minus(Duration.ofMinutes(21)), Instant.now().minus(Duration.ofMinutes(19))));
        assertThat(newest.nextForwardToken()).isNotNull();
        assertThat(newest.nextBackwardToken()).isNotNull();
    }

    @Test
    void getLogEvents_whenStreamOrGroupMissing_isResourceNotFound() {
        assertThatThrownBy(() -> logs.getLogEvents(b -> b.logGroupName(GROUP).logStreamName("nope/jupyter.log")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The specified log stream does not exist."));
        assertThatThrownBy(() -> logs.describeLogStreams(b -> b.logGroupName("/aws/nothing")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The specified log group does not exist."));
        assertThat(logs.describeLogStreams(b -> b.logGroupName(GROUP).logStreamNamePrefix("zzz")).logStreams()).isEmpty();
    }

    @Test
    void filterLogEvents_readsNamedStreamsThroughAnOrPattern_andNeverSearchedLogStreams() {
        long since = Instant.now().minus(Duration.ofDays(5)).toEpochMilli();
        var page = logs.filterLogEvents(b -> b.logGroupName(GROUP)
                .logStreamNames("etl-pipeline/jupyter.log", "dev-alice/jupyter.log").startTime(since)
                .filterPattern("?\"Saving file at\" ?\"Kernel started:\""));

        assertThat(page.events()).isNotEmpty().allSatisfy(e -> {
            assertThat(e.logStreamName()).isIn("etl-pipeline/jupyter.log", "dev-alice/jupyter.log");
            assertThat(e.message()).containsAnyOf("Saving file at", "Kernel started:");
            assertThat(e.eventId()).isNotBlank();
            assertThat(e.ingestionTime()).isNotNull();
        });
        assertThat(page.events()).extracting(e -> e.logStreamName()).contains("etl-pipeline/jupyter.log");
        // the start-up line ("Serving notebooks from ...") is in the window but not in the pattern
        assertThat(page.events()).noneMatch(e -> e.message().contains("Serving notebooks"));
        assertThat(page.searchedLogStreams()).isEmpty();
        assertThat(page.nextToken()).isNull();
        // case-sensitive
        assertThat(logs.filterLogEvents(b -> b.logGroupName(GROUP).logStreamNames("etl-pipeline/jupyter.log")
                .startTime(since).filterPattern("\"saving file at\"")).events()).isEmpty();
    }

    @Test
    void filterLogEvents_whenANamedStreamIsMissing_failsTheWholeRequest() {
        // As AWS answered percona/rds_exporter (issue #81, pull request #123), not as moto does (it ignores the name).
        assertThatThrownBy(() -> logs.filterLogEvents(b -> b.logGroupName(GROUP)
                .logStreamNames("etl-pipeline/jupyter.log", "nope/jupyter.log")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).isEqualTo("The specified log stream does not exist."));
        assertThatThrownBy(() -> logs.filterLogEvents(b -> b.logGroupName("/aws/nothing")
                .logStreamNames("etl-pipeline/jupyter.log")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).isEqualTo("The specified log group does not exist."));
    }

    @Test
    void filterLogEvents_whenParametersBreakTheModel_isInvalidParameter() {
        List<String> many = java.util.stream.IntStream.range(0, 101).mapToObj(i -> "nb-" + i + "/jupyter.log").toList();
        assertThatThrownBy(() -> logs.filterLogEvents(b -> b.logGroupName(GROUP).logStreamNames(many)))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).contains("less than or equal to 100"));
        assertThatThrownBy(() -> logs.filterLogEvents(b -> b.logGroupName(GROUP)
                .logStreamNames("etl-pipeline/jupyter.log").logStreamNamePrefix("etl")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> logs.filterLogEvents(b -> b.logGroupName(GROUP).filterPattern("{ $.a = 1 }")))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void filterLogEvents_whenLimited_pagesUntilNoTokenIsLeft() {
        long since = Instant.now().minus(Duration.ofDays(60)).toEpochMilli();
        int all = logs.filterLogEvents(b -> b.logGroupName(GROUP).startTime(since)).events().size();
        List<String> paged = new java.util.ArrayList<>();
        logs.filterLogEventsPaginator(b -> b.logGroupName(GROUP).startTime(since).limit(3)).events()
                .forEach(e -> paged.add(e.logStreamName() + e.timestamp()));
        assertThat(all).isGreaterThan(3);
        assertThat(paged).hasSize(all);
    }
}
