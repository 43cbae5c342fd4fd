package dev.sweeper.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sweeper.sandbox.cloudwatch.CloudWatchApi;
import dev.sweeper.sandbox.faults.Faults;
import dev.sweeper.sandbox.faults.ServiceErrors;
import dev.sweeper.sandbox.fleet.FleetException;
import dev.sweeper.sandbox.fleet.FleetLoader;
import dev.sweeper.sandbox.fleet.FleetSpec;
import dev.sweeper.sandbox.fleet.SyntheticFleet;
import dev.sweeper.sandbox.http.AdminApi;
import dev.sweeper.sandbox.http.Call;
import dev.sweeper.sandbox.http.CallStats;
import dev.sweeper.sandbox.http.Exchanges;
import dev.sweeper.sandbox.http.FaultInjection;
import dev.sweeper.sandbox.http.Responses;
import dev.sweeper.sandbox.http.Router;
import dev.sweeper.sandbox.http.SigV4;
import dev.sweeper.sandbox.jupyter.JupyterServers;
import dev.sweeper.sandbox.logs.LogsApi;
import dev.sweeper.sandbox.organizations.OrganizationsApi;
import dev.sweeper.sandbox.pricing.PricingApi;
import dev.sweeper.sandbox.protocol.AwsError;
import dev.sweeper.sandbox.protocol.Cbor;
import dev.sweeper.sandbox.protocol.JsonTimestamps;
import dev.sweeper.sandbox.protocol.QueryCodec;
import dev.sweeper.sandbox.sagemaker.SageMakerApi;
import dev.sweeper.sandbox.sns.SnsApi;
import dev.sweeper.sandbox.sts.StsApi;
import dev.sweeper.sandbox.tagging.TaggingApi;
import dev.sweeper.sandbox.world.World;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local, AWS-wire-compatible stand-in for the SageMaker, CloudWatch, CloudWatch Logs, Organizations, SNS and
 * STS operations the sweeper uses, on 127.0.0.1 only, and for the notebook instances' Jupyter servers
 * (under {@code /_jupyter/}). SageMaker, CloudWatch Logs and Organizations speak JSON 1.1; CloudWatch speaks Query (SDK for
 * Java), RPC v2 CBOR (AWS CLI) and JSON 1.0; SNS and STS speak Query. Signatures are not checked.
 *
 * <p>Each account of the fleet (the caller's own, plus any under {@code accounts:}) is its own
 * {@link World}; a request is served from the account of the access key id in its SigV4 credential
 * scope, as {@link StsApi#principal} decides: keys issued by AssumeRole belong to the role's account,
 * any other key to the caller's own.
 *
 * <p>This class wires the parts and serves a call; the shared layer does the rest: {@code http} routes
 * ({@link Router}), reads SigV4 headers ({@link SigV4}), injects faults ({@link FaultInjection}), counts
 * calls ({@link CallStats}) and answers {@code /_sandbox/} ({@link AdminApi}); {@code protocol} holds the
 * codecs. Each service's operations live in their own package.
 */
public final class SandboxServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SandboxServer.class.getName());

    private final HttpServer http;
    private final ExecutorService executor;
    /** The caller's own account. */
    private final World world;
    /** Every account by id, the caller's own first. */
    private final Map<String, Tenant> tenants = new LinkedHashMap<>();
    private final StsApi sts;
    private final long latencyMs;
    private final ObjectMapper json = new ObjectMapper();
    private final CallStats stats = new CallStats();
    private final Responses responses = new Responses(json);
    private final FaultInjection faults;
    private final AdminApi admin;
    /** Notebook instances' Jupyter servers and jupyter.log streams, of every account. */
    private final JupyterServers jupyter;
    private final LogsApi logs;
    /** The caller's Organization; null when the fleet has none. */
    private final OrganizationsApi organizations;
    /** AWS's price list (GetProducts), the same for every account. */
    private final PricingApi pricing = PricingApi.bundled();

    private static void metricsAsConfigured(World w, SandboxOptions options) {
        w.listMetricsLag = options.listMetricsLag();
        w.metrics.strictDimensionOrder(options.strictDimensionOrder());
    }

    private SandboxServer(SandboxOptions options, FleetSpec fleet) throws IOException {
        Clock clock = Clock.systemUTC();
        this.jupyter = new JupyterServers(clock, stats::count);
        this.logs = new LogsApi(clock);
        jupyter.setRequestLog(logs::requestLogged);
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
        this.organizations = OrganizationsApi.of(fleet, clock.instant());
        Faults rules = new Faults(options.seed(), options.throttleRate(), options.failRate(), options.tps());
        // --deny: those operations answered as IAM answers a call no policy allows, for the sandbox's whole life.
        options.deny().forEach(op -> rules.add(new Faults.Rule(op, Faults.Mode.ACCESS_DENIED, 1.0, 0, null, null, null)));
        this.faults = new FaultInjection(rules, responses);
        this.admin = new AdminApi(json, stats, rules, world,
                () -> tenants.values().stream().map(Tenant::world).toList());
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

    private void handle(HttpExchange ex) {
        try {
            byte[] body = Exchanges.readBody(ex);
            String path = ex.getRequestURI().getPath();
            if (path.startsWith("/_sandbox/") || path.equals("/_sandbox")) {
                admin.handle(ex, path, body);
                return;
            }
            if (path.startsWith(JupyterServers.PREFIX)) {
                // A notebook's server is across the network as AWS is: its requests wait the same
                // latency, so that a bench at --latency-ms N measures the probe's requests too.
                if (latencyMs > 0) {
                    Exchanges.sleep(latencyMs);
                }
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

    /** An AWS call: routed, counted, delayed, authenticated, perhaps faulted, then served. */
    private void serve(HttpExchange ex, String path, byte[] body) throws IOException {
        Router.Route route = Router.route(ex, path, body);
        Call call = route.call();
        stats.count(call.name());
        if (route.error() != null) {
            responses.sendError(ex, call, route.error());
            return;
        }
        if (latencyMs > 0) {
            Exchanges.sleep(latencyMs);
        }
        StsApi.Principal caller;
        try {
            caller = sts.principal(SigV4.accessKeyId(ex), SigV4.securityToken(ex), call.service());
        } catch (AwsError e) {
            responses.sendError(ex, call, e);
            return;
        }
        if (faults.inject(ex, call, body, caller.account())) {
            return;
        }
        try {
            dispatch(ex, call, body, route.form(), caller);
        } catch (AwsError e) {
            responses.sendError(ex, call, e);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "sandbox failed on " + call.name(), e);
            responses.sendError(ex, call, ServiceErrors.internal(call.service()));
        }
    }

    @SuppressWarnings("unchecked")
    /** Decodes the request in its protocol, has the account's service answer it, and encodes the answer. */
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
                    case "Organizations" -> OrganizationsApi.handle(organizations, caller.account(), call.operation(), in);
                    case "Tagging" -> tenant.tagging().handle(call.operation(), in, call.region());
                    case "Pricing" -> pricing.handle(call.operation(), in);
                    default -> sageMaker.handle(call.operation(), in, call.region());
                };
                Exchanges.send(ex, 200, "application/x-amz-json-1.1", json.writeValueAsBytes(out), null);
            }
            case JSON10 -> {
                if (!CloudWatchApi.known(call.operation())) {
                    throw new AwsError("UnknownOperationException", 400, "Unknown operation " + call.operation());
                }
                Map<String, Object> in = body.length == 0 ? new LinkedHashMap<>() : json.readValue(body, Map.class);
                Map<String, Object> out = cloudWatch.handle(call.operation(), in, call.region());
                Exchanges.send(ex, 200, "application/x-amz-json-1.0", json.writeValueAsBytes(JsonTimestamps.epochSeconds(out == null ? Map.of() : out)), null);
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
                Exchanges.send(ex, 200, "application/cbor", Cbor.encode(out == null ? Map.of() : out), Map.of("smithy-protocol", "rpc-v2-cbor"));
            }
            case QUERY -> {
                Map<String, Object> out;
                String ns;
                if (call.service().equals("SNS")) {
                    out = sns.handle(call.operation(), form, call.region());
                    ns = SnsApi.NS;
                } else if (call.service().equals("STS")) {
                    out = sts.handle(call.operation(), form, caller);
                    ns = StsApi.NS;
                } else {
                    out = cloudWatch.handle(call.operation(), form, call.region());
                    ns = CloudWatchApi.NS;
                }
                String xml = QueryCodec.response(call.operation(), ns, out, UUID.randomUUID().toString());
                Exchanges.send(ex, 200, "text/xml", xml.getBytes(StandardCharsets.UTF_8), null);
            }
            default -> throw new IllegalStateException();
        }
    }
}
