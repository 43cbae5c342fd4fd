package dev.sweeper.sandbox.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sweeper.sandbox.jupyter.JupyterServers;
import dev.sweeper.sandbox.protocol.AwsError;
import dev.sweeper.sandbox.protocol.JsonTimestamps;
import dev.sweeper.sandbox.protocol.Pages;
import dev.sweeper.sandbox.world.World;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The SageMaker operations the sweeper uses, answered from the {@link World} with AWS's shapes (JSON 1.1): each
 * operation goes to the {@link OperationGroup} of its family (notebooks, endpoints, tags, Studio, Studio's settings,
 * MLflow, HyperPod), under the world's lock; one no group serves is an UnknownOperationException. The helpers every
 * group reads its input and pages its lists with are here.
 */
public final class SageMakerApi {
    private final World world;
    private final List<OperationGroup> groups;

    public SageMakerApi(World world, ObjectMapper json, JupyterServers jupyter) {
        this.world = world;
        this.groups = List.of(new NotebooksApi(world, json, jupyter), new EndpointsApi(world, json), new TagsApi(world, json),
                new StudioApi(world, json), new MlflowApi(world, json), new StudioSettingsApi(world, json),
                new HyperPodApi(world, json));
    }

    public ObjectNode handle(String operation, JsonNode in, String region) {
        synchronized (world) {
            return group(operation).handle(operation, in, region);
        }
    }

    private OperationGroup group(String operation) {
        for (OperationGroup g : groups) {
            if (g.serves(operation)) {
                return g;
            }
        }
        throw new AwsError("UnknownOperationException", 400, "The sandbox does not implement SageMaker." + operation);
    }

    public boolean known(String operation) {
        return groups.stream().anyMatch(g -> g.serves(operation));
    }

    // ---- helpers ----

    public static BigDecimal epoch(Instant i) {
        return JsonTimestamps.epoch(i);
    }

    static String text(JsonNode in, String field, boolean required) {
        JsonNode n = in.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw AwsError.validation("1 validation error detected: Value null at '" + lowerFirst(field)
                        + "' failed to satisfy constraint: Member must not be null");
            }
            return null;
        }
        return n.asText();
    }

    static String lowerFirst(String s) {
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    static Instant time(JsonNode in, String field) {
        JsonNode n = in.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isNumber()) {
            return Instant.ofEpochMilli(n.decimalValue().movePointRight(3).longValue());
        }
        try {
            return Instant.parse(n.asText());
        } catch (RuntimeException e) {
            throw AwsError.validation("Value '" + n.asText() + "' at '" + lowerFirst(field) + "' is not a valid timestamp");
        }
    }

    static int maxResults(JsonNode in, int min, int max, int dflt) {
        JsonNode n = in.get("MaxResults");
        if (n == null || n.isNull()) {
            return dflt;
        }
        int v = n.asInt();
        if (v < min) {
            throw AwsError.validation("1 validation error detected: Value '" + v
                    + "' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to " + min);
        }
        if (v > max) {
            throw AwsError.validation("1 validation error detected: Value '" + v
                    + "' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to " + max);
        }
        return v;
    }

    static String enumValue(JsonNode in, String field, List<String> allowed, String dflt) {
        String v = text(in, field, false);
        if (v == null) {
            return dflt;
        }
        if (!allowed.contains(v)) {
            throw AwsError.validation("1 validation error detected: Value '" + v + "' at '" + lowerFirst(field)
                    + "' failed to satisfy constraint: Member must satisfy enum value set: " + allowed);
        }
        return v;
    }

    private static AwsError badToken() {
        return AwsError.validation("Invalid pagination token because of a bad request. Please try again without the NextToken.");
    }

    /**
     * A list operation: filter, sort, page, render. The NextToken is bound to the request's other parameters: one
     * from another request is refused (ValidationException). Every SageMaker list the sandbox serves pages here,
     * the operation groups' too.
     */
    static <T> ObjectNode list(ObjectMapper json, JsonNode in, String operation, String listField,
                               java.util.Collection<T> items, Predicate<T> filter, Comparator<T> order, int maxResults,
                               Function<T, ObjectNode> render) {
        List<T> selected = new ArrayList<>();
        for (T t : items) {
            if (filter.test(t)) {
                selected.add(t);
            }
        }
        selected.sort(order);
        ObjectNode copy = in.deepCopy();
        copy.remove("NextToken");
        copy.remove("MaxResults");
        Pages.Page<T> page = Pages.page(selected, text(in, "NextToken", false), maxResults, operation + copy, SageMakerApi::badToken);
        ObjectNode out = json.createObjectNode();
        ArrayNode arr = out.putArray(listField);
        page.items().forEach(t -> arr.add(render.apply(t)));
        if (page.nextToken() != null) {
            out.put("NextToken", page.nextToken());
        }
        return out;
    }

    static <T> Comparator<T> order(String sortOrder, Comparator<T> c) {
        return "Descending".equals(sortOrder) ? c.reversed() : c;
    }

    static boolean within(Instant t, Instant after, Instant before) {
        return (after == null || t.isAfter(after)) && (before == null || t.isBefore(before));
    }

    static boolean contains(String name, String part) {
        return part == null || name.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }

}
