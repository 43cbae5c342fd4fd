package dev.sweeper.core;

import java.time.Instant;

/**
 * What reconciling one notebook with its schedule asks for, and why.
 */
public record ScheduleDecision(Move move, String reason) {
    public enum Move {
        STOP,
        START,
        NONE
    }

    /**
     * Outside the periods a running notebook is stopped (with {@code stop-if-idle} only when its
     * verdict is IDLE: UNKNOWN is never idle); inside them a stopped one is started only when the
     * sweeper stopped it ({@code swept}), never one its owner stopped by hand. Anything in between
     * (Pending, Stopping, Updating, Failed) is left alone, so that a second run changes nothing.
     *
     * @param swept the notebook carries the sweeper's stopped-at tag
     */
    public static ScheduleDecision decide(Schedule schedule, Instant now, String status, Verdict verdict,
                                          boolean swept) {
        boolean inside = schedule.inside(now);
        String where = (inside ? "inside" : "outside") + " schedule " + schedule.name() + " (" + schedule.describe()
                + ")";
        if (!inside && Evaluator.IN_SERVICE.equals(status)) {
            if (schedule.outside() == Schedule.Outside.STOP) {
                return new ScheduleDecision(Move.STOP, where + ": stop");
            }
            if (verdict == Verdict.IDLE) {
                return new ScheduleDecision(Move.STOP, where + " and IDLE: stop");
            }
            return new ScheduleDecision(Move.NONE, where + ", but " + verdict + ", not IDLE: stays running");
        }
        if (inside && "Stopped".equals(status)) {
            if (swept) {
                return new ScheduleDecision(Move.START, where + ", stopped by the sweeper: start");
            }
            return new ScheduleDecision(Move.NONE, where + ", but stopped by hand (no sweeper:stopped-at tag): stays stopped");
        }
        return new ScheduleDecision(Move.NONE, where + ", " + status + ": nothing to do");
    }
}
