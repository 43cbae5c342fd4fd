package dev.sweeper.app;

import dev.sweeper.core.Action.Outcome;
import dev.sweeper.core.AuditLog;
import dev.sweeper.core.AuditLog.SettingsChange;
import dev.sweeper.core.AwsCallException;
import dev.sweeper.core.Gateways;
import dev.sweeper.core.Log;
import dev.sweeper.core.Policy;
import dev.sweeper.core.ResourceFilter;
import dev.sweeper.core.SageMakerGateway;
import dev.sweeper.core.StudioSettings;
import dev.sweeper.core.StudioSettings.Idle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code apps idle-shutdown} (issue 13, point 2): turns SageMaker's own idle shutdown on for JupyterLab and Code
 * Editor where it is off, in the default user settings of domains or in user profiles, or with {@code undo} gives
 * back the settings a change recorded in the audit log replaced.
 *
 * <p>A use case of its own, not an {@link ActionPlan}: domains and user profiles are no resources the engine
 * inspects and evaluates (no kind, no verdict, no cost); what this shares with the jobs is their guard rails:
 * filters, protection (the protect tag and name patterns), a dry run unless {@code apply}, the whole run refused past
 * {@code maxActions}, a re-check before each change, and an audit entry before and after it, with the settings before
 * and after so that it can be undone.
 */
public final class IdleShutdownRollout {
    public static final String TYPE = "enable-idle-shutdown";
    public static final String UNDO_TYPE = "restore-idle-shutdown";

    /**
     * @param undo null to turn idle shutdown on; else the changes to undo, the latest done one per ARN
     */
    public record Request(StudioSettings.Scope scope, int timeoutMinutes, ResourceFilter filter, Policy policy,
                          List<String> regions, boolean apply, int maxActions, Map<String, Undo> undo) {
    }

    /** A change to undo: the app types' settings before it and what it set. */
    public record Undo(Map<String, Idle> before, Map<String, Idle> after) {
    }

    /** One domain or user profile: what was (or would be) done. {@code before}/{@code after}: the changed app types. */
    public record Row(StudioSettings target, String action, Outcome outcome, String detail, Map<String, Idle> before,
                      Map<String, Idle> after) {
        Row with(Outcome o, String d) {
            return new Row(target, action, o, d, before, after);
        }
    }

    public record Result(List<Row> rows, String refusal, List<String> problems) {
        public long count(Outcome o) {
            return rows.stream().filter(r -> r.outcome() == o).count();
        }
    }

    private final Gateways gateways;
    private final AuditLog audit;
    private final Log log;

    public IdleShutdownRollout(Gateways gateways, AuditLog audit, Log log) {
        this.gateways = gateways;
        this.audit = audit;
        this.log = log;
    }

