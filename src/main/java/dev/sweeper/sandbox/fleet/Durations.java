package dev.sweeper.sandbox.fleet;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the fleet file's durations: {@code 90s}, {@code 30m}, {@code 24h}, {@code 8d}, {@code 2w} or ISO-8601. */
public final class Durations {
    private static final Pattern SHORT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([smhdw])");

    private Durations() {
    }

    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty duration");
        }
        String t = text.trim();
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            double n = Double.parseDouble(m.group(1));
            long unitSeconds = switch (m.group(2)) {
                case "s" -> 1;
                case "m" -> 60;
                case "h" -> 3600;
                case "d" -> 86_400;
                default -> 7 * 86_400;
            };
            return Duration.ofMillis(Math.round(n * unitSeconds * 1000));
        }
        try {
            return Duration.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("bad duration '" + text + "' (use 90s, 30m, 24h, 8d or ISO-8601)");
        }
    }
}
