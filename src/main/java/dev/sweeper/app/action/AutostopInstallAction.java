package dev.sweeper.app.action;

import dev.sweeper.app.ActionPlan;
import dev.sweeper.app.ResourceAction;
import dev.sweeper.app.Sweeper;
import dev.sweeper.core.AutostopRollout;
import dev.sweeper.core.AutostopRollout.Config;
import dev.sweeper.core.AwsCallException;
import dev.sweeper.core.Evaluator;
import dev.sweeper.core.Finding;
import dev.sweeper.core.LifecycleScript;
import dev.sweeper.core.Resource;
import dev.sweeper.core.SageMakerGateway;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gives a notebook instance the sweeper's idle checker through its lifecycle configuration (issue 18), or with
 * {@code undo} gives it back the configuration it had before. A notebook without a configuration gets the
 * sweeper's own, one with a team's configuration gets a merge of it (see {@link AutostopRollout}); the team's
 * configuration is never changed. AWS changes a notebook's configuration only while it is {@code Stopped}
 * (UpdateNotebookInstance; "You can't update a notebook instance while it's running",
 * https://docs.aws.amazon.com/sagemaker/latest/dg/nbi-update.html): any other is listed as pending, except with
 * {@code restartIdle} an {@code InService} notebook whose verdict is {@code IDLE} now: this action stops it (a
 * {@value #RESTART_TYPE}); the engine waits for {@code Stopped}, attaches the configuration as for a stopped one and
 * starts it again ({@link Sweeper}).
 *
 * <p>Configurations are described once per name, however many notebooks share one.
 */
public final class AutostopInstallAction implements ResourceAction {
    public static final String TYPE = "autostop";
    public static final String UNDO_TYPE = "restore-lifecycle-config";
    /** A running, idle notebook stopped to have the configuration attached, and started again. */
    public static final String RESTART_TYPE = "restart";

    private final SageMakerGateway sageMaker;
    private final LifecycleScript.Autostop autostop;
    private final String checkerSource;
    private final boolean undo;
    private final boolean restartIdle;
    private final boolean includeActive;
    private final Map<String, Optional<Config>> configs = new ConcurrentHashMap<>();
    private final Map<String, Plan> plans = new ConcurrentHashMap<>();

    public AutostopInstallAction(SageMakerGateway sageMaker, LifecycleScript.Autostop autostop, String checkerSource, boolean undo) {
        this(sageMaker, autostop, checkerSource, undo, false, false);
    }

    /**
     * @param restartIdle   an InService notebook that is IDLE now is restarted to get the configuration
     * @param includeActive with restartIdle, one ACTIVE, TOO_YOUNG or UNKNOWN is restarted too (the rule for acting)
     */
    public AutostopInstallAction(SageMakerGateway sageMaker, LifecycleScript.Autostop autostop, String checkerSource, boolean undo,
                    boolean restartIdle, boolean includeActive) {
        this.sageMaker = sageMaker;
        this.autostop = autostop;
        this.checkerSource = checkerSource;
        this.undo = undo;
        this.restartIdle = restartIdle && !undo;
        this.includeActive = includeActive;
    }

    /**
     * What will be done to one notebook: {@code skip} says why nothing is; otherwise {@code attach} (null:
     * detach) replaces {@code previous}, after {@code create} is created when it does not exist yet;
     * {@code restart}: the notebook is running and idle, and is stopped first (then started again).
     */
    public record Plan(String skip, String detail, String attach, Config create, String previous, boolean restart) {
        static Plan skip(String why) {
            return new Plan(why, null, null, null, null, false);
        }
    }

    @Override
    public String type() {
        return undo ? UNDO_TYPE : TYPE;
    }

    @Override
    public String type(Finding f) {
        return restartIdle && restartCandidate(f) && plan(f).restart() ? RESTART_TYPE : type();
    }

    /** A running notebook whose verdict is IDLE now (any, with --include-active): what --restart-idle stops. */
    private boolean restartCandidate(Finding f) {
        return Evaluator.IN_SERVICE.equals(f.resource().status()) && ActionPlan.withinReach(f, includeActive);
    }

    private Optional<Config> config(String name) {
        return configs.computeIfAbsent(name, sageMaker::describeLifecycleConfig);
    }

    private static String key(Finding f) {
        return f.resource().name();
    }

    public Plan plan(Finding f) {
        return plans.computeIfAbsent(key(f), k -> {
            try {
                return undo ? undoPlan(f.resource()) : installPlan(f);
            } catch (AwsCallException e) {
                return Plan.skip("its lifecycle configuration could not be read: " + e.getMessage());
            }
        });
    }

    private static String currentName(Resource r) {
        return r.notebook() == null ? null : r.notebook().lifecycleConfig();
    }

    private Plan installPlan(Finding f) {
        Resource r = f.resource();
        String current = currentName(r);
        Config cur = null;
        if (current != null) {
            Optional<Config> read = config(current);
            if (read.isEmpty()) {
                return Plan.skip("its lifecycle configuration '" + current + "' does not exist: not touched");
            }
            cur = read.get();
        }
        if (AutostopRollout.covers(cur, autostop)) {
            return Plan.skip("already covered: '" + current + "' installs the idle checker with these settings");
        }
        // A configuration the sweeper made for another idle time is made again from the team's, not nested.
        Config team = cur;
        if (cur != null && AutostopRollout.madeBySweeper(cur)) {
            Optional<String> from = AutostopRollout.mergedFrom(cur);
            team = null;
            if (from.isPresent()) {
                Optional<Config> original = config(from.get());
                if (original.isEmpty()) {
                    return Plan.skip("'" + current + "' was merged from '" + from.get() + "', which no longer exists");
                }
                team = original.get();
            }
        }
        Config target;
        try {
            target = AutostopRollout.target(team, checkerSource, autostop);
        } catch (IllegalArgumentException e) {
            return Plan.skip("cannot install the idle checker: " + e.getMessage());
        }
        Optional<Config> existing = config(target.name());
        if (existing.isPresent() && !AutostopRollout.covers(existing.get(), autostop)) {
            return Plan.skip("a lifecycle configuration named '" + target.name()
                    + "' exists but does not install the idle checker with these settings: not touched");
        }
        if (existing.isPresent() && team != null && !Objects.equals(existing.get().onCreate(), team.onCreate())) {
            return Plan.skip("'" + target.name() + "' exists but its OnCreate differs from '" + team.name() + "': not touched");
        }
        String was = current == null ? "no lifecycle configuration before" : "was '" + current + "'";
        String what = team == null ? "the sweeper's own '" + target.name() + "'"
                : "'" + target.name() + "' (the OnStart and OnCreate of '" + team.name() + "', unchanged, and the idle checker)";
        String attach = "attach " + what + (existing.isEmpty() ? ", created now" : "") + "; " + was;
        Config create = existing.isEmpty() ? target : null;
        if (!"Stopped".equals(r.status())) {
            if (restartIdle && restartCandidate(f)) {
                return new Plan(null, "stop it (" + f.verdict() + " now), " + attach + "; then start it again", target.name(), create,
                        current, true);
            }
            String notRestarted = !restartIdle || !Evaluator.IN_SERVICE.equals(r.status()) ? ""
                    : "; not restarted: it is " + f.verdict() + (f.reasons().isEmpty() ? "" : " (" + f.reasons().get(0) + ")");
            return Plan.skip("pending: a lifecycle configuration can be changed only while the notebook is Stopped (now "
                    + r.status() + "); it gets " + what + " once stopped (stop-notebooks --attach-autostop)" + notRestarted);
        }
        return new Plan(null, attach, target.name(), create, current, false);
    }

    private Plan undoPlan(Resource r) {
        String current = currentName(r);
        if (current == null || !current.startsWith(AutostopRollout.PREFIX)) {
            return Plan.skip("no lifecycle configuration of the sweeper's attached");
        }
        Optional<Config> cur = config(current);
        if (cur.isEmpty() || !AutostopRollout.madeBySweeper(cur.get())) {
            return Plan.skip("'" + current + "' is not a configuration the sweeper made: not touched");
        }
        String previous = AutostopRollout.mergedFrom(cur.get()).orElse(null);
        if (previous != null && config(previous).isEmpty()) {
            return Plan.skip("'" + current + "' was merged from '" + previous + "', which no longer exists");
        }
        String what = previous == null ? "detach '" + current + "' (it had no lifecycle configuration before)"
                : "restore '" + previous + "' in place of '" + current + "'";
        if (!"Stopped".equals(r.status())) {
            return Plan.skip("pending: a lifecycle configuration can be changed only while the notebook is Stopped (now "
                    + r.status() + "); would " + what);
        }
        return new Plan(null, what, previous, null, current, false);
    }

    @Override
    public Optional<String> notActionable(Finding f) {
        return Optional.ofNullable(plan(f).skip());
    }

    @Override
    public String plannedDetail(Finding f) {
        return "would " + plan(f).detail();
    }

    /**
     * Before a restart's stop, as before stop-notebooks --idle-only's: still InService (the protect tag is read
     * again by {@link TagRecheckAction}), and still with the configuration the plan replaces. Before a configuration is
     * attached: still Stopped, with that configuration.
     */
    @Override
    public Optional<String> recheck(Finding f) {
        Optional<Resource> now = sageMaker.describeNotebook(f.resource().name());
        if (now.isEmpty()) {
            return Optional.of("no longer exists");
        }
        String expected = restartIdle && restartCandidate(f) && plan(f).restart() ? Evaluator.IN_SERVICE : "Stopped";
        if (!expected.equals(now.get().status())) {
            return Optional.of("status is now " + now.get().status());
        }
        String was = currentName(f.resource());
        String is = currentName(now.get());
        if (!Objects.equals(was, is)) {
            return Optional.of("its lifecycle configuration is now " + (is == null ? "none" : "'" + is + "'"));
        }
        return Optional.empty();
    }

    /** Attaches the planned configuration or, for a restart, stops the notebook (the engine does the rest). */
    @Override
    public String perform(Finding f) {
        Plan plan = plan(f);
        if (plan.restart()) {
            // Not tagged sweeper:stopped-at: it is started again right away, not left for the morning start.
            sageMaker.stopNotebook(f.resource().name());
            return "stopping";
        }
        // Created once per name: a second notebook planned at the same time finds it made by the first.
        if (plan.create() != null && !configs.getOrDefault(plan.create().name(), Optional.empty()).isPresent()) {
            try {
                sageMaker.createLifecycleConfig(plan.create());
            } catch (AwsCallException e) {
                // Created meanwhile for another notebook (or by another run): used if it is the same.
                Optional<Config> now = sageMaker.describeLifecycleConfig(plan.create().name());
                if (now.isEmpty() || !AutostopRollout.covers(now.get(), autostop)) {
                    throw e;
                }
            }
            configs.put(plan.create().name(), Optional.of(plan.create()));
        }
        sageMaker.setNotebookLifecycleConfig(f.resource().name(), plan.attach());
        String previous = plan.previous() == null ? "none" : plan.previous();
        return (undo ? (plan.attach() == null ? "detached '" + plan.previous() + "'" : "restored '" + plan.attach() + "'")
                : "attached '" + plan.attach() + "'") + "; previous lifecycle configuration: " + previous;
    }
}
