package dev.sweeper.app.evidence;

import dev.sweeper.app.Attempt;
import dev.sweeper.app.Denials;
import dev.sweeper.app.Inspector;
import dev.sweeper.app.Parallel;
import dev.sweeper.app.SweepContext;
import dev.sweeper.core.ActivityGate;
import dev.sweeper.core.AwsCallException;
import dev.sweeper.core.Evaluator;
import dev.sweeper.core.Evidence;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Resource;
import dev.sweeper.core.SageMakerGateway;
import dev.sweeper.core.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The endpoints' evidence, for the {@link Inspector}: which need it (the {@link ActivityGate}), their invocations (or,
 * asynchronous, processed requests and backlog), their descriptions and inference components where a verdict or a
 * cost depends on them, each read as few times as a large sweep allows. Read-only.
 */
public final class EndpointInspection {
    private final SweepContext ctx;

    public EndpointInspection(SweepContext ctx) {
        this.ctx = ctx;
    }

    /** The endpoints' findings, each judged with its evidence by {@code finding}. */
    public List<Finding> inspect(SageMakerGateway sm, ActivityEvidence activity, List<Resource> endpoints,
                          Inspector.Request req, List<String> problems,
                          BiFunction<Resource, Evidence, Finding> finding) {
        Duration window = req.policy().window(req.kind());
        Map<String, Resource> current = new HashMap<>();
        Map<String, Evidence> evidence = new HashMap<>();
        endpoints.forEach(e -> current.put(e.name(), e));

        ComponentListing components = new ComponentListing(sm, req.where(), problems);
        List<Resource> candidates = endpoints.stream().filter(e -> ActivityGate.needsEvidence(e, req.policy(), req.now())).toList();
        if (!ActivityEvidence.listingCoversWindow(window)) {
            // Real-time ones' configs at once: they say whether the endpoint can host inference components.
            describe(sm, candidates, current, evidence, problems, true, r -> req.describeAll()
                    || r.endpoint() != null && r.endpoint().described() && !r.endpoint().async() && !r.endpoint().serverless());
            candidates = candidates.stream().filter(e -> !(evidence.get(e.name()) instanceof Evidence.Failed))
                    .map(e -> current.get(e.name())).toList();
            // Queried directly below: variants and inference components alike.
            candidates = Stream.concat(candidates.stream().filter(e -> e.endpoint().async()),
                    components.attach(candidates.stream().filter(e -> !e.endpoint().async()).toList(), current,
                            evidence).stream()).toList();
        }
        evidence.putAll(activity.endpointInvocations(candidates, window, req.now()));

        // Zero invocations: describe, to tell a truly idle endpoint from an asynchronous or serverless one.
        List<Resource> quiet = candidates.stream().filter(e -> isZeroInvocations(evidence.get(e.name()))).toList();
        // Quiet on Invocations but listed with requests processed: an asynchronous endpoint in use,
        // ACTIVE without describing it (describes are the bulk of the calls of a large sweep).
        if (!req.describeAll()) {
            Map<String, Double> processed = activity.listedAsyncProcessed(quiet, window, req.now());
            processed.forEach((name, n) -> evidence.put(name, new Evidence.Observed(
                    Map.of(Evaluator.INVOCATIONS, 0.0, Evaluator.ASYNC_PROCESSED, n), "as listed by ListMetrics")));
            quiet = quiet.stream().filter(e -> !processed.containsKey(e.name())).toList();
        }
        // A quiet endpoint that is neither asynchronous nor serverless is idle: its config (for the
        // cost) is read right after its description. An asynchronous one waits for its own metrics.
        describe(sm, quiet.stream().filter(e -> !isDescribed(current.get(e.name()))).toList(),
                current, evidence, problems, true, r -> req.describeAll() || r.endpoint() != null && r.endpoint().described() && !r.endpoint().async());
        List<Resource> async = quiet.stream().map(e -> current.get(e.name()))
                .filter(e -> e.endpoint() != null && e.endpoint().async()).toList();
        evidence.putAll(activity.asyncActivity(async, window, req.now()));
        if (ActivityEvidence.listingCoversWindow(window)) {
            // Absent from ListMetrics is not zero: a new series is listed only after up to 15 minutes.
            // Before any endpoint can be IDLE, each of its described variants is queried directly.
            // Endpoints hosting inference components report invocations per component: those are
            // queried in the same batch, from one listing of the region's components.
            List<Resource> realTime = components.attach(quiet.stream().map(e -> current.get(e.name()))
                    .filter(e -> isDescribed(e) && !e.endpoint().async() && isZeroInvocations(evidence.get(e.name())))
                    .toList(), current, evidence);
            activity.describedVariantInvocations(realTime, window, req.now()).forEach((name, direct) -> {
                Evidence listed = evidence.get(name);
                if (direct instanceof Evidence.Observed d && listed instanceof Evidence.Observed l && l.note() != null) {
                    List<String> hosted = current.get(name).endpoint().components();
                    direct = new Evidence.Observed(d.values(), l.note() + "; every variant queried directly"
                            + (hosted == null || hosted.isEmpty() ? "" : ", and its inference components "
                            + String.join(", ", hosted)));
                }
                evidence.put(name, direct);
            });
        }

        if (req.describeAll()) {
            describe(sm, endpoints.stream().filter(e -> !isDescribed(current.get(e.name()))
                    && !"Deleted".equals(current.get(e.name()).status())).toList(), current, evidence, problems,
                    false, r -> true);
        }
        // Instance types (one DescribeEndpointConfig per config) only where a cost is wanted:
        // every endpoint for scan and report, the idle ones otherwise.
        List<Resource> untyped = endpoints.stream().map(e -> current.get(e.name()))
                .filter(r -> r.endpoint() != null && r.endpoint().needsInstanceTypes())
                .filter(r -> req.describeAll() || Evaluator.evaluate(r, evidence.getOrDefault(r.name(),
                        Evidence.notGathered()), req.policy(), req.now()).verdict() == Verdict.IDLE)
                .toList();
        List<Resource> typed = Parallel.map(untyped, r -> typed(sm, r, problems), ctx.pool());
        Inspector.prefetchPrices(ctx, typed);
        typed.forEach(r -> current.put(r.name(), r));
        return endpoints.stream().map(e -> finding.apply(current.get(e.name()),
                evidence.getOrDefault(e.name(), Evidence.notGathered()))).toList();
    }

