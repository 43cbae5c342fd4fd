package dev.sweeper.app;

import dev.sweeper.core.Evaluator;
import dev.sweeper.core.Evidence;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Policy;
import dev.sweeper.core.Resource;
import dev.sweeper.core.SageMakerGateway;
import java.time.Instant;
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
    private final Instant now;

    EndpointDelete(SageMakerGateway sageMaker, ActivityEvidence activity, Policy policy, Instant now) {
        this.sageMaker = sageMaker;
        this.activity = activity;
        this.policy = policy;
        this.now = now;
    }

    @Override
    public String type() {
        return "delete";
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

    /** Reads the invocations of every planned endpoint again, in one batch: one now in use is skipped. */
    @Override
    public Map<String, String> preflight(List<Finding> planned) {
        List<Resource> realTime = planned.stream().map(Finding::resource)
                .filter(r -> r.endpoint() == null || !r.endpoint().async()).toList();
        Map<String, String> changed = new HashMap<>();
        activity.endpointInvocations(realTime, policy.endpointWindow(), now).forEach((name, evidence) -> {
            if (evidence instanceof Evidence.Observed o && o.value(Evaluator.INVOCATIONS).orElse(0) > 0) {
                changed.put(name, "now in use: " + (long) o.value(Evaluator.INVOCATIONS).getAsDouble()
                        + " invocations since the scan");
            } else if (evidence instanceof Evidence.Failed failed) {
                changed.put(name, "could not re-check its invocations: " + failed.error());
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
