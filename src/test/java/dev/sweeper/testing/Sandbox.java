package dev.sweeper.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sweeper.sandbox.SandboxOptions;
import dev.sweeper.sandbox.SandboxServer;
import dev.sweeper.sandbox.fleet.FleetLoader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A sandbox on a free loopback port, with its admin endpoints at hand. Either started at once and
 * closed by the caller ({@link #sampleFleet()}, {@link #fleet}, {@link #start}: try-with-resources), or a JUnit
 * extension that starts it before and stops it after each test, or each class when the field is
 * static ({@code @RegisterExtension final Sandbox sandbox = Sandbox.perTest(options)}).
 */
public final class Sandbox implements AutoCloseable, BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {
    public static final Path SAMPLE_FLEET = Path.of("config/sample-fleet.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final SandboxOptions options;
    private volatile SandboxServer server;
    private boolean perClass;

    private Sandbox(SandboxServer server) {
        this.server = server;
        this.options = null;
    }

    private Sandbox(SandboxOptions options) {
        this.options = options;
    }

    /** An extension: a sandbox with these options for each test (or each class, from a static field). */
    public static Sandbox perTest(SandboxOptions options) {
        return new Sandbox(options.withPort(0));
    }

    /** An extension: the sample fleet, as {@link #sampleFleet()}, for each test (or class). */
    public static Sandbox perTestSampleFleet() {
        return perTest(sampleFleetOptions());
    }

    /** An extension: a sandbox on this fleet, as {@link #fleet(String)}, for each test (or class). */
    public static Sandbox perTestFleet(String fleetYaml) {
        return perTest(fleetOptions(fleetYaml));
    }

    /**
     * The default options on this fleet, given as a fleet file's YAML (parsed here: no file to write), for a test
     * that sets more, e.g. {@code perTest(fleetOptions(FLEET).withTransitionDelay(...))}.
     */
    public static SandboxOptions fleetOptions(String fleetYaml) {
        return SandboxOptions.defaults().withFleet(FleetLoader.parse(fleetYaml, "(test)"));
    }

    public static SandboxOptions sampleFleetOptions() {
        return SandboxOptions.defaults().withFleetFile(SAMPLE_FLEET).withTransitionDelay(Duration.ofMillis(300));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        server = SandboxServer.start(options);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            server = SandboxServer.start(options);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            close();
        }
    }

    public static Sandbox sampleFleet() {
        return start(sampleFleetOptions());
    }

    /** Started at once on this fleet (a fleet file's YAML) with the default options; closed by the caller. */
    public static Sandbox fleet(String fleetYaml) {
        return start(fleetOptions(fleetYaml));
    }

    public static Sandbox start(SandboxOptions options) {
        return new Sandbox(SandboxServer.start(options.withPort(0)));
    }

    public String url() {
        if (server == null) {
            throw new IllegalStateException("the sandbox is not started (an extension starts it before each test)");
        }
        return server.endpoint().toString();
    }

    /** The arguments, then this sandbox's --endpoint-url, --region us-east-1 and --output json. */
    public String[] args(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--endpoint-url", url(), "--region", "us-east-1", "--output", "json"));
        return all.toArray(String[]::new);
    }

    /** Runs the sweeper in-process against this sandbox (see {@link #args}). */
    public Cli.Run sweeper(String... args) {
        return Cli.run(args(args));
    }

    /** Runs the sweeper as {@link #sweeper(String...)}, writing its audit log to this file ({@code --audit-log}). */
    public Cli.Run sweeper(Path auditLog, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--audit-log", auditLog.toString()));
        return sweeper(all.toArray(String[]::new));
    }

    public JsonNode stats() {
        return get("/_sandbox/stats");
    }

    /**
     * Every API call counted, but AWS's price list's (Pricing.GetProducts): those depend on the price cache the runs
     * share, not on what a test asks; {@code calls("Pricing.GetProducts")} counts them.
     */
    public int totalCalls() {
        JsonNode s = stats();
        return s.path("total").asInt() - s.path("calls").path("Pricing.GetProducts").asInt(0);
    }

    public int calls(String operation) {
        return stats().path("calls").path(operation).asInt(0);
    }

    public void resetStats() {
        post("/_sandbox/reset-stats", "");
    }

    public JsonNode state() {
        return get("/_sandbox/state");
    }

    /** Injects a fault, e.g. {@code {"operation":"CloudWatch.GetMetricData","mode":"error500","rate":1.0}}. */
    public void fault(String json) {
        post("/_sandbox/faults", json);
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url() + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void post(String path, String body) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url() + path))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300) {
                throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The runtime fault rules still active: a rule with a {@code count} leaves once it has fired that often. */
    /** Puts one datapoint as AWS would publish it (POST /_sandbox/metrics), in any namespace. */
    public void metric(String json) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/_sandbox/metrics"))
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("POST /_sandbox/metrics: " + r.statusCode() + " " + r.body());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public JsonNode faultRules() {
        return get("/_sandbox/faults");
    }

    /** Removes every runtime fault rule ({@code DELETE /_sandbox/faults}). */
    public void clearFaults() {
        send(HttpRequest.newBuilder(URI.create(url() + "/_sandbox/faults")).DELETE().build());
    }

    /** The status of one notebook in the sandbox's state, or null when it is gone. */
    public String notebookStatus(String name) {
        return statusOf("notebooks", name);
    }

    /** The status of one endpoint in the sandbox's state, or null when it is gone. */
    public String endpointStatus(String name) {
        return statusOf("endpoints", name);
    }

    /** The status of one MLflow tracking server in the sandbox's state, or null when it is gone. */
    public String mlflowServerStatus(String name) {
        return statusOf("mlflowTrackingServers", name);
    }

    private String statusOf(String kind, String name) {
        for (JsonNode n : state().path(kind)) {
            if (n.path("name").asText().equals(name)) {
                return n.path("status").asText();
            }
        }
        return null;
    }

    private void send(HttpRequest request) {
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300) {
                throw new IllegalStateException(request.uri() + " answered " + r.statusCode() + ": " + r.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        SandboxServer s = server;
        server = null;
        if (s != null) {
            s.close();
        }
    }
}
