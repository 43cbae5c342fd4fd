package dev.sweeper.app;

import dev.sweeper.app.evidence.ActivityEvidence;
import dev.sweeper.app.evidence.CanvasEvidence;
import dev.sweeper.app.evidence.Costs;
import dev.sweeper.app.evidence.EndpointInspection;
import dev.sweeper.app.evidence.NotebookEvidence;
import dev.sweeper.app.evidence.TagReading;
import dev.sweeper.core.ActivityGate;
import dev.sweeper.core.AutostopCoverage;
import dev.sweeper.core.NotebookFacts;
import dev.sweeper.core.AwsCallException;
import dev.sweeper.core.Evaluation;
import dev.sweeper.core.Evaluator;
import dev.sweeper.core.Evidence;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Futures;
import dev.sweeper.core.Gateways;
import dev.sweeper.core.Kind;
import dev.sweeper.core.Policy;
import dev.sweeper.core.PriceUsage;
import dev.sweeper.core.PriceUsages;
import dev.sweeper.core.Resource;
import dev.sweeper.core.ResourceFilter;
import dev.sweeper.core.ResourceKey;
import dev.sweeper.core.SageMakerGateway;
import dev.sweeper.core.kinds.KindDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Lists the resources of one kind in one region, gathers their evidence, evaluates them, decides
 * protection and prices them. Read-only: nothing here changes a resource.
 */
public final class Inspector {
    private final SweepContext ctx;
    private final Costs costs;
    /** The regions whose jupyter.log was read stream by stream because FilterLogEvents was refused, said once each. */
    private final Set<String> slowLogWarned;

    public Inspector(SweepContext ctx) {
        this(ctx, new Costs(ctx.prices(), ctx.log()), ConcurrentHashMap.newKeySet());
    }

    private Inspector(SweepContext ctx, Costs costs, Set<String> slowLogWarned) {
        this.ctx = ctx;
        this.costs = costs;
        this.slowLogWarned = slowLogWarned;
    }

    /** The same inspector, its calls on another pool: what it says once (a missing price) it still says once. */
    Inspector onPool(java.util.concurrent.ExecutorService pool) {
        return new Inspector(ctx.withPool(pool), costs, slowLogWarned);
    }

    /** What to inspect, and how deep. */
    public record Request(AccountScope scope, Kind kind, String region, ResourceFilter filter, Policy policy,
                          Instant now, boolean describeAll, Predicate<Resource> actionCandidate) {
        public String where() {
            return scope.accountId() == null ? region : scope.accountId() + "/" + region;
        }
    }

