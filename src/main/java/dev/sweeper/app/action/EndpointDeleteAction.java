package dev.sweeper.app.action;

import dev.sweeper.app.ResourceAction;
import dev.sweeper.app.evidence.ActivityEvidence;
import dev.sweeper.core.ActivityGate;
import dev.sweeper.core.Evaluator;
import dev.sweeper.core.Evidence;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Policy;
import dev.sweeper.core.Resource;
import dev.sweeper.core.ResourceKey;
import dev.sweeper.core.SageMakerGateway;
import dev.sweeper.core.Verdict;
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
public final class EndpointDeleteAction implements ResourceAction {
    private final SageMakerGateway sageMaker;
    private final ActivityEvidence activity;
    private final Policy policy;
    /** When the endpoints were evaluated: the re-check reads from the window before it up to the present. */
    private final Instant evaluatedAt;
    private final Clock clock;
    /** How often to look whether the endpoint's inference components are gone. */
    private final Duration pollInterval;
    /** How long to wait for them before giving up on the endpoint (its components stay deleted). */
    private final Duration componentsTimeout;

    /** Deleting an inference component takes minutes on AWS: 15 is ample, and bounds the wait. */
    public static final Duration COMPONENTS_TIMEOUT = Duration.ofMinutes(15);

    public EndpointDeleteAction(SageMakerGateway sageMaker, ActivityEvidence activity, Policy policy, Instant evaluatedAt,
                   Clock clock, Duration pollInterval, Duration componentsTimeout) {
        this.sageMaker = sageMaker;
        this.activity = activity;
        this.policy = policy;
        this.evaluatedAt = evaluatedAt;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.componentsTimeout = componentsTimeout;
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
        String config = r.endpoint() == null || r.endpoint().configName() == null ? "<endpoint-config>" : r.endpoint().configName();
        return "aws sagemaker create-endpoint --region " + r.region() + " --endpoint-name " + r.name()
                + " --endpoint-config-name " + config;
    }

    /**
     * Just before deleting, looks at the present: describes every planned endpoint again (its variants
     * may have changed), lists the inference components it hosts now, and reads its use from the start
     * of the evaluated window up to now, every variant and component queried directly (a new series is
     * not listed for up to 15 minutes), asynchronous endpoints by requests processed and backlog. Any
     * sign of use, or any doubt, skips it.
     */
    @Override
    public Map<ResourceKey, String> preflight(List<Finding> planned) {
        Instant present = clock.instant();
        // Every planned finding is an endpoint: one window.
        Duration window = planned.isEmpty() ? Duration.ZERO : ActivityGate.window(planned.get(0).resource(), policy);
        Duration since = window.plus(Duration.between(evaluatedAt, present).abs());
        Map<ResourceKey, String> changed = new HashMap<>();
        // One region of one account: its endpoints' names are unique.
        Map<String, ResourceKey> byName = new HashMap<>();
        planned.forEach(f -> byName.put(f.resource().name(), f.resource().key()));
        List<Resource> fresh = new ArrayList<>();
        for (Finding f : planned) {
            try {
                Resource now = sageMaker.describeEndpoint(f.resource());
                if (!Evaluator.IN_SERVICE.equals(now.status())) {
                    changed.put(f.resource().key(), "status is now " + now.status());
                } else if (now.endpoint().scaledToZero()) {
                    // Nothing of it is billed now: deleting it would save nothing and lose it.
                    changed.put(f.resource().key(), "scaled to zero: no instance billed");
                } else if (now.endpoint().async()) {
                    fresh.add(now);
                } else if (!mayHostComponents(f.resource(), now)) {
                    // Its config names its model: it hosts no inference components, none to list.
                    fresh.add(now.withEndpoint(now.endpoint().withComponents(List.of()), now.instanceType(),
                            now.instanceCount()));
                } else {
                    // The few endpoints about to be deleted: each one's components, listed by its name.
                    List<SageMakerGateway.InferenceComponent> listed;
                    try {
                        listed = sageMaker.listInferenceComponents(now.name());
                    } catch (AwsCallException e) {
                        changed.put(f.resource().key(), "could not list its inference components again: "
                                + e.getMessage());
                        continue;
                    }
                    // One being created or updated cannot be deleted (SageMaker refuses): skip the
                    // endpoint rather than delete some of its components and fail on the rest.
                    List<String> busy = listed.stream().filter(c -> "Creating".equals(c.status())
                            || "Updating".equals(c.status())).map(c -> c.name() + " is " + c.status()).toList();
                    if (!busy.isEmpty()) {
                        changed.put(f.resource().key(), "inference component " + String.join(", ", busy));
                        continue;
                    }
                    List<String> hosted = listed.stream().map(SageMakerGateway.InferenceComponent::name).toList();
                    fresh.add(now.withEndpoint(now.endpoint().withComponents(hosted), now.instanceType(),
                            now.instanceCount()));
                }
            } catch (AwsCallException e) {
                changed.put(f.resource().key(), e.isNotFound() ? "no longer exists"
                        : "could not describe it again: " + e.getMessage());
            }
        }
        // Only an endpoint chosen for being IDLE is re-checked for use: one taken in by --include-active was
        // chosen whatever its use (and listed as such before anything was done).
        java.util.Set<String> chosenIdle = planned.stream().filter(f -> f.verdict() == Verdict.IDLE)
                .map(f -> f.resource().name()).collect(java.util.stream.Collectors.toSet());
        fresh.removeIf(r -> !chosenIdle.contains(r.name()));
        List<Resource> async = fresh.stream().filter(r -> r.endpoint().async()).toList();
        List<Resource> realTime = fresh.stream().filter(r -> !r.endpoint().async()).toList();
        Map<String, Evidence> use = new HashMap<>(activity.describedVariantInvocations(realTime, since, present));
        use.putAll(activity.asyncActivity(async, since, present));
        use.forEach((name, evidence) -> {
            if (evidence instanceof Evidence.Observed o) {
                double used = o.values().values().stream().mapToDouble(Double::doubleValue).sum();
                if (used > 0) {
                    changed.put(byName.get(name), "now in use: " + o.values() + " since " + evaluatedAt.minus(window)
                            + " (re-checked before deleting)");
                }
            } else if (evidence instanceof Evidence.Failed failed) {
                changed.put(byName.get(name), "could not re-check its use: " + failed.error());
            } else if (evidence instanceof Evidence.NoSignal none) {
                changed.put(byName.get(name), "could not re-check its use: " + none.why());
            } else {
                changed.put(byName.get(name), "could not re-check its use");
            }
        });
        return changed;
    }

