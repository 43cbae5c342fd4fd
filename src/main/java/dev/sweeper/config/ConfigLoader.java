package dev.sweeper.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sweeper.core.Durations;
import dev.sweeper.core.LifecycleScript;
import dev.sweeper.core.Policy;
import dev.sweeper.core.RateLimits;
import dev.sweeper.core.RegionCode;
import dev.sweeper.core.Schedule;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the YAML config strictly: an unknown key, a value of the wrong type or out of range is an
 * error naming the file, the key and the value, raised before any AWS call.
 */
public final class ConfigLoader {
    /** An SNS topic ARN, in any partition. */
    public static final Pattern TOPIC_ARN = Pattern.compile(
            "^arn:aws(-[a-z]+)*:sns:" + RegionCode.REGEX + ":\\d{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?$");

    private static final Map<String, Set<String>> SECTIONS = Map.ofEntries(
            Map.entry("", Set.of("regions", "max-actions", "max-concurrency", "audit-log", "prices", "notify", "protection",
                    "endpoints", "notebooks", "apps", "canvas", "hyperpod", "mlflow", "rate-limits", "schedules")),
            Map.entry("schedules.*", Set.of("timezone", "periods", "outside")),
            Map.entry("schedules.*.periods[]", Set.of("days", "start", "end")),
            Map.entry("rate-limits", java.util.Arrays.stream(RateLimits.Family.values()).map(RateLimits.Family::id)
                    .collect(java.util.stream.Collectors.toSet())),
            Map.entry("notify", Set.of("topic-arn")),
            Map.entry("protection", Set.of("tag-key", "tag-value", "name-patterns")),
            Map.entry("endpoints", Set.of("window")),
            Map.entry("notebooks", Set.of("window", "jupyter", "jupyter-log", "metric", "autostop-idle-time",
                    "heartbeat", "require-machine-signal")),
            Map.entry("notebooks.jupyter", Set.of("probe", "ignore-connections")),
            Map.entry("notebooks.metric", Set.of("namespace", "name", "dimension", "statistic", "threshold")),
            Map.entry("apps", Set.of("max-age")),
            Map.entry("canvas", Set.of("window")),
            Map.entry("hyperpod", Set.of("max-age")),
            Map.entry("mlflow", Set.of("max-age")));

    private ConfigLoader() {
    }

    /** Reads a config file; {@code ~/} in its paths expands with this process's {@code $HOME}. */
    public static SweeperConfig load(Path file) {
        return load(file, System.getenv());
    }

