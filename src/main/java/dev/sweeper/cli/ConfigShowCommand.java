package dev.sweeper.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sweeper.report.Csv;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Print the settings in effect: every config key, its value, and where it comes from.",
            "The source is the default, the config file, --region, or an environment variable. Reads no AWS API."})
final class ConfigShowCommand implements Callable<Integer> {
    @Mixin
    AwsOptions aws;

    @Mixin
    OutputOptions output;

    @Mixin
    SharedOptions.Format outputFormat;

    @Spec
    CommandSpec spec;

    private final Environment environment;

    ConfigShowCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        Settings resolved = Settings.load(Settings.Flags.of(aws), aws.config, environment);
        ConfigDiscovery.Located located = resolved.located();
        List<Settings.Setting<?>> settings = resolved.all();

        PrintWriter out = spec.commandLine().getOut();
        switch (outputFormat.orDefault(environment)) {
            case JSON -> json(out, located, environment, settings);
            case CSV -> csv(out, settings);
            default -> table(out, located, environment, settings);
        }
        out.flush();
        return ExitCode.OK.code();
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
                              List<Settings.Setting<?>> settings) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"KEY", "VALUE", "SOURCE"});
        for (Settings.Setting<?> s : settings) {
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
        long defaults = settings.stream().filter(s -> Settings.DEFAULT.equals(s.source())).count();
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

    private static void csv(PrintWriter out, List<Settings.Setting<?>> settings) {
        Csv.row(out, List.of("key", "value", "source"));
        for (Settings.Setting<?> s : settings) {
            Csv.row(out, Arrays.asList(s.key(), s.value() == null ? "" : shown(s.value()), s.source()));
        }
    }

    private static void json(PrintWriter out, ConfigDiscovery.Located located, Environment environment,
                             List<Settings.Setting<?>> settings) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("configFile", located == null ? null : located.file().toString());
        doc.put("foundAs", located == null ? null : located.how());
        doc.put("searched", ConfigDiscovery.candidates(environment.env(), Path.of("")).stream()
                .map(l -> l.file().toString()).toList());
        Map<String, Object> byKey = new LinkedHashMap<>();
        for (Settings.Setting<?> s : settings) {
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
