package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sweeper.testing.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigShowCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path EXAMPLE = Path.of("config/sweeper.example.yaml");

    @TempDir
    Path dir;

    static JsonNode json(Cli.Run run) throws IOException {
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return run.json();
    }

    /** "regions", "notify.topic-arn", …: every key the example file sets. */
    static List<String> exampleKeys() throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(EXAMPLE.toFile());
        List<String> keys = new ArrayList<>();
        addKeys(root, "", keys);
        return keys;
    }

    private static void addKeys(JsonNode node, String prefix, List<String> keys) {
        node.fields().forEachRemaining(e -> {
            // A schedule is shown as one line, its periods described.
            if (e.getValue().isObject() && !prefix.equals("schedules.")) {
                addKeys(e.getValue(), prefix + e.getKey() + ".", keys);
            } else {
                keys.add(prefix + e.getKey());
            }
        });
    }

    @Test
    void configShow_whenExampleConfig_showsEveryKeyWithTheFileAsSource() throws IOException {
        JsonNode doc = json(Cli.run("config", "show", "--config", EXAMPLE.toString(), "--output", "json"));

        assertThat(doc.path("configFile").asText()).isEqualTo(EXAMPLE.toString());
        assertThat(doc.path("foundAs").asText()).isEqualTo("--config");
        JsonNode s = doc.path("settings");
        List<String> keys = exampleKeys();
        assertThat(keys).contains("regions", "notify.topic-arn", "protection.name-patterns", "apps.max-age");
        for (String key : keys) {
            assertThat(s.has(key)).as(key).isTrue();
            assertThat(s.path(key).path("source").asText()).as(key).isEqualTo(EXAMPLE.toString());
        }
        assertThat(s.path("regions").path("value").get(0).asText()).isEqualTo("us-east-1");
        assertThat(s.path("max-actions").path("value").asInt()).isEqualTo(20);
        assertThat(s.path("notify.topic-arn").path("value").asText())
                .isEqualTo("arn:aws:sns:us-east-1:123456789012:sweeper-alerts");
        assertThat(s.path("protection.name-patterns").path("value").toString()).isEqualTo("[\"^prod-\",\"-critical$\"]");
        assertThat(s.path("endpoints.window").path("value").asText()).isEqualTo("24h");
        assertThat(s.path("apps.max-age").path("value").asText()).isEqualTo("7d");
        assertThat(s.path("prices").path("source").asText()).as("commented out in the example").isEqualTo("default");
    }

    @Test
    void configShow_whenNoConfigAnywhere_showsTheDefaults() throws IOException {
        JsonNode doc = json(Cli.run(Map.of("HOME", dir.toString()), "config", "show", "--output", "json"));

        assertThat(doc.path("configFile").isNull()).isTrue();
        assertThat(doc.path("searched").toString()).contains("sweeper.yaml")
                .contains(dir.resolve(".config/sweeper/config.yaml").toString());
        JsonNode s = doc.path("settings");
        assertThat(s.path("max-actions").path("value").asInt()).isEqualTo(Settings.DEFAULT_MAX_ACTIONS);
        assertThat(s.path("max-concurrency").path("value").asInt()).isEqualTo(Settings.DEFAULT_MAX_CONCURRENCY);
        assertThat(s.path("protection.tag-key").path("value").asText()).isEqualTo("sweeper:protect");
        assertThat(s.path("protection.tag-value").path("value").asText()).isEqualTo("true");
        assertThat(s.path("notebooks.window").path("value").asText()).isEqualTo("24h");
        assertThat(s.path("notebooks.jupyter.probe").path("value").asBoolean()).isTrue();
        assertThat(s.has("notebooks.cpu-threshold-percent")).isFalse();
        assertThat(s.path("apps.max-age").path("value").isNull()).isTrue();
        assertThat(s.path("notify.topic-arn").path("value").isNull()).isTrue();
        for (String key : List.of("max-actions", "protection.tag-key", "endpoints.window", "apps.max-age")) {
            assertThat(s.path(key).path("source").asText()).as(key).isEqualTo("default");
        }
        // The region, if any, comes from this machine's AWS profile: not from the (empty) environment.
        assertThat(s.path("regions").path("source").asText()).matches("default|profile default");
    }

    @Test
    void configShow_whenCheckerThresholdsSet_showsThemBesideTheDefaults() throws IOException {
        Path config = dir.resolve("sweeper.yaml");
        Files.writeString(config, "notebooks:\n  autostop-cpu-percent: 40\n  autostop-process-user: jovyan\n");

        JsonNode s = json(Cli.run(Map.of("HOME", dir.toString()), "config", "show", "--config", config.toString(),
                "--output", "json")).path("settings");

        assertThat(s.path("notebooks.autostop-cpu-percent").path("value").asInt()).isEqualTo(40);
        assertThat(s.path("notebooks.autostop-cpu-percent").path("source").asText()).isEqualTo(config.toString());
        assertThat(s.path("notebooks.autostop-process-user").path("value").asText()).isEqualTo("jovyan");
        assertThat(s.path("notebooks.autostop-gpu-percent").path("value").asInt()).isEqualTo(10);
        assertThat(s.path("notebooks.autostop-gpu-percent").path("source").asText()).isEqualTo("default");
    }

    @Test
    void configShow_whenRegionFromEnvOrFlag_saysSo() throws IOException {
        JsonNode env = json(Cli.run(Map.of("AWS_REGION", "eu-west-1"), "config", "show", "--output", "json"));
        assertThat(env.path("settings").path("regions").path("value").get(0).asText()).isEqualTo("eu-west-1");
        assertThat(env.path("settings").path("regions").path("source").asText()).isEqualTo("env AWS_REGION");

        JsonNode flag = json(Cli.run(Map.of("AWS_REGION", "eu-west-1"), "config", "show", "--region",
                "us-west-2,ap-south-1", "--config", EXAMPLE.toString(), "--output", "json"));
        assertThat(flag.path("settings").path("regions").path("value").toString())
                .isEqualTo("[\"us-west-2\",\"ap-south-1\"]");
        assertThat(flag.path("settings").path("regions").path("source").asText()).isEqualTo("--region");
    }

    @Test
    void configShow_whenXdgConfig_findsItAndNamesIt() throws IOException {
        Path user = dir.resolve("xdg/sweeper/config.yaml");
        Files.createDirectories(user.getParent());
        Files.writeString(user, "max-actions: 7\nendpoints:\n  window: 3d\n");

        JsonNode doc = json(Cli.run(Map.of("XDG_CONFIG_HOME", dir.resolve("xdg").toString()),
                "config", "show", "--output", "json"));

        assertThat(doc.path("configFile").asText()).isEqualTo(user.toString());
        assertThat(doc.path("foundAs").asText()).isEqualTo("$XDG_CONFIG_HOME/sweeper/config.yaml");
        assertThat(doc.path("settings").path("max-actions").path("value").asInt()).isEqualTo(7);
        assertThat(doc.path("settings").path("max-actions").path("source").asText()).isEqualTo(user.toString());
        assertThat(doc.path("settings").path("endpoints.window").path("value").asText()).isEqualTo("3d");
        assertThat(doc.path("settings").path("notebooks.window").path("source").asText()).isEqualTo("default");
    }

    @Test
    void configShow_whenTable_isAlignedWithASummaryLine() {
        Cli.Run run = Cli.run(Map.of("AWS_REGION", "eu-west-1"), "config", "show", "--config", EXAMPLE.toString(),
                "--output", "table");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).matches("KEY +VALUE +SOURCE");
        int valueColumn = lines.get(0).indexOf("VALUE");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("protection.name-patterns").contains("^prod-, -critical$"));
        assertThat(lines).filteredOn(l -> l.startsWith("max-actions"))
                .singleElement().satisfies(l -> assertThat(l.indexOf("20")).isEqualTo(valueColumn));
        assertThat(lines.get(lines.size() - 1)) // the checker's three thresholds are commented out in the example
                .isEqualTo("config file " + EXAMPLE + " (--config): 28 from the file, 1 from flags or environment, 5 defaults");
        assertThat(run.out()).doesNotContain(" \n");
    }

    @Test
    void configShow_whenNoFile_summarySaysWhereItLooked() {
        Cli.Run run = Cli.run(Map.of("HOME", dir.toString()), "config", "show", "--output", "table");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines().reduce((a, b) -> b).orElseThrow())
                .startsWith("no config file (looked in ./sweeper.yaml, ~/.config/sweeper/config.yaml): ")
                .doesNotContain("from the file");
    }

    @Test
    void configShow_auditLog_isWhereSweepingCommandsWriteIt() throws IOException {
        JsonNode doc = json(Cli.run(Map.of("XDG_STATE_HOME", dir.toString()), "config", "show", "--output", "json"));

        assertThat(doc.path("settings").path("audit-log").path("value").asText())
                .isEqualTo(dir.resolve("sweeper/audit.jsonl").toString());
        assertThat(doc.path("settings").path("audit-log").path("source").asText()).isEqualTo("env XDG_STATE_HOME");
    }

    @Test
    void configShow_whenCsv_hasAHeaderAndOneRowPerKey() throws IOException {
        Cli.Run run = Cli.run("config", "show", "--config", EXAMPLE.toString(), "--output", "csv");

        assertThat(run.exitCode()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("key,value,source");
        assertThat(lines).contains("max-actions,20," + EXAMPLE, "protection.name-patterns,\"^prod-, -critical$\"," + EXAMPLE);
        assertThat(lines).hasSize(1 + JSON.readTree(Cli.run("config", "show", "--config", EXAMPLE.toString(),
                "--output", "json").out()).path("settings").size());
    }

    @Test
    void configShow_whenConfigInvalid_exits2NamingFileAndKey() throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "max-action: 3\n");

        Cli.Run run = Cli.run("config", "show", "--config", bad.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(bad.toString()).contains("unknown key 'max-action'");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void configShow_whenConfigMissing_exits2() {
        Cli.Run run = Cli.run("config", "show", "--config", dir.resolve("nope.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("config file not found");
    }
}
