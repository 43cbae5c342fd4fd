package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canvas apps end to end (issue 13, point 1) on the sample fleet: judged by Canvas's TimeSinceLastActive metric
 * (bob left Canvas 3 days ago: IDLE; alice used it 25 minutes ago: ACTIVE), never free, deleted by
 * `apps idle --delete` with the dry run, protection, the re-check and the audit log.
 */
class CanvasIT {
    @RegisterExtension
    final Sandbox sandbox = Sandbox.perTestSampleFleet();

    @TempDir
    Path dir;
    Path audit;

    @BeforeEach
    void start() {
        audit = dir.resolve("audit.jsonl");
    }

    Cli.Run sweeper(Sandbox on, String... args) {
        return on.sweeper(audit, args);
    }

    /** The Canvas app of this user profile in the run's JSON. */
    static JsonNode canvas(Cli.Run run, String user) {
        return StreamSupport.stream(run.json().path("resources").spliterator(), false)
                .filter(r -> "Canvas".equals(r.path("app").path("appType").asText())
                        && user.equals(r.path("app").path("userProfile").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no Canvas app of " + user + " in " + run));
    }

    /** The Canvas app of this user profile in the sandbox's state. */
    static JsonNode state(Sandbox on, String user) {
        for (JsonNode a : on.state().path("apps")) {
            if ("Canvas".equals(a.path("type").asText()) && user.equals(a.path("userProfile").asText())) {
                return a;
            }
        }
        throw new AssertionError("no Canvas app of " + user);
    }

    @Test
    void scan_judgesCanvasAppsByTimeSinceLastActiveAndNeverAsFree() {
        Cli.Run run = sandbox.sweeper("scan", "--kinds", "app");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode idle = canvas(run, "bob");
        assertThat(idle.path("verdict").asText()).isEqualTo("IDLE");
        assertThat(idle.path("reasons").toString()).contains("TimeSinceLastActive");
        // At most 3 days ago: the newest 5-minute period's smallest value, counted from the end of that period.
        assertThat(idle.path("reasons").toString()).containsPattern("user last active (2d23h|3d) ago");
        assertThat(idle.path("evidence").path("type").asText()).isEqualTo("canvas");
        // The Canvas workspace price (per session-hour), whatever instance type the app lists: never 0 as a
        // system app would be.
        assertThat(idle.path("hourlyCost").asDouble()).as(idle.toString()).isEqualTo(1.9);
        assertThat(run.err()).doesNotContain("no price for the Canvas workspace instance");
        JsonNode active = canvas(run, "alice");
        assertThat(active.path("verdict").asText()).isEqualTo("ACTIVE");
        assertThat(active.path("reasons").toString()).contains("inside the 24h window");
        // Both apps in one GetMetricData call; no ListMetrics needed.
        assertThat(sandbox.calls("CloudWatch.GetMetricData")).isEqualTo(1);
        assertThat(sandbox.calls("CloudWatch.ListMetrics")).isZero();
    }

    @Test
    void scan_judgesCanvasAppsOverTheirOwnWindow_andWindowSetsItWithTheOthers() throws Exception {
        // Canvas's window is its own key: the notebooks' window does not move it (it did, once).
        Path config = dir.resolve("sweeper.yaml");
        Files.writeString(config, "notebooks:\n  window: 1h\ncanvas:\n  window: 4d\n");

        Cli.Run own = sandbox.sweeper("scan", "--kinds", "app", "--config", config.toString());

        assertThat(own.exitCode()).as(own.toString()).isZero();
        // bob left Canvas 3 days ago: inside a 4-day window.
        assertThat(canvas(own, "bob").path("verdict").asText()).isEqualTo("ACTIVE");
        assertThat(canvas(own, "bob").path("reasons").toString()).contains("inside the 4d window");

        // --window is one value for every kind with a window, Canvas's too, over the config.
        Cli.Run flag = sandbox.sweeper("scan", "--kinds", "app", "--config", config.toString(), "--window", "24h");

        assertThat(flag.exitCode()).as(flag.toString()).isZero();
        assertThat(canvas(flag, "bob").path("verdict").asText()).isEqualTo("IDLE");
        assertThat(canvas(flag, "bob").path("reasons").toString()).contains("before the 24h window");
    }

    @Test
    void scan_whenTheMetricCannotBeRead_isUnknownWithTheError() {
        sandbox.fault("{\"operation\":\"CloudWatch.GetMetricData\",\"mode\":\"denied\",\"rate\":1.0}");

        Cli.Run run = sandbox.sweeper("scan", "--kinds", "app");

        JsonNode app = canvas(run, "bob");
        assertThat(app.path("verdict").asText()).isEqualTo("UNKNOWN");
        assertThat(app.path("reasons").toString()).contains("could not read TimeSinceLastActive");
    }

    @Test
    void appsIdleDelete_whenDryRun_plansOnlyTheIdleCanvasAppAndChangesNothing() {
        Cli.Run run = sweeper(sandbox, "apps", "idle", "--delete", "--all");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(canvas(run, "bob").path("action").path("outcome").asText()).isEqualTo("planned");
        assertThat(canvas(run, "bob").path("action").path("detail").asText()).contains("would delete Canvas app of user bob");
        assertThat(canvas(run, "alice").path("action").isNull()).isTrue();
        assertThat(run.json().path("summary").path("actionsPlanned").asInt()).isEqualTo(1);
        assertThat(sandbox.calls("SageMaker.DeleteApp")).isZero();
        assertThat(state(sandbox, "bob").path("status").asText()).isEqualTo("InService");
    }

    @Test
    void appsIdleDelete_whenApplied_reChecksThenDeletesTheIdleCanvasAppAndAuditsIt() throws Exception {
        Cli.Run run = sweeper(sandbox, "apps", "idle", "--delete", "--all", "--apply");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(canvas(run, "bob").path("action").path("outcome").asText()).isEqualTo("done");
        assertThat(sandbox.calls("SageMaker.DeleteApp")).isEqualTo(1);
        // Read for the verdict, then again right before deleting.
        assertThat(sandbox.calls("CloudWatch.GetMetricData")).isEqualTo(2);
        assertThat(state(sandbox, "bob").path("status").asText()).isIn("Deleting", "Deleted");
        assertThat(state(sandbox, "alice").path("status").asText()).isEqualTo("InService");
        String log = Files.readString(audit);
        assertThat(log.lines().filter(l -> l.contains("\"outcome\":\"done\"")))
                .singleElement().asString().contains("\"action\":\"delete\"").contains("\"type\":\"canvas\"")
                .contains("TimeSinceLastActive");
    }

    @Test
    void appsIdleDelete_whenProtected_skipsTheIdleCanvasApp() throws Exception {
        String fleet = """
                region: us-east-1
                domains:
                  - id: d-canvas000001
                    name: canvas
                    userProfiles: [{name: bob}]
                    apps:
                      - {type: Canvas, userProfile: bob, age: 5d, lastActivity: 3d, tags: {"sweeper:protect": "true"}}
                """;
        try (Sandbox own = Sandbox.fleet(fleet)) {
            Cli.Run run = sweeper(own, "apps", "idle", "--delete", "--all", "--apply");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            JsonNode app = canvas(run, "bob");
            assertThat(app.path("verdict").asText()).isEqualTo("IDLE");
            assertThat(app.path("action").path("outcome").asText()).isEqualTo("skipped");
            assertThat(app.path("action").path("detail").asText()).startsWith("protected");
            assertThat(own.calls("SageMaker.DeleteApp")).isZero();
            assertThat(state(own, "bob").path("status").asText()).isEqualTo("InService");
            assertThat(Files.readString(audit)).contains("\"outcome\":\"skipped\"");
        }
    }
}
