package dev.sweeper.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sweeper.core.AwsCallException;
import dev.sweeper.core.JupyterProbe;
import dev.sweeper.core.NotebookFacts;
import dev.sweeper.core.NotebookFacts.Jupyter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * Reads a notebook instance's Jupyter server the way the console's "Open" does: a presigned URL
 * from {@code CreatePresignedNotebookInstanceUrl}
 * (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreatePresignedNotebookInstanceUrl.html),
 * opened once so that its token is exchanged for a session cookie, then {@code GET /api/sessions},
 * {@code /api/kernels} and {@code /api/terminals} of the Jupyter server REST API, the calls AWS's
 * autostop.py makes on the instance itself.
 *
 * <p>The JDK's HttpClient, not the SDK's: these are plain, unsigned GETs to the notebook's own host
 * (not an AWS API), with cookies and redirects handled here, and each is bounded by a deadline of
 * its own; the SDK client would add signing and retries that have no meaning for them.
 *
 * <p>The URL and its cookies are credentials (anyone holding them has the notebook): they are
 * never logged nor put in a message, and only GET requests are sent with them.
 */
final class JupyterHttpProbe implements JupyterProbe {
    /** The shortest session SageMaker allows (SessionExpirationDurationInSeconds, 1800..43200). */
    static final int SESSION_SECONDS = 1800;
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    /** A whole probe (URL, redirects, three API reads) never takes longer than this. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(15);
    private static final int MAX_REDIRECTS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SageMakerClient sageMaker;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final Duration probeTimeout;
    /** The run's --max-concurrency, which the Jupyter requests count against too; null: unbounded. */
    private final InFlight inFlight;

    JupyterHttpProbe(SageMakerClient sageMaker, HttpClient http, Duration requestTimeout, Duration probeTimeout,
                     InFlight inFlight) {
        this.sageMaker = sageMaker;
        this.http = http;
        this.requestTimeout = requestTimeout;
        this.probeTimeout = probeTimeout;
        this.inFlight = inFlight;
    }

