package dev.sweeper.aws;

import dev.sweeper.core.TagsGateway;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/** {@link TagsGateway} over the SDK's SageMaker client (and tags in bulk), for one region. */
final class TagsAdapter extends SageMakerCalls implements TagsGateway {
    /** Tags in bulk, or null: one ListTags per resource. */
    private final BulkTags bulkTags;

    TagsAdapter(SageMakerClient client, String region, BulkTags bulkTags) {
        super(client, region);
        this.bulkTags = bulkTags;
    }

    @Override
    public Map<String, String> listTags(String arn) {
        return call("ListTags", () -> {
            Map<String, String> tags = new LinkedHashMap<>();
            client.listTagsPaginator(b -> b.resourceArn(arn).maxResults(50)).tags()
                    .forEach((Tag t) -> tags.put(t.key(), t.value()));
            return tags;
        });
    }

    @Override
    public TagsRead tagsOf(List<String> arns, Consumer<String> warn) {
        return bulkTags == null ? TagsGateway.super.tagsOf(arns, warn) : bulkTags.read(arns, this::listTags, warn);
    }

    @Override
    public void addTags(String arn, Map<String, String> tags) {
        call("AddTags", () -> client.addTags(b -> b.resourceArn(arn).tags(tags.entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())));
    }

    @Override
    public void deleteTags(String arn, List<String> keys) {
        call("DeleteTags", () -> client.deleteTags(b -> b.resourceArn(arn).tagKeys(keys)));
    }
}
