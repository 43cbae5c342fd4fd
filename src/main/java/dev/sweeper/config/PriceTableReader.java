package dev.sweeper.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.sweeper.config.PriceTable.Usage;
import dev.sweeper.core.RegionCode;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Parses and validates the YAML price-table format; every problem becomes a {@link PriceTableException}. */
final class PriceTableReader {

    static final Pattern INSTANCE_TYPE = dev.sweeper.core.PriceUsage.Section.INSTANCE_TYPE; // ml.p6-b200.48xlarge too
    static final String DEFAULT_REGION = "us-east-1";

    /** The sections the kinds declare: {@code hosting, notebook, ..., storage}. */
    private static final String USAGE_KEYS = java.util.Arrays.stream(Usage.values()).map(Usage::key)
            .collect(java.util.stream.Collectors.joining(", "));
    private static final String TOP_LEVEL_KEYS = "source, takenOn, region, " + USAGE_KEYS + ", unpriced, regions";
    private static final int MAX_VALUE_CHARS = 60;

    // A repeated key is almost always a copy-paste slip whose second value silently wins; refuse it.
    // "hosting:" with nothing after it is an empty section, not an empty string.
    private static final ObjectMapper MAPPER = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .build())
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private final String origin;

    private PriceTableReader(String origin) {
        this.origin = origin;
    }

    static PriceTable read(InputStream in, String origin) {
        return new PriceTableReader(origin).read(in);
    }

    private PriceTable read(InputStream in) {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (JacksonException e) {
            throw new PriceTableException(origin, null, null, "not valid YAML: " + describe(e), e);
        } catch (IOException e) {
            throw new PriceTableException(origin, null, null, "cannot be read: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new PriceTableException(origin, null, null, "is empty");
        }
        if (!root.isObject()) {
            throw new PriceTableException(origin, null, show(root),
                    "the top level must be a mapping with the keys " + TOP_LEVEL_KEYS);
        }

        String source = null;
        String takenOn = null;
        String region = DEFAULT_REGION;
        Map<Usage, Map<String, Double>> home = PriceTable.emptySections();
        Map<String, Map<Usage, Map<String, Double>>> regional = new TreeMap<>();
        Map<Usage, java.util.Set<String>> unpriced = new LinkedHashMap<>();

        for (Map.Entry<String, JsonNode> field : root.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            switch (key) {
                case "source" -> source = scalar(key, value);
                case "takenOn" -> takenOn = date(key, value);
                case "region" -> region = region(key, value);
                case "regions" -> regional = regions(key, value);
                case "unpriced" -> unpriced = unpriced(key, value);
                default -> {
                    Usage usage = usage(key);
                    if (usage == null) {
                        throw new PriceTableException(origin, key, show(value),
                                "unknown key; expected one of " + TOP_LEVEL_KEYS);
                    }
                    home.put(usage, prices(usage, key, value));
                }
            }
        }
        if (takenOn == null) {
            throw new PriceTableException(origin, "takenOn", null,
                    "missing; say when these prices were taken, as YYYY-MM-DD");
        }
        if (regional.containsKey(region)) {
            throw new PriceTableException(origin, "regions." + region, null,
                    "is the table's own region; put its prices in the top-level sections");
        }
        for (Map.Entry<Usage, java.util.Set<String>> e : unpriced.entrySet()) {
            for (String name : e.getValue()) {
                if (home.get(e.getKey()).containsKey(name)) {
                    throw new PriceTableException(origin, "unpriced." + e.getKey().key(), name,
                            "is also priced in " + e.getKey().key() + "; a name is either priced or unpriced");
                }
            }
        }
        return new PriceTable(source == null ? origin : source, takenOn, region, home, regional, unpriced);
    }

    /** {@code unpriced:}: per usage, the names the SageMaker API accepts that have no sourced price. */
    private Map<Usage, java.util.Set<String>> unpriced(String key, JsonNode node) {
        Map<Usage, java.util.Set<String>> unpriced = new LinkedHashMap<>();
        if (node.isNull()) {
            return unpriced;
        }
        if (!node.isObject()) {
            throw new PriceTableException(origin, key, show(node),
                    "must be a mapping of usage (" + USAGE_KEYS + ") to a list of names without a price");
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String path = key + "." + field.getKey();
            Usage usage = usage(field.getKey());
            if (usage == null) {
                throw new PriceTableException(origin, path, show(field.getValue()),
                        "unknown usage section; expected one of " + USAGE_KEYS);
            }
            JsonNode list = field.getValue();
            java.util.Set<String> names = new java.util.LinkedHashSet<>();
            if (!list.isNull()) {
                if (!list.isArray()) {
                    throw new PriceTableException(origin, path, show(list), "must be a list, e.g. [ml.p5.48xlarge]");
                }
                for (JsonNode item : list) {
                    String name = item.isTextual() ? item.asText() : null;
                    if (name == null || !usage.accepts(name)) {
                        throw new PriceTableException(origin, path, show(item),
                                "not a name of this section (expected " + usage.keyHelp() + ")");
                    }
                    if (!names.add(name)) {
                        throw new PriceTableException(origin, path, name, "is listed twice");
                    }
                }
            }
            unpriced.put(usage, names);
        }
        return unpriced;
    }

    private Map<String, Map<Usage, Map<String, Double>>> regions(String key, JsonNode node) {
        Map<String, Map<Usage, Map<String, Double>>> regions = new TreeMap<>();
        if (node.isNull()) {
            return regions;
        }
        if (!node.isObject()) {
            throw new PriceTableException(origin, key, show(node),
                    "must be a mapping of region (e.g. eu-west-1) to " + USAGE_KEYS + " sections");
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String region = field.getKey();
            String path = key + "." + region;
            JsonNode sections = field.getValue();
            if (!RegionCode.PATTERN.matcher(region).matches()) {
                throw new PriceTableException(origin, path, show(sections),
                        "not a region code (expected e.g. eu-west-1)");
            }
            Map<Usage, Map<String, Double>> prices = PriceTable.emptySections();
            if (!sections.isNull()) {
                if (!sections.isObject()) {
                    throw new PriceTableException(origin, path, show(sections),
                            "must be a mapping with the sections " + USAGE_KEYS);
                }
                for (Map.Entry<String, JsonNode> section : sections.properties()) {
                    Usage usage = usage(section.getKey());
                    if (usage == null) {
                        throw new PriceTableException(origin, path + "." + section.getKey(),
                                show(section.getValue()), "unknown usage section; expected one of " + USAGE_KEYS);
                    }
                    prices.put(usage, prices(usage, path + "." + section.getKey(), section.getValue()));
                }
            }
            regions.put(region, prices);
        }
        return regions;
    }

    private Map<String, Double> prices(Usage usage, String path, JsonNode node) {
        Map<String, Double> prices = new LinkedHashMap<>();
        if (node.isNull()) {
            return prices;
        }
        if (!node.isObject()) {
            throw new PriceTableException(origin, path, show(node), usage.byInstanceType()
                    ? "must be a mapping of instance type to hourly price, e.g. ml.m5.xlarge: 0.23"
                    : "must be a mapping of " + usage.keyHelp() + " to price, e.g. " + usage.example());
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String type = field.getKey();
            JsonNode value = field.getValue();
            String key = path + "." + type;
            if (!usage.accepts(type)) {
                throw new PriceTableException(origin, key, show(value), usage.byInstanceType()
                        ? "not an instance type name (expected ml.<family>.<size>, e.g. ml.m5.xlarge)"
                        : "not a key of the " + usage.key() + " section (expected " + usage.keyHelp() + ")");
            }
            if (!value.isNumber()) {
                throw new PriceTableException(origin, key, show(value), "the price is not a number");
            }
            double price = value.doubleValue();
            if (!Double.isFinite(price)) {
                throw new PriceTableException(origin, key, show(value), "the price is not a finite number");
            }
            if (price < 0) {
                throw new PriceTableException(origin, key, show(value), "the price is negative");
            }
            prices.put(type, price);
        }
        return prices;
    }

    private String scalar(String key, JsonNode node) {
        if (!node.isValueNode() || node.isNull() || node.asText().isBlank()) {
            throw new PriceTableException(origin, key, show(node), "must be a non-empty text");
        }
        return node.asText().strip();
    }

    private String date(String key, JsonNode node) {
        String text = scalar(key, node);
        try {
            return LocalDate.parse(text).toString();
        } catch (DateTimeParseException e) {
            throw new PriceTableException(origin, key, show(node), "not a date; write it as YYYY-MM-DD", e);
        }
    }

    private String region(String key, JsonNode node) {
        String text = scalar(key, node);
        if (!RegionCode.PATTERN.matcher(text).matches()) {
            throw new PriceTableException(origin, key, show(node), "not a region code (expected e.g. us-east-1)");
        }
        return text;
    }

    private static Usage usage(String key) {
        return Usage.find(key);
    }

    private static String show(JsonNode node) {
        String text = node.isValueNode() ? node.asText() : node.toString();
        if (node.isNull()) {
            text = "(empty)";
        }
        text = PriceTableException.oneLine(text);
        return text.length() > MAX_VALUE_CHARS ? text.substring(0, MAX_VALUE_CHARS) + "..." : text;
    }

    private static String describe(JacksonException e) {
        StringBuilder sb = new StringBuilder(PriceTableException.oneLine(String.valueOf(e.getOriginalMessage())));
        JsonLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            sb.append(" (line ").append(location.getLineNr()).append(", column ")
                    .append(location.getColumnNr()).append(')');
        }
        return sb.toString();
    }
}
