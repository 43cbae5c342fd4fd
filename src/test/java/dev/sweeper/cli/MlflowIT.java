package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * MLflow tracking servers end to end (issue 13, point 4) on the sample fleet: listed by scan with their verdict and
 * cost, stopped and started by `mlflow stop` / `mlflow start` with filters, protection, dry run, --only-swept and
 * the audit log.
 */
class MlflowIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final Sandbox sandbox = Sandbox.perTestSampleFleet();

    @TempDir
    Path dir;
    Path audit;

    @BeforeEach
    void start() {
        audit = dir.resolve("audit.jsonl");
    }

    Cli.Run sweeper(String... args) {
        return sandbox.sweeper(audit, args);
    }

    static Map<String, JsonNode> byName(Cli.Run run) throws Exception {
        Map<String, JsonNode> out = new HashMap<>();
        JSON.readTree(run.out()).path("resources").forEach(r -> out.put(r.path("name").asText(), r));
        return out;
    }

    JsonNode server(String name) {
        for (JsonNode s : sandbox.state().path("mlflowTrackingServers")) {
            if (s.path("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no tracking server " + name);
    }

    @Test
    void scan_listsTrackingServersWithVerdictSizeAndUnknownCost() throws Exception {
        Cli.Run run = sandbox.sweeper("scan", "--kinds", "mlflow");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Map<String, JsonNode> s = byName(run);
        assertThat(s).containsOnlyKeys("team-experiments", "old-experiments", "prod-model-registry");
        JsonNode running = s.get("team-experiments");
        assertThat(running.path("kind").asText()).isEqualTo("mlflow");
        assertThat(running.path("verdict").asText()).isEqualTo("UNKNOWN");
        assertThat(running.path("trackingServerSize").asText()).isEqualTo("Medium");
        assertThat(running.path("hourlyCost").isNull()).isTrue();
        assertThat(running.path("reasons").toString()).contains("no activity signal");
        JsonNode stopped = s.get("old-experiments");
        assertThat(stopped.path("verdict").asText()).isEqualTo("EXEMPT");
        assertThat(stopped.path("hourlyCost").asDouble()).isZero();
        // No price is guessed: the missing one is said once.
        assertThat(run.err()).containsOnlyOnce("no price for MLflow tracking servers");
        assertThat(sandbox.calls("SageMaker.ListMlflowTrackingServers")).isEqualTo(1);
        // Only the running ones are described (for their size).
        assertThat(sandbox.calls("SageMaker.DescribeMlflowTrackingServer")).isEqualTo(2);
    }

    @Test
    void scan_whenTheAccountHasNoTrackingServers_costsOnlyItsListCall() throws Exception {
        try (Sandbox empty = Sandbox.fleet("region: us-east-1\nnotebooks:\n  - {name: nb-1, status: Stopped}\n")) {
            Cli.Run run = empty.sweeper("scan", "--kinds", "mlflow");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(empty.stats().path("calls").toString()).contains("SageMaker.ListMlflowTrackingServers");
            assertThat(empty.totalCalls()).isEqualTo(1);
        }
    }

    @Test
    void stop_whenDryRun_plansTheRunningOneSkipsTheProtectedAndChangesNothing() throws Exception {
        Cli.Run run = sweeper("mlflow", "stop", "--all", "--include-active");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Map<String, JsonNode> s = byName(run);
        assertThat(s.get("team-experiments").path("action").path("outcome").asText()).isEqualTo("planned");
        assertThat(s.get("team-experiments").path("action").path("type").asText()).isEqualTo("stop");
        assertThat(s.get("prod-model-registry").path("action").path("outcome").asText()).isEqualTo("skipped");
        assertThat(s.get("prod-model-registry").path("action").path("detail").asText()).startsWith("protected");
        assertThat(s.get("old-experiments").path("action").isNull()).isTrue();
        assertThat(sandbox.calls("SageMaker.StopMlflowTrackingServer")).isZero();
        assertThat(server("team-experiments").path("status").asText()).isEqualTo("Created");
    }

    @Test
    void stopThenStartOnlySwept_whenApplied_stopsTagsAndStartsOnlyWhatItStopped() throws Exception {
        Cli.Run stop = sweeper("mlflow", "stop", "--all", "--include-active", "--apply", "--wait");

        assertThat(stop.exitCode()).as(stop.toString()).isZero();
        JsonNode action = byName(stop).get("team-experiments").path("action");
        assertThat(action.path("outcome").asText()).isEqualTo("done");
        assertThat(action.path("detail").asText()).contains("now Stopped");
        assertThat(server("team-experiments").path("status").asText()).isEqualTo("Stopped");
        assertThat(server("team-experiments").path("tags").has("sweeper:stopped-at")).isTrue();
        assertThat(server("prod-model-registry").path("status").asText()).isEqualTo("Started");
        assertThat(sandbox.calls("SageMaker.StopMlflowTrackingServer")).isEqualTo(1);
        String log = Files.readString(audit);
        assertThat(log).contains("\"kind\":\"mlflow\"").contains("\"name\":\"team-experiments\"")
                .contains("\"action\":\"stop\"").contains("\"outcome\":\"done\"");
        assertThat(log.lines().filter(l -> l.contains("prod-model-registry")))
                .allMatch(l -> l.contains("\"outcome\":\"skipped\""));

        Cli.Run start = sweeper("mlflow", "start", "--only-swept", "--apply", "--wait");

        assertThat(start.exitCode()).as(start.toString()).isZero();
        assertThat(server("team-experiments").path("status").asText()).isEqualTo("Started");
        assertThat(server("team-experiments").path("tags").has("sweeper:stopped-at")).isFalse();
        // stopped by its owner, not by the sweeper: left alone
        assertThat(server("old-experiments").path("status").asText()).isEqualTo("Stopped");
        assertThat(sandbox.calls("SageMaker.StartMlflowTrackingServer")).isEqualTo(1);
    }

    @Test
    void start_whenNamed_startsTheStoppedOne() throws Exception {
        Cli.Run run = sweeper("mlflow", "start", "--name-contains", "old-", "--apply", "--wait");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(server("old-experiments").path("status").asText()).isEqualTo("Started");
    }

    @Test
    void stop_whenNoFilter_refusesWithoutAll() {
        Cli.Run run = sweeper("mlflow", "stop", "--include-active");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--all");
        assertThat(sandbox.totalCalls()).isZero();
    }

    @Test
    void stop_whenMoreThanMaxActions_refusesAndStopsNothing() {
        Cli.Run run = sweeper("mlflow", "stop", "--all", "--include-active", "--apply", "--max-actions", "0");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(5);
        assertThat(sandbox.calls("SageMaker.StopMlflowTrackingServer")).isZero();
    }
}
