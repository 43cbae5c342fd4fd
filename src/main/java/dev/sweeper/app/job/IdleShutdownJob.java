package dev.sweeper.app.job;

import dev.sweeper.app.ActionProgress;
import dev.sweeper.app.TargetAction;
import dev.sweeper.app.TargetJob;
import dev.sweeper.core.Action;
import dev.sweeper.core.AuditLog;
import dev.sweeper.core.AuditLog.SettingsChange;
import dev.sweeper.core.AwsCallException;
import dev.sweeper.core.Evaluator;
import dev.sweeper.core.Gateways;
import dev.sweeper.core.IdleShutdownChanges.Change;
import dev.sweeper.core.Policy;
import dev.sweeper.core.Protection;
import dev.sweeper.core.ResourceFilter;
import dev.sweeper.core.SageMakerGateway;
import dev.sweeper.core.StudioSettings;
import dev.sweeper.core.StudioSettings.Idle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code apps idle-shutdown} (issue 13, point 2) as a job of the engine: turns SageMaker's own idle shutdown on for
 * JupyterLab and Code Editor where it is off, in the default user settings of domains or in user profiles, or with
 * {@code undo} gives back the settings a change recorded in the audit log replaced.
 *
 * <p>Domains and user profiles are no resources the inspector lists or the evaluator judges (no kind, no verdict, no
 * cost), so the job lists them itself ({@link TargetJob}); their protection is the evaluator's rule
 * ({@link Evaluator#protection(String, Map, Policy)}), and the dry run, {@code --max-actions}, the re-check, the audit
 * entries before and after each change and the progress of an interrupted run are the one guard's
 * ({@code ActionRunner}), as for every other acting command. Each audit entry carries the settings before and after,
 * so that the change can be undone.
 */
public final class IdleShutdownJob implements TargetJob<Change> {
    public static final String TYPE = "enable-idle-shutdown";
    public static final String UNDO_TYPE = "restore-idle-shutdown";

    /**
     * @param undo null to turn idle shutdown on; else the changes to undo, the latest done one per ARN
     */
    public record Request(StudioSettings.Scope scope, int timeoutMinutes, ResourceFilter filter, Policy policy,
                          Map<String, Undo> undo) {
    }

    /** A change to undo: the app types' settings before it and what it set. */
    public record Undo(Map<String, Idle> before, Map<String, Idle> after) {
    }

    /** What will be done to one domain or profile: {@code skip} says why nothing is; else {@code detail}. */
    private record Plan(String skip, String detail, Map<String, Idle> before, Map<String, Idle> after) {
        static Plan skip(String why) {
            return new Plan(why, null, Map.of(), Map.of());
        }
    }

    private final Request req;
    private final String type;
    /** By ARN: decided when listed, read again when the guard asks. */
    private final Map<String, Plan> plans = new ConcurrentHashMap<>();

    public IdleShutdownJob(Request req) {
        this.req = req;
        this.type = req.undo() == null ? TYPE : UNDO_TYPE;
    }

    @Override
    public Listed<Change> list(Gateways gateways, String region) {
        SageMakerGateway sm = gateways.sageMaker(region);
        List<Change> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<StudioSettings> all;
        try {
            all = sm.listStudioSettings(req.scope());
        } catch (AwsCallException e) {
            problems.add(region + ": could not list the " + req.scope().id() + "s' settings, so none was changed: "
                    + e.getMessage());
            return new Listed<>(out, problems);
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
            Protection protection = Evaluator.protection(s.name(), tags, req.policy());
            if (protection.blocksAction()) {
                out.add(new Change(s, protection, null, Map.of(), Map.of()));
                continue;
            }
            Plan plan = req.undo() != null ? undoPlan(s, req.undo().get(s.arn())) : plan(s);
            plans.put(s.arn(), plan);
            out.add(new Change(s, protection, null, plan.before(), plan.after()));
        }
        return new Listed<>(out, problems);
    }

    private static Map<String, String> tags(SageMakerGateway sm, StudioSettings s, List<String> problems) {
        try {
            return sm.listTags(s.arn());
        } catch (AwsCallException e) {
            problems.add(s.region() + ": " + s.label() + ": could not read tags, so protection is unknown and it is"
                    + " not changed: " + e.getMessage());
            return null;
        }
    }

    private Plan plan(StudioSettings s) {
        Map<String, Idle> after;
        try {
            after = s.enable(req.timeoutMinutes());
        } catch (IllegalArgumentException e) {
            return Plan.skip(e.getMessage());
        }
        if (after.isEmpty()) {
            return Plan.skip("already on: " + StudioSettings.describe(s.ownOf(StudioSettings.APP_TYPES))
                    + (s.scope() == StudioSettings.Scope.USER_PROFILE ? "; domain " + StudioSettings.describe(s.domain()) : ""));
        }
        Map<String, Idle> before = s.ownOf(after.keySet());
        return new Plan(null, "turn idle shutdown on after " + req.timeoutMinutes() + " min for "
                + String.join(" and ", after.keySet()) + "; was " + StudioSettings.describe(before), before, after);
    }

    /**
     * Gives back the settings before the change, unless they changed since. A setting that was not configured
     * cannot be sent back as such (no AWS document says how an UpdateDomain or UpdateUserProfile unsets
     * LifecycleManagement), so it becomes DISABLED: the same for a domain, where not configured is off; for a user
     * profile it stays off instead of following the domain, and the detail says so.
     */
    private static Plan undoPlan(StudioSettings s, Undo undo) {
        Map<String, Idle> now = s.ownOf(undo.after().keySet());
        if (!now.equals(undo.after())) {
            return Plan.skip("changed since: now " + StudioSettings.describe(now) + ", not "
                    + StudioSettings.describe(undo.after()) + ": not touched");
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
        return new Plan(null, detail, now, restore);
    }

    @Override
    public TargetAction<Change> action(Gateways gateways) {
        return new SettingsUpdate(gateways);
    }

    /** The change of one domain's or user profile's idle settings (UpdateDomain, UpdateUserProfile). */
    private final class SettingsUpdate implements TargetAction<Change> {
        private final Gateways gateways;

        SettingsUpdate(Gateways gateways) {
            this.gateways = gateways;
        }

        private Plan plan(Change c) {
            return plans.getOrDefault(c.target().arn(), Plan.skip("not planned"));
        }

        @Override
        public Object key(Change c) {
            return c.target().arn();
        }

        @Override
        public Protection protection(Change c) {
            return c.protection();
        }

        @Override
        public Action action(Change c) {
            return c.action();
        }

        @Override
        public Change withAction(Change c, Action a) {
            return c.withAction(a);
        }

        @Override
        public void record(AuditLog audit, Change c, Action a) {
            StudioSettings s = c.target();
            audit.record(new SettingsChange(s.region(), s.scope().id(), s.domainId(), s.name(), s.arn(), a.type(),
                    a.outcome(), a.detail(), c.before(), c.after()));
        }

        @Override
        public ActionProgress.Entry entry(Change c, Action a) {
            StudioSettings s = c.target();
            return new ActionProgress.Entry(s.scope().id(), s.name(), s.region(), a.type(), a.outcome(), a.detail());
        }

        @Override
        public String label(Change c) {
            return c.target().label();
        }

        @Override
        public String type(Change c) {
            return type;
        }

        @Override
        public Optional<String> notActionable(Change c) {
            return Optional.ofNullable(plan(c).skip());
        }

        @Override
        public String plannedDetail(Change c) {
            return plan(c).detail();
        }

        /** Still there, with the settings the plan replaces, and still not protected (its tags read again). */
        @Override
        public Optional<String> recheck(Change c) {
            SageMakerGateway sm = gateways.sageMaker(c.target().region());
            Optional<StudioSettings> now = sm.describeStudioSettings(c.target());
            if (now.isEmpty()) {
                return Optional.of("no longer exists");
            }
            Map<String, Idle> is = now.get().ownOf(c.before().keySet());
            if (!is.equals(c.before())) {
                return Optional.of("its settings changed meanwhile: now " + StudioSettings.describe(is));
            }
            Protection p = Evaluator.protection(c.target().name(), sm.listTags(c.target().arn()), req.policy());
            return p.blocksAction() ? Optional.of("protected: " + p.reason()) : Optional.empty();
        }

        @Override
        public String perform(Change c) {
            gateways.sageMaker(c.target().region()).setIdleSettings(c.target(), c.after());
            return type.equals(TYPE)
                    ? "turned on: " + StudioSettings.describe(c.after()) + "; previous: " + StudioSettings.describe(c.before())
                    : "done: " + c.action().detail();
        }
    }
}
