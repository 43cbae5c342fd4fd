package dev.sweeper.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.sweeper.sandbox.faults.Faults;
import dev.sweeper.sandbox.world.MetricStore;
import dev.sweeper.sandbox.world.World;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The sandbox's own API under {@code /_sandbox/}: call stats, fault rules, the state of every
 * account, and metrics put as if AWS had published them.
 */
public final class AdminApi {
    private final ObjectMapper json;
    private final CallStats stats;
    private final Faults faults;
    /** The caller's own account, where {@code POST /_sandbox/metrics} puts. */
    private final World world;
    /** Every account, the caller's own first. */
    private final Supplier<Collection<World>> worlds;

    public AdminApi(ObjectMapper json, CallStats stats, Faults faults, World world, Supplier<Collection<World>> worlds) {
        this.json = json;
        this.stats = stats;
        this.faults = faults;
        this.world = world;
        this.worlds = worlds;
    }

    public void handle(HttpExchange ex, String path, byte[] body) throws IOException {
        String method = ex.getRequestMethod();
        String route = method + " " + path;
        switch (route) {
            case "GET /_sandbox/stats" -> sendJson(ex, 200, stats.toJson(json));
            case "POST /_sandbox/reset-stats" -> {
                stats.reset();
                sendJson(ex, 200, stats.toJson(json));
            }
            case "GET /_sandbox/state" -> sendJson(ex, 200, StateSnapshot.of(json, worlds.get()));
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
                    Map<String, String> dims = new LinkedHashMap<>();
                    n.path("dimensions").fields().forEachRemaining(e -> dims.put(e.getKey(), e.getValue().asText()));
                    String region = n.path("region").asText("");
                    String namespace = n.path("namespace").asText("");
                    String name = n.path("name").asText("");
                    if (region.isEmpty() || namespace.isEmpty() || name.isEmpty() || !n.path("value").isNumber()) {
                        throw new IllegalArgumentException("region, namespace, name and a numeric value are required");
                    }
                    Instant at = n.hasNonNull("timestamp") ? Instant.parse(n.get("timestamp").asText())
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
        Exchanges.send(ex, status, "application/json", json.writerWithDefaultPrettyPrinter().writeValueAsBytes(node), null);
    }
}
