package dev.sweeper.app.action;

import dev.sweeper.app.BadTagException;
import dev.sweeper.app.DispatchingAction;
import dev.sweeper.app.ResourceAction;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Schedule;
import dev.sweeper.core.ScheduleDecision;
import dev.sweeper.core.ScheduleDecision.Move;
import dev.sweeper.core.SweeperTags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reconciles scheduled notebooks with their schedules: decides, for each notebook tagged
 * {@code sweeper:schedule}, whether it is stopped, started or left alone, and then stops and starts
 * exactly as stop-notebooks and start-notebooks do (the same {@link NotebookStateChangeAction}, so a stop
 * leaves {@code sweeper:stopped-at} and a start removes it).
 */
public final class ScheduleReconcileAction extends DispatchingAction {
    private final Map<String, ScheduleDecision> decisions;
    private final ResourceAction stop;
    private final ResourceAction start;

    private ScheduleReconcileAction(Map<String, ScheduleDecision> decisions, ResourceAction stop, ResourceAction start) {
        this.decisions = decisions;
        this.stop = stop;
        this.start = start;
    }

    /**
     * The decision for every scheduled notebook, by ARN. Every schedule tag must name a schedule of
     * the config: one that does not is an error for the whole run, before anything is done.
     */
    public static Map<String, ScheduleDecision> decide(List<Finding> findings, Map<String, Map<String, String>> tagsByArn,
                                                Map<String, Schedule> schedules, Instant now) {
        Map<String, ScheduleDecision> out = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (Finding f : findings) {
            if (f.resource().notebook() == null || f.resource().arn() == null) {
                continue;
            }
            Map<String, String> tags = tagsByArn.get(f.resource().arn());
            String name = tags == null ? null : tags.get(Schedule.TAG);
            if (name == null) {
                continue;
            }
            Schedule schedule = schedules.get(name);
            if (schedule == null) {
                unknown.add("notebook " + f.resource().name() + " (" + f.resource().region() + ") has tag "
                        + Schedule.TAG + "=" + name);
                continue;
            }
            out.put(f.resource().arn(), ScheduleDecision.decide(schedule, now, f.resource().status(), f.verdict(),
                    tags.containsKey(SweeperTags.STOPPED_AT)));
        }
        if (!unknown.isEmpty()) {
            String known = schedules.isEmpty() ? "the config has no schedules"
                    : "the config's schedules are " + String.join(", ", schedules.keySet());
            throw new BadTagException("no such schedule: " + String.join("; ", unknown) + " (" + known
                    + "); nothing was done");
        }
        return out;
    }

    public static Move move(Map<String, ScheduleDecision> decisions, Finding f) {
        ScheduleDecision d = f.resource().arn() == null ? null : decisions.get(f.resource().arn());
        return d == null ? Move.NONE : d.move();
    }

    /** One per account and region: stop and start with the gateway of that region. */
    public static ResourceAction of(Map<String, ScheduleDecision> decisions, ResourceAction stop, ResourceAction start) {
        return new ScheduleReconcileAction(decisions, stop, start);
    }

    @Override
    protected ResourceAction to(Finding f) {
        return move(decisions, f) == Move.START ? start : stop;
    }

    @Override
    public String type() {
        return "stop";
    }

    @Override
    public String plannedDetail(Finding f) {
        return decisions.get(f.resource().arn()).reason() + "; " + to(f).plannedDetail(f);
    }
}
