package dev.sweeper.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sweeper.core.ScheduleDecision.Move;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

    static Schedule officeHours(Schedule.Outside outside) {
        return new Schedule("office", BERLIN,
                List.of(new Schedule.Period(WEEKDAYS, LocalTime.of(7, 0), LocalTime.of(20, 0), false)), outside);
    }

    static Schedule nights() {
        return new Schedule("nights", BERLIN,
                List.of(new Schedule.Period(Set.of(DayOfWeek.SATURDAY), LocalTime.of(22, 0), LocalTime.of(6, 0), false)),
                Schedule.Outside.STOP);
    }

    @ParameterizedTest
    @CsvSource({
        // Before the October change Berlin is UTC+2 (CEST): 07:00 local is 05:00Z.
        "2026-10-23T04:59:59Z,false", "2026-10-23T05:00:00Z,true", "2026-10-23T17:59:59Z,true",
        "2026-10-23T18:00:00Z,false",
        // The weekend in between: the change itself (Sunday 25 October, 03:00 CEST -> 02:00 CET).
        "2026-10-24T10:00:00Z,false", "2026-10-25T00:30:00Z,false", "2026-10-25T01:30:00Z,false",
        // After it Berlin is UTC+1 (CET): 07:00 local is 06:00Z, an hour later in UTC.
        "2026-10-26T05:30:00Z,false", "2026-10-26T06:00:00Z,true", "2026-10-26T18:59:59Z,true",
        "2026-10-26T19:00:00Z,false",
        // March: before the change (Friday 27) CET, after it (Monday 30) CEST.
        "2026-03-27T06:00:00Z,true", "2026-03-27T05:30:00Z,false", "2026-03-30T05:00:00Z,true",
        "2026-03-30T04:59:00Z,false", "2026-03-30T18:00:00Z,false", "2026-03-27T18:30:00Z,true"})
    void inside_officeHoursAcrossDaylightSavingChanges_followsTheWallClock(String at, boolean inside) {
        assertThat(officeHours(Schedule.Outside.STOP).inside(Instant.parse(at))).isEqualTo(inside);
    }

    @Test
    void inside_walkingAWeekAcrossTheOctoberChange_runsThirteenHoursEachWeekday() {
        Schedule s = officeHours(Schedule.Outside.STOP);
        Instant from = Instant.parse("2026-10-19T00:00:00Z");
        long[] minutesByDay = new long[14];
        for (Instant t = from; t.isBefore(from.plus(Duration.ofDays(14))); t = t.plus(Duration.ofMinutes(1))) {
            if (s.inside(t)) {
                minutesByDay[(int) Duration.between(from, t).toDays()]++;
            }
        }
        assertThat(minutesByDay).containsExactly(780, 780, 780, 780, 780, 0, 0, 780, 780, 780, 780, 780, 0, 0);
    }

    @ParameterizedTest
    @CsvSource({
        // Saturday 24 October 2026 22:00 CEST = 20:00Z, until Sunday 06:00 CET = 05:00Z (the night is an hour longer).
        "2026-10-24T19:59:00Z,false", "2026-10-24T20:00:00Z,true", "2026-10-24T23:30:00Z,true",
        "2026-10-25T00:30:00Z,true", "2026-10-25T01:30:00Z,true", "2026-10-25T04:59:00Z,true",
        "2026-10-25T05:00:00Z,false",
        // Friday night is not Saturday night; Sunday night does not start a period.
        "2026-10-23T21:00:00Z,false", "2026-10-25T21:00:00Z,false", "2026-10-26T01:00:00Z,false"})
    void inside_periodCrossingMidnight_belongsToTheDayItStarts(String at, boolean inside) {
        assertThat(nights().inside(Instant.parse(at))).isEqualTo(inside);
    }

    @Test
    void inside_periodInTheSpringGap_lastsTheWallClockTime() {
        // 29 March 2026: 02:00 CET jumps to 03:00 CEST; 01:00-04:00 local is two real hours.
        Schedule s = new Schedule("gap", BERLIN,
                List.of(new Schedule.Period(Set.of(DayOfWeek.SUNDAY), LocalTime.of(1, 0), LocalTime.of(4, 0), false)),
                Schedule.Outside.STOP);
        assertThat(s.inside(Instant.parse("2026-03-28T23:59:00Z"))).isFalse();
        assertThat(s.inside(Instant.parse("2026-03-29T00:00:00Z"))).isTrue();
        assertThat(s.inside(Instant.parse("2026-03-29T01:00:00Z"))).isTrue();
        assertThat(s.inside(Instant.parse("2026-03-29T01:59:00Z"))).isTrue();
        assertThat(s.inside(Instant.parse("2026-03-29T02:00:00Z"))).isFalse();
    }

    @Test
    void inside_endOfDay_includesTheLastMinute() {
        Schedule s = new Schedule("late", ZoneId.of("UTC"),
                List.of(new Schedule.Period(Set.of(DayOfWeek.MONDAY), LocalTime.of(18, 0), LocalTime.MIDNIGHT, true)),
                Schedule.Outside.STOP);
        assertThat(s.inside(Instant.parse("2026-10-26T23:59:59Z"))).isTrue();
        assertThat(s.inside(Instant.parse("2026-10-27T00:00:00Z"))).isFalse();
    }

    @Test
    void period_whenEmpty_isRefused() {
        assertThatThrownBy(() -> new Schedule.Period(WEEKDAYS, LocalTime.NOON, LocalTime.NOON, false))
                .hasMessageContaining("empty period");
        assertThatThrownBy(() -> new Schedule.Period(Set.of(), LocalTime.NOON, LocalTime.MIDNIGHT, false))
                .hasMessageContaining("at least one day");
        assertThatThrownBy(() -> new Schedule("x", BERLIN, List.of(), Schedule.Outside.STOP))
                .hasMessageContaining("at least one period");
    }

    static final Instant INSIDE = Instant.parse("2026-10-26T09:00:00Z");
    static final Instant OUTSIDE = Instant.parse("2026-10-26T21:00:00Z");

    @ParameterizedTest
    @CsvSource({
        // outside, stop
        "STOP,OUTSIDE,InService,ACTIVE,false,STOP", "STOP,OUTSIDE,InService,UNKNOWN,false,STOP",
        "STOP,OUTSIDE,Stopped,EXEMPT,true,NONE", "STOP,OUTSIDE,Stopping,EXEMPT,false,NONE",
        "STOP,OUTSIDE,Pending,UNKNOWN,true,NONE",
        // outside, stop-if-idle: only IDLE; UNKNOWN is never idle
        "STOP_IF_IDLE,OUTSIDE,InService,IDLE,false,STOP", "STOP_IF_IDLE,OUTSIDE,InService,ACTIVE,false,NONE",
        "STOP_IF_IDLE,OUTSIDE,InService,UNKNOWN,false,NONE", "STOP_IF_IDLE,OUTSIDE,InService,TOO_YOUNG,false,NONE",
        // inside: start only what the sweeper stopped
        "STOP,INSIDE,Stopped,EXEMPT,true,START", "STOP,INSIDE,Stopped,EXEMPT,false,NONE",
        "STOP_IF_IDLE,INSIDE,Stopped,EXEMPT,true,START", "STOP,INSIDE,InService,IDLE,false,NONE",
        "STOP,INSIDE,Stopping,EXEMPT,true,NONE", "STOP,INSIDE,Failed,UNKNOWN,true,NONE"})
    void decide_byPlaceStatusVerdictAndTag(Schedule.Outside outside, String when, String status, Verdict verdict,
                                           boolean swept, Move move) {
        Instant at = when.equals("INSIDE") ? INSIDE : OUTSIDE;
        ScheduleDecision d = ScheduleDecision.decide(officeHours(outside), at, status, verdict, swept);
        assertThat(d.move()).isEqualTo(move);
        assertThat(d.reason()).contains("schedule office").contains(when.toLowerCase());
    }

    @Test
    void decide_stoppedByHand_saysSo() {
        assertThat(ScheduleDecision.decide(officeHours(Schedule.Outside.STOP), INSIDE, "Stopped", Verdict.EXEMPT, false)
                .reason()).contains("stopped by hand");
    }
}
