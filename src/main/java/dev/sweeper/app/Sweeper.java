package dev.sweeper.app;

import dev.sweeper.core.Action;
import dev.sweeper.core.AuditLog;
import dev.sweeper.core.AwsCallException;
import dev.sweeper.core.LifecycleScript;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Kind;
import dev.sweeper.core.Resource;
import dev.sweeper.core.ResourceKey;
import dev.sweeper.core.SweepResult;
import dev.sweeper.core.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The engine behind every command: inspect each kind in each region, act within the cap (dry run
 * unless applied), wait if asked, notify if asked, and return one result.
 */
public final class Sweeper {
    private final SweepContext ctx;
    private final AuditLog audit;

    public Sweeper(SweepContext ctx, AuditLog audit) {
        this.ctx = ctx;
        this.audit = audit;
    }

    public SweepResult run(SweepRequest req) {
        Instant now = ctx.clock().instant();
        // Marking needs every resource's tags: an ACTIVE one may carry a mark to remove.
        Predicate<Resource> candidate = req.marking() != null ? r -> true
                : req.action() == null ? r -> false : req.action()::mayActOn;
        Inspector inspector = new Inspector(ctx);
        List<String> setupProblems = new ArrayList<>();
        List<Map.Entry<AccountScope, String>> pairs = new ArrayList<>();
        for (AccountScope scope : ctx.scopes()) {
            if (scope.failure() != null) {
                setupProblems.add("account " + scope.accountId() + ": " + scope.failure());
                continue;
            }
            req.regions().forEach(region -> pairs.add(Map.entry(scope, region)));
        }
        // Each kind of each region (and account) is inspected on its own thread: listings are chains
        // of pages that cannot be split, so the only way to speed them up is to overlap them. The
        // calls inside an inspection use the bounded pool, and an inspection waiting for its calls
        // must not hold a pool thread.
        List<Scope> scopes = new ArrayList<>();
        pairs.forEach(pair -> req.kinds().forEach(kind -> scopes.add(new Scope(pair.getKey(), pair.getValue(), kind))));
        ExecutorService inspections = Executors.newFixedThreadPool(Math.max(1, Math.min(scopes.size(), 8)),
                r -> {
                    Thread t = new Thread(r, "sweeper-inspect");
                    t.setDaemon(true);
                    return t;
                });
        List<Inspection> parts;
        try {
            parts = Parallel.map(scopes, s -> inspectOnItsLane(inspector, new Inspector.Request(s.account(), s.kind(),
                    s.region(), req.filter(), req.policy(), now, req.describeAll(), candidate), scopes.size() > 1),
                    inspections);
        } finally {
            inspections.shutdown();
        }
        parts = regionFailuresOnce(scopes, parts);
        Inspection all = Inspection.merge(parts);
        List<Finding> findings = new ArrayList<>(all.findings());
        List<String> problems = new ArrayList<>(setupProblems);
        problems.addAll(all.problems());
        String refusal = null;

        if (req.marking() != null) {
            boolean waits = req.apply() && req.waitTimeout() != null;
            Map<String, Map<String, String>> tags = all.tagsByArn();
            ActionPlan plan = req.action() == null ? null : req.action().forRun(findings, tags, req, now);
            Predicate<Finding> base = plan == null ? f -> true : plan::selects;
            Predicate<Finding> selection = f -> base.test(f) || f.verdict() == Verdict.ACTIVE
                    ? IdleMarks.move(f, tags, req.marking(), plan != null, now) != IdleMarks.Move.NONE : false;
            ActionRunner.Outcomes outcomes = new ActionRunner(ctx.log(), audit, waits).run(findings, selection,
                    new ByRegion(plan == null ? "mark" : plan.verb(), resource -> {
                        var sm = ctx.gatewaysFor(resource.account()).sageMaker(resource.region());
                        ResourceAction removal = plan == null ? null : action(plan, req, resource, now);
                        return new IdleMarks(sm, removal, tags, req.marking(), now);
                    }), req.apply(), req.maxActions());
            findings = new ArrayList<>(outcomes.findings());
            refusal = outcomes.refusal();
            if (refusal == null && waits) {
                NotebookWaiter.Waited waited = new NotebookWaiter(ctx, audit).await(findings, Sweeper::waitTarget,
                        req.waitTimeout());
                findings = new ArrayList<>(waited.findings());
                problems.addAll(waited.problems());
            }
        } else if (req.action() != null) {
            boolean waits = req.apply() && req.waitTimeout() != null;
            // A job whose choice depends on what was read (a schedule's, on the tags) decides now.
            ActionPlan plan = req.action().forRun(findings, all.tagsByArn(), req, now);
            ActionRunner.Outcomes outcomes = new ActionRunner(ctx.log(), audit, waits).run(findings, plan::selects,
                    new ByRegion(plan.verb(), resource -> action(plan, req, resource, now)), req.apply(),
                    req.maxActions());
            findings = new ArrayList<>(outcomes.findings());
            refusal = outcomes.refusal();
            if (refusal == null && req.apply() && req.waitTimeout() != null) {
                // Each notebook is waited for to reach the end of what was asked of it.
                NotebookWaiter.Waited waited = new NotebookWaiter(ctx, audit).await(findings, Sweeper::waitTarget,
                        req.waitTimeout());
                findings = new ArrayList<>(waited.findings());
                problems.addAll(waited.problems());
            }
            if (refusal == null && req.autostop() != null && isStopPlan(req.action())) {
                findings = attachAutostop(findings, req.apply() && req.waitTimeout() != null, req.autostop());
            }
            if (refusal == null && waits && plan instanceof InstallAutostop install && install.restartsIdle()) {
                // Stopped now (the wait above): attach, start again, and wait for InService.
                findings = new ArrayList<>(restartIdle(findings, req, problems));
            }
        }
        SweepResult result = new SweepResult(req.command(), (req.action() != null || req.marking() != null) && !req.apply(),
                now, req.window(),
                findings, problems, refusal);
        if (req.topicArn() != null) {
            List<String> failures = notify(req.topicArn(), result);
            if (!failures.isEmpty()) {
                List<String> more = new ArrayList<>(problems);
                more.addAll(failures);
                result = new SweepResult(result.command(), result.dryRun(), now, result.window(), findings, more,
                        refusal);
            }
        }
        return result;
    }