    public Inspection inspect(Request req) {
        SageMakerGateway sm = req.scope().gateways().sageMaker(req.region());
        ActivityEvidence activity = new ActivityEvidence(() -> req.scope().gateways().metrics(req.region()));
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        activity.onListingFailure(e -> Denials.report(req.where(), "cloudwatch", e,
                "endpoints whose use depends on it are UNKNOWN", problems));
        KindDefinition definition = req.kind().definition();
        List<Resource> listed;
        try {
            // Which endpoints have Invocations series is read while the endpoints are still being
            // listed, from the first page that shows an endpoint needing evidence.
            listed = definition.list(sm, new KindDefinition.Listing(problems, page -> {
                if (definition.gathering() == KindDefinition.Gathering.ENDPOINT_METRICS
                        && ActivityEvidence.listingCoversWindow(req.policy().window(req.kind()))
                        && page.stream().anyMatch(e -> ActivityGate.needsEvidence(e, req.policy(), req.now())
                        && req.filter().matchesName(e.name()))) {
                    activity.prefetchInvocationSeries(ctx.pool());
                }
            }));
        } catch (AwsCallException e) {
            problems.add(req.where() + ": could not list " + req.kind().plural() + ": " + e.getMessage());
            return new Inspection(List.of(), problems, true);
        }
        if (req.scope().accountId() != null) {
            listed = listed.stream().map(r -> r.withAccount(req.scope().accountId())).toList();
        }
        List<Resource> matched = listed.stream().filter(r -> req.filter().matches(r)).toList();
        prefetchPrices(ctx, matched);
        Map<ResourceKey, Map<String, String>> tags = new ConcurrentHashMap<>();
        if (req.filter().needsTags()) {
            matched = new TagReading(ctx).matching(sm, matched, req.filter(), tags, problems);
        }
        ctx.log().debug(req.where() + ": " + matched.size() + " of " + listed.size() + " " + req.kind().plural()
                + " match the filters");
        ctx.log().progress(req.where() + ": listed " + listed.size() + " " + req.kind().plural() + ", gathering evidence…");

        // Each kind's evidence, by its gatherer: the gatherers use the pool and its pacing, so they live here.
        List<Finding> findings = switch (definition.gathering()) {
            case ENDPOINT_METRICS -> new EndpointInspection(ctx).inspect(sm, activity, matched, req, problems,
                    (r, e) -> finding(r, e, req));
            case NOTEBOOK_SIGNALS -> notebooks(matched, req, problems);
            case CANVAS_ACTIVITY -> apps(matched, req);
            case NONE -> withoutSignal(sm, matched, req, problems);
        };
        ctx.log().progress(req.where() + ": evidence gathered for " + findings.size() + " " + req.kind().plural()
                + ", checking protection…");
        findings = new TagReading(ctx).protect(sm, findings, req.policy(), tags, problems);
        // The tags the filters needed travel on, by ARN: a schedule is named by one.
        Map<String, Map<String, String>> byArn = new HashMap<>();
        for (Finding f : findings) {
            Resource r = f.resource();
            if (r.arn() != null && tags.containsKey(r.key())) {
                byArn.put(r.arn(), tags.get(r.key()));
            }
        }
        return new Inspection(findings, problems, false, byArn);
    }


    private List<Finding> notebooks(List<Resource> listed, Request req, List<String> problems) {
        Duration window = req.policy().window(req.kind());
        CompletableFuture<List<Resource>> described = req.describeAll()
                ? besideTheProbes(i -> i.withVolumes(i.withAutostop(listed, req), req, problems))
                : CompletableFuture.completedFuture(listed);
        List<Resource> candidates = listed.stream().filter(n -> ActivityGate.needsEvidence(n, req.policy(), req.now()))
                .toList();
        Gateways g = req.scope().gateways();
        NotebookEvidence signals = new NotebookEvidence(() -> g.jupyter(req.region()),
                () -> g.notebookLogs(req.region()), () -> g.metrics(req.region()), ctx.pool());
        Map<String, Evidence> evidence = signals.gather(candidates, req.policy().notebookSignals(), window, req.now());
        deniedOnce(evidence, req, problems);
        if (evidence.values().stream().anyMatch(e -> e instanceof Evidence.Notebook nb
                && !(nb.log() instanceof NotebookFacts.Log.NotChecked))) {
            // Refused but read all the same, stream by stream: nothing is lost, so a warning, not a problem.
            g.notebookLogs(req.region()).bulkReadRefused().filter(a -> slowLogWarned.add(req.where()))
                    .ifPresent(action -> ctx.log().warn(req.where() + ": FilterLogEvents was refused"
                            + " (AccessDeniedException): jupyter.log was read stream by stream with GetLogEvents, the"
                            + " same evidence at one call per notebook instead of one per 100; grant " + action));
        }
        List<Resource> notebooks = Futures.join(described);
        return notebooks.stream().map(n -> finding(n, evidence.getOrDefault(n.name(), Evidence.notGathered()), req))
                .toList();
    }

