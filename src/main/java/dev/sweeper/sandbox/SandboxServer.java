package dev.sweeper.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sweeper.sandbox.jupyter.JupyterServers;
import dev.sweeper.sandbox.logs.LogsApi;
import dev.sweeper.sandbox.tagging.TaggingApi;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * A local, AWS-wire-compatible stand-in for the SageMaker, CloudWatch, CloudWatch Logs, SNS and STS
 * operations the sweeper uses, on 127.0.0.1 only, and for the notebook instances' Jupyter servers
 * (under {@code /_jupyter/}). SageMaker and CloudWatch Logs speak JSON 1.1; CloudWatch speaks Query (SDK for
 * Java), RPC v2 CBOR (AWS CLI) and JSON 1.0; SNS and STS speak Query. Signatures are not checked.
 *
 * <p>Each account of the fleet (the caller's own, plus any under {@code accounts:}) is its own
 * {@link World}; a request is served from the account of the access key id in its SigV4 credential
 * scope, as {@link StsApi#principal} decides: keys issued by AssumeRole belong to the role's account,
 * any other key to the caller's own.
 */
public final class SandboxServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SandboxServer.class.getName());
    private static final String CW_NS = "http://monitoring.amazonaws.com/doc/2010-08-01/";
    private static final String SNS_NS = "http://sns.amazonaws.com/doc/2010-03-31/";
    private static final String CW_TARGET = "GraniteServiceVersion20100801";
    private static final String DEFAULT_REGION = "us-east-1";

    private final HttpServer http;
    private final ExecutorService executor;
    /** The caller's own account. */
    private final World world;
    /** Every account by id, the caller's own first. */
    private final Map<String, Tenant> tenants = new LinkedHashMap<>();
    private final StsApi sts;
    private final Faults faults;
    private final long latencyMs;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, AtomicLong> calls = new TreeMap<>();
    /** Notebook instances' Jupyter servers and jupyter.log streams, of every account. */
    private final JupyterServers jupyter;
    private final LogsApi logs;

    private static void metricsAsConfigured(World w, SandboxOptions options) {
        w.listMetricsLag = options.listMetricsLag();
        w.metrics.strictDimensionOrder(options.strictDimensionOrder());
    }

    private SandboxServer(SandboxOptions options, FleetSpec fleet) throws IOException {
        Clock clock = Clock.systemUTC();
        this.jupyter = new JupyterServers(clock, this::count);
        this.logs = new LogsApi(clock);
        this.world = new World(clock, fleet.account(), options.transitionDelay());
        metricsAsConfigured(world, options);
        this.world.load(fleet);
        jupyter.load(fleet.account(), fleet);
        logs.load(fleet.account(), fleet);
        tenants.put(fleet.account(), new Tenant(world, json, jupyter));
        for (FleetSpec.Account a : fleet.accounts()) {
            if (!tenants.containsKey(a.id())) {
                World w = new World(clock, a.id(), options.transitionDelay());
                metricsAsConfigured(w, options);
                w.load(a.resources(fleet.region()));
                jupyter.load(a.id(), a.resources(fleet.region()));
                logs.load(a.id(), a.resources(fleet.region()));
                tenants.put(a.id(), new Tenant(w, json, jupyter));
            }
        }
        this.sts = new StsApi(fleet, clock);
        this.faults = new Faults(options.seed(), options.throttleRate(), options.failRate(), options.tps());
        this.latencyMs = options.latencyMs();
        AtomicInteger n = new AtomicInteger();
        // One thread per request in flight, each sleeping out the latency: more than a sweeper can
        // have in flight (--max-concurrency up to 64, plus its listings), so that the sandbox never
        // queues a request that AWS would have served at once.
        this.executor = Executors.newFixedThreadPool(128, r -> {
            Thread t = new Thread(r, "sandbox-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // The JDK server writes headers and body separately; without TCP_NODELAY each response
        // waits out the client's delayed ACK (~40 ms), which would swamp any latency we measure.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 256);
        this.http.setExecutor(executor);
        this.http.createContext("/", this::handle);
        this.http.start();
        jupyter.setBase(endpoint());
    }

    /**
     * Loads the fleet and starts listening.
     *
     * @throws FleetException for a bad fleet file or spec
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static SandboxServer start(SandboxOptions options) {
        FleetSpec fleet;
        if (options.fleet() != null) {
            FleetLoader.validate(options.fleet(), "(in memory)");
            fleet = options.fleet();
        } else if (options.fleetFile() != null) {
            fleet = FleetLoader.load(options.fleetFile());
        } else if (options.synthetic() != null) {
            fleet = SyntheticFleet.generate(options.synthetic(), options.seed());
        } else {
            fleet = FleetSpec.empty();
        }
        try {
            return new SandboxServer(options, fleet);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the sandbox on 127.0.0.1:" + options.port() + ": " + e.getMessage(), e);
        }
    }

    /** One account: its resources and the service front ends over them. */
    private record Tenant(World world, SageMakerApi sageMaker, CloudWatchApi cloudWatch, SnsApi sns, TaggingApi tagging) {
        Tenant(World world, ObjectMapper json, JupyterServers jupyter) {
            this(world, new SageMakerApi(world, json, jupyter), new CloudWatchApi(world), new SnsApi(world),
                    new TaggingApi(region -> tagsIn(world, region), json));
        }
    }

    /** The region's tags, copied under the world's lock (SageMakerApi changes them under it). */
    private static Map<String, Map<String, String>> tagsIn(World world, String region) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        synchronized (world) {
            world.tags.forEach((arn, t) -> {
                String[] parts = arn.split(":", 5);
                if (parts.length > 3 && parts[3].equals(region)) {
                    out.put(arn, new LinkedHashMap<>(t));
                }
            });
        }
        return out;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tenants.values().forEach(t -> t.world().close());
    }

    // ---- request handling ----

    private enum Protocol { JSON11, JSON10, CBOR, QUERY }

    private record Call(String service, String operation, Protocol protocol, String region) {
        String name() {
            return service + "." + operation;
        }
    }

    private void handle(HttpExchange ex) {
        try {
            byte[] body = readBody(ex);
            String path = ex.getRequestURI().getPath();
            if (path.startsWith("/_sandbox/") || path.equals("/_sandbox")) {
                admin(ex, path, body);
                return;
            }
            if (path.startsWith(JupyterServers.PREFIX)) {
                jupyter.handle(ex);
                return;
            }
            serve(ex, path, body);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "connection problem: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "sandbox internal error", e);
        } finally {
            ex.close();
        }
    }

    private static byte[] readBody(HttpExchange ex) throws IOException {
        InputStream in = ex.getRequestBody();
        byte[] raw = in.readAllBytes();
        String enc = ex.getRequestHeaders().getFirst("Content-Encoding");
        if (enc != null && enc.toLowerCase().contains("gzip")) {
            try (GZIPInputStream gz = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                return gz.readAllBytes();
            }
        }
        return raw;
    }

    private static String regionOf(HttpExchange ex) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String scope = scope(auth);
        if (scope != null) {
            String[] parts = scope.split("/");
            if (parts.length >= 4) {
                return parts[2];
            }
        }
        return DEFAULT_REGION;
    }

    /** The credential scope {@code AKID/date/region/service/aws4_request}, never logged. */
    private static String scope(String auth) {
        if (auth == null) {
            return null;
        }
        int i = auth.indexOf("Credential=");
        if (i < 0) {
            return null;
        }
        int end = auth.indexOf(',', i);
        return auth.substring(i + "Credential=".length(), end < 0 ? auth.length() : end).trim();
    }

    /** The access key id of the SigV4 credential scope, if any. */
    private static String accessKeyId(HttpExchange ex) {
        String scope = scope(ex.getRequestHeaders().getFirst("Authorization"));
        if (scope == null) {
            return null;
        }
        int slash = scope.indexOf('/');
        return slash < 0 ? scope : scope.substring(0, slash);
    }

    private static String signingService(HttpExchange ex) {
        String scope = scope(ex.getRequestHeaders().getFirst("Authorization"));
        if (scope == null) {
            return null;
        }
        String[] parts = scope.split("/");
        return parts.length >= 4 ? parts[3] : null;
    }

    private void serve(HttpExchange ex, String path, byte[] body) throws IOException {
        String region = regionOf(ex);
        String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
        Call call;
        Map<String, Object> form = null;
        if (target != null && target.startsWith("SageMaker.")) {
            call = new Call("SageMaker", target.substring("SageMaker.".length()), Protocol.JSON11, region);
        } else if (target != null && target.startsWith(LogsApi.TARGET_PREFIX)) {
            call = new Call("Logs", target.substring(LogsApi.TARGET_PREFIX.length()), Protocol.JSON11, region);
        } else if (target != null && target.startsWith(TaggingApi.TARGET + ".")) {
            call = new Call("Tagging", target.substring(TaggingApi.TARGET.length() + 1), Protocol.JSON11, region);
        } else if (target != null && target.startsWith(CW_TARGET + ".")) {
            call = new Call("CloudWatch", target.substring(CW_TARGET.length() + 1), Protocol.JSON10, region);
        } else if (path.startsWith("/service/" + CW_TARGET + "/operation/")) {
            call = new Call("CloudWatch", path.substring(path.lastIndexOf('/') + 1), Protocol.CBOR, region);
        } else {
            form = QueryCodec.parseForm(new String(body, StandardCharsets.UTF_8));
            String action = CloudWatchApi.str(form, "Action");
            if (action == null) {
                Call unknown = new Call("Unknown", "Unknown", Protocol.QUERY, region);
                count(unknown);
                sendError(ex, unknown, new AwsError("MissingAction", 400, "Missing Action"));
                return;
            }
            String signing = signingService(ex);
            String service;
            if ("monitoring".equals(signing)) {
                service = "CloudWatch";
            } else if ("sns".equals(signing)) {
                service = "SNS";
            } else if ("sts".equals(signing)) {
                service = "STS";
            } else {
                service = SnsApi.known(action) ? "SNS" : StsApi.known(action) ? "STS" : "CloudWatch";
            }
            call = new Call(service, action, Protocol.QUERY, region);
        }
        count(call);
        if (latencyMs > 0) {
            sleep(latencyMs);
        }
        StsApi.Principal caller;
        try {
            caller = sts.principal(accessKeyId(ex), securityToken(ex), call.service());
        } catch (AwsError e) {
            sendError(ex, call, e);
            return;
        }
        Faults.Decision fault = faults.decide(call.name(), new String(body, StandardCharsets.UTF_8), call.region());
        if (fault != null) {
            switch (fault.mode()) {
                case RESET -> {
                    return; // closing the exchange without a response drops the connection
                }
                case HANG -> sleep(fault.hangMs());
                case THROTTLE -> {
                    sendError(ex, call, throttling(call.service()));
                    return;
                }
                case ERROR500 -> {
                    sendError(ex, call, internal(call.service()));
                    return;
                }
                case VALIDATION -> {
                    sendError(ex, call, validation(call.service(), fault.message()));
                    return;
                }
                case DENIED -> {
                    if (call.service().equals("STS")) {
                        // STS deactivated in this region for the account.
                        sendError(ex, call, new AwsError("RegionDisabledException", 403, fault.message() != null ? fault.message()
                                : "STS is not activated in this region for account:" + caller.account()
                                + ". Your account administrator can activate STS in this region using the IAM Console."));
                        return;
                    }
                    if (call.service().equals("Tagging")) {
                        // What IAM answers a caller without tag:GetResources.
                        sendError(ex, call, new AwsError("AccessDeniedException", 400, fault.message() != null
                                ? fault.message() : "User: arn:aws:iam::" + caller.account()
                                + ":user/sandbox is not authorized to perform: tag:" + call.operation()));
                        return;
                    }
                    // What a region the account has not enabled answers: the token is not valid there.
                    sendError(ex, call, new AwsError(call.service().equals("SageMaker") ? "UnrecognizedClientException"
                            : "InvalidClientTokenId", 403, fault.message() != null ? fault.message()
                            : "The security token included in the request is invalid."));
                    return;
                }
                default -> throw new IllegalStateException();
            }
        }
        try {
            dispatch(ex, call, body, form, caller);
        } catch (AwsError e) {
            sendError(ex, call, e);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "sandbox failed on " + call.name(), e);
            sendError(ex, call, internal(call.service()));
        }
    }

    @SuppressWarnings("unchecked")
    private void dispatch(HttpExchange ex, Call call, byte[] body, Map<String, Object> form, StsApi.Principal caller) throws IOException {
        Tenant tenant = tenants.get(caller.account());
        SageMakerApi sageMaker = tenant.sageMaker();
        CloudWatchApi cloudWatch = tenant.cloudWatch();
        SnsApi sns = tenant.sns();
        switch (call.protocol()) {
            case JSON11 -> {
                JsonNode in;
                try {
                    in = body.length == 0 ? json.createObjectNode() : json.readTree(body);
                } catch (IOException e) {
                    throw new AwsError("SerializationException", 400, "Request body is not valid JSON");
                }
                if (in == null || !in.isObject()) {
                    in = json.createObjectNode();
                }
                ObjectNode out = switch (call.service()) {
                    case "Logs" -> logs.handle(caller.account(), call.operation(), in, call.region());
                    case "Tagging" -> tenant.tagging().handle(call.operation(), in, call.region());
                    default -> sageMaker.handle(call.operation(), in, call.region());
                };
                send(ex, 200, "application/x-amz-json-1.1", json.writeValueAsBytes(out), null);
            }
            case JSON10 -> {
                if (!CloudWatchApi.known(call.operation())) {
                    throw new AwsError("UnknownOperationException", 400, "Unknown operation " + call.operation());
                }
                Map<String, Object> in = body.length == 0 ? new LinkedHashMap<>() : json.readValue(body, Map.class);
                Map<String, Object> out = cloudWatch.handle(call.operation(), in, call.region());
                send(ex, 200, "application/x-amz-json-1.0", json.writeValueAsBytes(epochSeconds(out == null ? Map.of() : out)), null);
            }
            case CBOR -> {
                if (!CloudWatchApi.known(call.operation())) {
                    throw new AwsError("UnknownOperationException", 400, "Unknown operation " + call.operation());
                }
                Object decoded;
                try {
                    decoded = Cbor.decode(body);
                } catch (RuntimeException e) {
                    throw new AwsError("SerializationException", 400, "Request body is not valid CBOR: " + e.getMessage());
                }
                Map<String, Object> in = decoded instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
                Map<String, Object> out = cloudWatch.handle(call.operation(), in, call.region());
                send(ex, 200, "application/cbor", Cbor.encode(out == null ? Map.of() : out), Map.of("smithy-protocol", "rpc-v2-cbor"));
            }
            case QUERY -> {
                Map<String, Object> out;
                String ns;
                if (call.service().equals("SNS")) {
                    out = sns.handle(call.operation(), form, call.region());
                    ns = SNS_NS;
                } else if (call.service().equals("STS")) {
                    out = sts.handle(call.operation(), form, caller);
                    ns = StsApi.NS;
                } else {
                    out = cloudWatch.handle(call.operation(), form, call.region());
                    ns = CW_NS;
                }
                String xml = QueryCodec.response(call.operation(), ns, out, UUID.randomUUID().toString());
                send(ex, 200, "text/xml", xml.getBytes(StandardCharsets.UTF_8), null);
            }
            default -> throw new IllegalStateException();
        }
    }

    @SuppressWarnings("unchecked")
    private static Object epochSeconds(Object v) {
        if (v instanceof java.time.Instant i) {
            return SageMakerApi.epoch(i);
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, x) -> {
                if (x != null) {
                    out.put(k, epochSeconds(x));
                }
            });
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(epochSeconds(x)));
            return out;
        }
        return v;
    }

    private static AwsError throttling(String service) {
        return switch (service) {
            case "SageMaker" -> new AwsError("ThrottlingException", 400, "Rate exceeded");
            case "SNS" -> new AwsError("Throttled", 429, "Rate exceeded");
            case "Logs" -> new AwsError("ThrottlingException", 400, "Rate exceeded");
            case "Tagging" -> new AwsError("ThrottledException", 400, "Rate exceeded");
            default -> new AwsError("Throttling", 400, "Rate exceeded"); // CloudWatch and STS
        };
    }

    private static AwsError internal(String service) {
        return switch (service) {
            case "SageMaker" -> new AwsError("InternalFailure", 500, "An internal error occurred. Try again.");
            case "SNS" -> new AwsError("InternalError", 500, "Internal Error");
            case "Logs" -> new AwsError("ServiceUnavailableException", 500, "The service cannot complete the request.");
            case "Tagging" -> new AwsError("InternalServiceException", 500, "Internal service error");
            case "STS" -> new AwsError("InternalFailure", 500, "An internal error occurred. Try again.");
            default -> new AwsError("InternalServiceError", 500, "Internal Service Error");
        };
    }

    private static AwsError validation(String service, String message) {
        return switch (service) {
            case "SageMaker" -> AwsError.validation(message != null ? message : "Injected validation error (sandbox fault).");
            case "SNS" -> new AwsError("InvalidParameter", 400, "Invalid parameter: " + (message != null ? message : "injected by the sandbox"));
            case "Logs" -> new AwsError("InvalidParameterException", 400, message != null ? message : "Injected validation error (sandbox fault).");
            case "STS" -> new AwsError("ValidationError", 400, message != null ? message : "Injected validation error (sandbox fault).");
            default -> new AwsError("InvalidParameterValue", 400, message != null ? message : "Injected validation error (sandbox fault).");
        };
    }

    private void sendError(HttpExchange ex, Call call, AwsError e) throws IOException {
        String requestId = UUID.randomUUID().toString();
        switch (call.protocol()) {
            case JSON11, JSON10 -> {
                ObjectNode body = json.createObjectNode().put("__type", e.code()).put("message", e.getMessage());
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("x-amzn-ErrorType", e.code());
                if (call.protocol() == Protocol.JSON10) {
                    headers.put("x-amzn-query-error", e.code() + ";" + (e.senderFault() ? "Sender" : "Receiver"));
                }
                send(ex, e.status(), call.protocol() == Protocol.JSON11 ? "application/x-amz-json-1.1" : "application/x-amz-json-1.0",
                        json.writeValueAsBytes(body), headers);
            }
            case CBOR -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("__type", "com.amazonaws.cloudwatch#" + e.code());
                body.put("message", e.getMessage());
                send(ex, e.status(), "application/cbor", Cbor.encode(body), Map.of("smithy-protocol", "rpc-v2-cbor",
                        "x-amzn-query-error", e.code() + ";" + (e.senderFault() ? "Sender" : "Receiver")));
            }
            case QUERY -> send(ex, e.status(), "text/xml",
                    QueryCodec.error(e, queryNamespace(call.service()), requestId).getBytes(StandardCharsets.UTF_8), null);
            default -> throw new IllegalStateException();
        }
    }

    private static String queryNamespace(String service) {
        return switch (service) {
            case "SNS" -> SNS_NS;
            case "STS" -> StsApi.NS;
            default -> CW_NS;
        };
    }

    /** The session token of temporary credentials: the SigV4 header, or the presigned-URL parameter. */
    private static String securityToken(HttpExchange ex) {
        String token = ex.getRequestHeaders().getFirst("X-Amz-Security-Token");
        if (token != null) {
            return token;
        }
        String query = ex.getRequestURI().getRawQuery();
        if (query != null) {
            Object t = QueryCodec.parseForm(query).get("X-Amz-Security-Token");
            return t instanceof String str ? str : null;
        }
        return null;
    }

    private static void send(HttpExchange ex, int status, String contentType, byte[] body, Map<String, String> headers) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        if (headers != null) {
            headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void count(Call call) {
        count(call.name());
    }

    private void count(String name) {
        synchronized (calls) {
            calls.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet();
        }
    }

    // ---- admin ----

    private void admin(HttpExchange ex, String path, byte[] body) throws IOException {
        String method = ex.getRequestMethod();
        String route = method + " " + path;
        switch (route) {
            case "GET /_sandbox/stats" -> sendJson(ex, 200, stats());
            case "POST /_sandbox/reset-stats" -> {
                synchronized (calls) {
                    calls.clear();
                }
                sendJson(ex, 200, stats());
            }
            case "GET /_sandbox/state" -> sendJson(ex, 200, state());
            case "GET /_sandbox/faults" -> sendJson(ex, 200, json.valueToTree(faults.rules()));
            case "POST /_sandbox/faults" -> {
                try {
                    JsonNode node = json.readTree(body);
                    List<JsonNode> items = new ArrayList<>();
                    if (node != null && node.isArray()) {
                        node.forEach(items::add);
                    } else if (node != null && node.isObject()) {
                        items.add(node);
                    } else {
                        throw new IllegalArgumentException("expected a JSON object or array");
                    }
                    for (JsonNode n : items) {
                        faults.add(new Faults.Rule(
                                n.path("operation").asText("*"),
                                Faults.mode(n.path("mode").asText(null)),
                                n.path("rate").asDouble(1.0),
                                n.path("hangMs").asLong(5000),
                                n.hasNonNull("resource") ? n.get("resource").asText() : null,
                                n.hasNonNull("count") ? n.get("count").asInt() : null,
                                n.hasNonNull("message") ? n.get("message").asText() : null,
                                n.hasNonNull("region") ? n.get("region").asText() : null));
                    }
                    sendJson(ex, 200, json.valueToTree(faults.rules()));
                } catch (IOException | IllegalArgumentException e) {
                    sendJson(ex, 400, json.createObjectNode().put("error", e.getMessage()));
                }
            }
            case "DELETE /_sandbox/faults" -> {
                faults.clear();
                sendJson(ex, 200, json.createArrayNode());
            }
            // What AWS itself publishes (an endpoint's Invocations, in the reserved AWS/ namespaces that
            // PutMetricData refuses), put as if the service had: traffic during a test.
            // Body: {"region", "namespace", "name", "dimensions": {..}, "timestamp": ISO instant, "value"}.
            case "POST /_sandbox/metrics" -> {
                try {
                    JsonNode n = json.readTree(body);
                    Map<String, String> dims = new java.util.LinkedHashMap<>();
                    n.path("dimensions").fields().forEachRemaining(e -> dims.put(e.getKey(), e.getValue().asText()));
                    String region = n.path("region").asText("");
                    String namespace = n.path("namespace").asText("");
                    String name = n.path("name").asText("");
                    if (region.isEmpty() || namespace.isEmpty() || name.isEmpty() || !n.path("value").isNumber()) {
                        throw new IllegalArgumentException("region, namespace, name and a numeric value are required");
                    }
                    java.time.Instant at = n.hasNonNull("timestamp") ? java.time.Instant.parse(n.get("timestamp").asText())
                            : world.now();
                    world.metrics.put(region, namespace, name, dims, at, MetricStore.Agg.of(n.get("value").asDouble()));
                    sendJson(ex, 200, json.createObjectNode().put("ok", true));
                } catch (IOException | RuntimeException e) {
                    sendJson(ex, 400, json.createObjectNode().put("error", String.valueOf(e.getMessage())));
                }
            }
            case "GET /_sandbox/health" -> sendJson(ex, 200, json.createObjectNode().put("status", "ok"));
            default -> sendJson(ex, 404, json.createObjectNode().put("error", "no such sandbox admin route: " + route));
        }
    }

    private void sendJson(HttpExchange ex, int status, JsonNode node) throws IOException {
        send(ex, status, "application/json", json.writerWithDefaultPrettyPrinter().writeValueAsBytes(node), null);
    }

    private ObjectNode stats() {
        ObjectNode out = json.createObjectNode();
        ObjectNode c = out.putObject("calls");
        long total = 0;
        synchronized (calls) {
            for (Map.Entry<String, AtomicLong> e : calls.entrySet()) {
                c.put(e.getKey(), e.getValue().get());
                total += e.getValue().get();
            }
        }
        out.put("total", total);
        return out;
    }

    /**
     * Everything a test may want to assert on: resources, their status and tags, and published messages,
     * of every account (the caller's own first), each entry naming its {@code account}.
     */
    private ObjectNode state() {
        ObjectNode out = json.createObjectNode();
        out.put("startedAt", world.start.toString());
        out.put("account", world.account);
        ArrayNode accounts = out.putArray("accounts");
        ArrayNode nbs = out.putArray("notebooks");
        ArrayNode lccs = out.putArray("lifecycleConfigs");
        ArrayNode eps = out.putArray("endpoints");
        ArrayNode components = out.putArray("inferenceComponents");
        ArrayNode apps = out.putArray("apps");
        ArrayNode topics = out.putArray("topics");
        ArrayNode msgs = out.putArray("messages");
        ArrayNode mlflow = out.putArray("mlflowTrackingServers");
        for (Tenant tenant : tenants.values()) {
            World w = tenant.world();
            accounts.add(w.account);
            synchronized (w) {
                state(w, nbs, lccs, eps, apps, topics, msgs);
                MlflowApi.state(w, mlflow, json);
                for (World.InferenceComponent c : w.inferenceComponents.values()) {
                    components.addObject().put("account", w.account).put("name", c.name).put("region", c.region)
                            .put("arn", c.arn).put("endpoint", c.endpointName).put("variant", c.variantName)
                            .put("status", c.status).put("createdAt", c.created.toString());
                }
            }
        }
        return out;
    }

    private void state(World w, ArrayNode nbs, ArrayNode lccs, ArrayNode eps, ArrayNode apps, ArrayNode topics, ArrayNode msgs) {
        for (World.Notebook n : w.notebooks.values()) {
            ObjectNode o = nbs.addObject();
            o.put("account", w.account).put("name", n.name).put("region", n.region).put("arn", n.arn).put("status", n.status)
                    .put("instanceType", n.instanceType).put("createdAt", n.created.toString())
                    .put("lastModifiedAt", n.lastModified.toString());
            if (n.failureReason != null) {
                o.put("failureReason", n.failureReason);
            }
            o.put("lifecycleConfig", n.lifecycleConfig);
            o.set("tags", json.valueToTree(w.tags.getOrDefault(n.arn, Map.of())));
        }
        for (World.LifecycleConfig c : w.lifecycleConfigs.values()) {
            ObjectNode o = lccs.addObject();
            o.put("account", w.account).put("name", c.name).put("region", c.region).put("arn", c.arn)
                    .put("onStart", c.onStart).put("onCreate", c.onCreate);
        }
        for (World.Endpoint e : w.endpoints.values()) {
            ObjectNode o = eps.addObject();
            o.put("account", w.account).put("name", e.name).put("region", e.region).put("arn", e.arn).put("status", e.status)
                    .put("config", e.configName).put("async", e.async).put("createdAt", e.created.toString())
                    .put("lastModifiedAt", e.lastModified.toString());
            ArrayNode vs = o.putArray("variants");
            for (World.VariantConfig v : e.variants) {
                ObjectNode vo = vs.addObject().put("name", v.name());
                if (v.shadow()) {
                    vo.put("shadow", true);
                }
                if (v.serverless()) {
                    vo.put("serverless", true).put("memorySizeInMB", v.memorySizeInMB());
                } else {
                    vo.put("instanceType", v.instanceType()).put("instanceCount", v.instanceCount());
                }
            }
            o.set("tags", json.valueToTree(w.tags.getOrDefault(e.arn, Map.of())));
        }
        for (World.Domain d : w.domains.values()) {
            for (World.App a : d.apps) {
                ObjectNode o = apps.addObject();
                o.put("account", w.account).put("domainId", a.domainId).put("type", a.type).put("name", a.name).put("arn", a.arn)
                        .put("status", a.status).put("instanceType", a.instanceType).put("createdAt", a.created.toString());
                o.set("tags", json.valueToTree(w.tags.getOrDefault(a.arn, Map.of())));
                if (a.userProfile != null) {
                    o.put("userProfile", a.userProfile);
                }
                if (a.space != null) {
                    o.put("space", a.space);
                    World.Space sp = d.spaces.get(a.space);
                    if (sp != null && sp.owner != null) {
                        o.put("spaceOwner", sp.owner);
                    }
                }
            }
        }
        for (World.Topic t : w.topics.values()) {
            ObjectNode o = topics.addObject().put("account", w.account).put("arn", t.arn);
            ArrayNode subs = o.putArray("subscriptions");
            t.subscriptions.forEach(s -> subs.addObject().put("protocol", s.protocol()).put("endpoint", s.endpoint()));
        }
        for (World.Message m : w.messages) {
            ObjectNode o = msgs.addObject().put("account", w.account).put("messageId", m.messageId()).put("topicArn", m.topicArn());
            if (m.subject() != null) {
                o.put("subject", m.subject());
            } else {
                o.putNull("subject");
            }
            o.put("message", m.message()).put("timestamp", m.timestamp().toString());
        }
    }
}
