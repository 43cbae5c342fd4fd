package dev.sweeper.core;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as users write them: {@code 90s}, {@code 30m}, {@code 24h}, {@code 7d}, {@code 2w} or ISO-8601. */
public final class Durations {
    public static final Duration MIN = Duration.ofMinutes(1);
    public static final Duration MAX = Duration.ofDays(30);

    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})([smhdw])");

    private Durations() {
    }

    /** Parses without range checks. */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty duration (expected e.g. 90s, 30m, 24h, 7d, 2w or PT24H)");
        }
        String t = text.trim();
        Matcher m = SHORT.matcher(t.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "w" -> Duration.ofDays(7 * n); // as the fleet file takes them
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(t.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (expected e.g. 90s, 30m, 24h, 7d, 2w or PT24H)");
        }
    }

    /** Parses and checks the range every window and age takes: 1 minute to 30 days. */
    public static Duration parseWindow(String text) {
        Duration d = parse(text);
        if (d.compareTo(MIN) < 0 || d.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("duration '" + text + "' is out of range (1m to 30d)");
        }
        return d;
    }

    /** A short human form: {@code 24h}, {@code 7d}, {@code 1h30m}, {@code 45s}. */
    public static String format(Duration d) {
        if (d == null) {
            return null;
        }
        long s = d.getSeconds();
        if (s < 0) {
            return "-" + format(d.negated());
        }
        // Days only from two days on: "24h" reads better than "1d" for the common window.
        long days = s >= 2 * 86_400 ? s / 86_400 : 0;
        long hours = (s - days * 86_400) / 3600;
        long minutes = (s % 3600) / 60;
        long seconds = s % 60;
        StringBuilder sb = new StringBuilder();
        if (days > 0) {
            sb.append(days).append('d');
        }
        if (hours > 0) {
            sb.append(hours).append('h');
        }
        if (minutes > 0 && days == 0) {
            sb.append(minutes).append('m');
        }
        if (seconds > 0 && s < 3600 && minutes < 10) {
            sb.append(seconds).append('s');
        }
        return sb.length() == 0 ? "0s" : sb.toString();
    }
}