    /**
     * A refused signal (an IAM policy or an SCP denying CreatePresignedNotebookInstanceUrl) is said once
     * for the region, naming the action to grant; each notebook is judged by its other signals.
     */
    private static void deniedOnce(Map<String, Evidence> evidence, Request req, List<String> problems) {
        // Worded as Denials.report words every refusal: "<where>: <Operation> was refused (<code>): grant <action>; ..."
        deniedActions(evidence, nb -> nb.jupyter() instanceof NotebookFacts.Jupyter.Unreachable u ? u.deniedAction() : null)
                .forEach((action, n) -> problems.add(refused(req, action, "notebooks.jupyter.probe") + n + " notebook"
                        + (n == 1 ? "" : "s") + " judged without their Jupyter server, by the checker's heartbeat,"
                        + " jupyter.log and the team metric"));
        // The same for jupyter.log's reads (FilterLogEvents, and GetLogEvents stream by stream where that is refused).
        deniedActions(evidence, nb -> nb.log() instanceof NotebookFacts.Log.Failed f ? f.deniedAction() : null)
                .forEach((action, n) -> problems.add(refused(req, action, "notebooks.jupyter-log") + n + " notebook"
                        + (n == 1 ? "" : "s") + " judged without jupyter.log"));
    }

    /** The IAM actions one signal was refused, with how many notebooks each refusal cost it. */
    private static Map<String, Integer> deniedActions(Map<String, Evidence> evidence,
                                                      Function<Evidence.Notebook, String> deniedAction) {
        Map<String, Integer> denied = new java.util.TreeMap<>();
        for (Evidence e : evidence.values()) {
            String action = e instanceof Evidence.Notebook nb ? deniedAction.apply(nb) : null;
            if (action != null) {
                denied.merge(action, 1, Integer::sum);
            }
        }
        return denied;
    }

    private static String refused(Request req, String action, String offKey) {
        return req.where() + ": " + action.substring(action.indexOf(':') + 1) + " was refused (AccessDeniedException):"
                + " grant " + action + " (or set " + offKey + ": false); ";
    }

    /**
     * The notebooks' descriptions (storage size, idle-checker coverage) and their activity evidence
     * need nothing of each other; the describes go at their family's pace (100 a second), the probes
     * at the pace of --max-concurrency. Where the context gives lanes, the describes run on a lane
     * of their own, beside the probes: a thread waiting for its describe slot then holds up no probe
     * (one after the other, 1,000 notebooks spent 10 s describing before the first probe). The
     * gateways' in-flight bound still counts every call of both. Without lanes, it runs here first.
     */
    private CompletableFuture<List<Resource>> besideTheProbes(Function<Inspector, List<Resource>> describe) {
        if (ctx.lanes() == null) {
            return CompletableFuture.completedFuture(describe.apply(this));
        }
        ExecutorService lane = ctx.lanes().get();
        Inspector onLane = onPool(lane);
        CompletableFuture<List<Resource>> out = new CompletableFuture<>();
        // Its own thread waits for the lane's calls: waiting on the lane itself could take its only
        // thread (--max-concurrency 1), and waiting on the pool would take one from the probes.
        Thread t = new Thread(() -> {
            List<Resource> described;
            try {
                described = describe.apply(onLane);
            } catch (RuntimeException | Error e) {
                lane.shutdownNow();
                out.completeExceptionally(e);
                return;
            }
            lane.shutdownNow();
            out.complete(described);
        }, "sweeper-describe");
        t.setDaemon(true);
        t.start();
        return out;
    }