    /** The client the probes share: no redirects followed on its own, HTTP/1.1, a short connect timeout. */
    static HttpClient newHttpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(3))
                .build();
    }

    @Override
    public Jupyter probe(String notebookName) {
        String url;
        try {
            url = sageMaker.createPresignedNotebookInstanceUrl(r -> r.notebookInstanceName(notebookName)
                    .sessionExpirationDurationInSeconds(SESSION_SECONDS)).authorizedUrl();
        } catch (SdkException e) {
            AwsCallException error = Errors.translate("CreatePresignedNotebookInstanceUrl", e);
            String code = error.errorCode() == null ? "" : error.errorCode();
            if (code.equals("AccessDeniedException") || code.equals("AccessDenied")) {
                // An IAM policy or an SCP: the same answer for every notebook, reported once per region.
                return Jupyter.Unreachable.denied("sagemaker:CreatePresignedNotebookInstanceUrl",
                        "CreatePresignedNotebookInstanceUrl was denied (" + code + ")");
            }
            return new Jupyter.Unreachable("could not create a presigned URL: " + error.getMessage());
        }
        if (url == null || url.isBlank()) {
            return new Jupyter.Unreachable("CreatePresignedNotebookInstanceUrl returned no URL");
        }
        URI start;
        try {
            start = URI.create(url);
        } catch (IllegalArgumentException e) {
            return new Jupyter.Unreachable("CreatePresignedNotebookInstanceUrl returned an unusable URL");
        }
        if (start.getHost() == null || !("https".equals(start.getScheme()) || "http".equals(start.getScheme()))) {
            return new Jupyter.Unreachable("CreatePresignedNotebookInstanceUrl returned an unusable URL");
        }
        // The server's requests go one after another: they hold one place of --max-concurrency from
        // the first to the last, as one AWS call does through its retries. The place is taken
        // before the deadline starts, so that waiting for it is never the server's slowness; and
        // the presigned URL's call above has already given its own back (no call holds two places).
        if (inFlight != null) {
            try {
                inFlight.enter();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Jupyter.Unreachable("interrupted while reading the Jupyter server");
            }
        }
        Instant deadline = Instant.now().plus(probeTimeout);
        try {
            return read(start, deadline);
        } catch (Refused e) {
            return new Jupyter.Unreachable(e.getMessage(), false);
        } catch (HttpTimeoutException | TimeoutException e) {
            return new Jupyter.Unreachable("the Jupyter server did not answer in time (timeout "
                    + requestTimeout.toSeconds() + "s a request, " + probeTimeout.toSeconds() + "s in all)");
        } catch (IOException e) {
            return new Jupyter.Unreachable("the Jupyter server could not be reached: " + safeIo(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Jupyter.Unreachable("interrupted while reading the Jupyter server");
        } finally {
            if (inFlight != null) {
                inFlight.leave();
            }
        }
    }

    private Jupyter read(URI start, Instant deadline) throws IOException, InterruptedException, TimeoutException {
        Map<String, String> cookies = new LinkedHashMap<>();
        URI at = start;
        for (int hop = 0; ; hop++) {
            HttpResponse<String> r = get(at, cookies, "text/html", deadline);
            keepCookies(r, cookies);
            int status = r.statusCode();
            if (status >= 300 && status < 400) {
                String location = r.headers().firstValue("Location").orElse(null);
                URI next = location == null ? null : resolve(at, location);
                if (next == null || !sameOrigin(next, start)) {
                    // An expired or used URL sends the browser to the AWS sign-in page.
                    throw new Refused("the presigned URL was refused (redirected away from the notebook: expired,"
                            + " already used, or not allowed)");
                }
                if (hop >= MAX_REDIRECTS) {
                    throw new Refused("the notebook's URL redirected more than " + MAX_REDIRECTS + " times");
                }
                at = next;
                continue;
            }
            if (status == 401 || status == 403) {
                throw new Refused("the presigned URL was refused (HTTP " + status + ": an IP address condition on"
                        + " the notebook, or no access)");
            }
            if (status != 200) {
                throw new Refused("opening the notebook answered HTTP " + status);
            }
            break;
        }
        String path = start.getRawPath() == null || start.getRawPath().isEmpty() ? "/" : start.getRawPath();
        URI base = URI.create(start.getScheme() + "://" + start.getRawAuthority()
                + (path.endsWith("/") ? path : path + "/"));
        JsonNode sessions = api(base, "api/sessions", cookies, deadline, false);
        JsonNode kernels = api(base, "api/kernels", cookies, deadline, false);
        // A server started with terminals disabled answers 404 here: it has none.
        JsonNode terminals = api(base, "api/terminals", cookies, deadline, true);
        return facts(sessions, kernels, terminals);
    }

    private JsonNode api(URI base, String route, Map<String, String> cookies, Instant deadline, boolean absentIsEmpty)
            throws IOException, InterruptedException, TimeoutException {
        // no_track_activity=1: jupyter_server leaves its api_last_activity alone for such a request
        // (base/handlers.py, update_api_activity), so reading a server does not reset the clock that
        // other idle checkers (/api/status' last_activity) read.
        HttpResponse<String> r = get(base.resolve(route + "?no_track_activity=1"), cookies, "application/json", deadline);
        keepCookies(r, cookies);
        int status = r.statusCode();
        if (status == 404 && absentIsEmpty) {
            return JSON.createArrayNode();
        }
        if (status == 401 || status == 403 || (status >= 300 && status < 400)) {
            throw new Refused("the Jupyter server refused GET /" + route + " (HTTP " + status + ")");
        }
        if (status != 200) {
            throw new Refused("the Jupyter server answered GET /" + route + " with HTTP " + status);
        }
        try {
            JsonNode node = JSON.readTree(r.body());
            if (node == null || !node.isArray()) {
                throw new Refused("the Jupyter server's answer to GET /" + route + " is not a list");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Refused("the Jupyter server's answer to GET /" + route + " is not JSON");
        }
    }

    /** The facts, in the Jupyter server's REST API shapes (jupyter_server's kernel, session and terminal models). */
    static Jupyter facts(JsonNode sessions, JsonNode kernels, JsonNode terminals) {
        Map<String, NotebookFacts.Kernel> byId = new LinkedHashMap<>();
        try {
            for (JsonNode k : kernels) {
                NotebookFacts.Kernel kernel = kernel(k);
                byId.put(kernel.id(), kernel);
            }
            // Sessions carry their kernel's model too; a kernel listed only there still counts.
            for (JsonNode s : sessions) {
                JsonNode k = s.get("kernel");
                if (k != null && k.isObject() && !byId.containsKey(k.path("id").asText())) {
                    NotebookFacts.Kernel kernel = kernel(k);
                    byId.put(kernel.id(), kernel);
                }
            }
            List<NotebookFacts.Terminal> ts = new ArrayList<>();
            for (JsonNode t : terminals) {
                Instant last = time(t, "last_activity");
                if (last == null) {
                    return new Jupyter.Unreachable("a terminal reports no last_activity (an old Jupyter server?):"
                            + " its use cannot be judged", false);
                }
                ts.add(new NotebookFacts.Terminal(t.path("name").asText(), last));
            }
            return new Jupyter.Read(sessions.size(), new ArrayList<>(byId.values()), ts);
        } catch (Refused e) {
            return new Jupyter.Unreachable(e.getMessage(), false);
        }
    }

    private static NotebookFacts.Kernel kernel(JsonNode k) {
        String state = k.path("execution_state").asText(null);
        if (state == null) {
            throw new Refused("a kernel reports no execution_state: its use cannot be judged");
        }
        Instant last = time(k, "last_activity");
        if (last == null && "idle".equals(state)) {
            throw new Refused("an idle kernel reports no last_activity: its use cannot be judged");
        }
        return new NotebookFacts.Kernel(k.path("id").asText(), state, last, k.path("connections").asInt(0));
    }

    private static Instant time(JsonNode node, String field) {
        String text = node.path(field).asText(null);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new Refused("the Jupyter server's " + field + " '" + text + "' is not a time");
        }
    }

    private HttpResponse<String> get(URI uri, Map<String, String> cookies, String accept, Instant deadline)
            throws IOException, InterruptedException, TimeoutException {
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw new TimeoutException();
        }
        Duration timeout = left.compareTo(requestTimeout) < 0 ? left : requestTimeout;
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET().timeout(timeout).header("Accept", accept);
        if (!cookies.isEmpty()) {
            StringBuilder c = new StringBuilder();
            cookies.forEach((k, v) -> c.append(c.length() == 0 ? "" : "; ").append(k).append('=').append(v));
            b.header("Cookie", c.toString());
        }
        CompletableFuture<HttpResponse<String>> f = http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString());
        try {
            // The request timeout covers the headers; this bounds the body too, so a server that
            // stalls mid-answer costs no more than the timeout either.
            return f.get(timeout.toMillis() + 250, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException t) {
                throw t;
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause == null ? "request failed" : cause.getClass().getSimpleName());
        }
    }

    /** Keeps name=value of each Set-Cookie; attributes do not matter for same-origin GETs. */
    private static void keepCookies(HttpResponse<?> r, Map<String, String> cookies) {
        for (String header : r.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq > 0) {
                cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
    }

    private static URI resolve(URI at, String location) {
        try {
            return at.resolve(location);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
    }

    private static int port(URI u) {
        return u.getPort() != -1 ? u.getPort() : "https".equals(u.getScheme().toLowerCase(Locale.ROOT)) ? 443 : 80;
    }

    /**
     * The kind of I/O failure, without its message: the JDK may put the request's URI in it, and
     * that URI carries the token.
     */
    private static String safeIo(IOException e) {
        String kind = e.getClass().getSimpleName();
        return switch (kind) {
            case "ConnectException" -> "connection refused or unreachable";
            case "HttpConnectTimeoutException" -> "connection timed out";
            case "UnknownHostException" -> "unknown host";
            default -> kind;
        };
    }

    /** The server was reached but did not let us read it; the message is safe to show. */
    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }
}
