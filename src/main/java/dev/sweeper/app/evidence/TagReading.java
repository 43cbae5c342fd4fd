package dev.sweeper.app.evidence;

import dev.sweeper.app.Attempt;
import dev.sweeper.app.Inspector;
import dev.sweeper.app.Parallel;
import dev.sweeper.app.SweepContext;
import dev.sweeper.core.AwsCallException;
import dev.sweeper.core.Evaluator;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Policy;
import dev.sweeper.core.Resource;
import dev.sweeper.core.ResourceFilter;
import dev.sweeper.core.ResourceKey;
import dev.sweeper.core.SageMakerGateway;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tags the {@link Inspector} reads: those the filters need ({@code --tag}), and those that decide each
 * resource's protection, in bulk. Read-only.
 */
public final class TagReading {
    private final SweepContext ctx;

    public TagReading(SweepContext ctx) {
        this.ctx = ctx;
    }

    /** The resources whose tags match the filter's ({@code --tag}), their tags kept in {@code tags}. */
    public List<Resource> matching(SageMakerGateway sm, List<Resource> resources, ResourceFilter filter,
                            Map<ResourceKey, Map<String, String>> tags, List<String> problems) {
        List<Resource> withArn = Parallel.map(resources, r -> arnOf(sm, r), ctx.pool());
        SageMakerGateway.TagsRead read = sm.tagsOf(withArn.stream().map(Resource::arn).filter(a -> a != null)
                .toList(), ctx.log()::warn);
        List<Resource> out = new ArrayList<>();
        for (Resource r : withArn) {
            AwsCallException e = r.arn() == null ? null : read.failed().get(r.arn());
            if (e != null) {
                problems.add(r.region() + ": " + r.kind().id() + " " + r.name() + ": could not read tags for --tag: "
                        + e.getMessage());
                continue;
            }
            Map<String, String> t = r.arn() == null ? null : read.tags().get(r.arn());
            if (t != null && filter.matchesTags(t)) {
                tags.put(r.key(), t);
                out.add(r);
            }
        }
        return out;
    }

    /** Apps and spaces are listed without ARNs; describing one gives it. */
    static Resource arnOf(SageMakerGateway sm, Resource r) {
        if (r.arn() != null) {
            return r;
        }
        return r.kind().definition().withArn(sm, r);
    }

    /**
     * Tags are read for every resource whose protection a name pattern has not decided, in bulk (GetResources, 100
     * ARNs a call), so that every resource says whether it is protected, whatever its verdict or evidence; an action
     * re-reads its resource's tags with ListTags first. Only a resource whose tags could not be read stays undecided
     * (and is never acted on).
     */
    public List<Finding> protect(SageMakerGateway sm, List<Finding> findings, Policy policy,
                          Map<ResourceKey, Map<String, String>> known, List<String> problems) {
        List<Finding> needTags = findings.stream()
                .filter(f -> f.protection().isProtected() == null && !known.containsKey(f.resource().key()))
                .toList();
        // ARNs first (an app or space whose domain's ARN was not read is listed without one), then every resource's
        // tags in bulk.
        List<Attempt<Resource>> withArn = Parallel.map(needTags, f -> Attempt.of(() -> {
            Resource r = arnOf(sm, f.resource());
            if (r.arn() == null) {
                throw new AwsCallException("DescribeApp", null, "no ARN for " + r.name(), true, null);
            }
            return r;
        }), ctx.pool());
        // An app described for its ARN keeps it: an action on its tags (a mark) needs it.
        Map<ResourceKey, Resource> described = new HashMap<>();
        Map<ResourceKey, AwsCallException> failed = new HashMap<>();
        for (int i = 0; i < needTags.size(); i++) {
            ResourceKey key = needTags.get(i).resource().key();
            if (withArn.get(i) instanceof Attempt.Done<Resource> done) {
                described.put(key, done.value());
            } else if (withArn.get(i) instanceof Attempt.Failed<Resource> f) {
                failed.put(key, f.error());
            }
        }
        SageMakerGateway.TagsRead read = sm.tagsOf(described.values().stream().map(Resource::arn).toList(),
                ctx.log()::warn);
        Map<ResourceKey, Map<String, String>> tagsRead = new HashMap<>();
        described.forEach((key, r) -> {
            if (read.failed().containsKey(r.arn())) {
                failed.put(key, read.failed().get(r.arn()));
            } else if (read.tags().get(r.arn()) != null) {
                tagsRead.put(key, read.tags().get(r.arn()));
            }
        });
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding found : findings) {
            ResourceKey key = found.resource().key();
            Resource r = described.get(key);
            Finding f = r == null || found.resource().arn() != null ? found
                    : found.withResource(r);
            Map<String, String> tags = known.containsKey(key) ? known.get(key) : tagsRead.get(key);
            if (failed.containsKey(key) && "Deleted".equals(f.resource().status())) {
                out.add(f); // gone: nothing will be done to it, and its tags going with it is no problem to report
            } else if (failed.containsKey(key)) {
                problems.add(f.resource().region() + ": " + f.resource().kind().id() + " " + f.resource().name()
                        + ": could not read tags, so protection is unknown and no action will be taken: "
                        + failed.get(key).getMessage());
                out.add(f);
            } else if (tags != null && f.protection().isProtected() == null) {
                known.put(f.resource().key(), tags);
                out.add(f.withProtection(Evaluator.protection(f.resource(), tags, policy)));
            } else {
                out.add(f);
            }
        }
        return out;
    }
}
