package dev.sweeper.sandbox.sagemaker;

import static dev.sweeper.sandbox.sagemaker.SageMakerApi.maxResults;
import static dev.sweeper.sandbox.sagemaker.SageMakerApi.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sweeper.sandbox.protocol.AwsError;
import dev.sweeper.sandbox.world.World;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SageMaker's ListTags, AddTags and DeleteTags on any resource the {@link World} holds (its tags, by lower-case ARN),
 * with AWS's shapes (botocore's sagemaker 2017-07-24 model). Moved whole out of {@link SageMakerApi} (issue 27).
 */
final class TagsApi extends OperationGroup {
    private static final List<String> OPERATIONS = List.of("ListTags", "AddTags", "DeleteTags");

    TagsApi(World world, ObjectMapper json) {
        super(world, json, OPERATIONS);
    }

    @Override
    ObjectNode handle(String operation, JsonNode in, String region) {
        return switch (operation) {
            case "ListTags" -> listTags(in);
            case "AddTags" -> addTags(in);
            case "DeleteTags" -> deleteTags(in);
            default -> throw new AwsError("UnknownOperationException", 400,
                    "The sandbox does not implement SageMaker." + operation);
        };
    }

    // ---- tags ----

    private Map<String, String> tagsOf(JsonNode in) {
        String arn = text(in, "ResourceArn", true);
        Map<String, String> t = world.tags.get(arn.toLowerCase(Locale.ROOT));
        if (t == null) {
            throw AwsError.validation("Resource " + arn + " does not exist.");
        }
        return t;
    }

    private ObjectNode listTags(JsonNode in) {
        int max = maxResults(in, 50, Integer.MAX_VALUE, 50);
        List<Map.Entry<String, String>> entries = new ArrayList<>(tagsOf(in).entrySet());
        return list(in, "ListTags", "Tags", entries, t -> true, (a, b) -> 0, max,
                t -> json.createObjectNode().put("Key", t.getKey()).put("Value", t.getValue()));
    }

    private ObjectNode addTags(JsonNode in) {
        Map<String, String> t = tagsOf(in);
        JsonNode tags = in.get("Tags");
        if (tags == null || !tags.isArray()) {
            throw AwsError.validation("1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null");
        }
        for (JsonNode tag : tags) {
            t.put(tag.path("Key").asText(), tag.path("Value").asText(""));
        }
        if (t.size() > 50) {
            throw AwsError.validation("Tag limit exceeded: a resource can have at most 50 tags.");
        }
        ObjectNode out = json.createObjectNode();
        out.set("Tags", tags.deepCopy());
        return out;
    }

    private ObjectNode deleteTags(JsonNode in) {
        Map<String, String> t = tagsOf(in);
        for (JsonNode k : in.path("TagKeys")) {
            t.remove(k.asText());
        }
        return json.createObjectNode();
    }
}
