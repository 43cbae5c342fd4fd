package dev.sweeper.core;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The SageMaker tagging calls (ListTags, AddTags, DeleteTags, and tags in bulk), in one region. Part of
 * {@link SageMakerGateway}; every method throws {@link AwsCallException} when the call fails.
 */
public interface TagsGateway {

    /** The resource's tags, read with ListTags (authoritative and current). */
    Map<String, String> listTags(String arn);

    /**
     * The tags of many resources, by ARN as given; a resource whose tags could not be read is in
     * {@link TagsRead#failed()} instead. Read in bulk where the caller may (eventually consistent:
     * re-read one resource with {@link #listTags} before acting on it); {@code warn} hears once
     * when the sweeper falls back to one ListTags per resource.
     */
    default TagsRead tagsOf(List<String> arns, Consumer<String> warn) {
        Map<String, Map<String, String>> tags = new java.util.LinkedHashMap<>();
        Map<String, AwsCallException> failed = new java.util.LinkedHashMap<>();
        for (String arn : arns) {
            try {
                tags.put(arn, listTags(arn));
            } catch (AwsCallException e) {
                failed.put(arn, e);
            }
        }
        return new TagsRead(tags, failed);
    }

    /** Tags by ARN, and the reason for each ARN whose tags could not be read. */
    record TagsRead(Map<String, Map<String, String>> tags, Map<String, AwsCallException> failed) {
    }

    void addTags(String arn, Map<String, String> tags);

    void deleteTags(String arn, List<String> keys);
}
