package dev.sweeper.app;

import dev.sweeper.core.Evaluator;
import dev.sweeper.core.Evidence;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Policy;
import dev.sweeper.core.Resource;
import dev.sweeper.core.SageMakerGateway;
import dev.sweeper.core.AwsCallException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deletes an idle endpoint. Only the endpoint goes: its endpoint config and model stay, so the
 * detail says how to re-create it.
 */
final class EndpointDelete implements ResourceAction {
    private final SageMakerGateway sageMaker;
    private final ActivityEvidence activity;
    private final Policy policy;
    /** When the endpoints were evaluated: the re-check reads from the window before it up to the present. */
    private final Instant evaluatedAt;
    private final Clock clock;

    EndpointDelete(SageMakerGateway sageMaker, ActivityEvidence activity, Policy policy, Instant evaluatedAt,
                   Clock clock) {
        this.sageMaker = sageMaker;
        this.activity = activity;
        this.policy = policy;
        this.evaluatedAt = evaluatedAt;
        this.clock = clock;
    }

    @Override
    public String type() {
        return "delete";
    }

    /** Only InService endpoints are deleted: one being updated or rolled back is in AWS's hands. */
    @Override
    public Optional<String> notActionable(Finding f) {
        String status = f.resource().status();
        return Evaluator.IN_SERVICE.equals(status) ? Optional.empty()
                : Optional.of("status " + status + ": only InService endpoints are acted on");
    }

    @Override
    public String plannedDetail(Finding f) {
        return "re-create with: " + recreate(f.resource());
    }

    static String recreate(Resource r) {
        String config = r.endpoint() == null ? "<endpoint-config>" : r.endpoint().configName();
        return "aws sagemaker create-endpoint --region " + r.region() + " --endpoint-name " + r.name()
                + " --endpoint-config-name " + config;
    }

    /**
     * Just before deleting, looks at the present: describes every planned endpoint again (its variants
     * may have changed) and reads its use from the start of the evaluated window up to now, every
     * variant queried directly (a new series is not listed for up to 15 minutes), asynchronous
     * endpoints by requests processed and backlog. Any sign of use, or any doubt, skips it.
     */
    @Override
    public Map<String, String> preflight(List<Finding> planned) {
        Instant present = clock.instant();
        Duration since = policy.endpointWindow().plus(Duration.between(evaluatedAt, present).abs());
        Map<String, String> changed = new HashMap<>();
        List<Resource> fresh = new ArrayList<>();
        for (Finding f : planned) {
            try {
                Resource now = sageMaker.describeEndpoint(f.resource());
                if (!Evaluator.IN_SERVICE.equals(now.status())) {
                    changed.put(f.resource().name(), "status is now " + now.status());
                } else {
                    fresh.add(now);
                }
            } catch (AwsCallException e) {
                changed.put(f.resource().name(), e.isNotFound() ? "no longer exists"
                        : "could not describe it again: " + e.getMessage());
            }
        }
        List<Resource> async = fresh.stream().filter(r -> r.endpoint().async()).toList();
        List<Resource> realTime = fresh.stream().filter(r -> !r.endpoint().async()).toList();
        Map<String, Evidence> use = new HashMap<>(activity.describedVariantInvocations(realTime, since, present));
        use.putAll(activity.asyncActivity(async, since, present));
        use.forEach((name, evidence) -> {
            if (evidence instanceof Evidence.Observed o) {
                double used = o.values().values().stream().mapToDouble(Double::doubleValue).sum();
                if (used > 0) {
                    changed.put(name, "now in use: " + o.values() + " since " + evaluatedAt.minus(policy.endpointWindow())
                            + " (re-checked before deleting)");
                }
            } else if (evidence instanceof Evidence.Failed failed) {
                changed.put(name, "could not re-check its use: " + failed.error());
            } else {
                changed.put(name, "could not re-check its use");
            }
        });
        return changed;
    }

    @Override
    public Optional<String> recheck(Finding f) {
        Optional<String> status = sageMaker.endpointStatus(f.resource().name());
        if (status.isEmpty()) {
            return Optional.of("no longer exists");
        }
        if (!Evaluator.IN_SERVICE.equals(status.get())) {
            return Optional.of("status is now " + status.get());
        }
        return Optional.empty();
    }

    @Override
    public String perform(Finding f) {
        sageMaker.deleteEndpoint(f.resource().name());
        return "deleted; re-create with: " + recreate(f.resource());
    }
}
