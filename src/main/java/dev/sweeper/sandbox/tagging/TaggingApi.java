package dev.sweeper.sandbox.tagging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sweeper.sandbox.protocol.AwsError;
import dev.sweeper.sandbox.protocol.Pages;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Resource Groups Tagging API's GetResources, over JSON 1.1 (target prefix
 * {@value #TARGET}), as documented in
 * https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/API_GetResources.html:
 * <ul>
 * <li>ResourceARNList (1 to 100 ARNs) cannot be combined with TagFilters, ResourceTypeFilters or
 * any pagination parameter (ResourcesPerPage, TagsPerPage, PaginationToken): InvalidParameterException;
 * an ARN that does not exist is left out, not an error;</li>
 * <li>"GetResources does not return untagged resources": a resource without tags is left out;</li>
 * <li>otherwise every tagged resource of the region, filtered, in pages of ResourcesPerPage (1 to
 * 100) behind an opaque PaginationToken; the last page has an empty token.</li>
 * </ul>
 */
public final class TaggingApi {
    public static final String TARGET = "ResourceGroupsTaggingAPI_20170126";
    static final int MAX_ARNS = 100;
    static final int MAX_PER_PAGE = 100;

    /** The tags the sandbox holds: every resource's, by ARN, for one region. */
    public interface TagStore {
        /** Tags by ARN (as SageMaker spells it, lower-case resource part) of the region's resources, in a stable order. */
        Map<String, Map<String, String>> tagsIn(String region);
    }

    private final TagStore store;
    private final ObjectMapper json;

    public TaggingApi(TagStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    public static boolean known(String operation) {
        return operation.equals("GetResources");
    }

    public ObjectNode handle(String operation, JsonNode in, String region) {
        if (!known(operation)) {
            throw new AwsError("UnknownOperationException", 400, "Unknown operation " + operation);
        }
        return getResources(in, region);
    }

    private ObjectNode getResources(JsonNode in, String region) {
        Map<String, Map<String, String>> all = store.tagsIn(region);
        JsonNode arnList = in.get("ResourceARNList");
        if (arnList != null && !arnList.isNull()) {
            for (String other : List.of("TagFilters", "ResourceTypeFilters", "ResourcesPerPage", "TagsPerPage",
                    "PaginationToken")) {
                if (in.hasNonNull(other)) {
                    throw invalid("You can't specify both ResourceARNList and " + other + " in the same request.");
                }
            }
            if (!arnList.isArray() || arnList.isEmpty() || arnList.size() > MAX_ARNS) {
                throw invalid("ResourceARNList must contain between 1 and " + MAX_ARNS + " ARNs.");
            }
            ObjectNode out = json.createObjectNode().put("PaginationToken", "");
            ArrayNode list = out.putArray("ResourceTagMappingList");
            Set<String> seen = new HashSet<>();
            for (JsonNode a : arnList) {
                String arn = a.asText();
                if (!arn.startsWith("arn:")) {
                    throw invalid("Invalid ARN: " + arn);
                }
                String key = arn.toLowerCase(Locale.ROOT);
                Map<String, String> tags = all.get(key);
                if (tags != null && !tags.isEmpty() && seen.add(key)) {
                    list.add(mapping(key, tags));
                }
            }
            return out;
        }
        int perPage = MAX_PER_PAGE;
        if (in.hasNonNull("ResourcesPerPage")) {
            perPage = in.get("ResourcesPerPage").asInt();
            if (perPage < 1 || perPage > MAX_PER_PAGE) {
                throw invalid("ResourcesPerPage must be between 1 and " + MAX_PER_PAGE + ".");
            }
        }
        if (in.hasNonNull("TagsPerPage") && (in.get("TagsPerPage").asInt() < 100 || in.get("TagsPerPage").asInt() > 500)) {
            throw invalid("TagsPerPage must be between 100 and 500.");
        }
        List<String> types = new ArrayList<>();
        in.path("ResourceTypeFilters").forEach(t -> types.add(t.asText().toLowerCase(Locale.ROOT)));
        Map<String, Set<String>> filters = new LinkedHashMap<>();
        JsonNode tagFilters = in.path("TagFilters");
        if (tagFilters.size() > 50) {
            throw invalid("TagFilters can include up to 50 keys.");
        }
        for (JsonNode f : tagFilters) {
            Set<String> values = new HashSet<>();
            f.path("Values").forEach(v -> values.add(v.asText()));
            filters.put(f.path("Key").asText(), values);
        }
        List<Map.Entry<String, Map<String, String>>> matching = all.entrySet().stream()
                .filter(e -> !e.getValue().isEmpty() && ofType(e.getKey(), types) && matches(e.getValue(), filters))
                .toList();
        String queryKey = "GetResources|" + region + "|" + types + "|" + filters + "|" + perPage;
        Pages.Page<Map.Entry<String, Map<String, String>>> page = Pages.page(matching,
                in.path("PaginationToken").asText(""), perPage, queryKey,
                () -> new AwsError("PaginationTokenExpiredException", 400,
                        "The specified pagination token is invalid or has expired."));
        ObjectNode out = json.createObjectNode().put("PaginationToken", page.nextToken() == null ? "" : page.nextToken());
        ArrayNode list = out.putArray("ResourceTagMappingList");
        page.items().forEach(e -> list.add(mapping(e.getKey(), e.getValue())));
        return out;
    }

    /** "service[:resourceType]", as the ARN spells them: sagemaker, sagemaker:endpoint. */
    private static boolean ofType(String arn, List<String> types) {
        if (types.isEmpty()) {
            return true;
        }
        String[] parts = arn.split(":", 6);
        String service = parts.length > 2 ? parts[2] : "";
        String resource = parts.length > 5 ? parts[5] : "";
        int slash = resource.indexOf('/');
        String type = service + ":" + (slash < 0 ? resource : resource.substring(0, slash));
        return types.stream().anyMatch(t -> t.equals(service) || t.equals(type));
    }

    /** Every filter's key present, with one of its values when it lists any. */
    private static boolean matches(Map<String, String> tags, Map<String, Set<String>> filters) {
        for (Map.Entry<String, Set<String>> f : filters.entrySet()) {
            String v = tags.get(f.getKey());
            if (v == null || !f.getValue().isEmpty() && !f.getValue().contains(v)) {
                return false;
            }
        }
        return true;
    }

    private ObjectNode mapping(String arn, Map<String, String> tags) {
        ObjectNode m = json.createObjectNode().put("ResourceARN", arn);
        ArrayNode t = m.putArray("Tags");
        tags.forEach((k, v) -> t.addObject().put("Key", k).put("Value", v));
        return m;
    }

    private static AwsError invalid(String message) {
        return new AwsError("InvalidParameterException", 400, message);
    }
}
