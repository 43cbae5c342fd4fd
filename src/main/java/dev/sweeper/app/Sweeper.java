package dev.sweeper.app;

import dev.sweeper.app.action.Al2GuardAction;
import dev.sweeper.app.action.IdleMarksAction;
import dev.sweeper.app.action.TagRecheckAction;
import dev.sweeper.app.evidence.SpaceApps;
import dev.sweeper.core.AuditLog;
import dev.sweeper.core.AwsCallException;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Kind;
import dev.sweeper.core.Resource;
import dev.sweeper.core.SweepResult;
import dev.sweeper.core.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private final ActionProgress progress;

    /** @param progress where the run's actions stand, for a run interrupted halfway (Ctrl-C) */
    public Sweeper(SweepContext ctx, AuditLog audit, ActionProgress progress) {
        this.ctx = ctx;
        this.audit = audit;
        this.progress = progress;
    }

    public SweepResult run(SweepRequest req) {
        Instant now = ctx.clock().instant();
        // Marking needs every resource's tags: an ACTIVE one may carry a mark to remove; --include-active may reach
        // any resource, whatever its verdict.
        Predicate<Resource> candidate = req.marking() != null || req.includeActive() ? r -> true
                : req.action() == null ? r -> false : req.action()::mayActOn;
        Inspector inspector = new Inspector(ctx);
        List<String> setupProblems = new ArrayList<>();
        List<Map.Entry<AccountScope, String>> pairs = new ArrayList<>();
        for (AccountScope scope : ctx.scopes()) {
            if (scope.failure() != null) {
                setupProblems.add((scope.accountId() == null ? "" : "account " + scope.accountId() + ": ")
                        + scope.failure());
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
        // Where every app was listed, a space none of them runs in can be said to have none.
        java.util.Set<String> appsComplete = new java.util.HashSet<>();
        boolean unfiltered = req.filter().matchesAll();
        for (int i = 0; i < scopes.size(); i++) {
            Inspection part = parts.get(i);
            if (unfiltered && SpaceApps.listsApps(scopes.get(i).kind()) && !part.listingFailed() && part.problems().isEmpty()) {
                appsComplete.add(scopes.get(i).account().accountId() + "/" + scopes.get(i).region());
            }
        }
        parts = regionFailuresOnce(scopes, parts);
        Inspection all = Inspection.merge(parts);
        List<Finding> findings = new ArrayList<>(SpaceApps.annotate(all.findings(), appsComplete));
        List<String> problems = new ArrayList<>(setupProblems);
        problems.addAll(all.problems());
        String refusal = null;

        if (req.marking() != null) {
            boolean waits = req.apply() && req.waitTimeout() != null;
            Map<String, Map<String, String>> tags = all.tagsByArn();
            ActionPlan plan = req.action() == null ? null : req.action().forRun(findings, tags, req, now);
            Predicate<Finding> base = plan == null ? f -> true : f -> plan.selects(f, req.includeActive());
            Predicate<Finding> selection = f -> base.test(f) || f.verdict() == Verdict.ACTIVE
                    ? IdleMarksAction.move(f, tags, req.marking(), plan != null, now) != IdleMarksAction.Move.NONE : false;
            java.util.function.Function<Finding, String> targets = f -> plan == null ? null : plan.waitTarget(f);
            ByRegion marks = new ByRegion(plan == null ? "mark" : plan.verb(), resource -> {
                var sm = ctx.gatewaysFor(resource.account()).sageMaker(resource.region());
                ResourceAction removal = plan == null ? null : action(plan, req, resource, now);
                return new IdleMarksAction(sm, removal, tags, req.marking(), now);
            });
            ActionRunner.Outcomes outcomes = new ActionRunner(ctx.log(), audit, waits ? targets : null, progress)
                    .run(findings, selection, marks, req.apply(), req.maxActions());
            findings = new ArrayList<>(outcomes.findings());
            refusal = outcomes.refusal();
            if (refusal == null && waits && !progress.interrupted()) {
                NotebookWaiter.Waited waited = new NotebookWaiter(ctx, audit).await(findings, targets,
                        req.waitTimeout(), marks);
                findings = new ArrayList<>(waited.findings());
                problems.addAll(waited.problems());
            }
        } else if (req.action() != null) {
            boolean waits = req.apply() && req.waitTimeout() != null;
            // A job whose choice depends on what was read (a schedule's, on the tags) decides now.
            ActionPlan plan = req.action().forRun(findings, all.tagsByArn(), req, now);
            sayWhatTheRuleLeaves(plan, findings, req.includeActive());
            ByRegion acting = new ByRegion(plan.verb(), resource -> action(plan, req, resource, now));
            ActionRunner.Outcomes outcomes = new ActionRunner(ctx.log(), audit, waits ? plan::waitTarget : null,
                    progress).run(findings, f -> plan.selects(f, req.includeActive()), acting, req.apply(),
                    req.maxActions());
            findings = new ArrayList<>(outcomes.findings());
            refusal = outcomes.refusal();
            if (refusal == null && waits && !progress.interrupted()) {
                // Each resource is waited for to reach the end of what was asked of it; what only a success may
                // write (the swept tag) is written then.
                NotebookWaiter.Waited waited = new NotebookWaiter(ctx, audit).await(findings, plan::waitTarget,
                        req.waitTimeout(), acting);
                findings = new ArrayList<>(waited.findings());
                problems.addAll(waited.problems());
            }
            if (refusal == null && !progress.interrupted()) {
                findings = new ArrayList<>(plan.afterActions(findings, req,
                        new ActionPlan.FollowUp(ctx, audit, waits, problems)));
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

    /**
     * A job over targets that are no inspected resources ({@code apps idle-shutdown}'s domains and user profiles), in
     * the caller's own account: the job lists them in each region; the one guard plans, caps, records and acts on
     * them as for every other job, under this run's progress (Ctrl-C) and audit log.
     */
    public <T> TargetJob.Result<T> run(TargetJob<T> job, List<String> regions, boolean apply, int maxActions) {
        List<T> targets = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String region : regions) {
            TargetJob.Listed<T> listed = job.list(ctx.gateways(), region);
            targets.addAll(listed.targets());
            problems.addAll(listed.problems());
        }
        ActionRunner.Guarded<T> guarded = new ActionRunner(ctx.log(), audit, null, progress)
                .guard(targets, t -> true, job.action(ctx.gateways()), apply, maxActions);
        return new TargetJob.Result<>(guarded.targets(), guarded.refusal(), problems);
    }

    /**
     * The rule for acting left out resources the job would otherwise stop or delete (ACTIVE, TOO_YOUNG, UNKNOWN):
     * said once, with their count by verdict and the option that takes them in, so that a stop that used to
     * reach them does not go quiet.
     */
    private void sayWhatTheRuleLeaves(ActionPlan plan, List<Finding> findings, boolean includeActive) {
        if (!plan.removes() || includeActive) {
            return;
        }
        Map<Verdict, Long> left = findings.stream()
                .filter(f -> plan.selects(f) && f.verdict() != Verdict.EXEMPT && !ActionPlan.withinReach(f, false))
                .collect(Collectors.groupingBy(Finding::verdict, () -> new java.util.EnumMap<>(Verdict.class),
                        Collectors.counting()));
        if (!left.isEmpty()) {
            long n = left.values().stream().mapToLong(Long::longValue).sum();
            String byVerdict = left.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                    .collect(Collectors.joining(", "));
            ctx.log().info(n + (n == 1 ? " match is" : " matches are") + " not IDLE (" + byVerdict + ") and left as "
                    + (n == 1 ? "it is" : "they are") + ": only IDLE ones are acted on; --include-active takes them in");
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
            if (region.size() > 1 && region.stream().allMatch(Inspection::listingFailed)) {
                out.add(everyListingFailed(scopes.subList(i, end), region.get(0)));
            } else {
                out.addAll(region);
            }
            i = end;
        }
        return out;
    }

    /**
     * One line for a region where nothing could be listed, naming every kind that was not (not only the
     * first): {@code us-east-1: could not list notebooks, endpoints, Studio apps: <the first one's cause>}.
     */
    private static Inspection everyListingFailed(List<Scope> scopes, Inspection first) {
        String kinds = scopes.stream().map(s -> s.kind().plural()).collect(Collectors.joining(", "));
        String only = "could not list " + scopes.get(0).kind().plural() + ": ";
        List<String> problems = first.problems().stream()
                .map(p -> p.contains(only) ? p.replaceFirst(java.util.regex.Pattern.quote(only),
                        java.util.regex.Matcher.quoteReplacement("could not list " + kinds + ": ")) : p)
                .toList();
        return new Inspection(first.findings(), problems, true);
    }

    /**
     * The job's action for the resource's account and region, behind the tag re-check every action makes and the
     * guard that keeps Amazon Linux 2 notebooks from being stopped silently.
     */
    private ResourceAction action(ActionPlan plan, SweepRequest req, Resource resource, Instant now) {
        var gateways = ctx.gatewaysFor(resource.account());
        ResourceAction action = plan.action(new ActionPlan.Deps(gateways, resource.region(), req.policy(), now, ctx));
        action = new Al2GuardAction(action, gateways.sageMaker(resource.region()), req.includeAl2());
        return new TagRecheckAction(action, gateways.sageMaker(resource.region()), req.policy());
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
    private static final class ByRegion extends DispatchingAction {
        private final String type;
        private final Function<Resource, ResourceAction> factory;
        private final Map<String, ResourceAction> actions = Collections.synchronizedMap(new LinkedHashMap<>());

        ByRegion(String type, Function<Resource, ResourceAction> factory) {
            this.type = type;
            this.factory = factory;
        }

        @Override
        protected ResourceAction to(Finding f) {
            return actions.computeIfAbsent(f.resource().account() + "/" + f.resource().region(),
                    k -> factory.apply(f.resource()));
        }

        @Override
        public String type() {
            return type;
        }
    }
}
