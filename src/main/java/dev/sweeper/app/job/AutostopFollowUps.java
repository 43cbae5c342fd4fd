package dev.sweeper.app.job;

import dev.sweeper.app.ActionPlan;
import dev.sweeper.app.NotebookWaiter;
import dev.sweeper.app.SweepContext;
import dev.sweeper.app.SweepRequest;
import dev.sweeper.app.action.AutostopInstallAction;
import dev.sweeper.core.Action;
import dev.sweeper.core.AuditLog;
import dev.sweeper.core.AwsCallException;
import dev.sweeper.core.Finding;
import dev.sweeper.core.LifecycleScript;
import dev.sweeper.core.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What follows a job's actions when it installs the idle checker: stop-notebooks --attach-autostop
 * attaches it right after each stop, autostop-notebooks --restart-idle attaches it to the idle
 * notebooks it stopped and starts them again ({@link ActionPlan#afterActions}).
 */
final class AutostopFollowUps {
    private AutostopFollowUps() {
    }

    /**
     * stop-notebooks --attach-autostop: right after a stop that reached Stopped, the notebook gets the idle
     * checker's lifecycle configuration (AWS allows the change only then). The stop's detail says what was done.
     */
    static List<Finding> attachAfterStop(List<Finding> findings, LifecycleScript.Autostop autostop, ActionPlan.FollowUp follow) {
        boolean stopped = follow.waited();
        SweepContext ctx = follow.ctx();
        AuditLog audit = follow.audit();
        Map<String, AutostopInstallAction> installs = new LinkedHashMap<>();
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings) {
            Action a = f.action();
            if (a == null || !"stop".equals(a.type()) || a.outcome() == Action.Outcome.SKIPPED
                    || a.outcome() == Action.Outcome.FAILED) {
                out.add(f);
                continue;
            }
            Resource r = f.resource();
            AutostopInstallAction install = installs.computeIfAbsent(r.account() + "/" + r.region(), k -> new AutostopInstallAction(
                    ctx.gatewaysFor(r.account()).sageMaker(r.region()), autostop, AutostopChecker.source(), false));
            Finding asStopped = f.withResource(r.withStatus("Stopped")).withAction(null);
            String detail;
            if (a.outcome() == Action.Outcome.PLANNED) {
                AutostopInstallAction.Plan plan = install.plan(asStopped);
                detail = "then " + (plan.skip() == null ? "would " + plan.detail() : "no idle checker: " + plan.skip());
            } else if (!stopped) {
                detail = "the idle checker is not attached: --attach-autostop needs --wait, to see the notebook Stopped";
            } else {
                detail = attachNow(install, asStopped, ctx);
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
    static List<Finding> restartIdle(List<Finding> findings, SweepRequest req, ActionPlan.FollowUp follow) {
        SweepContext ctx = follow.ctx();
        AuditLog audit = follow.audit();
        List<String> problems = follow.problems();
        Map<String, AutostopInstallAction> installs = new LinkedHashMap<>();
        Map<String, String> attachedByKey = new java.util.HashMap<>();
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings) {
            if (!restarting(f)) {
                out.add(f);
                continue;
            }
            Action a = f.action();
            Resource r = f.resource();
            AutostopInstallAction install = installs.computeIfAbsent(r.account() + "/" + r.region(), k -> new AutostopInstallAction(
                    ctx.gatewaysFor(r.account()).sageMaker(r.region()), req.autostop(), AutostopChecker.source(), false));
            Finding asStopped = f.withResource(r.withStatus("Stopped")).withAction(null);
            String attached = null;
            String notAttached;
            AutostopInstallAction.Plan plan = install.plan(asStopped);
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
                audit.record(f, new Action(AutostopInstallAction.TYPE, Action.Outcome.DONE, attached));
                attachedByKey.put(notebookKey(r), plan.attach());
            } else {
                audit.record(f, new Action(AutostopInstallAction.TYPE, Action.Outcome.FAILED, "after the restart's stop: "
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
        return f.action() != null && AutostopInstallAction.RESTART_TYPE.equals(f.action().type())
                && f.action().outcome() == Action.Outcome.DONE;
    }

    private static String attachNow(AutostopInstallAction install, Finding stopped, SweepContext ctx) {
        AutostopInstallAction.Plan plan = install.plan(stopped);
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
}
