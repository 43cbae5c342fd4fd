package dev.sweeper.aws;

import dev.sweeper.core.AwsCallException;
import dev.sweeper.core.TagsGateway.TagsRead;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.GetResourcesResponse;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.ResourceTagMapping;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.Tag;

/**
 * Tags of many resources through the Resource Groups Tagging API: GetResources takes up to 100
 * ARNs a call (https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/API_GetResources.html).
 * A resource it does not return has no tags (the API leaves untagged resources out). Where the
 * credentials lack tag:GetResources, every read falls back to one SageMaker ListTags per resource,
 * after one warning; another failure of a batch falls back for that batch alone.
 */
final class BulkTags {
    /** ResourceARNList takes at most 100 ARNs. */
    static final int BATCH = 100;

    private final Supplier<ResourceGroupsTaggingApiClient> client;
    private final Executor pool;
    /** Shared by every region of one set of credentials: one warning, and no GetResources after a denial. */
    private final AtomicBoolean denied;

    BulkTags(Supplier<ResourceGroupsTaggingApiClient> client, Executor pool, AtomicBoolean denied) {
        this.client = client;
        this.pool = pool;
        this.denied = denied;
    }

    TagsRead read(List<String> arns, Function<String, Map<String, String>> listTags, Consumer<String> warn) {
        Map<String, Map<String, String>> tags = new LinkedHashMap<>();
        Map<String, AwsCallException> failed = new LinkedHashMap<>();
        List<String> unique = arns.stream().distinct().toList();
        List<String> perResource = new ArrayList<>();
        for (int from = 0; from < unique.size(); from += BATCH) {
            List<String> batch = unique.subList(from, Math.min(unique.size(), from + BATCH));
            if (denied.get()) {
                perResource.addAll(batch);
                continue;
            }
            try {
                tags.putAll(getResources(batch));
            } catch (AwsCallException e) {
                if (isDenied(e)) {
                    if (denied.compareAndSet(false, true)) {
                        warn.accept("tag:GetResources is not allowed for these credentials (" + e.getMessage()
                                + "): reading tags with one ListTags call per resource instead");
                    }
                }
                perResource.addAll(batch);
            }
        }
        List<CompletableFuture<Object>> reads = perResource.stream()
                .map(arn -> CompletableFuture.supplyAsync(() -> {
                    try {
                        return (Object) listTags.apply(arn);
                    } catch (AwsCallException e) {
                        return e;
                    }
                }, pool)).toList();
        for (int i = 0; i < perResource.size(); i++) {
            Object r = reads.get(i).join();
            if (r instanceof AwsCallException e) {
                failed.put(perResource.get(i), e);
            } else {
                @SuppressWarnings("unchecked")
                Map<String, String> t = (Map<String, String>) r;
                tags.put(perResource.get(i), t);
            }
        }
        return new TagsRead(tags, failed);
    }

    /** One batch: every ARN asked for, with its tags (empty when GetResources left it out). */
    private Map<String, Map<String, String>> getResources(List<String> batch) {
        // ARNs compare case-insensitively: SageMaker lower-cases the resource part of its ARNs.
        Map<String, String> asked = new LinkedHashMap<>();
        batch.forEach(a -> asked.put(a.toLowerCase(Locale.ROOT), a));
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        batch.forEach(a -> out.put(a, Map.of()));
        try {
            for (GetResourcesResponse page : client.get().getResourcesPaginator(b -> b.resourceARNList(batch))) {
                for (ResourceTagMapping m : page.resourceTagMappingList()) {
                    String arn = asked.get(m.resourceARN().toLowerCase(Locale.ROOT));
                    if (arn != null) {
                        Map<String, String> t = new LinkedHashMap<>();
                        m.tags().forEach((Tag tag) -> t.put(tag.key(), tag.value()));
                        out.put(arn, t);
                    }
                }
            }
        } catch (SdkException e) {
            throw Errors.translate("GetResources", e);
        }
        return out;
    }

    private static boolean isDenied(AwsCallException e) {
        String code = e.errorCode() == null ? "" : e.errorCode();
        return code.equals("AccessDeniedException") || code.equals("AccessDenied")
                || code.equals("UnauthorizedOperation");
    }
}