    public Result run(Request req) {
        String type = req.undo() == null ? TYPE : UNDO_TYPE;
        List<Row> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String region : req.regions()) {
            SageMakerGateway sm = gateways.sageMaker(region);
            List<StudioSettings> all;
            try {
                all = sm.listStudioSettings(req.scope());
            } catch (AwsCallException e) {
                problems.add(region + ": could not list the " + req.scope().id() + "s' settings, so none was changed: "
                        + e.getMessage());
                continue;
            }
            for (StudioSettings s : all) {
                if (!req.filter().matchesName(s.name())) {
                    continue;
                }
                if (req.undo() != null && !req.undo().containsKey(s.arn())) {
                    continue;
                }
                Map<String, String> tags = tags(sm, s, problems);
                if (req.filter().needsTags() && (tags == null || !req.filter().matchesTags(tags))) {
                    continue; // tags that could not be read match no tag filter; the problem is said
                }
                rows.add(plan(s, tags, req, type));
            }
        }
        List<Row> planned = rows.stream().filter(r -> r.outcome() == Outcome.PLANNED).toList();
        rows.stream().filter(r -> r.outcome() == Outcome.SKIPPED).forEach(this::record);
        if (planned.size() > req.maxActions()) {
            String refusal = planned.size() + " actions planned, more than --max-actions " + req.maxActions()
                    + ": nothing was done (raise --max-actions or narrow the filters)";
            planned.forEach(r -> record(r.with(Outcome.PLANNED, "refused: " + refusal)));
            return new Result(rows, refusal, problems);
        }
        if (!req.apply()) {
            planned.forEach(this::record);
            return new Result(rows, null, problems);
        }
        List<Row> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(r.outcome() == Outcome.PLANNED ? act(r, req) : r);
        }
        return new Result(out, null, problems);
    }

    private Map<String, String> tags(SageMakerGateway sm, StudioSettings s, List<String> problems) {
        try {
            return sm.listTags(s.arn());
        } catch (AwsCallException e) {
            problems.add(s.region() + ": " + s.label() + ": could not read tags, so protection is unknown and it is"
                    + " not changed: " + e.getMessage());
            return null;
        }
    }

    /** Protected by a name pattern or the protect tag; undecided (null) when the tags could not be read. */
    static Boolean isProtected(StudioSettings s, Map<String, String> tags, Policy policy) {
        for (Pattern p : policy.protectedNamePatterns()) {
            if (p.matcher(s.name()).find()) {
                return true;
            }
        }
        if (tags == null) {
            return null;
        }
        String value = tags.get(policy.protectTagKey());
        return value != null && value.equalsIgnoreCase(policy.protectTagValue());
    }

    private static String protectedWhy(StudioSettings s, Map<String, String> tags, Policy policy) {
        Boolean p = isProtected(s, tags, policy);
        if (p == null) {
            return "protection unknown (tags could not be read): not touched";
        }
        if (!p) {
            return null;
        }
        String value = tags == null ? null : tags.get(policy.protectTagKey());
        return value != null && value.equalsIgnoreCase(policy.protectTagValue())
                ? "protected: tagged " + policy.protectTagKey() + "=" + value
                : "protected: name matches a protected pattern";
    }

    private Row plan(StudioSettings s, Map<String, String> tags, Request req, String type) {
        Map<String, Idle> none = Map.of();
        String prot = protectedWhy(s, tags, req.policy());
        if (prot != null) {
            return new Row(s, type, Outcome.SKIPPED, prot, none, none);
        }
        if (req.undo() != null) {
            return undoPlan(s, req.undo().get(s.arn()), type);
        }
        Map<String, Idle> after;
        try {
            after = s.enable(req.timeoutMinutes());
        } catch (IllegalArgumentException e) {
            return new Row(s, type, Outcome.SKIPPED, e.getMessage(), none, none);
        }
        if (after.isEmpty()) {
            return new Row(s, type, Outcome.SKIPPED, "already on: " + StudioSettings.describe(s.ownOf(StudioSettings.APP_TYPES))
                    + (s.scope() == StudioSettings.Scope.USER_PROFILE ? "; domain " + StudioSettings.describe(s.domain()) : ""),
                    none, none);
        }
        Map<String, Idle> before = s.ownOf(after.keySet());
        return new Row(s, type, Outcome.PLANNED, "turn idle shutdown on after " + req.timeoutMinutes() + " min for "
                + String.join(" and ", after.keySet()) + "; was " + StudioSettings.describe(before), before, after);
    }

    /**
     * Gives back the settings before the change, unless they changed since. A setting that was not configured
     * cannot be sent back as such (no AWS document says how an UpdateDomain or UpdateUserProfile unsets
     * LifecycleManagement), so it becomes DISABLED: the same for a domain, where not configured is off; for a user
     * profile it stays off instead of following the domain, and the detail says so.
     */
    private Row undoPlan(StudioSettings s, Undo undo, String type) {
        Map<String, Idle> none = Map.of();
        Map<String, Idle> now = s.ownOf(undo.after().keySet());
        if (!now.equals(undo.after())) {
            return new Row(s, type, Outcome.SKIPPED, "changed since: now " + StudioSettings.describe(now) + ", not "
                    + StudioSettings.describe(undo.after()) + ": not touched", none, none);
        }
        Map<String, Idle> restore = new LinkedHashMap<>();
        boolean unset = false;
        for (Map.Entry<String, Idle> e : undo.before().entrySet()) {
            Idle b = e.getValue();
            if (b.lifecycleManagement() == null) {
                unset = true;
                b = new Idle(StudioSettings.DISABLED, b.idleTimeoutMinutes(), b.minIdleTimeoutMinutes(),
                        b.maxIdleTimeoutMinutes());
            }
            restore.put(e.getKey(), b);
        }
        String detail = "restore " + StudioSettings.describe(undo.before()) + " in place of " + StudioSettings.describe(now);
        if (unset) {
            detail += "; LifecycleManagement was not set: it becomes DISABLED (AWS documents no way to unset it)"
                    + (s.scope() == StudioSettings.Scope.USER_PROFILE ? ", so the profile no longer follows its domain" : "");
        }
        return new Row(s, type, Outcome.PLANNED, detail, now, restore);
    }

    /** Re-checks (still there, same settings, still not protected), writes the attempt, changes, writes the outcome. */
    private Row act(Row r, Request req) {
        SageMakerGateway sm = gateways.sageMaker(r.target().region());
        String what = r.action() + " " + r.target().label();
        Row outcome;
        try {
            Optional<String> skip = recheck(sm, r, req);
            if (skip.isPresent()) {
                log.info("skipped " + what + ": " + skip.get());
                outcome = r.with(Outcome.SKIPPED, skip.get());
            } else {
                record(r.with(Outcome.PLANNED, "attempting: " + r.detail()));
                sm.setIdleSettings(r.target(), r.after());
                log.info("done: " + what);
                outcome = r.with(Outcome.DONE, r.action().equals(TYPE)
                        ? "turned on: " + StudioSettings.describe(r.after()) + "; previous: " + StudioSettings.describe(r.before())
                        : "done: " + r.detail());
            }
        } catch (AwsCallException e) {
            log.warn("failed to " + what + ": " + e.getMessage());
            outcome = r.with(e.isNotFound() ? Outcome.SKIPPED : Outcome.FAILED,
                    e.isNotFound() ? "no longer exists" : e.getMessage());
        }
        record(outcome);
        return outcome;
    }

    private static Optional<String> recheck(SageMakerGateway sm, Row r, Request req) {
        Optional<StudioSettings> now = sm.describeStudioSettings(r.target());
        if (now.isEmpty()) {
            return Optional.of("no longer exists");
        }
        Map<String, Idle> is = now.get().ownOf(r.before().keySet());
        if (!is.equals(r.before())) {
            return Optional.of("its settings changed meanwhile: now " + StudioSettings.describe(is));
        }
        String prot = protectedWhy(r.target(), sm.listTags(r.target().arn()), req.policy());
        return Optional.ofNullable(prot);
    }

    private void record(Row r) {
        StudioSettings s = r.target();
        audit.record(new SettingsChange(s.region(), s.scope().id(), s.domainId(), s.name(), s.arn(), r.action(),
                r.outcome(), r.detail(), r.before(), r.after()));
    }
}
