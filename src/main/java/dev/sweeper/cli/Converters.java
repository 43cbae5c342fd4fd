package dev.sweeper.cli;

import dev.sweeper.core.Durations;
import dev.sweeper.core.Kind;
import dev.sweeper.report.OutputFormat;
import dev.sweeper.report.ReportFormat;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converters and completion candidates for the typed options. A converter's message is
 * the rest of a sentence that begins with the option and the value, as the error handler prints
 * it: {@code --window 'soon' is not a duration (...)}.
 */
final class Converters {
    private Converters() {
    }

    /** Durations as users write them ({@code 90s}, {@code 30m}, {@code 24h}, {@code 7d}, {@code 2w}, ISO-8601), within a range. */
    abstract static class DurationRange implements ITypeConverter<Duration>, Iterable<String> {
        private final Duration min;
        private final Duration max;
        private final List<String> examples;

        DurationRange(Duration min, Duration max, String... examples) {
            this.min = min;
            this.max = max;
            this.examples = List.of(examples);
        }

        @Override
        public Duration convert(String value) {
            Duration d;
            try {
                d = Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("is not a duration (expected e.g. 90s, 30m, 24h, 7d, 2w or PT24H)");
            }
            if (min != null && (d.compareTo(min) < 0 || d.compareTo(max) > 0)) {
                throw new TypeConversionException("is out of range (" + Durations.format(min) + " to "
                        + Durations.format(max) + ")");
            }
            return d;
        }

        @Override
        public Iterator<String> iterator() {
            return examples.iterator();
        }
    }

    /** A window or an age: 1 minute to 30 days, as the config takes them. */
    static final class Window extends DurationRange {
        Window() {
            super(Durations.MIN, Durations.MAX, "1h", "24h", "7d", "2w", "30d");
        }
    }

    /** How long one AWS call may take: 1 second to 15 minutes. */
    static final class CallTimeout extends DurationRange {
        CallTimeout() {
            super(Duration.ofSeconds(1), Duration.ofMinutes(15), "10s", "60s", "5m");
        }
    }

    /**
     * {@code apps idle-shutdown --timeout}: whole minutes within IdleTimeoutInMinutes' bounds in AWS's model (60 to
     * 525600), as a duration ({@code 90m}, {@code 2h}) or a bare number of minutes.
     */
    static final class IdleTimeout extends DurationRange {
        IdleTimeout() {
            super(Duration.ofMinutes(60), Duration.ofMinutes(525_600), "60m", "2h", "1d");
        }

        @Override
        public Duration convert(String value) {
            String v = value.trim();
            Duration d = super.convert(v.matches("\\d{1,9}") ? v + "m" : v);
            if (d.toSeconds() % 60 != 0) {
                throw new TypeConversionException("is not a whole number of minutes");
            }
            return d;
        }
    }

    /** Any duration (the sandbox's delays). */
    static final class AnyDuration extends DurationRange {
        AnyDuration() {
            super(null, null, "0s", "2s", "15m");
        }
    }

    /** Words from a fixed list, matched without regard to case or surrounding blanks. */
    abstract static class Choices<E> implements ITypeConverter<E>, Iterable<String> {
        private final List<E> values;
        private final Function<E, String> id;

        Choices(List<E> values, Function<E, String> id) {
            this.values = values;
            this.id = id;
        }

        @Override
        public E convert(String value) {
            String wanted = value.trim().toLowerCase(Locale.ROOT);
            for (E e : values) {
                if (id.apply(e).equals(wanted)) {
                    return e;
                }
            }
            throw new TypeConversionException(rejection());
        }

        String rejection() {
            return "is not one of " + String.join(", ", this);
        }

        @Override
        public Iterator<String> iterator() {
            return values.stream().map(id).iterator();
        }
    }

    /** {@code --output}: table, json, csv. */
    static final class OutputFormats extends Choices<OutputFormat> {
        OutputFormats() {
            super(List.of(OutputFormat.values()), OutputFormat::id);
        }
    }

    /** {@code report --format}: table, markdown, json, csv, html. */
    static final class ReportFormats extends Choices<ReportFormat> {
        ReportFormats() {
            super(List.of(ReportFormat.values()), ReportFormat::id);
        }
    }

    /** {@code --kinds}: every kind's id, in the order of the kinds (a plural is taken too); its help lists them. */
    static final class Kinds extends Choices<Kind> {
        Kinds() {
            super(Arrays.asList(Kind.values()), Kind::id);
        }

        @Override
        public Kind convert(String value) {
            try {
                return Kind.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(rejection());
            }
        }

        @Override
        String rejection() {
            return "is not a kind (expected one of " + String.join(", ", this) + ")";
        }
    }
}