    /** Reads a config file; {@code ~/} in its paths expands with {@code $HOME} from {@code env}. */
    public static SweeperConfig load(Path file, Map<String, String> env) {
        String text = read(file);
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory())
                    .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new ConfigException(file + ": not valid YAML" + where + ": " + oneLine(e.getOriginalMessage()));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new SweeperConfig(file, List.of(), null, null, null, null, null, null, null, List.of(), null, null,
                    null, null, Map.of());
        }
        Reader r = new Reader(file);
        ObjectNode top = r.object(root, "");
        r.checkKeys(top, "");
        ObjectNode notify = r.section(top, "notify");
        ObjectNode protection = r.section(top, "protection");
        ObjectNode endpoints = r.section(top, "endpoints");
        ObjectNode notebooks = r.section(top, "notebooks");
        ObjectNode apps = r.section(top, "apps");
        ObjectNode canvas = r.section(top, "canvas");
        ObjectNode hyperpod = r.section(top, "hyperpod");
        ObjectNode mlflow = r.section(top, "mlflow");
        ObjectNode rates = r.section(top, "rate-limits");

        List<String> regions = r.strings(top, "regions", "regions");
        for (String region : regions) {
            if (!RegionCode.PATTERN.matcher(region).matches()) {
                throw r.bad("regions", region, "not an AWS region name (like us-east-1)");
            }
        }
        String topic = r.string(notify, "topic-arn", "notify.topic-arn");
        if (topic != null && !TOPIC_ARN.matcher(topic).matches()) {
            throw r.bad("notify.topic-arn", topic, "not an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME)");
        }
        List<Pattern> patterns = new ArrayList<>();
        for (String p : r.strings(protection, "name-patterns", "protection.name-patterns")) {
            try {
                patterns.add(Pattern.compile(p));
            } catch (PatternSyntaxException e) {
                throw r.bad("protection.name-patterns", p, "not a valid regular expression: " + e.getDescription());
            }
        }
        SweeperConfig.Notebooks notebookSignals = notebookSignals(r, notebooks);
        Integer maxActions = r.integer(top, "max-actions", "max-actions", 0, 100_000);
        Integer maxConcurrency = r.integer(top, "max-concurrency", "max-concurrency", 1, 64);
        String tagKey = r.string(protection, "tag-key", "protection.tag-key");
        if (tagKey != null && tagKey.isBlank()) {
            throw r.bad("protection.tag-key", tagKey, "must not be empty");
        }
        String audit = r.string(top, "audit-log", "audit-log");
        String prices = r.string(top, "prices", "prices");
        Path base = file.toAbsolutePath().getParent();
        return new SweeperConfig(file, regions, maxActions, maxConcurrency,
                audit == null ? null : audit.startsWith("cloudwatch-logs:") ? auditLogGroup(r, audit)
                        : resolve(base, audit, env, "audit-log"),
                prices == null ? null : resolve(base, prices, env, "prices"),
                topic, tagKey, r.string(protection, "tag-value", "protection.tag-value"), patterns,
                r.duration(endpoints, "window", "endpoints.window"),
                r.duration(notebooks, "window", "notebooks.window"), notebookSignals,
                r.duration(apps, "max-age", "apps.max-age"), rateLimits(r, rates), schedules(r, top),
                r.duration(hyperpod, "max-age", "hyperpod.max-age"), r.duration(mlflow, "max-age", "mlflow.max-age"),
                r.duration(canvas, "window", "canvas.window"));
    }

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
    private static Map<String, Schedule> schedules(Reader r, ObjectNode top) {
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

    private static java.util.Set<java.time.DayOfWeek> days(Reader r, List<String> names, String key) {
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

    private static java.time.LocalTime time(Reader r, String text, String key, boolean end) {
        if (text.matches("\\d:[0-5]\\d")) {
            throw r.bad(key, text, "not a time of day HH:MM: use 0" + text);
        }
        if (!TIME.matcher(text).matches()) {
            throw r.bad(key, text, "not a time of day HH:MM (quote it in YAML: \"07:00\")" + (end ? "; 24:00 for midnight" : ""));
        }
        return java.time.LocalTime.parse(text);
    }

    /** Requests a second per family of operations; each must be above 0. */
    private static Map<RateLimits.Family, Double> rateLimits(Reader r, ObjectNode rates) {
        Map<RateLimits.Family, Double> out = new java.util.EnumMap<>(RateLimits.Family.class);
        for (RateLimits.Family f : RateLimits.Family.values()) {
            Double v = r.number(rates, f.id(), "rate-limits." + f.id());
            if (v != null) {
                try {
                    out.put(f, RateLimits.checked(v, String.valueOf(v)));
                } catch (IllegalArgumentException e) {
                    throw r.bad("rate-limits." + f.id(), v, "must be above 0 and at most "
                            + (long) RateLimits.MAX + " requests a second");
                }
            }
        }
        return out;
    }

    /**
     * The notebook signals. The CPU threshold of earlier versions is refused by name: it judged a
     * CPUUtilization metric AWS does not publish for notebook instances, so silently ignoring it
     * would change verdicts without a word.
     */
    private static SweeperConfig.Notebooks notebookSignals(Reader r, ObjectNode notebooks) {
        if (notebooks == null) {
            return SweeperConfig.Notebooks.UNSET;
        }
        ObjectNode jupyter = r.nested(notebooks, "jupyter", "notebooks.jupyter");
        Boolean probe = r.bool(jupyter, "probe", "notebooks.jupyter.probe");
        Boolean ignore = r.bool(jupyter, "ignore-connections", "notebooks.jupyter.ignore-connections");
        Boolean log = r.bool(notebooks, "jupyter-log", "notebooks.jupyter-log");
        ObjectNode metric = r.nested(notebooks, "metric", "notebooks.metric");
        Policy.MetricRule rule = null;
        if (metric != null) {
            String ns = r.required(metric, "namespace", "notebooks.metric");
            String name = r.required(metric, "name", "notebooks.metric");
            String dimension = r.string(metric, "dimension", "notebooks.metric.dimension");
            String statistic = r.string(metric, "statistic", "notebooks.metric.statistic");
            if (statistic != null && !STATISTICS.contains(statistic)) {
                throw r.bad("notebooks.metric.statistic", statistic, "not one of " + String.join(", ", STATISTICS));
            }
            Double threshold = r.number(metric, "threshold", "notebooks.metric.threshold");
            if (threshold == null) {
                throw new ConfigException(r.file + ": notebooks.metric.threshold: required (at or above it is activity)");
            }
            rule = new Policy.MetricRule(ns, name, dimension == null ? "NotebookInstanceName" : dimension,
                    statistic == null ? "Maximum" : statistic, threshold);
        }
        Duration idle = r.duration(notebooks, "autostop-idle-time", "notebooks.autostop-idle-time");
        if (idle != null && (idle.compareTo(LifecycleScript.MIN_IDLE) < 0 || idle.compareTo(LifecycleScript.MAX_IDLE) > 0)) {
            throw r.bad("notebooks.autostop-idle-time", Durations.format(idle), "must be from "
                    + Durations.format(LifecycleScript.MIN_IDLE) + " to " + Durations.format(LifecycleScript.MAX_IDLE));
        }
        Boolean heartbeat = r.bool(notebooks, "heartbeat", "notebooks.heartbeat");
        Boolean requireMachine = r.bool(notebooks, "require-machine-signal", "notebooks.require-machine-signal");
        return new SweeperConfig.Notebooks(probe, ignore, log, rule, idle, heartbeat, requireMachine);
    }

    private static final List<String> STATISTICS = List.of("Average", "Maximum", "Minimum", "Sum", "SampleCount");

    /** YAML parser messages span several lines with a caret drawing; keep the words. */
    static String oneLine(String message) {
        return message.lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .map(String::strip).reduce((a, b) -> a + "; " + b).orElse("");
    }

    /** {@code cloudwatch-logs:GROUP}, kept as written (not a file under the config's directory), the name checked. */
    private static Path auditLogGroup(Reader r, String value) {
        String group = value.substring("cloudwatch-logs:".length());
        if (!group.matches("[.\\-_/#A-Za-z0-9]{1,512}")) {
            throw r.bad("audit-log", value, "not a CloudWatch Logs group name after cloudwatch-logs: (1-512 of letters,"
                    + " digits and . - _ / #)");
        }
        return Path.of(value);
    }

    private static Path resolve(Path base, String path, Map<String, String> env, String key) {
        String expanded;
        try {
            expanded = UserDirs.expandTilde(path, env);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + ": " + e.getMessage());
        }
        Path p = Path.of(expanded);
        return p.isAbsolute() || base == null ? p : base.resolve(p);
    }

    private static String read(Path file) {
        byte[] bytes;
        if (Files.isDirectory(file)) {
            throw new ConfigException(file + ": is a directory, not a config file");
        }
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": config file not found");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read config file: " + e.getMessage());
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(file + ": not UTF-8 text");
        }
    }

    /** Typed, strict access to the tree, with errors that name file, key and value. */
    private static final class Reader {
        private final Path file;

        Reader(Path file) {
            this.file = file;
        }

        ConfigException bad(String key, Object value, String why) {
            String verb = why.startsWith("must") ? " " : " is ";
            return new ConfigException(file + ": " + key + ": '" + value + "'" + verb + why);
        }

        ObjectNode object(JsonNode node, String key) {
            if (!(node instanceof ObjectNode o)) {
                throw new ConfigException(file + ": " + (key.isEmpty() ? "the file" : key)
                        + " must be a mapping of keys to values");
            }
            return o;
        }

        void checkKeys(ObjectNode node, String section) {
            checkKeys(node, section, section);
        }

        /** @param where the key as the file spells it, where {@code section} is a pattern (schedules.*) */
        void checkKeys(ObjectNode node, String section, String where) {
            Set<String> known = SECTIONS.get(section);
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (section.equals("notebooks") && key.equals("cpu-threshold-percent")) {
                    throw new ConfigException(file + ": notebooks.cpu-threshold-percent: no longer supported: AWS"
                            + " publishes no CPUUtilization for notebook instances; remove it (the Jupyter server is"
                            + " read instead), or set notebooks.metric to judge by a metric your team publishes");
                }
                if (!known.contains(key)) {
                    String full = where.isEmpty() ? key : where + "." + key;
                    String near = dev.sweeper.core.Suggestions.closest(key, known)
                            .map(k -> "did you mean '" + (where.isEmpty() ? k : where + "." + k) + "'? ").orElse("");
                    throw new ConfigException(file + ": unknown key '" + full + "' (" + near + "known: "
                            + String.join(", ", known.stream().sorted().toList()) + ")");
                }
            }
        }

        ObjectNode section(ObjectNode top, String name) {
            JsonNode n = top.get(name);
            if (n == null || n.isNull()) {
                return null;
            }
            ObjectNode o = object(n, name);
            checkKeys(o, name);
            return o;
        }

        ObjectNode nested(ObjectNode parent, String key, String full) {
            JsonNode n = parent == null ? null : parent.get(key);
            if (n == null || n.isNull()) {
                return null;
            }
            ObjectNode o = object(n, full);
            checkKeys(o, full);
            return o;
        }

        String required(ObjectNode node, String key, String section) {
            String v = string(node, key, section + "." + key);
            if (v == null || v.isBlank()) {
                throw new ConfigException(file + ": " + section + "." + key + ": required");
            }
            return v;
        }

        Boolean bool(ObjectNode node, String key, String full) {
            JsonNode n = node == null ? null : node.get(key);
            if (n == null || n.isNull()) {
                return null;
            }
            if (!n.isBoolean()) {
                throw bad(full, n.asText(), "not true or false");
            }
            return n.asBoolean();
        }

        String string(ObjectNode node, String key, String full) {
            JsonNode n = node == null ? null : node.get(key);
            if (n == null || n.isNull()) {
                return null;
            }
            if (!n.isValueNode() || n.isBoolean()) {
                throw bad(full, n, "not a string");
            }
            return n.asText();
        }

        List<String> strings(ObjectNode node, String key, String full) {
            JsonNode n = node == null ? null : node.get(key);
            if (n == null || n.isNull()) {
                return List.of();
            }
            if (n.isTextual()) {
                return List.of(n.asText().split("\\s*,\\s*"));
            }
            if (!n.isArray()) {
                throw bad(full, n, "not a list of strings");
            }
            List<String> out = new ArrayList<>();
            for (JsonNode item : n) {
                if (!item.isTextual()) {
                    throw bad(full, item, "not a string");
                }
                out.add(item.asText());
            }
            return out;
        }

        Double number(ObjectNode node, String key, String full) {
            JsonNode n = node == null ? null : node.get(key);
            if (n == null || n.isNull()) {
                return null;
            }
            if (!n.isNumber()) {
                throw bad(full, n.asText(), "not a number");
            }
            return n.asDouble();
        }

        Integer integer(ObjectNode node, String key, String full, int min, int max) {
            JsonNode n = node == null ? null : node.get(key);
            if (n == null || n.isNull()) {
                return null;
            }
            if (!n.isIntegralNumber()) {
                throw bad(full, n.asText(), "not a whole number");
            }
            long v = n.asLong();
            if (v < min || v > max) {
                throw bad(full, v, "out of range (" + min + " to " + max + ")");
            }
            return (int) v;
        }

        Duration duration(ObjectNode node, String key, String full) {
            String text = string(node, key, full);
            if (text == null) {
                return null;
            }
            try {
                return Durations.parseWindow(text);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(file + ": " + full + ": " + e.getMessage());
            }
        }
    }
}
