package dev.sweeper.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.sweeper.core.Kind;
import dev.sweeper.core.RateLimits;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    Path write(String yaml) throws IOException {
        Path f = dir.resolve("sweeper.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    /** Each kind's window and age rule are read from the key its definition names, into that kind's entry only. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Kind.class)
    void load_readsEachKindsWindowAndAgeRule_byTheKeyItsDefinitionNames(Kind kind) throws IOException {
        String window = kind.definition().windowKey();
        String maxAge = kind.definition().ageRuleKey();
        StringBuilder yaml = new StringBuilder();
        for (String key : new String[] {window, maxAge}) {
            if (key != null) {
                int dot = key.indexOf('.');
                yaml.append(key, 0, dot).append(":\n  ").append(key.substring(dot + 1))
                        .append(key == window ? ": 3h\n" : ": 5d\n");
            }
        }
        SweeperConfig c = ConfigLoader.load(write(yaml.toString()), Map.of());

        for (Kind k : Kind.values()) {
            assertThat(c.window(k)).as(k.id()).isEqualTo(k == kind && window != null ? Duration.ofHours(3) : null);
            assertThat(c.maxAge(k)).as(k.id()).isEqualTo(k == kind && maxAge != null ? Duration.ofDays(5) : null);
        }
    }

    @Test
    void load_whenExampleConfig_readsEveryKey() {
        SweeperConfig c = ConfigLoader.load(Path.of("config/sweeper.example.yaml"), Map.of());

        assertThat(c.regions()).containsExactly("us-east-1");
        assertThat(c.maxActions()).isEqualTo(20);
        assertThat(c.maxConcurrency()).isEqualTo(8);
        assertThat(c.topicArn()).isEqualTo("arn:aws:sns:us-east-1:123456789012:sweeper-alerts");
        assertThat(c.protectTagKey()).isEqualTo("sweeper:protect");
        assertThat(c.protectTagValue()).isEqualTo("true");
        assertThat(c.protectedNamePatterns()).extracting(p -> p.pattern()).containsExactly("^prod-", "-critical$");
        assertThat(c.window(Kind.ENDPOINT)).isEqualTo(Duration.ofHours(24));
        assertThat(c.window(Kind.NOTEBOOK)).isEqualTo(Duration.ofHours(24));
        assertThat(c.notebooks()).isEqualTo(new SweeperConfig.Notebooks(true, false, true, null, java.time.Duration.ofMinutes(60),
                true, false));
        assertThat(c.maxAge(Kind.APP)).isEqualTo(Duration.ofDays(7));
        assertThat(c.maxAge(Kind.HYPERPOD)).isEqualTo(Duration.ofDays(30));
        assertThat(c.maxAge(Kind.MLFLOW)).isEqualTo(Duration.ofHours(12));
        assertThat(c.window(Kind.APP)).isEqualTo(Duration.ofHours(24));
        assertThat(c.rateLimits()).containsEntry(RateLimits.Family.SAGEMAKER_DESCRIBE, 100.0)
                .containsEntry(RateLimits.Family.CLOUDWATCH, 20.0);
    }

    @Test
    void load_whenNotebookMetric_readsItWithDefaults() throws IOException {
        SweeperConfig c = ConfigLoader.load(write("notebooks:\n  jupyter: {probe: false}\n"
                + "  metric: {namespace: Team/Notebooks, name: GPUUtilization, threshold: 5}\n"), Map.of());

        assertThat(c.notebooks().jupyterProbe()).isFalse();
        assertThat(c.notebooks().metric()).isEqualTo(new dev.sweeper.core.Policy.MetricRule("Team/Notebooks",
                "GPUUtilization", "NotebookInstanceName", "Maximum", 5));
    }

    @Test
    void load_whenMachineSignalRequired_readsItOverTheDefaults() throws IOException {
        SweeperConfig c = ConfigLoader.load(write("notebooks:\n  heartbeat: false\n  require-machine-signal: true\n"), Map.of());

        dev.sweeper.core.Policy.NotebookSignals signals = c.notebooks().over(dev.sweeper.core.Policy.NotebookSignals.defaults());
        assertThat(signals.heartbeat()).isFalse();
        assertThat(signals.requireMachineSignal()).isTrue();
        assertThat(SweeperConfig.Notebooks.UNSET.over(dev.sweeper.core.Policy.NotebookSignals.defaults()))
                .satisfies(d -> assertThat(d.heartbeat()).isTrue())
                .satisfies(d -> assertThat(d.requireMachineSignal()).isFalse());
    }

    @Test
    void load_whenAutostopThresholds_readsThemAndTheRestStaysUnset() throws IOException {
        SweeperConfig c = ConfigLoader.load(write("notebooks:\n  autostop-cpu-percent: 40\n  autostop-gpu-percent: 5\n"
                + "  autostop-process-user: jovyan\n"), Map.of());

        assertThat(c.notebooks().autostopCpuPercent()).isEqualTo(40);
        assertThat(c.notebooks().autostopGpuPercent()).isEqualTo(5);
        assertThat(c.notebooks().autostopProcessUser()).isEqualTo("jovyan");
        assertThat(ConfigLoader.load(write("notebooks:\n  autostop-gpu-percent: 5\n"), Map.of()).notebooks())
                .satisfies(n -> assertThat(n.autostopCpuPercent()).isNull())
                .satisfies(n -> assertThat(n.autostopProcessUser()).isNull());
    }

    @Test
    void load_whenRequireMachineSignalIsNotABoolean_saysWhichKey() throws IOException {
        assertThatThrownBy(() -> ConfigLoader.load(write("notebooks:\n  require-machine-signal: maybe\n"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("notebooks.require-machine-signal");
    }

    @Test
    void load_whenMlflowMaxAgeIsNotADuration_saysWhichKey() throws IOException {
        assertThatThrownBy(() -> ConfigLoader.load(write("mlflow:\n  max-age: soon\n"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mlflow.max-age");
    }

    @Test
    void load_whenEmptyFile_isAllDefaults() throws IOException {
        SweeperConfig c = ConfigLoader.load(write(""), Map.of());

        assertThat(c.maxActions()).isNull();
        assertThat(c.regions()).isEmpty();
    }

    @Test
    void load_whenPricesRelative_resolvesAgainstTheConfigFile() throws IOException {
        SweeperConfig c = ConfigLoader.load(write("prices: mine.yaml\n"), Map.of());

        assertThat(c.prices()).isEqualTo(dir.toAbsolutePath().resolve("mine.yaml"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown top key|colour: red|unknown key 'colour'",
        "unknown nested key|endpoints:\\n  windw: 24h|unknown key 'endpoints.windw'",
        "bad duration|endpoints:\\n  window: soon|endpoints.window: 'soon' is not a duration",
        "duration too long|notebooks:\\n  window: 45d|notebooks.window: duration '45d' is out of range",
        "duration too short|endpoints:\\n  window: 10s|out of range",
        "bad canvas window|canvas:\\n  window: soon|canvas.window: 'soon' is not a duration",
        "bad topic arn|notify:\\n  topic-arn: arn:aws:sqs:us-east-1:123456789012:q|notify.topic-arn: 'arn:aws:sqs",
        "bad regex|protection:\\n  name-patterns: ['prod-(']|protection.name-patterns: 'prod-(' is not a valid regular expression",
        "removed cpu threshold|notebooks:\\n  cpu-threshold-percent: 5|notebooks.cpu-threshold-percent: no longer supported: AWS publishes no CPUUtilization",
        "probe not a boolean|notebooks:\\n  jupyter:\\n    probe: maybe|notebooks.jupyter.probe: 'maybe' is not true or false",
        "unknown jupyter key|notebooks:\\n  jupyter:\\n    port: 8443|unknown key 'notebooks.jupyter.port'",
        "metric without threshold|notebooks:\\n  metric: {namespace: T, name: M}|notebooks.metric.threshold: required",
        "metric without namespace|notebooks:\\n  metric: {name: M, threshold: 1}|notebooks.metric.namespace: required",
        "bad metric statistic|notebooks:\\n  metric: {namespace: T, name: M, threshold: 1, statistic: p99}|notebooks.metric.statistic: 'p99' is not one of",
        "autostop cpu zero|notebooks:\\n  autostop-cpu-percent: 0|notebooks.autostop-cpu-percent: '0' is out of range (1 to 100)",
        "autostop gpu above 100|notebooks:\\n  autostop-gpu-percent: 101|notebooks.autostop-gpu-percent: '101' is out of range",
        "autostop cpu fraction|notebooks:\\n  autostop-cpu-percent: 12.5|notebooks.autostop-cpu-percent: '12.5' is not a whole number",
        "autostop user not a user|notebooks:\\n  autostop-process-user: 'ec2-user; reboot'|notebooks.autostop-process-user: 'ec2-user; reboot' is not a Linux user name",
        "negative max actions|max-actions: -1|max-actions: '-1' is out of range",
        "max actions not integer|max-actions: 2.5|max-actions: '2.5' is not a whole number",
        "section not a mapping|endpoints: 24h|endpoints must be a mapping",
        "top not a mapping|- a\\n- b|the file must be a mapping",
        "bad region|regions: [useast1]|regions: 'useast1' is not an AWS region name",
        "list of wrong type|regions: [1, 2]|regions: '1' is not a string",
        "malformed yaml|endpoints: [unclosed|not valid YAML",
        "empty tag key|protection:\\n  tag-key: ''|protection.tag-key: '' must not be empty",
        "unknown rate family|rate-limits:\\n  describe: 5|unknown key 'rate-limits.describe'",
        "rate not a number|rate-limits:\\n  sns: fast|rate-limits.sns: 'fast' is not a number",
        "rate zero|rate-limits:\\n  cloudwatch: 0|rate-limits.cloudwatch: '0.0' must be above 0",
    })
    void load_whenBad_failsNamingFileKeyAndValue(String name, String yaml, String message) throws IOException {
        Path f = write(yaml.replace("\\n", "\n"));

        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(f.toString())
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void load_whenMissing_saysNotFound() {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml"), Map.of())).hasMessageContaining("config file not found");
    }

    @Test
    void load_whenNotUtf8_saysSo() throws IOException {
        Path f = dir.resolve("latin1.yaml");
        Files.write(f, "regions: [us-east-1] # caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of())).hasMessageContaining("not UTF-8");
    }

    @Test
    void auditLog_whenCloudWatchLogsGroup_isKeptAsWritten_notResolvedUnderTheConfigsDirectory(
            @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = java.nio.file.Files.writeString(dir.resolve("c.yaml"), "audit-log: cloudwatch-logs:/sweeper/audit\n");
        Path bad = java.nio.file.Files.writeString(dir.resolve("bad.yaml"), "audit-log: cloudwatch-logs:no:colons\n");

        assertThat(ConfigLoader.load(file, java.util.Map.of()).auditLog().toString())
                .isEqualTo("cloudwatch-logs:/sweeper/audit");
        assertThatThrownBy(() -> ConfigLoader.load(bad, java.util.Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("audit-log").hasMessageContaining("not a CloudWatch Logs group name");
    }
}
