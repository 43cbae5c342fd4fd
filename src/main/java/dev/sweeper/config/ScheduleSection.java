package dev.sweeper.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sweeper.core.Schedule;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The {@code schedules} section of the config. */
final class ScheduleSection {
    private static final Pattern SCHEDULE_NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$");
    private static final Pattern TIME = Pattern.compile("^([01]\\d|2[0-3]):[0-5]\\d$");
    private static final Map<String, java.time.DayOfWeek> DAYS = Map.of("mon", java.time.DayOfWeek.MONDAY,
            "tue", java.time.DayOfWeek.TUESDAY, "wed", java.time.DayOfWeek.WEDNESDAY,
            "thu", java.time.DayOfWeek.THURSDAY, "fri", java.time.DayOfWeek.FRIDAY,
            "sat", java.time.DayOfWeek.SATURDAY, "sun", java.time.DayOfWeek.SUNDAY);

    /**
     * {@code schedules: NAME: {timezone, outside, periods: [{days, start, end}]}}; every key is
     * checked, and every period must be readable, so that a typo never silently keeps a notebook
     * running (or stops one) at the wrong hour.
     */
    static Map<String, Schedule> read(ConfigReader r, ObjectNode top) {
        JsonNode n = top.get("schedules");
        if (n == null || n.isNull()) {
            return Map.of();
        }
        ObjectNode all = r.object(n, "schedules");
        Map<String, Schedule> out = new java.util.LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            String key = "schedules." + name;
            if (!SCHEDULE_NAME.matcher(name).matches()) {
                throw r.bad(key, name, "not a schedule name (letters, digits, '.', '_', '-'; it is a tag value)");
            }
            ObjectNode s = r.object(e.getValue(), key);
            r.checkKeys(s, "schedules.*", key);
            String zoneText = r.required(s, "timezone", key);
            java.time.ZoneId zone;
            try {
                zone = java.time.ZoneId.of(zoneText);
            } catch (java.time.DateTimeException ex) {
                throw r.bad(key + ".timezone", zoneText, "not a time zone (an IANA name like Europe/Berlin)");
            }
            String outsideText = r.string(s, "outside", key + ".outside");
            Schedule.Outside outside;
            try {
                outside = outsideText == null ? Schedule.Outside.STOP : Schedule.Outside.of(outsideText);
            } catch (IllegalArgumentException ex) {
                throw r.bad(key + ".outside", outsideText, "not one of stop, stop-if-idle");
            }
            JsonNode ps = s.get("periods");
            if (ps == null || ps.isNull() || !ps.isArray() || ps.isEmpty()) {
                throw new ConfigException(r.file + ": " + key + ".periods: required, a list of at least one period"
                        + " ({days, start, end})");
            }
            List<Schedule.Period> periods = new ArrayList<>();
            for (int i = 0; i < ps.size(); i++) {
                String pk = key + ".periods[" + i + "]";
                ObjectNode p = r.object(ps.get(i), pk);
                r.checkKeys(p, "schedules.*.periods[]", pk);
                java.util.Set<java.time.DayOfWeek> days = days(r, r.strings(p, "days", pk + ".days"), pk + ".days");
                java.time.LocalTime start = time(r, r.required(p, "start", pk), pk + ".start", false);
                String endText = r.required(p, "end", pk);
                boolean endOfDay = "24:00".equals(endText);
                java.time.LocalTime end = endOfDay ? java.time.LocalTime.MIDNIGHT : time(r, endText, pk + ".end", true);
                if (!endOfDay && start.equals(end)) {
                    throw r.bad(pk + ".end", endText, "the same as start: an empty period (use 00:00 to 24:00 for a whole day)");
                }
                periods.add(new Schedule.Period(days, start, end, endOfDay));
            }
            out.put(name, new Schedule(name, zone, periods, outside));
        }
        return out;
    }

    private static java.util.Set<java.time.DayOfWeek> days(ConfigReader r, List<String> names, String key) {
        if (names.isEmpty()) {
            throw new ConfigException(r.file + ": " + key + ": required, like [mon, tue, wed, thu, fri] or mon-fri");
        }
        java.util.Set<java.time.DayOfWeek> out = java.util.EnumSet.noneOf(java.time.DayOfWeek.class);
        for (String name : names) {
            String d = name.trim().toLowerCase(java.util.Locale.ROOT);
            String[] range = d.split("\\s*-\\s*");
            if (range.length == 2 && DAYS.containsKey(range[0]) && DAYS.containsKey(range[1])) {
                java.time.DayOfWeek day = DAYS.get(range[0]);
                out.add(day);
                while (day != DAYS.get(range[1])) {
                    day = day.plus(1);
                    out.add(day);
                }
            } else if (DAYS.containsKey(d)) {
                out.add(DAYS.get(d));
            } else {
                throw r.bad(key, name, "not a day (mon, tue, wed, thu, fri, sat, sun) or a range like mon-fri");
            }
        }
        return out;
    }

    private static java.time.LocalTime time(ConfigReader r, String text, String key, boolean end) {
        if (text.matches("\\d:[0-5]\\d")) {
            throw r.bad(key, text, "not a time of day HH:MM: use 0" + text);
        }
        if (!TIME.matcher(text).matches()) {
            throw r.bad(key, text, "not a time of day HH:MM (quote it in YAML: \"07:00\")" + (end ? "; 24:00 for midnight" : ""));
        }
        return java.time.LocalTime.parse(text);
    }

    private ScheduleSection() {
    }
}
