package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MLflow tracking servers' age rule (issue 13: "tracking servers: by their state and age"): with
 * {@code mlflow.max-age} or {@code --max-age}, a server running for longer than that since its last start is IDLE, said
 * to be an age rule, and {@code mlflow stop} stops only those (the one rule for acting: IDLE only, unless
 * {@code --include-active}).
 */
class MlflowAgeRuleIT {
    static final String FLEET = """
            region: us-east-1
            mlflowTrackingServers:
              - {name: weekend-leftover, size: Small, status: Started, age: 60d, runningFor: 3d}
              - {name: started-this-morning, size: Small, status: Started, age: 60d, runningFor: 2h}
              - {name: shared-registry, size: Medium, status: Created, age: 90d, tags: {"sweeper:protect": "true"}}
              - {name: parked, size: Small, status: Stopped, age: 90d, runningFor: 10d}
            """;

    @RegisterExtension
    final Sandbox sandbox = Sandbox.perTestFleet(FLEET);

    @TempDir
    Path dir;

    Cli.Run sweeper(String... args) {
        return sandbox.sweeper(dir.resolve("audit.jsonl"), args);
    }

    @Test
    void scan_withMaxAgeInTheConfig_flagsOnlyTheServerRunningLongerAsIdleByAnAgeRule() throws Exception {
        Path config = dir.resolve("sweeper.yaml");
        Files.writeString(config, "mlflow:\n  max-age: 1d\n");

        Cli.Run run = sandbox.sweeper("scan", "--kinds", "mlflow", "--config", config.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Map<String, JsonNode> s = run.byName();
        assertThat(s.get("weekend-leftover").path("verdict").asText()).isEqualTo("IDLE");
        assertThat(s.get("weekend-leftover").path("reasons").toString())
                .contains("mlflow.max-age", "an age rule, not observed idleness");
        assertThat(s.get("started-this-morning").path("verdict").asText()).isEqualTo("UNKNOWN");
        assertThat(s.get("started-this-morning").path("reasons").toString()).contains("max age 24h");
        assertThat(s.get("parked").path("verdict").asText()).isEqualTo("EXEMPT");
    }

    @Test
    void scan_withoutAnAgeRule_leavesRunningServersUnknown() throws Exception {
        Cli.Run run = sandbox.sweeper("scan", "--kinds", "mlflow");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.byName().get("weekend-leftover").path("verdict").asText()).isEqualTo("UNKNOWN");
    }

    @Test
    void stop_whenAgeRuleDryRun_plansOnlyTheOldServerAndSkipsTheProtectedOne() throws Exception {
        Cli.Run run = sweeper("mlflow", "stop", "--all", "--max-age", "12h");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Map<String, JsonNode> s = run.byName();
        assertThat(s.get("weekend-leftover").path("action").path("outcome").asText()).isEqualTo("planned");
        assertThat(s.get("started-this-morning").path("action").isNull()).isTrue();
        assertThat(s.get("shared-registry").path("verdict").asText()).isEqualTo("IDLE");
        assertThat(s.get("shared-registry").path("action").path("outcome").asText()).isEqualTo("skipped");
        assertThat(sandbox.calls("SageMaker.StopMlflowTrackingServer")).isZero();
        assertThat(sandbox.mlflowServerStatus("weekend-leftover")).isEqualTo("Started");
    }

    @Test
    void stop_whenAgeRuleApplied_stopsOnlyTheOldServerAndAuditsIt() throws Exception {
        Cli.Run run = sweeper("mlflow", "stop", "--all", "--idle-only", "--max-age", "12h", "--apply", "--wait");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(sandbox.mlflowServerStatus("weekend-leftover")).isEqualTo("Stopped");
        assertThat(sandbox.mlflowServerStatus("started-this-morning")).isEqualTo("Started");
        assertThat(sandbox.mlflowServerStatus("shared-registry")).isEqualTo("Created");
        assertThat(sandbox.calls("SageMaker.StopMlflowTrackingServer")).isEqualTo(1);
        String log = Files.readString(dir.resolve("audit.jsonl"));
        assertThat(log.lines().filter(l -> l.contains("\"action\":\"stop\"") && l.contains("\"outcome\":\"done\"")))
                .isNotEmpty().allSatisfy(l -> assertThat(l).contains("\"name\":\"weekend-leftover\"")
                        .contains("an age rule"));
    }

    @Test
    void stop_withoutAnAgeRuleOrIncludeActive_isAUsageErrorNamingBoth() {
        Cli.Run run = sweeper("mlflow", "stop", "--all");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--max-age").contains("--include-active").doesNotContain("Exception");
        assertThat(sandbox.totalCalls()).isZero();
    }

    @Test
    void stop_whenIncludeActive_plansTheYoungServerTooAndSaysItIsNotIdle() throws Exception {
        Cli.Run run = sweeper("mlflow", "stop", "--all", "--max-age", "12h", "--include-active");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Map<String, JsonNode> s = run.byName();
        assertThat(s.get("weekend-leftover").path("action").path("outcome").asText()).isEqualTo("planned");
        assertThat(s.get("started-this-morning").path("action").path("outcome").asText()).isEqualTo("planned");
        assertThat(run.err()).containsPattern("would stop mlflow started-this-morning \\((\\d{12}/)?us-east-1\\), which is UNKNOWN")
                .doesNotContainPattern("weekend-leftover \\((\\d{12}/)?us-east-1\\), which is");
        assertThat(s.get("shared-registry").path("action").path("outcome").asText()).isEqualTo("skipped");
    }
}