    /** The status a notebook should end in after its action; null for changes that are not waited for (tags). */
    private static String waitTarget(Finding f) {
        if (f.resource().kind() == Kind.MLFLOW) {
            return switch (f.action().type()) {
                case "stop" -> "Stopped";
                case "start" -> "Started";
                default -> null;
            };
        }
        return switch (f.action().type()) {
            case "stop" -> "Stopped";
            case "start" -> "InService";
            case AutostopInstall.TYPE, AutostopInstall.UNDO_TYPE -> "Stopped"; // Updating, then Stopped
            case AutostopInstall.RESTART_TYPE -> "Stopped"; // its stop; then the restart's start is waited for
            default -> null;
        };
    }

    private static boolean isStopPlan(ActionPlan plan) {
        return plan == ActionPlan.STOP_NOTEBOOKS || plan == ActionPlan.STOP_IDLE_NOTEBOOKS;
    }

    /**
     * stop-notebooks --attach-autostop: right after a stop that reached Stopped, the notebook gets the idle
     * checker's lifecycle configuration (AWS allows the change only then). The stop's detail says what was done.
     */
    private List<Finding> attachAutostop(List<Finding> findings, boolean stopped, LifecycleScript.Autostop autostop) {
        Map<String, AutostopInstall> installs = new LinkedHashMap<>();
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings) {
            Action a = f.action();
            if (a == null || !"stop".equals(a.type()) || a.outcome() == Action.Outcome.SKIPPED
                    || a.outcome() == Action.Outcome.FAILED) {
                out.add(f);
                continue;
            }
            Resource r = f.resource();
            AutostopInstall install = installs.computeIfAbsent(r.account() + "/" + r.region(), k -> new AutostopInstall(
                    ctx.gatewaysFor(r.account()).sageMaker(r.region()), autostop, AutostopChecker.source(), false));
            Finding asStopped = new Finding(r.withStatus("Stopped"), f.evaluation(), f.protection(), f.hourlyCost(), null);
            String detail;
            if (a.outcome() == Action.Outcome.PLANNED) {
                AutostopInstall.Plan plan = install.plan(asStopped);
                detail = "then " + (plan.skip() == null ? "would " + plan.detail() : "no idle checker: " + plan.skip());
            } else if (!stopped) {
                detail = "the idle checker is not attached: --attach-autostop needs --wait, to see the notebook Stopped";
            } else {
                detail = attachNow(install, asStopped);
            }
            Action withDetail = new Action(a.type(), a.outcome(), a.detail() + "; " + detail);
            if (a.outcome() != Action.Outcome.PLANNED) {
                audit.record(f, withDetail);
            }
            out.add(f.withAction(withDetail));
        }
        return out;
    }

    private static String notebookKey(Resource r) {
        return r.account() + "/" + r.region() + "/" + r.name();
    }

    /**
     * autostop-notebooks --restart-idle, once each idle notebook it stopped is Stopped: the configuration is
     * attached exactly as to a notebook found stopped (re-checked first); AWS then shows the notebook
     * {@code Updating} until it is {@code Stopped} again, which is waited for; then it is started again and waited
     * for until {@code InService}. Each step is in the audit log on its own: the stop (as the restart), the attach
     * with the configuration it replaced (so that --undo can restore it), the start. A notebook whose attach failed
     * is started again all the same, and its restart failed; a start that fails leaves the notebook Stopped with
     * the new configuration, and the restart failed.
     */
    private List<Finding> restartIdle(List<Finding> findings, SweepRequest req, List<String> problems) {
        Map<String, AutostopInstall> installs = new LinkedHashMap<>();
        Map<String, String> attachedByKey = new java.util.HashMap<>();
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings) {
            if (!restarting(f)) {
                out.add(f);
                continue;
            }
            Action a = f.action();
            Resource r = f.resource();
            AutostopInstall install = installs.computeIfAbsent(r.account() + "/" + r.region(), k -> new AutostopInstall(
                    ctx.gatewaysFor(r.account()).sageMaker(r.region()), req.autostop(), AutostopChecker.source(), false));
            Finding asStopped = new Finding(r.withStatus("Stopped"), f.evaluation(), f.protection(), f.hourlyCost(), null);
            String attached = null;
            String notAttached;
            AutostopInstall.Plan plan = install.plan(asStopped);
            if (plan.skip() != null) {
                notAttached = plan.skip();
            } else {
                try {
                    notAttached = install.recheck(asStopped).orElse(null);
                    if (notAttached == null) {
                        attached = install.perform(asStopped);
                    }
                } catch (AwsCallException e) {
                    notAttached = e.getMessage();
                }
            }
            if (attached != null) {
                audit.record(f, new Action(AutostopInstall.TYPE, Action.Outcome.DONE, attached));
                attachedByKey.put(notebookKey(r), plan.attach());
            } else {
                audit.record(f, new Action(AutostopInstall.TYPE, Action.Outcome.FAILED, "after the restart's stop: "
                        + notAttached));
                ctx.log().warn("stopped notebook " + r.name() + " to attach the idle checker, but could not: " + notAttached
                        + "; starting it again");
            }
            out.add(f.withAction(new Action(a.type(), a.outcome(), a.detail() + "; "
                    + (attached != null ? attached : "idle checker not attached: " + notAttached))));
        }
        // UpdateNotebookInstance: Updating, then Stopped; only then can it start.
        NotebookWaiter.Waited updated = new NotebookWaiter(ctx, audit).await(out,
                f -> restarting(f) && attachedByKey.containsKey(notebookKey(f.resource())) ? "Stopped" : null,
                req.waitTimeout());
        problems.addAll(updated.problems());
        List<Finding> startedOut = new ArrayList<>();
        java.util.Set<String> started = new java.util.HashSet<>();
        for (Finding f : updated.findings()) {
            if (!restarting(f)) {
                startedOut.add(f);
                continue;
            }
            Action a = f.action();
            Resource r = f.resource();
            String attachedName = attachedByKey.get(notebookKey(r));
            Action result;
            try {
                ctx.gatewaysFor(r.account()).sageMaker(r.region()).startNotebook(r.name());
                audit.record(f, new Action("start", Action.Outcome.DONE, "starting (the restart's start)"));
                started.add(notebookKey(r));
                // An attach that failed fails the restart, though the notebook runs again as before.
                result = new Action(a.type(), attachedName != null ? Action.Outcome.DONE : Action.Outcome.FAILED,
                        a.detail() + "; starting");
            } catch (AwsCallException e) {
                audit.record(f, new Action("start", Action.Outcome.FAILED, e.getMessage()));
                String left = attachedName != null ? "left Stopped with its new lifecycle configuration '" + attachedName + "'"
                        : "left Stopped";
                ctx.log().warn("failed to start notebook " + r.name() + " again after attaching the idle checker: "
                        + e.getMessage() + "; it is " + left);
                result = new Action(a.type(), Action.Outcome.FAILED, a.detail() + "; the start failed: " + e.getMessage()
                        + ": the notebook is " + left);
            }
            if (result.outcome() == Action.Outcome.FAILED) {
                audit.record(f, result);
            }
            startedOut.add(f.withAction(result));
        }
        NotebookWaiter.Waited running = new NotebookWaiter(ctx, audit).await(startedOut,
                f -> started.contains(notebookKey(f.resource())) ? "InService" : null, req.waitTimeout());
        problems.addAll(running.problems());
        return running.findings();
    }

    private static boolean restarting(Finding f) {
        return f.action() != null && AutostopInstall.RESTART_TYPE.equals(f.action().type())
                && f.action().outcome() == Action.Outcome.DONE;
    }

    private String attachNow(AutostopInstall install, Finding stopped) {
        AutostopInstall.Plan plan = install.plan(stopped);
        if (plan.skip() != null) {
            return "no idle checker: " + plan.skip();
        }
        try {
            Optional<String> changed = install.recheck(stopped);
            if (changed.isPresent()) {
                return "idle checker not attached: " + changed.get();
            }
            return "autostop: " + install.perform(stopped);
        } catch (AwsCallException e) {
            ctx.log().warn("stopped notebook " + stopped.resource().name() + " but could not attach the idle checker: "
                    + e.getMessage());
            return "idle checker not attached: " + e.getMessage();
        }
    }

    /** One kind in one region of one account. */
    private record Scope(AccountScope account, String region, Kind kind) {
        boolean sameRegion(Scope other) {
            return account == other.account && region.equals(other.region);
        }
    }

    /**
     * A region none of whose listings worked (not enabled for the account, access denied,
     * unreachable) is reported once, by its first kind, not once per kind.
     */
    /**
     * One inspection, on a pool of its own when there are several and the context gives lanes: the
     * calls of a kind held back by its operations' rate limits then wait on their own threads, and
     * another kind's calls go out beside them, not after them.
     */
    private Inspection inspectOnItsLane(Inspector inspector, Inspector.Request request, boolean several) {
        if (!several || ctx.lanes() == null) {
            return inspector.inspect(request);
        }
        ExecutorService lane = ctx.lanes().get();
        try {
            return inspector.onPool(lane).inspect(request);
        } finally {
            lane.shutdownNow();
        }
    }

    private static List<Inspection> regionFailuresOnce(List<Scope> scopes, List<Inspection> parts) {
        List<Inspection> out = new ArrayList<>();
        int i = 0;
        while (i < scopes.size()) {
            int end = i + 1;
            while (end < scopes.size() && scopes.get(end).sameRegion(scopes.get(i))) {
                end++;
            }
            List<Inspection> region = parts.subList(i, end);
            out.addAll(region.stream().allMatch(Inspection::listingFailed) ? region.subList(0, 1) : region);
            i = end;
        }
        return out;
    }

    /** The job's action for the resource's account and region, behind the tag re-check every action makes. */
    private ResourceAction action(ActionPlan plan, SweepRequest req, Resource resource, Instant now) {
        var gateways = ctx.gatewaysFor(resource.account());
        ResourceAction action = plan.action(new ActionPlan.Deps(gateways, resource.region(), req.policy(), now, ctx));
        return new TagRecheck(action, gateways.sageMaker(resource.region()), req.policy());
    }

    private List<String> notify(String topicArn, SweepResult result) {
        String region = topicArn.split(":")[3];
        List<String> failures = new ArrayList<>();
        List<Notifications.Message> messages = Notifications.compose(result);
        for (Notifications.Message m : messages) {
            try {
                String id = ctx.gateways().notifier(region).publish(topicArn, m.subject(), m.body());
                ctx.log().info("notified " + topicArn + " (message " + id + ")");
            } catch (AwsCallException e) {
                failures.add("could not notify " + topicArn + ": " + e.getMessage());
            }
        }
        return failures;
    }

    /** Dispatches each call of an action to the account and region its resource lives in. */
    private static final class ByRegion implements ResourceAction {
        private final String type;
        private final Function<Resource, ResourceAction> factory;
        private final Map<String, ResourceAction> actions = Collections.synchronizedMap(new LinkedHashMap<>());

        ByRegion(String type, Function<Resource, ResourceAction> factory) {
            this.type = type;
            this.factory = factory;
        }

        private static String scope(Finding f) {
            return f.resource().account() + "/" + f.resource().region();
        }

        private ResourceAction in(Finding f) {
            return actions.computeIfAbsent(scope(f), k -> factory.apply(f.resource()));
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public String type(Finding f) {
            return in(f).type(f);
        }

        @Override
        public Optional<String> notActionable(Finding f) {
            return in(f).notActionable(f);
        }

        @Override
        public String plannedDetail(Finding f) {
            return in(f).plannedDetail(f);
        }

        @Override
        public Map<ResourceKey, String> preflight(List<Finding> planned) {
            Map<ResourceKey, String> out = new LinkedHashMap<>();
            planned.stream().collect(Collectors.groupingBy(ByRegion::scope, LinkedHashMap::new,
                    Collectors.toList())).forEach((region, fs) -> out.putAll(in(fs.get(0)).preflight(fs)));
            return out;
        }

        @Override
        public Optional<String> recheck(Finding f) {
            return in(f).recheck(f);
        }

        @Override
        public String perform(Finding f) {
            return in(f).perform(f);
        }
    }
}
