package dev.sweeper.report;

import dev.sweeper.core.Durations;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Money;
import dev.sweeper.core.Resource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** The small formatting rules every renderer shares, so that a number reads the same everywhere. */
final class Formats {

    private Formats() {
    }

    /** ISO-8601 in UTC to the second: {@code 2026-11-28T15:00:00Z}; null stays null. */
    static String iso(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** ISO-8601 duration: {@code PT24H}; null stays null. */
    static String iso(Duration duration) {
        return duration == null ? null : duration.toString();
    }

    /**
     * A dollar amount as a JSON or CSV number: rounded once with {@link Money#round}, never in
     * exponent form, at least one decimal ({@code 0.46}, {@code 1.0}, {@code 0.0001}).
     */
    static BigDecimal number(double dollars) {
        BigDecimal d = BigDecimal.valueOf(Money.round(dollars)).stripTrailingZeros();
        return d.scale() < 1 ? d.setScale(1) : d;
    }

    /** A metric value as a JSON number: integers stay integral, no exponent form. */
    static BigDecimal metric(double value) {
        BigDecimal d = BigDecimal.valueOf(value).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    /**
     * An hourly price: two decimals from one dollar up ({@code $1.38}, {@code $1,204.00}); below
     * that up to four, so small prices keep their precision ({@code $0.0464}, {@code $0.46}).
     * Null is {@code ?}: an unknown price is never shown as a number.
     */
    static String hourly(Double dollars) {
        if (dollars == null) {
            return "?";
        }
        double v = Money.round(dollars);
        if (Math.abs(v) >= 1) {
            return dollars(v);
        }
        BigDecimal d = BigDecimal.valueOf(v).stripTrailingZeros();
        if (d.scale() < 2) {
            d = d.setScale(2);
        }
        return (d.signum() < 0 ? "-$" + d.negate().toPlainString() : "$" + d.toPlainString());
    }

    /** A monthly amount: two decimals with thousands separators ({@code $12,345.60}); null is {@code ?}. */
    static String monthly(Double dollars) {
        return dollars == null ? "?" : dollars(dollars);
    }

    private static String dollars(double v) {
        String s = String.format(Locale.ROOT, "%,.2f", Math.abs(v));
        return (v < 0 && !"0.00".equals(s) ? "-$" : "$") + s;
    }

    /**
     * {@code ml.m5.xlarge×2}; a described serverless endpoint reads {@code serverless}; a Studio space its volume,
     * {@code EBS 100 GB}; blank if unknown.
     */
    static String typeAndCount(Resource r) {
        if (r.space() != null) {
            return r.space().ebsVolumeSizeGb() == null ? "" : "EBS " + r.space().ebsVolumeSizeGb() + " GB";
        }
        if (r.instanceType() == null) {
            return r.endpoint() != null && r.endpoint().serverless() ? "serverless" : "";
        }
        return r.instanceCount() == null ? r.instanceType() : r.instanceType() + "\u00d7" + r.instanceCount();
    }

    /** How long the resource has been running, measured from its last start; null if unknown. */
    static Duration age(Resource r, Instant now) {
        Instant since = r.runningSince() != null ? r.runningSince() : r.createdAt();
        return since == null || now == null ? null : Duration.between(since, now);
    }

    static String ageText(Resource r, Instant now) {
        Duration age = age(r, now);
        return age == null ? "" : Durations.format(age);
    }

    static String firstReason(Finding f) {
        return f.reasons().isEmpty() ? "" : f.reasons().get(0);
    }

    /** Cuts text to {@code max} characters, marking the cut with an ellipsis. */
    /**
     * A running endpoint that was never described (only idle candidates are, during endpoints idle):
     * its instance types, hence its cost, were not looked up; that is not "no known price".
     */
    static boolean costNotLookedUp(Finding f) {
        Resource r = f.resource();
        return f.hourlyCost() == null && r.kind() == dev.sweeper.core.Kind.ENDPOINT
                && (r.endpoint() == null || !r.endpoint().described());
    }

    /** {@code priced}, {@code no-price} (no known price for its type) or {@code not-looked-up}. */
    /**
     * Where a price comes from, said where it is not AWS's price list: {@code " (bundled)"}, {@code " (team)"};
     * empty for AWS's and for an unknown source.
     */
    static String sourceMark(dev.sweeper.core.PriceSource source) {
        return source == null || source == dev.sweeper.core.PriceSource.AWS ? "" : " (" + source.id() + ")";
    }

    static String costStatus(Finding f) {
        return f.hourlyCost() != null ? "priced" : costNotLookedUp(f) ? "not-looked-up" : "no-price";
    }

    static String truncate(String text, int max) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replace('\r', ' ').replace('\n', ' ');
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, Math.max(0, max - 1)) + "\u2026";
    }

    /** The verdict as people read it: {@code TOO_YOUNG} → {@code too young}. */
    static String verdictWords(dev.sweeper.core.Verdict v) {
        return v.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    static String plural(int n, String word) {
        return n + " " + (n == 1 ? word : word + "s");
    }

    /** A section heading: {@code Notebooks}, {@code Endpoints}, {@code Studio apps}. */
    static String kindTitle(dev.sweeper.core.Kind kind) {
        return switch (kind) {
            case NOTEBOOK -> "Notebooks";
            case ENDPOINT -> "Endpoints";
            case APP -> "Studio apps";
            case SPACE -> "Studio spaces";
            case MLFLOW -> "MLflow tracking servers";
            case HYPERPOD -> "HyperPod clusters";
        };
    }

    /**
     * What an empty kind section says: {@code none running}; Studio spaces never run anything of their own, and what
     * they cost is their storage, shown with the other volumes.
     */
    static String noneRunning(dev.sweeper.core.Kind kind) {
        return kind == dev.sweeper.core.Kind.SPACE
                ? "no compute of their own: their EBS volumes are under storage that outlives compute"
                : "none running";
    }

    static String protectedWord(Boolean p) {
        return p == null ? "-" : p ? "yes" : "no";
    }

    static String windowText(Duration window) {
        return window == null ? "none" : span(window);
    }

    /** Like {@link Durations#format}, but whole hours up to two days stay in hours: {@code 24h}, not {@code 1d}. */
    static String span(Duration d) {
        if (d == null) {
            return null;
        }
        long s = d.getSeconds();
        if (s > 0 && s % 3600 == 0 && s <= 48 * 3600) {
            return (s / 3600) + "h";
        }
        return Durations.format(d);
    }
}
