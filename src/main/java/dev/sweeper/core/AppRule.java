package dev.sweeper.core;

import static dev.sweeper.core.Evaluator.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A Studio app's rule (no reliable signal: UNKNOWN, or IDLE by the age rule) and a Canvas app's (its
 * TimeSinceLastActive over Canvas's own window).
 */
public final class AppRule {
    private AppRule() {
    }

    public static Evaluation app(Resource r, Evidence evidence, Duration maxAge, Instant now) {
        List<String> reasons = new ArrayList<>();
        if (SYSTEM_INSTANCE.equals(r.instanceType())) {
            reasons.add("system instance: free");
            return new Evaluation(Verdict.EXEMPT, reasons, evidence);
        }
        if (!IN_SERVICE.equals(r.status())) {
            reasons.add("status " + r.status() + ": not in service");
            return new Evaluation(Verdict.EXEMPT, reasons, evidence);
        }
        Duration age = Duration.between(r.createdAt(), now);
        String shutdown = idleShutdown(r.app());
        Verdict verdict;
        if (maxAge != null && age.compareTo(maxAge) >= 0) {
            reasons.add("InService for " + Durations.format(age) + ", longer than the max age "
                    + Durations.format(maxAge) + ": an age rule, not observed idleness");
            verdict = Verdict.IDLE;
        } else {
            reasons.add("no reliable activity signal for Studio apps; InService for " + Durations.format(age)
                    + (maxAge != null ? " (max age " + Durations.format(maxAge) + ")" : ""));
            verdict = Verdict.UNKNOWN;
        }
        reasons.add(shutdown);
        return new Evaluation(verdict, reasons, evidence);
    }

    /**
     * A Canvas app, judged over the window by its TimeSinceLastActive metric; never a free system app, whatever its
     * instance type says. The age rule for Studio apps does not apply: Canvas has a real signal.
     */
    public static Evaluation canvas(Resource r, Evidence evidence, Duration window, Instant now) {
        List<String> reasons = new ArrayList<>();
        if (!IN_SERVICE.equals(r.status())) {
            reasons.add("status " + r.status() + ": not in service, no workspace hours billed");
            return new Evaluation(Verdict.EXEMPT, reasons, evidence);
        }
        Duration age = ActivityGate.age(r, now);
        if (ActivityGate.tooYoung(age, window)) {
            reasons.add("Canvas app created " + ago(age) + ", less than the " + Durations.format(window)
                    + " window: too young to judge");
            return new Evaluation(Verdict.TOO_YOUNG, reasons, evidence);
        }
        if (!(evidence instanceof Evidence.CanvasActivity activity)) {
            reasons.add(missing(evidence, CANVAS_METRIC));
            return new Evaluation(Verdict.UNKNOWN, reasons, evidence);
        }
        Verdict verdict = canvasActivity(activity, now.minus(window), now, reasons);
        return new Evaluation(verdict, reasons, evidence);
    }

    /**
     * Whether the newest TimeSinceLastActive datapoint proves the Canvas user inactive since {@code windowStart}:
     * IDLE only when the datapoint is recent (its period ended at most {@link Evaluator#CANVAS_METRIC_LAG} ago) and the last
     * activity it implies (at most the end of its period less its value) is before the window started; ACTIVE when
     * that activity falls inside the window; UNKNOWN when the data is stale or makes no sense. Adds its reason.
     */
    static Verdict canvasActivity(Evidence.CanvasActivity a, Instant windowStart, Instant now,
                                         List<String> reasons) {
        String metric = CANVAS_METRIC + " (" + CANVAS_NAMESPACE + ")";
        if (Double.isNaN(a.timeSinceLastActive()) || a.timeSinceLastActive() < 0) {
            reasons.add(metric + ": newest datapoint " + count(a.timeSinceLastActive()) + " is not a duration");
            return Verdict.UNKNOWN;
        }
        Instant periodEnd = a.latest().plusSeconds(a.periodSeconds());
        Duration staleness = Duration.between(periodEnd, now);
        Instant lastActive = a.lastActiveAtMost(now);
        if (!lastActive.isBefore(windowStart)) {
            reasons.add(metric + ": user last active " + ago(Duration.between(lastActive, now).abs())
                    + ", inside the " + Durations.format(Duration.between(windowStart, now)) + " window");
            return Verdict.ACTIVE;
        }
        if (staleness.compareTo(CANVAS_METRIC_LAG) > 0) {
            reasons.add(metric + ": newest datapoint is " + Durations.format(staleness) + " old (more than "
                    + Durations.format(CANVAS_METRIC_LAG) + "): it no longer tells whether the user is active");
            return Verdict.UNKNOWN;
        }
        reasons.add(metric + ": user last active " + ago(Duration.between(lastActive, now)) + ", before the "
                + Durations.format(Duration.between(windowStart, now)) + " window (newest datapoint "
                + (staleness.isNegative() ? "in the current period" : Durations.format(staleness) + " old") + ")");
        return Verdict.IDLE;
    }

    private static String idleShutdown(Resource.AppShape app) {
        if (app == null || app.idleShutdown() == null) {
            return "Studio idle shutdown: unknown";
        }
        String where = app.idleShutdownWhere() == null ? "" : " (" + app.idleShutdownWhere() + ")";
        if (!app.idleShutdown()) {
            return "Studio idle shutdown is off" + where;
        }
        String coverage = app.idleShutdownCoverage();
        String image = app.image() == null ? "" : "; image " + app.image().detail();
        return "on".equals(coverage) ? "Studio idle shutdown is on" + where + image
                : "Studio idle shutdown: " + coverage + where + image;
    }
}