    /**
     * Whether the endpoint, as described again ({@code now}), may host inference components: as the scan found
     * from its endpoint config, while it still runs on that config; when in doubt, yes.
     */
    private static boolean mayHostComponents(Resource scanned, Resource now) {
        Resource.EndpointShape before = scanned.endpoint();
        if (before == null || before.componentHost() == null || now.endpoint() == null
                || !java.util.Objects.equals(before.configName(), now.endpoint().configName())) {
            return true;
        }
        return now.endpoint().withComponentHost(before.componentHost()).mayHostComponents();
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

    /**
     * An endpoint that hosts inference components cannot be deleted until they are gone: they are
     * deleted first, then polled (one listing a poll) until none is left, within a bound; then the
     * endpoint. A component already being deleted is only waited for.
     */
    @Override
    public String perform(Finding f) {
        String name = f.resource().name();
        // An endpoint whose config names its model hosts no components (and AWS refuses to delete one that does).
        boolean mayHost = f.resource().endpoint() == null || f.resource().endpoint().mayHostComponents();
        List<SageMakerGateway.InferenceComponent> hosted = mayHost ? sageMaker.listInferenceComponents(name) : List.of();
        for (SageMakerGateway.InferenceComponent c : hosted) {
            if (!"Deleting".equals(c.status())) {
                sageMaker.deleteInferenceComponent(c.name());
            }
        }
        if (!hosted.isEmpty()) {
            awaitNoComponents(name);
        }
        sageMaker.deleteEndpoint(name);
        String components = hosted.isEmpty() ? "" : " after its inference components "
                + String.join(", ", hosted.stream().map(SageMakerGateway.InferenceComponent::name).toList());
        return "deleted" + components + "; re-create with: " + recreate(f.resource());
    }

    private void awaitNoComponents(String endpoint) {
        Instant deadline = clock.instant().plus(componentsTimeout);
        while (true) {
            List<SageMakerGateway.InferenceComponent> left = sageMaker.listInferenceComponents(endpoint);
            if (left.isEmpty()) {
                return;
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new AwsCallException("ListInferenceComponents", null, "its inference components "
                        + String.join(", ", left.stream().map(SageMakerGateway.InferenceComponent::name).toList())
                        + " were deleted but are not gone after " + dev.sweeper.core.Durations.format(componentsTimeout)
                        + ", so the endpoint was not deleted", false, null);
            }
            try {
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AwsCallException("ListInferenceComponents", null, "interrupted while waiting for its"
                        + " inference components to be deleted", false, e);
            }
        }
    }
}
