package dev.sweeper.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sweeper.core.NotebookFacts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CreatePresignedNotebookInstanceUrlRequest;
import software.amazon.awssdk.services.sagemaker.model.CreatePresignedNotebookInstanceUrlResponse;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/**
 * The probe against a local server shaped like the real notebook host: the presigned URL has no
 * path ({@code https://NAME.notebook.REGION.sagemaker.aws?authToken=...}), opening it sets a
 * cookie and redirects to {@code /tree}, the API lives at {@code /api/...}.
 */
class JupyterHttpProbeTest {
    static final String TOKEN = "tok3nNeverShown";
    static final ObjectMapper JSON = new ObjectMapper();

    HttpServer server;
    final List<String> requests = new CopyOnWriteArrayList<>();

    final List<String> queries = new CopyOnWriteArrayList<>();
    final List<Integer> requestedSessions = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    String start(Function<HttpExchange, Boolean> handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", ex -> {
            requests.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath());
            queries.add(ex.getRequestURI().getPath() + "?" + ex.getRequestURI().getRawQuery());
            if (!handler.apply(ex)) {
                ex.close();
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "?authToken=" + TOKEN;
    }

    static boolean reply(HttpExchange ex, int status, String body, String... headers) {
        try {
            for (int i = 0; i < headers.length; i += 2) {
                ex.getResponseHeaders().add(headers[i], headers[i + 1]);
            }
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
            if (b.length > 0) {
                ex.getResponseBody().write(b);
            }
            ex.close();
            return true;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A Jupyter server behind the login the presigned URL performs. */
    static boolean jupyter(HttpExchange ex) {
        String path = ex.getRequestURI().getPath();
        String query = ex.getRequestURI().getQuery();
        String cookie = ex.getRequestHeaders().getFirst("Cookie");
        if (query != null && query.equals("authToken=" + TOKEN)) {
            return reply(ex, 302, "", "Location", "/tree", "Set-Cookie", "session=s3cret; Path=/; HttpOnly; Secure",
                    "Set-Cookie", "_xsrf=x1; Path=/");
        }
        if (cookie == null || !cookie.contains("session=s3cret")) {
            return reply(ex, 403, "{\"message\": \"Forbidden\"}");
        }
        return switch (path) {
            case "/tree" -> reply(ex, 200, "<html></html>");
            case "/api/kernels" -> reply(ex, 200, "[{\"id\": \"k1\", \"name\": \"python3\", \"last_activity\":"
                    + " \"2026-11-28T10:00:00.123456+00:00\", \"execution_state\": \"idle\", \"connections\": 2}]");
            case "/api/sessions" -> reply(ex, 200, "[{\"id\": \"s1\", \"path\": \"a.ipynb\", \"kernel\": {\"id\": \"k1\","
                    + " \"execution_state\": \"idle\", \"last_activity\": \"2026-11-28T10:00:00.123456Z\"}}]");
            case "/api/terminals" -> reply(ex, 404, "{\"message\": \"Not Found\"}");
            default -> reply(ex, 404, "");
        };
    }

    static SageMakerClient presigning(String url) {
        return new SageMakerClient() {
            @Override
            public CreatePresignedNotebookInstanceUrlResponse createPresignedNotebookInstanceUrl(
                    CreatePresignedNotebookInstanceUrlRequest r) {
                assertThat(r.sessionExpirationDurationInSeconds()).isEqualTo(1800);
                if (url == null) {
                    throw (SageMakerException) SageMakerException.builder().statusCode(400).awsErrorDetails(
                            AwsErrorDetails.builder().errorCode("AccessDeniedException").errorMessage("User: x is not"
                                    + " authorized to perform: sagemaker:CreatePresignedNotebookInstanceUrl").build())
                            .build();
                }
                return CreatePresignedNotebookInstanceUrlResponse.builder().authorizedUrl(url).build();
            }

            @Override
            public String serviceName() {
                return "sagemaker";
            }

            @Override
            public void close() {
            }
        };
    }

    NotebookFacts.Jupyter probe(String url, Duration request, Duration total) {
        return new JupyterHttpProbe(presigning(url), JupyterHttpProbe.newHttpClient(), request, total, null).probe("nb");
    }

    @Test
    void probe_whenRealShapedUrl_logsInWithTheCookieAndReadsKernelsWithGetsOnly() throws IOException {
        String url = start(JupyterHttpProbeTest::jupyter);

        NotebookFacts.Jupyter j = probe(url, Duration.ofSeconds(5), Duration.ofSeconds(15));

        assertThat(j).isInstanceOfSatisfying(NotebookFacts.Jupyter.Read.class, read -> {
            assertThat(read.sessions()).isEqualTo(1);
            assertThat(read.kernels()).singleElement().satisfies(k -> {
                assertThat(k.executionState()).isEqualTo("idle");
                assertThat(k.connections()).isEqualTo(2);
                assertThat(k.lastActivity()).isEqualTo(Instant.parse("2026-11-28T10:00:00.123456Z"));
            });
            assertThat(read.terminals()).as("terminals disabled: 404").isEmpty();
        });
        assertThat(requests).containsExactly("GET /", "GET /tree", "GET /api/sessions", "GET /api/kernels",
                "GET /api/terminals");
        // as jupyter_server documents: reading the API this way leaves its activity clock alone
        assertThat(queries).filteredOn(q -> q.startsWith("/api/")).containsExactly(
                "/api/sessions?no_track_activity=1", "/api/kernels?no_track_activity=1",
                "/api/terminals?no_track_activity=1");
    }

    @Test
    void probe_whenEveryPlaceIsTaken_sendsNoRequestUntilOneIsFree() throws Exception {
        String url = start(JupyterHttpProbeTest::jupyter);
        InFlight inFlight = new InFlight(1);
        inFlight.enter(); // another call holds the only place of --max-concurrency 1
        JupyterHttpProbe probe = new JupyterHttpProbe(presigning(url), JupyterHttpProbe.newHttpClient(),
                Duration.ofSeconds(5), Duration.ofSeconds(15), inFlight);

        CompletableFuture<NotebookFacts.Jupyter> result = CompletableFuture.supplyAsync(() -> probe.probe("nb"));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!inFlight.someoneWaits() && !result.isDone() && System.nanoTime() < until) {
            Thread.sleep(1);
        }
        assertThat(inFlight.someoneWaits()).as("the probe waits for a place").isTrue();
        assertThat(requests).as("no request to the server while it waits").isEmpty();

        inFlight.leave();
        assertThat(result.get(10, TimeUnit.SECONDS)).isInstanceOf(NotebookFacts.Jupyter.Read.class);
        assertThat(requests).hasSize(5);
        assertThat(inFlight.available()).as("its place given back").isEqualTo(1);
    }

    @Test
    void probe_whenRefused_givesItsPlaceBack() throws IOException {
        String url = start(ex -> reply(ex, 403, "<Error>AccessDenied</Error>"));
        InFlight inFlight = new InFlight(1);

        NotebookFacts.Jupyter j = new JupyterHttpProbe(presigning(url), JupyterHttpProbe.newHttpClient(),
                Duration.ofSeconds(5), Duration.ofSeconds(15), inFlight).probe("nb");

        assertThat(j).isInstanceOf(NotebookFacts.Jupyter.Unreachable.class);
        assertThat(inFlight.available()).isEqualTo(1);
    }

    @Test
    void probe_whenUrlExpired_isUnreachableWithoutTheToken() throws IOException {
        String url = start(ex -> reply(ex, 302, "", "Location", "https://signin.aws.amazon.com/oauth?x=" + TOKEN));

        NotebookFacts.Jupyter j = probe(url, Duration.ofSeconds(5), Duration.ofSeconds(15));

        assertThat(j).isInstanceOfSatisfying(NotebookFacts.Jupyter.Unreachable.class, u -> assertThat(u.reason())
                .contains("the presigned URL was refused (redirected away").doesNotContain(TOKEN).doesNotContain("127.0.0.1"));
        assertThat(requests).hasSize(1);
    }

    @Test
    void probe_whenIpConditionRefuses_isUnreachableWith403() throws IOException {
        String url = start(ex -> reply(ex, 403, "<Error>AccessDenied</Error>"));

        NotebookFacts.Jupyter j = probe(url, Duration.ofSeconds(5), Duration.ofSeconds(15));

        assertThat(j).isInstanceOfSatisfying(NotebookFacts.Jupyter.Unreachable.class, u -> assertThat(u.reason())
                .contains("HTTP 403: an IP address condition").doesNotContain(TOKEN));
    }

    @Test
    void probe_whenServerHangs_costsAtMostItsTimeout() throws IOException {
        java.util.concurrent.atomic.AtomicBoolean hangOver = new java.util.concurrent.atomic.AtomicBoolean();
        String url = start(ex -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            hangOver.set(true);
            return false;
        });

        NotebookFacts.Jupyter j = probe(url, Duration.ofMillis(500), Duration.ofSeconds(2));

        assertThat(j).isInstanceOfSatisfying(NotebookFacts.Jupyter.Unreachable.class, u -> assertThat(u.reason())
                .contains("did not answer in time").doesNotContain(TOKEN));
        // The order of events, not a stopwatch: the probe gave up while the server still held the request.
        assertThat(hangOver).as("the server's hang ended before the probe returned").isFalse();
    }

