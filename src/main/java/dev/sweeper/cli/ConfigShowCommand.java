package dev.sweeper.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sweeper.audit.JsonlAuditLog;
import dev.sweeper.aws.AwsRegions;
import dev.sweeper.config.ConfigLoader;
import dev.sweeper.config.SweeperConfig;
import dev.sweeper.config.UserDirs;
import dev.sweeper.core.Durations;
import dev.sweeper.core.RateLimits;
import dev.sweeper.core.Policy;
import dev.sweeper.report.OutputFormat;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Print the settings in effect: every config key, its value, and where it comes from.",
            "The source is the default, the config file, --region, or an environment variable. Reads no AWS API."})
final class ConfigShowCommand implements Callable<Integer> {
    static final String DEFAULT = "default";

    @Mixin
    AwsOptions aws;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    private final Environment environment;

    ConfigShowCommand(Environment environment) {
        this.environment = environment;
    }

    /** One row: a config key, its effective value (null: unset), and where that value comes from. */
    record Setting(String key, Object value, String source) {
    }

    @Override
    public Integer call() {
        ConfigDiscovery.Located located = ConfigDiscovery.locate(aws.config, environment.env(), Path.of(""));
        SweeperConfig config = located == null ? SweeperConfig.empty()
                : ConfigLoader.load(located.file(), environment.env());
        String file = located == null ? null : located.file().toString();
        List<Setting> settings = settings(config, file, environment.env());

        PrintWriter out = spec.commandLine().getOut();
        switch (format(environment)) {
            case JSON -> json(out, located, environment, settings);
            case CSV -> csv(out, settings);
            default -> table(out, located, environment, settings);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** Every key of config/sweeper.example.yaml, in its order, with the value a sweeping command would use. */
    List<Setting> settings(SweeperConfig c, String file, Map<String, String> env) {
        Policy d = Policy.defaults();
        List<Setting> s = new ArrayList<>();
        s.add(regions(c, file, env));
        s.add(pick("max-actions", c.maxActions(), file, SweepCommand.DEFAULT_MAX_ACTIONS));
        s.add(pick("max-concurrency", c.maxConcurrency(), file, SweepCommand.DEFAULT_MAX_CONCURRENCY));
        s.add(c.auditLog() != null ? new Setting("audit-log", path(c.auditLog()), file)
                : new Setting("audit-log", path(JsonlAuditLog.defaultPath(env)),
                        UserDirs.isSet(env, "XDG_STATE_HOME") ? "env XDG_STATE_HOME"
                                : UserDirs.home(env).isPresent() ? DEFAULT : "(HOME is not set: give --audit-log)"));
        s.add(pick("prices", path(c.prices()), file, "(bundled config/prices.yaml)"));
        s.add(pick("notify.topic-arn", c.topicArn(), file, null));
        s.add(pick("protection.tag-key", c.protectTagKey(), file, d.protectTagKey()));
        s.add(pick("protection.tag-value", c.protectTagValue(), file, d.protectTagValue()));
        s.add(pick("protection.name-patterns",
                c.protectedNamePatterns().isEmpty() ? null : c.protectedNamePatterns().stream().map(Pattern::pattern).toList(),
                file, d.protectedNamePatterns().stream().map(Pattern::pattern).toList()));
        s.add(pick("endpoints.window", duration(c.endpointWindow()), file, duration(d.endpointWindow())));
        s.add(pick("notebooks.window", duration(c.notebookWindow()), file, duration(d.notebookWindow())));
        SweeperConfig.Notebooks nb = c.notebooks();
        s.add(pick("notebooks.jupyter.probe", nb.jupyterProbe(), file, d.notebookSignals().jupyterProbe()));
        s.add(pick("notebooks.jupyter.ignore-connections", nb.ignoreConnections(), file,
                d.notebookSignals().ignoreConnections()));
        s.add(pick("notebooks.jupyter-log", nb.jupyterLog(), file, d.notebookSignals().jupyterLog()));
        s.add(pick("notebooks.metric", nb.metric() == null ? null : nb.metric().namespace() + "/" + nb.metric().name()
                + " " + nb.metric().dimension() + " " + nb.metric().statistic() + " >= " + nb.metric().threshold(),
                file, null));
        s.add(pick("apps.max-age", duration(c.appMaxAge()), file, duration(d.appMaxAge())));
        for (RateLimits.Family f : RateLimits.Family.values()) {
            Double rate = c.rateLimits().get(f);
            if (aws.tps != null) {
                s.add(new Setting("rate-limits." + f.id(), aws.rateLimits(c.rateLimits()).of(f), "--tps"));
            } else {
                s.add(pick("rate-limits." + f.id(), rate, file, RateLimits.DEFAULTS.of(f)));
            }
        }
        return s;
    }

    /** The same order SweepCommand uses: --region, the config, AWS_REGION/AWS_DEFAULT_REGION, the profile. */
    private Setting regions(SweeperConfig c, String file, Map<String, String> env) {
        if (!aws.regions.isEmpty()) {
            return new Setting("regions", aws.regions.stream().map(String::trim).toList(), "--region");
        }
        if (!c.regions().isEmpty()) {
            return new Setting("regions", c.regions(), file);
        }
        for (String var : new String[] {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
            String v = env.get(var);
            if (v != null && !v.isBlank()) {
                return new Setting("regions", List.of(v.trim()), "env " + var);
            }
        }
        Map<String, String> profileOnly = new HashMap<>(env);
        profileOnly.remove("AWS_REGION");
        profileOnly.remove("AWS_DEFAULT_REGION");
        String profile = aws.profile != null ? aws.profile : env.getOrDefault("AWS_PROFILE", "default");
        return AwsRegions.defaultRegion(aws.profile, profileOnly)
                .map(r -> new Setting("regions", List.of(r), "profile " + profile))
                .orElse(new Setting("regions", null, DEFAULT));
    }

    private static Setting pick(String key, Object fromFile, String file, Object fallback) {
        return fromFile != null ? new Setting(key, fromFile, file) : new Setting(key, fallback, DEFAULT);
    }

    private static String duration(Duration d) {
        return Durations.format(d);
    }

    private static String path(Path p) {
        return p == null ? null : p.toString();
    }

    private OutputFormat format(Environment environment) {
        if (output.output == null) {
            return environment.stdoutIsTerminal() ? OutputFormat.TABLE : OutputFormat.JSON;
        }
        try {
            return OutputFormat.parse(output.output);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--output '" + output.output + "' is not one of table, json, csv");
        }
    }

    private static String shown(Object value) {
        if (value == null) {
            return "-";
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "[]" : String.join(", ", list.stream().map(String::valueOf).toList());
        }
        if (value instanceof Double n && n == Math.rint(n)) {
            return String.valueOf(n.longValue());
        }
        return String.valueOf(value);
    }

    private static void table(PrintWriter out, ConfigDiscovery.Located located, Environment environment,
                              List<Setting> settings) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"KEY", "VALUE", "SOURCE"});
        for (Setting s : settings) {
            rows.add(new String[] {s.key(), shown(s.value()), s.source()});
        }
        int[] widths = new int[3];
        for (String[] row : rows) {
            for (int i = 0; i < 3; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            out.println((pad(row[0], widths[0]) + "  " + pad(row[1], widths[1]) + "  " + row[2]).stripTrailing());
        }
        long defaults = settings.stream().filter(s -> DEFAULT.equals(s.source())).count();
        long fromFile = located == null ? 0
                : settings.stream().filter(s -> located.file().toString().equals(s.source())).count();
        long other = settings.size() - defaults - fromFile;
        String where = located == null
                ? "no config file (looked in " + String.join(", ", ConfigDiscovery
                        .candidates(environment.env(), Path.of("")).stream().map(ConfigDiscovery.Located::how).toList()) + ")"
                : "config file " + located.file() + " (" + located.how() + ")";
        out.println(where + ": " + (located == null ? "" : fromFile + " from the file, ") + other
                + " from flags or environment, " + defaults + (defaults == 1 ? " default" : " defaults"));
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }

    private static void csv(PrintWriter out, List<Setting> settings) {
        out.println("key,value,source");
        for (Setting s : settings) {
            out.println(csvField(s.key()) + "," + csvField(s.value() == null ? "" : shown(s.value())) + ","
                    + csvField(s.source()));
        }
    }

    private static String csvField(String v) {
        return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    private static void json(PrintWriter out, ConfigDiscovery.Located located, Environment environment,
                             List<Setting> settings) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("configFile", located == null ? null : located.file().toString());
        doc.put("foundAs", located == null ? null : located.how());
        doc.put("searched", ConfigDiscovery.candidates(environment.env(), Path.of("")).stream()
                .map(l -> l.file().toString()).toList());
        Map<String, Object> byKey = new LinkedHashMap<>();
        for (Setting s : settings) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("value", s.value());
            entry.put("source", s.source());
            byKey.put(s.key(), entry);
        }
        doc.put("settings", byKey);
        try {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
