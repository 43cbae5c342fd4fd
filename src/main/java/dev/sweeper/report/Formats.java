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
import java.util.List;
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
     * An hourly amount. Money has one precision in every table and report: to the cent, with thousands separators
     * ({@code $0.05}, {@code $1.38}, {@code $1,204.00}), as the monthly figures beside it; an amount that is not zero
     * but rounds to nothing reads {@code <$0.01}, never {@code $0.00}. Null is {@code ?}: an unknown price is never
     * shown as a number. (JSON and CSV keep the figure to a hundredth of a cent.)
     */
    static String hourly(Double dollars) {
        return dollars == null ? "?" : dollars(Money.round(dollars));
    }

    /**
     * A total that may leave something out: the sum of the known parts, {@code $1.38 + ?} when some part has no known
     * price, and {@code ?} when no part has one (never {@code $0.00} for what is not known).
     *
     * @param known    the sum of the priced parts
     * @param priced   how many parts are priced
     * @param unpriced how many parts are not
     */
    static String total(double known, int priced, int unpriced) {
        if (unpriced == 0) {
            return hourly(known);
        }
        return priced == 0 ? "?" : hourly(known) + " + ?";
    }

    /** As {@link #total}, for a monthly amount. */
    static String monthlyTotal(double known, int priced, int unpriced) {
        if (unpriced == 0) {
            return monthly(known);
        }
        return priced == 0 ? "?" : monthly(known) + " + ?";
    }

    /** An hourly price, marked {@link #BORROWED_MARK} when it is another region's ({@code priceRegion} not null). */
    static String hourly(Double dollars, String priceRegion) {
        return hourly(dollars) + (dollars != null && priceRegion != null ? BORROWED_MARK : "");
    }

    /** A monthly amount, marked as {@link #hourly(Double, String)} marks it. */
    static String monthly(Double dollars, String priceRegion) {
        return monthly(dollars) + (dollars != null && priceRegion != null ? BORROWED_MARK : "");
    }

    /** A monthly amount: two decimals with thousands separators ({@code $12,345.60}); null is {@code ?}. */
    static String monthly(Double dollars) {
        return dollars == null ? "?" : dollars(dollars);
    }

    private static String dollars(double v) {
        String s = String.format(Locale.ROOT, "%,.2f", Math.abs(v));
        if ("0.00".equals(s) && v != 0) {
            return v < 0 ? "-<$0.01" : "<$0.01";
        }
        return (v < 0 && !"0.00".equals(s) ? "-$" : "$") + s;
    }

    /**
     * {@code ml.m5.xlarge×2}; a described serverless endpoint reads {@code serverless}; a Studio space its volume,
     * {@code EBS 100 GB}; blank if unknown.
     */
    static String typeAndCount(Resource r) {
        return r.kind().definition().detail(r);
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
        return f.hourlyCost() == null && r.endpoint() != null && !r.endpoint().described();
    }

    /**
     * Where a price comes from, said where it is not AWS's price list: {@code " (bundled)"}, {@code " (team)"};
     * empty for AWS's and for an unknown source.
     */
    static String sourceMark(dev.sweeper.core.PriceSource source) {
        return source == null || source == dev.sweeper.core.PriceSource.AWS ? "" : " (" + source.id() + ")";
    }

    /**
     * {@code priced}, {@code borrowed-region} (priced, but at another region's price: the price table has none of the
     * resource's region's own; {@code priceRegion} names whose), {@code no-price} (no known price for its type) or
     * {@code not-looked-up}.
     */
    static String costStatus(Finding f) {
        return f.hourlyCost() != null ? (f.priceRegion() != null ? "borrowed-region" : "priced")
                : costNotLookedUp(f) ? "not-looked-up" : "no-price";
    }

    /** The mark a borrowed price carries in a table, explained by {@link #borrowedNote} below it. */
    static final String BORROWED_MARK = "*";

    /**
     * {@code * priced at us-east-1's prices: the price table has none for eu-west-1 (…)}; null when nothing is
     * borrowed.
     */
    static String borrowedNote(java.util.Collection<Finding> findings) {
        return borrowedNote(findings.stream().map(f -> java.util.Map.entry(String.valueOf(f.resource().region()),
                f.priceRegion() == null ? "" : f.priceRegion())));
    }

    /** As {@link #borrowedNote(java.util.Collection)}, from (region, whose prices; "" for its own) pairs. */
    static String borrowedNote(java.util.stream.Stream<java.util.Map.Entry<String, String>> regionAndPriceRegion) {
        java.util.Map<String, java.util.Set<String>> byFrom = new java.util.TreeMap<>();
        regionAndPriceRegion.filter(e -> !e.getValue().isEmpty())
                .forEach(e -> byFrom.computeIfAbsent(e.getValue(), k -> new java.util.TreeSet<>()).add(e.getKey()));
        if (byFrom.isEmpty()) {
            return null;
        }
        List<String> parts = new java.util.ArrayList<>();
        byFrom.forEach((from, regions) -> parts.add(String.join(", ", regions) + " at " + from + "'s prices"));
        return BORROWED_MARK + " borrowed price: " + String.join("; ", parts) + ", the price table having none of"
                + " the region's own (a regions: section in your own price table fixes it)";
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
    private static final java.util.regex.Pattern INSTANT =
            java.util.regex.Pattern.compile("\\b(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d(?::\\d\\d(?:\\.\\d+)?)?Z)\\b");
    private static final java.time.format.DateTimeFormatter DAY_TIME =
            java.time.format.DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH).withZone(java.time.ZoneOffset.UTC);

    /** {@code delete from 2026-12-07T20:56:00Z} → {@code delete from 7 Dec 20:56 UTC}: for tables, not for JSON. */
    static String readableTimes(String text) {
        java.util.regex.Matcher m = INSTANT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String shown;
            try {
                shown = DAY_TIME.format(java.time.Instant.parse(m.group(1))) + " UTC";
            } catch (java.time.format.DateTimeParseException e) {
                shown = m.group(1);
            }
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(shown));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** {@code endpoints}, {@code Studio apps}, {@code MLflow tracking servers}: a kind, by its id, in a sentence. */
    static String kindPlural(String kindId) {
        try {
            String title = kindTitle(dev.sweeper.core.Kind.parse(kindId));
            return title.equals("Notebooks") || title.equals("Endpoints") ? title.toLowerCase(Locale.ROOT) : title;
        } catch (IllegalArgumentException e) {
            return kindId + "s";
        }
    }

    /**
     * The text in lines of at most {@code width} characters (0: one line), broken at spaces; the lines after
     * the first are indented by two. A word longer than a line stays whole.
     */
    static String wrap(String text, int width) {
        if (width <= 0 || text.length() <= width) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                out.append(line).append(System.lineSeparator());
                line = new StringBuilder("  ");
            }
            if (line.length() > 0 && !line.toString().isBlank()) {
                line.append(' ');
            }
            line.append(word);
        }
        return out.append(line).toString();
    }

    static String kindTitle(dev.sweeper.core.Kind kind) {
        return kind.definition().heading();
    }

    /**
     * What an empty kind section says: {@code none running}; Studio spaces never run anything of their own, and what
     * they cost is their storage, shown with the other volumes.
     */
    static String noneRunning(dev.sweeper.core.Kind kind) {
        return kind.definition().noneRunning();
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