    /**
     * The inference components of the region's endpoints, listed once (ListInferenceComponents without
     * a filter, to its last page: one call per 100 components however many endpoints there are), the
     * first time an endpoint that can host them needs them. Endpoints that cannot (their config names their
     * model; asynchronous and serverless ones) are never asked about, so a refused listing costs only the others.
     */
    private static final class ComponentListing {
        private final SageMakerGateway sm;
        private final String where;
        private final List<String> problems;
        private Map<String, List<String>> byEndpoint;
        private AwsCallException failure;

        ComponentListing(SageMakerGateway sm, String where, List<String> problems) {
            this.sm = sm;
            this.where = where;
            this.problems = problems;
        }

        /**
         * The endpoints with the components they host (none is an empty list), updated in
         * {@code current}. When the listing fails, none of those that can host components can be judged: each gets
         * the failure as its evidence and is left out of the result; a refusal is reported once. An endpoint scaled
         * to zero instances needs no listing: nothing of it is billed.
         */
        List<Resource> attach(List<Resource> endpoints, Map<String, Resource> current, Map<String, Evidence> evidence) {
            if (endpoints.isEmpty()) {
                return endpoints;
            }
            boolean needed = endpoints.stream().anyMatch(e -> e.endpoint().mayHostComponents()
                    && !e.endpoint().scaledToZero());
            if (needed && byEndpoint == null && failure == null) {
                try {
                    Map<String, List<String>> grouped = new HashMap<>();
                    for (SageMakerGateway.InferenceComponent c : sm.listInferenceComponents(null)) {
                        grouped.computeIfAbsent(c.endpointName(), k -> new ArrayList<>()).add(c.name());
                    }
                    byEndpoint = grouped;
                } catch (AwsCallException e) {
                    failure = e;
                    Denials.report(where, "sagemaker", e, "endpoints that can host inference components are UNKNOWN",
                            problems);
                }
            }
            List<Resource> out = new ArrayList<>();
            for (Resource e : endpoints) {
                if (e.endpoint().scaledToZero()) {
                    out.add(e);
                    continue;
                }
                if (!e.endpoint().mayHostComponents()) {
                    Resource none = e.withEndpoint(e.endpoint().withComponents(List.of()), e.instanceType(),
                            e.instanceCount());
                    current.put(e.name(), none);
                    out.add(none);
                    continue;
                }
                if (failure != null) {
                    evidence.put(e.name(), new Evidence.Failed("could not list its inference components: "
                            + failure.getMessage()));
                    continue;
                }
                Resource with = e.withEndpoint(e.endpoint().withComponents(byEndpoint.getOrDefault(e.name(), List.of())),
                        e.instanceType(), e.instanceCount());
                current.put(e.name(), with);
                out.add(with);
            }
            return out;
        }
    }

