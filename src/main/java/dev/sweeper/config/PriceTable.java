package dev.sweeper.config;

import dev.sweeper.core.Kind;
import dev.sweeper.core.PriceUsage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * On-demand prices by usage, in the sections the kinds' definitions declare (USD per instance-hour by instance type
 * for hosting, notebook, studio, ...; per session-hour for the Canvas workspace; per hour by size for MLflow; per
 * GB-month for storage), with the date they were taken, and the names the table knows to be unpriced. Immutable.
 *
 * <p>The top-level sections hold the prices of the table's own region (us-east-1 for the
 * bundled table). A table may also carry {@code regions:}, per-region prices in the same
 * sections. A lookup for another region uses that region's own price when the table has
 * one and otherwise the table-region price; {@link #isRegionFallback(String)} says when a
 * region has no prices of its own at all, so that callers can note it.
 *
 * <p>Lookups are exact: an instance type that is not listed has no price (callers report a
 * null cost and a warning, never a guess).
 */
public final class PriceTable {

    /**
     * What an instance (or volume, or session) is billed as; SageMaker prices the same instance type
     * differently per usage. The sections are those the kinds' definitions declare
     * ({@link dev.sweeper.core.kinds.KindDefinition#priceSections}), so a kind adds its section to
     * config/prices.yaml and nothing here: those keyed by instance type (USD per instance-hour) first, then those
     * with keys of their own, each in the order of the kinds; a section several kinds share ({@code storage}) last.
     */
    public static final class Usage {
        private static final Usage[] ALL = declared();
        /** Storage that outlives compute, USD per GB-month ({@link PriceUsage.Section#STORAGE}). */
        public static final Usage STORAGE = of(PriceUsage.Section.STORAGE.name());

        private final PriceUsage.Section section;

        private Usage(PriceUsage.Section section) {
            this.section = section;
        }

        private static Usage[] declared() {
            Map<String, PriceUsage.Section> byName = new LinkedHashMap<>();
            Map<String, Integer> declaredBy = new java.util.HashMap<>();
            for (Kind kind : Kind.values()) {
                for (PriceUsage.Section section : kind.definition().priceSections()) {
                    PriceUsage.Section before = byName.putIfAbsent(section.name(), section);
                    if (before != null && !before.equals(section)) {
                        throw new IllegalStateException("two kinds declare the price section " + section.name()
                                + " differently");
                    }
                    declaredBy.merge(section.name(), 1, Integer::sum);
                }
            }
            return byName.values().stream()
                    .sorted(java.util.Comparator.comparing((PriceUsage.Section x) -> declaredBy.get(x.name()) > 1)
                            .thenComparing(x -> !x.byInstanceType()))
                    .map(Usage::new).toArray(Usage[]::new);
        }

        /** Every section, in the table's order. */
        public static Usage[] values() {
            return ALL.clone();
        }

        /** The section of this name. */
        public static Usage of(String key) {
            Usage usage = find(key);
            if (usage == null) {
                throw new IllegalArgumentException("no price section " + key);
            }
            return usage;
        }

        /** The section of this name; null when there is none. */
        static Usage find(String key) {
            for (Usage usage : ALL) {
                if (usage.key().equals(key)) {
                    return usage;
                }
            }
            return null;
        }

        /** The section name in the YAML file. */
        String key() {
            return section.name();
        }

        /** Whether {@code name} can be a key of this section. */
        boolean accepts(String name) {
            return section.keys().matcher(name).matches();
        }

        /** What a key of this section looks like. */
        String keyHelp() {
            return section.keyHelp();
        }

        String example() {
            return section.example();
        }

        /** Whether its keys are instance types. */
        boolean byInstanceType() {
            return section.byInstanceType();
        }

        @Override
        public String toString() {
            return key();
        }
    }

    static final String RESOURCE = "/dev/sweeper/config/prices.yaml";
    static final Path SOURCE_TREE_FILE = Path.of("config", "prices.yaml");

    private static final Object BUNDLED_LOCK = new Object();
    private static PriceTable bundled;

    private final String source;
    private final String takenOn;
    private final String region;
    private final Map<Usage, Map<String, Double>> home;
    private final Map<String, Map<Usage, Map<String, Double>>> regional;
    private final Map<Usage, java.util.Set<String>> unpriced;

    PriceTable(String source, String takenOn, String region,
               Map<Usage, Map<String, Double>> home,
               Map<String, Map<Usage, Map<String, Double>>> regional,
               Map<Usage, java.util.Set<String>> unpriced) {
        Map<Usage, java.util.Set<String>> none = new LinkedHashMap<>();
        for (Usage usage : Usage.values()) {
            java.util.Set<String> names = unpriced.get(usage);
            none.put(usage, names == null ? java.util.Set.of()
                    : Collections.unmodifiableSet(new java.util.TreeSet<>(names)));
        }
        this.unpriced = Collections.unmodifiableMap(none);
        this.source = Objects.requireNonNull(source, "source");
        this.takenOn = Objects.requireNonNull(takenOn, "takenOn");
        this.region = Objects.requireNonNull(region, "region");
        this.home = freeze(home);
        Map<String, Map<Usage, Map<String, Double>>> regions = new TreeMap<>();
        regional.forEach((r, sections) -> {
            if (!r.equals(region) && sections.values().stream().anyMatch(m -> !m.isEmpty())) {
                regions.put(r, freeze(sections));
            }
        });
        this.regional = Collections.unmodifiableMap(regions);
    }

    /**
     * The table shipped in the jar: classpath resource {@value #RESOURCE} (the build copies
     * {@code config/prices.yaml} there). When the resource is missing, as when running from the
     * source tree before packaging, {@code config/prices.yaml} relative to the working directory
     * is read instead.
     *
     * @throws PriceTableException when neither exists or the table does not validate
     */
    public static PriceTable bundled() {
        synchronized (BUNDLED_LOCK) {
            if (bundled == null) {
                bundled = readBundled();
            }
            return bundled;
        }
    }

    /**
     * A team's own table in the same format ({@code --prices FILE}). The result is the bundled
     * table overridden by the file: the entries the file names win, the rest fall back to the
     * bundled ones. {@link #takenOn()} and {@link #source()} are the file's.
     *
     * @throws PriceTableException with a one-line message naming the file, key and value
     */
    public static PriceTable load(Path file) throws PriceTableException {
        Objects.requireNonNull(file, "file");
        return bundled().overriddenBy(read(file));
    }

    /**
     * A team's own table in the same format, on its own (not laid over the bundled table): what it does not price
     * is looked up in AWS's price list, then in the bundled table.
     *
     * @throws PriceTableException with a one-line message naming the file, key and value
     */
    public static PriceTable own(Path file) throws PriceTableException {
        return read(Objects.requireNonNull(file, "file"));
    }

    /**
     * This table with {@code other}'s entries laid over it. Entries {@code other} names win,
     * per usage, instance type and region; everything else stays. When {@code other}'s own
     * region differs from this table's, its top-level prices count as prices for that region.
     * The result keeps this table's region and takes {@code other}'s date and source.
     */
    public PriceTable overriddenBy(PriceTable other) {
        Objects.requireNonNull(other, "other");
        Map<Usage, Map<String, Double>> mergedHome = copy(home);
        Map<String, Map<Usage, Map<String, Double>>> mergedRegional = new TreeMap<>();
        regional.forEach((r, sections) -> mergedRegional.put(r, copy(sections)));

        layer(other.region, other.home, mergedHome, mergedRegional);
        other.regional.forEach((r, sections) -> layer(r, sections, mergedHome, mergedRegional));
        Map<Usage, java.util.Set<String>> none = new LinkedHashMap<>();
        for (Usage usage : Usage.values()) {
            java.util.Set<String> names = new java.util.TreeSet<>(unpriced.get(usage));
            names.addAll(other.unpriced.get(usage));
            names.removeAll(mergedHome.get(usage).keySet());
            none.put(usage, names);
        }
        return new PriceTable(other.source, other.takenOn, region, mergedHome, mergedRegional, none);
    }

    /**
     * The hourly price of one instance of {@code instanceType} used as {@code usage} in
     * {@code region}: the region's own price if the table has one, else the table-region price;
     * empty when the type is not listed. A null region means the table's region.
     */
    public OptionalDouble hourly(Usage usage, String instanceType, String region) {
        Objects.requireNonNull(usage, "usage");
        if (instanceType == null) {
            return OptionalDouble.empty();
        }
        String r = normalizeRegion(region);
        if (r != null && !r.equals(this.region)) {
            Map<Usage, Map<String, Double>> own = regional.get(r);
            if (own != null) {
                Double price = own.get(usage).get(instanceType);
                if (price != null) {
                    return OptionalDouble.of(price);
                }
            }
        }
        Double price = home.get(usage).get(instanceType);
        return price == null ? OptionalDouble.empty() : OptionalDouble.of(price);
    }

    /**
     * The region whose price {@link #hourly} gives for {@code region} when it is not that region's own: the table's
     * region, where {@code region} has no price of its own for this usage and key but the table region has one. Null
     * when the price is the region's own (or the table's region was asked for), and when there is no price at all.
     */
    public String borrowedFrom(Usage usage, String key, String region) {
        Objects.requireNonNull(usage, "usage");
        String r = normalizeRegion(region);
        if (key == null || r == null || r.equals(this.region)) {
            return null;
        }
        Map<Usage, Map<String, Double>> own = regional.get(r);
        if (own != null && own.get(usage).containsKey(key)) {
            return null;
        }
        return home.get(usage).containsKey(key) ? this.region : null;
    }

    /**
     * True when {@code region} has no prices of its own in this table, so that lookups for it
     * use the prices of the table's region ({@link #region()}, us-east-1 for the bundled table).
     * False for the table's own region and for a null region.
     */
    public boolean isRegionFallback(String region) {
        String r = normalizeRegion(region);
        return r != null && !r.equals(this.region) && !regional.containsKey(r);
    }

    /** The date the prices were taken, as written in the table (ISO {@code YYYY-MM-DD}). */
    public String takenOn() {
        return takenOn;
    }

    /** Where the prices come from, as written in the table. */
    public String source() {
        return source;
    }

    /** The region the top-level prices are for. */
    public String region() {
        return region;
    }

    /**
     * USD per GB-month of a storage volume that outlives its compute ({@code notebook} or {@code studio}), as
     * {@link #hourly} looks prices up; empty when the table has none.
     */
    public OptionalDouble perGbMonth(String volume, String region) {
        return hourly(Usage.STORAGE, volume, region);
    }

    /**
     * The names the table lists in {@code unpriced:} for one usage: accepted by the SageMaker API but
     * without a price the table could source. Their cost is unknown (null, with a warning), never a guess.
     */
    public java.util.Set<String> unpriced(Usage usage) {
        return unpriced.get(Objects.requireNonNull(usage, "usage"));
    }

    /** The table-region prices for one usage, instance type to hourly price, read-only. */
    public Map<String, Double> entries(Usage usage) {
        return home.get(Objects.requireNonNull(usage, "usage"));
    }

    @Override
    public String toString() {
        StringBuilder sections = new StringBuilder();
        for (Usage usage : Usage.values()) {
            sections.append(", ").append(usage.key()).append('=').append(home.get(usage).size());
        }
        return "PriceTable[region=" + region + ", takenOn=" + takenOn + sections + ", regions=" + regional.keySet()
                + "]";
    }

    static PriceTable read(Path file) {
        String origin = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            return PriceTableReader.read(in, origin);
        } catch (NoSuchFileException e) {
            throw new PriceTableException(origin, null, null, "no such file", e);
        } catch (IOException e) {
            throw new PriceTableException(origin, null, null, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static PriceTable readBundled() {
        String origin = "classpath:" + RESOURCE;
        try (InputStream in = PriceTable.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                return PriceTableReader.read(in, origin);
            }
        } catch (IOException e) {
            throw new PriceTableException(origin, null, null, "cannot be read: " + e.getMessage(), e);
        }
        if (Files.isRegularFile(SOURCE_TREE_FILE)) {
            return read(SOURCE_TREE_FILE);
        }
        throw new PriceTableException(origin, null, null,
                "not on the classpath, and no " + SOURCE_TREE_FILE + " in " + Path.of("").toAbsolutePath());
    }

    static String normalizeRegion(String region) {
        if (region == null || region.isBlank()) {
            return null;
        }
        return region.strip().toLowerCase(Locale.ROOT);
    }

    private void layer(String sourceRegion, Map<Usage, Map<String, Double>> sections,
                       Map<Usage, Map<String, Double>> mergedHome,
                       Map<String, Map<Usage, Map<String, Double>>> mergedRegional) {
        Map<Usage, Map<String, Double>> target = sourceRegion.equals(region)
                ? mergedHome
                : mergedRegional.computeIfAbsent(sourceRegion, r -> emptySections());
        sections.forEach((usage, prices) -> target.get(usage).putAll(prices));
    }

    static Map<Usage, Map<String, Double>> emptySections() {
        Map<Usage, Map<String, Double>> sections = new LinkedHashMap<>();
        for (Usage usage : Usage.values()) {
            sections.put(usage, new LinkedHashMap<>());
        }
        return sections;
    }

    private static Map<Usage, Map<String, Double>> copy(Map<Usage, Map<String, Double>> sections) {
        Map<Usage, Map<String, Double>> copy = emptySections();
        sections.forEach((usage, prices) -> copy.get(usage).putAll(prices));
        return copy;
    }

    private static Map<Usage, Map<String, Double>> freeze(Map<Usage, Map<String, Double>> sections) {
        Map<Usage, Map<String, Double>> frozen = new LinkedHashMap<>();
        for (Usage usage : Usage.values()) {
            Map<String, Double> prices = sections.get(usage);
            frozen.put(usage, prices == null ? Map.of()
                    : Collections.unmodifiableMap(new LinkedHashMap<>(prices)));
        }
        return Collections.unmodifiableMap(frozen);
    }
}
