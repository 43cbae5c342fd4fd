package dev.sweeper.core;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A named schedule from the config: the periods in which its resources run, in one time zone, and
 * what to do outside them. Local times are read through the zone's rules, so daylight-saving
 * changes move the periods with the wall clock, as a team expects.
 *
 * @param periods at least one
 */
public record Schedule(String name, ZoneId zone, List<Period> periods, Outside outside) {
    /** The tag that puts a resource on a schedule; its value names the schedule. */
    public static final String TAG = "sweeper:schedule";

    /** What happens to a running resource outside every period. */
    public enum Outside {
        STOP("stop"),
        STOP_IF_IDLE("stop-if-idle");

        private final String id;

        Outside(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Outside of(String id) {
            for (Outside o : values()) {
                if (o.id.equals(id)) {
                    return o;
                }
            }
            throw new IllegalArgumentException("'" + id + "' is not one of stop, stop-if-idle");
        }
    }

    /**
     * From {@code start} on each of {@code days} until {@code end}, local time. An end at or before
     * the start means the next day (a period crossing midnight belongs to the day it starts on);
     * {@code endOfDay} means midnight at the end of the start day.
     */
    public record Period(Set<DayOfWeek> days, LocalTime start, LocalTime end, boolean endOfDay) {
        public Period {
            if (days == null || days.isEmpty()) {
                throw new IllegalArgumentException("a period needs at least one day");
            }
            days = Set.copyOf(days);
            if (!endOfDay && start.equals(end)) {
                throw new IllegalArgumentException("start and end are both " + start + ": an empty period");
            }
        }

        boolean crossesMidnight() {
            return !endOfDay && !end.isAfter(start);
        }

        boolean contains(DayOfWeek day, LocalTime t) {
            if (endOfDay) {
                return days.contains(day) && !t.isBefore(start);
            }
            if (!crossesMidnight()) {
                return days.contains(day) && !t.isBefore(start) && t.isBefore(end);
            }
            return (days.contains(day) && !t.isBefore(start)) || (days.contains(day.minus(1)) && t.isBefore(end));
        }

        @Override
        public String toString() {
            String d = java.util.Arrays.stream(DayOfWeek.values()).filter(days::contains)
                    .map(x -> x.name().substring(0, 1) + x.name().substring(1, 3).toLowerCase())
                    .collect(Collectors.joining(","));
            return d + " " + start + "-" + (endOfDay ? "24:00" : end);
        }
    }

    public Schedule {
        if (periods == null || periods.isEmpty()) {
            throw new IllegalArgumentException("a schedule needs at least one period");
        }
        periods = List.copyOf(periods);
    }

    /** Whether {@code at} falls in one of the periods, on the wall clock of the schedule's zone. */
    public boolean inside(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        return periods.stream().anyMatch(p -> p.contains(local.getDayOfWeek(), local.toLocalTime()));
    }

    /** One line for reasons and {@code config show}. */
    public String describe() {
        return periods.stream().map(Period::toString).collect(Collectors.joining("; ")) + " " + zone.getId()
                + ", outside: " + outside.id();
    }
}