    @Test
    void probe_whenConnectionDrops_isUnreachableWithoutTheUrl() throws IOException {
        String url = start(ex -> false);

        NotebookFacts.Jupyter j = probe(url, Duration.ofSeconds(5), Duration.ofSeconds(15));

        assertThat(j).isInstanceOfSatisfying(NotebookFacts.Jupyter.Unreachable.class, u -> assertThat(u.reason())
                .startsWith("the Jupyter server could not be reached").doesNotContain(TOKEN).doesNotContain("127.0.0.1"));
    }

    @Test
    void probe_whenNoPermissionForTheUrl_isUnreachableNamingTheDeniedAction() {
        NotebookFacts.Jupyter j = probe(null, Duration.ofSeconds(5), Duration.ofSeconds(15));

        assertThat(j).isInstanceOfSatisfying(NotebookFacts.Jupyter.Unreachable.class, u -> {
            assertThat(u.reason()).isEqualTo("CreatePresignedNotebookInstanceUrl was denied (AccessDeniedException)");
            assertThat(u.deniedAction()).isEqualTo("sagemaker:CreatePresignedNotebookInstanceUrl");
            assertThat(u.failure()).isTrue();
        });
    }

    @Test
    void facts_whenTerminalHasNoLastActivity_cannotJudgeIt() throws IOException {
        NotebookFacts.Jupyter j = JupyterHttpProbe.facts(JSON.readTree("[]"), JSON.readTree("[]"),
                JSON.readTree("[{\"name\": \"1\"}]"));

        assertThat(j).isInstanceOfSatisfying(NotebookFacts.Jupyter.Unreachable.class,
                u -> assertThat(u.reason()).contains("a terminal reports no last_activity"));
    }

    @Test
    void facts_whenKernelOnlyInASession_countsIt() throws IOException {
        NotebookFacts.Jupyter j = JupyterHttpProbe.facts(JSON.readTree("[{\"kernel\": {\"id\": \"k9\","
                + " \"execution_state\": \"busy\"}}]"), JSON.readTree("[]"), JSON.readTree("[]"));

        assertThat(j).isInstanceOfSatisfying(NotebookFacts.Jupyter.Read.class,
                r -> assertThat(r.kernels()).extracting(NotebookFacts.Kernel::executionState).containsExactly("busy"));
    }
}