    /**
     * Each notebook's idle-checker coverage, from its lifecycle configuration's OnStart: each distinct
     * configuration is described once, however many notebooks share it. One that cannot be read makes
     * its notebooks' coverage UNKNOWN, never NONE.
     */
    private List<Resource> withAutostop(List<Resource> notebooks, Request req) {
        SageMakerGateway sm = req.scope().gateways().sageMaker(req.region());
        List<String> names = notebooks.stream().map(n -> n.notebook() == null ? null : n.notebook().lifecycleConfig())
                .filter(java.util.Objects::nonNull).distinct().toList();
        List<AutostopCoverage> read = Parallel.map(names, name -> {
            try {
                return sm.describeLifecycleConfig(name).map(c -> AutostopCoverage.ofOnStart(c.onStart()))
                        .orElse(new AutostopCoverage(AutostopCoverage.State.UNKNOWN, null, false,
                                "lifecycle configuration '" + name + "' does not exist"));
            } catch (AwsCallException e) {
                return new AutostopCoverage(AutostopCoverage.State.UNKNOWN, null, false,
                        "lifecycle configuration '" + name + "' could not be read: " + e.getMessage());
            }
        }, ctx.pool());
        Map<String, AutostopCoverage> byName = new java.util.HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            byName.put(names.get(i), read.get(i));
        }
        List<Resource> out = notebooks.stream().map(n -> {
            String name = n.notebook() == null ? null : n.notebook().lifecycleConfig();
            return n.withAutostop(name == null ? AutostopCoverage.noConfiguration() : byName.get(name));
        }).toList();
        // A running notebook whose configuration installs the sweeper's checker: did its installer say, at this
        // start, that it could not install or schedule it (no Python, no systemd nor cron)? Then it is not covered.
        var logs = req.scope().gateways().notebookLogs(req.region());
        return Parallel.map(out, n -> {
            AutostopCoverage c = n.notebook() == null ? null : n.notebook().autostop();
            if (c == null || c.state() != AutostopCoverage.State.SWEEPER || !Evaluator.IN_SERVICE.equals(n.status())) {
                return n;
            }
            return logs.checkerNotRunning(n.name()).map(why -> n.withAutostop(c.notRunning(why))).orElse(n);
        }, ctx.pool());
    }

    /**
     * A kind without an activity signal ({@code Gathering.NONE}), as listed; each one its definition says so is
     * described first (an MLflow server's size, what else its cost needs). One
     * that cannot be described keeps its verdict: only what the description gives is unknown.
     */
    private List<Finding> withoutSignal(SageMakerGateway sm, List<Resource> listed, Request req,
                                        List<String> problems) {
        KindDefinition definition = req.kind().definition();
        if (listed.stream().noneMatch(r -> definition.describes(r, req.describeAll()))) {
            return listed.stream().map(r -> finding(r, Evidence.notGathered(), req)).toList();
        }
        List<java.util.Optional<Resource>> described = Parallel.map(listed, r -> {
            if (!definition.describes(r, req.describeAll())) {
                return java.util.Optional.of(r);
            }
            try {
                return definition.describe(sm, r);
            } catch (AwsCallException e) {
                problems.add(r.region() + ": " + req.kind().id() + " " + r.name() + ": could not describe it, so "
                        + definition.unknownUndescribed() + ": " + e.getMessage());
                return java.util.Optional.of(r);
            }
        }, ctx.pool());
        List<Resource> out = described.stream().flatMap(java.util.Optional::stream)
                .map(r -> req.scope().accountId() != null ? r.withAccount(req.scope().accountId()) : r).toList();
        prefetchPrices(ctx, out);
        return out.stream().map(r -> finding(r, Evidence.notGathered(), req)).toList();
    }

    /**
     * Each notebook's ML storage volume, for its storage cost (scan and report): ListNotebookInstances does not
     * give VolumeSizeInGB, so every notebook is described, concurrently. One that cannot be described keeps an
     * unknown storage cost (a problem is reported); its verdict does not depend on it.
     */
    private List<Resource> withVolumes(List<Resource> notebooks, Request req, List<String> problems) {
        SageMakerGateway sm = req.scope().gateways().sageMaker(req.region());
        // The notebook described (empty when it is gone): its volume size and its platform (PlatformIdentifier).
        List<Attempt<java.util.Optional<Resource>>> described = Parallel.map(notebooks, n -> Attempt.of(
                () -> sm.describeNotebook(n.name())), ctx.pool());
        List<Resource> out = new ArrayList<>(notebooks.size());
        for (int i = 0; i < notebooks.size(); i++) {
            Resource n = notebooks.get(i);
            if (described.get(i) instanceof Attempt.Failed<java.util.Optional<Resource>> failed) {
                problems.add(n.region() + ": notebook " + n.name() + ": could not describe it, so its storage"
                        + " cost and platform are unknown: " + failed.error().getMessage());
                out.add(n);
            } else {
                Resource d = ((Attempt.Done<java.util.Optional<Resource>>) described.get(i)).value().orElse(null);
                out.add(n.withDescribed(d == null || d.notebook() == null ? null : d.notebook().volumeSizeGb(),
                        d == null ? null : d.platformIdentifier()));
            }
        }
        return out;
    }

    /**
     * Studio apps have no signal the sweeper can read; Canvas apps do: each InService one older than the window gets
     * its TimeSinceLastActive over the window (one batched GetMetricData for all of them, none without one).
     */
    private List<Finding> apps(List<Resource> apps, Request req) {
        Duration window = req.policy().window(req.kind());
        List<Resource> canvas = apps.stream().filter(a -> Evaluator.isCanvas(a)
                && ActivityGate.needsEvidence(a, req.policy(), req.now())).toList();
        Map<Resource, Evidence> evidence = new CanvasEvidence(() -> req.scope().gateways().metrics(req.region()))
                .read(canvas, req.now().minus(window), req.now());
        return apps.stream().map(a -> finding(a, evidence.getOrDefault(a, Evidence.notGathered()), req)).toList();
    }

    /**
     * Starts fetching the prices of what is listed, in the background while the evidence is gathered: the lookups
     * after each verdict then find them ready.
     */
    public static void prefetchPrices(SweepContext ctx, List<Resource> resources) {
        List<PriceUsage> usages = new ArrayList<>();
        for (Resource r : resources) {
            usages.addAll(PriceUsages.compute(r));
            PriceUsage storage = PriceUsages.storage(r);
            if (storage != null) {
                usages.add(storage);
            }
        }
        ctx.prices().prefetch(usages);
    }

    private Finding finding(Resource r, Evidence evidence, Request req) {
        Evaluation evaluation = Evaluator.evaluate(r, evidence, req.policy(), req.now());
        // Prices are looked up after the verdict, never before it: a slow price list never delays one.
        Costs.Priced storagePriced = costs.storagePriced(r);
        Double storage = storagePriced.usd();
        String storageOnly = storage == null ? null : r.kind().definition().storageOnlyReason(r, storage);
        if (storageOnly != null && !evaluation.reasons().isEmpty()) {
            // "storage only, $7.00/month": the price is known here, not in the evaluator.
            List<String> reasons = new ArrayList<>(evaluation.reasons());
            reasons.set(0, storageOnly);
            evaluation = new Evaluation(evaluation.verdict(), reasons, evaluation.evidence(), evaluation.signal());
        }
        Costs.Priced hourlyPriced = costs.hourlyPriced(r);
        Double hourly = hourlyPriced.usd();
        int alternative = evaluation.reasons().indexOf(Evaluator.scaleToZeroReason(null));
        if (alternative >= 0 && hourly != null) {
            // What scaling to zero instead of deleting saves: the price is known here, not in the evaluator.
            List<String> reasons = new ArrayList<>(evaluation.reasons());
            reasons.set(alternative, Evaluator.scaleToZeroReason(hourly));
            evaluation = new Evaluation(evaluation.verdict(), reasons, evaluation.evidence(), evaluation.signal());
        }
        return new Finding(r, evaluation, Evaluator.protection(r, null, req.policy()), hourly, null, storage,
                costs.borrowedFrom(r, hourlyPriced, storagePriced), hourly == null ? null : hourlyPriced.source(),
                storage == null ? null : storagePriced.source());
    }
}
