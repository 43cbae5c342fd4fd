package dev.sweeper.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sweeper.core.Durations;
import dev.sweeper.core.Kind;
import dev.sweeper.core.LifecycleScript;
import dev.sweeper.core.Policy;
import dev.sweeper.core.RateLimits;
import dev.sweeper.core.RegionCode;
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

    private static final Map<String, Set<String>> SECTIONS = sections();

    /**
     * Every section and its keys; each kind's window and age rule in the section its definition names
     * ({@code endpoints.window}, {@code apps.max-age}), with the other keys of that section (the notebooks').
     */
    private static Map<String, Set<String>> sections() {
        Map<String, Set<String>> sections = new java.util.HashMap<>(Map.ofEntries(
                Map.entry("", Set.of("regions", "max-actions", "max-concurrency", "audit-log", "prices", "notify",
                        "protection", "rate-limits", "schedules")),
                Map.entry("schedules.*", Set.of("timezone", "periods", "outside")),
                Map.entry("schedules.*.periods[]", Set.of("days", "start", "end")),
                Map.entry("rate-limits", java.util.Arrays.stream(RateLimits.Family.values()).map(RateLimits.Family::id)
                        .collect(java.util.stream.Collectors.toSet())),
                Map.entry("notify", Set.of("topic-arn")),
                Map.entry("protection", Set.of("tag-key", "tag-value", "name-patterns")),
                Map.entry("notebooks", Set.of("jupyter", "jupyter-log", "metric", "autostop-idle-time",
                        "heartbeat", "require-machine-signal", "autostop-cpu-percent", "autostop-gpu-percent",
                        "autostop-process-user")),
                Map.entry("notebooks.jupyter", Set.of("probe", "ignore-connections")),
                Map.entry("notebooks.metric", Set.of("namespace", "name", "dimension", "statistic", "threshold"))));
        for (String key : kindKeys()) {
            int dot = key.lastIndexOf('.');
            sections.merge("", Set.of(key.substring(0, dot)), ConfigLoader::union);
            sections.merge(key.substring(0, dot), Set.of(key.substring(dot + 1)), ConfigLoader::union);
        }
        return Map.copyOf(sections);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new java.util.HashSet<>(a);
        out.addAll(b);
        return Set.copyOf(out);
    }

    /** The window and age-rule keys the kinds' definitions name, in the order of the kinds. */
    private static List<String> kindKeys() {
        List<String> keys = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            if (kind.definition().windowKey() != null) {
                keys.add(kind.definition().windowKey());
            }
            if (kind.definition().ageRuleKey() != null) {
                keys.add(kind.definition().ageRuleKey());
            }
        }
        return keys;
    }

    /** A kind's window or age rule: {@code key} is {@code <section>.<name>}; null when the key is null or not set. */
    private static Duration kindRule(ConfigReader r, ObjectNode top, String key) {
        if (key == null) {
            return null;
        }
        int dot = key.lastIndexOf('.');
        return r.duration(r.section(top, key.substring(0, dot)), key.substring(dot + 1), key);
    }

    private ConfigLoader() {
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
            return new SweeperConfig(file, List.of(), null, null, null, null, null, null, null, List.of(), Map.of(), null,
                    Map.of(), Map.of(), Map.of());
        }
        ConfigReader r = new ConfigReader(file, SECTIONS);
        ObjectNode top = r.object(root, "");
        r.checkKeys(top, "");
        ObjectNode notify = r.section(top, "notify");
        ObjectNode protection = r.section(top, "protection");
        for (String key : kindKeys()) { // unknown keys of the kinds' sections first, as of the others
            r.section(top, key.substring(0, key.lastIndexOf('.')));
        }
        ObjectNode notebooks = r.section(top, "notebooks");
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
        Map<Kind, Duration> windows = new java.util.EnumMap<>(Kind.class);
        Map<Kind, Duration> maxAges = new java.util.EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            windows.put(kind, kindRule(r, top, kind.definition().windowKey()));
            maxAges.put(kind, kindRule(r, top, kind.definition().ageRuleKey()));
        }
        return new SweeperConfig(file, regions, maxActions, maxConcurrency,
                audit == null ? null : audit.startsWith("cloudwatch-logs:") ? auditLogGroup(r, audit)
                        : resolve(base, audit, env, "audit-log"),
                prices == null ? null : resolve(base, prices, env, "prices"),
                topic, tagKey, r.string(protection, "tag-value", "protection.tag-value"), patterns,
                windows, notebookSignals, maxAges, rateLimits(r, rates), ScheduleSection.read(r, top));
    }

    /** Requests a second per family of operations; each must be above 0. */
    private static Map<RateLimits.Family, Double> rateLimits(ConfigReader r, ObjectNode rates) {
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
    private static SweeperConfig.Notebooks notebookSignals(ConfigReader r, ObjectNode notebooks) {
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
        Integer cpu = r.integer(notebooks, "autostop-cpu-percent", "notebooks.autostop-cpu-percent", 1, 100);
        Integer gpu = r.integer(notebooks, "autostop-gpu-percent", "notebooks.autostop-gpu-percent", 1, 100);
        String user = r.string(notebooks, "autostop-process-user", "notebooks.autostop-process-user");
        if (user != null && !LifecycleScript.PROCESS_USER.matcher(user).matches()) {
            throw r.bad("notebooks.autostop-process-user", user, "not a Linux user name (lower-case letters, digits,"
                    + " _ and -, starting with a letter or _, at most 32)");
        }
        return new SweeperConfig.Notebooks(probe, ignore, log, rule, idle, heartbeat, requireMachine, cpu, gpu, user);
    }

    private static final List<String> STATISTICS = List.of("Average", "Maximum", "Minimum", "Sum", "SampleCount");

    /** YAML parser messages span several lines with a caret drawing; keep the words. */
    static String oneLine(String message) {
        return message.lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .map(String::strip).reduce((a, b) -> a + "; " + b).orElse("");
    }

    /** {@code cloudwatch-logs:GROUP}, kept as written (not a file under the config's directory), the name checked. */
    private static Path auditLogGroup(ConfigReader r, String value) {
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
}