    /** The endpoint with its instance types; a failure leaves its cost unknown, and says so. */
    private static Resource typed(SageMakerGateway sm, Resource r, List<String> problems) {
        if (r.endpoint() == null || !r.endpoint().needsInstanceTypes()) {
            return r;
        }
        try {
            return sm.withInstanceTypes(r);
        } catch (AwsCallException e) {
            problems.add(r.region() + ": endpoint " + r.name() + ": could not read its endpoint config, so its"
                    + " cost is unknown: " + e.getMessage());
            return r;
        }
    }

    private static boolean isDescribed(Resource endpoint) {
        return endpoint.endpoint() != null && endpoint.endpoint().described();
    }

    private static boolean isZeroInvocations(Evidence e) {
        return e instanceof Evidence.Observed o && o.value(Evaluator.INVOCATIONS).orElse(-1) == 0;
    }

    /**
     * Describes endpoints concurrently. A failure becomes that endpoint's evidence when its verdict
     * depends on the description, and a reported problem (unknown cost) when only its cost does.
     */
    private void describe(SageMakerGateway sm, List<Resource> endpoints, Map<String, Resource> current,
                          Map<String, Evidence> evidence, List<String> problems, boolean verdictDepends,
                          Predicate<Resource> typeNow) {
        List<Attempt<Resource>> described = Parallel.map(endpoints, e -> Attempt.of(() -> sm.describeEndpoint(e))
                // Its config at once, in the same task, where a cost will be wanted: the two describes
                // then overlap instead of running as two phases (under a rate limit per operation, the
                // phases took twice the time of the busiest one).
                .map(r -> typeNow.test(r) ? typed(sm, r, problems) : r), ctx.pool());
        for (int i = 0; i < endpoints.size(); i++) {
            Resource e = endpoints.get(i);
            if (described.get(i) instanceof Attempt.Done<Resource> done) {
                current.put(e.name(), done.value());
            } else if (described.get(i) instanceof Attempt.Failed<Resource> failed) {
                AwsCallException ex = failed.error();
                if (ex.isNotFound()) {
                    current.put(e.name(), e.withStatus("Deleted"));
                } else if (verdictDepends) {
                    // The verdict depends on it (async or serverless?): the evidence is incomplete.
                    evidence.put(e.name(), new Evidence.Failed(ex.getMessage()));
                } else {
                    // Only its cost depended on it: say so, but the verdict stands.
                    problems.add(e.region() + ": endpoint " + e.name() + ": could not describe it, so its cost is"
                            + " unknown: " + ex.getMessage());
                }
            }
        }
    }
}
