package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** apps idle mirrors endpoints idle: the age rule, protection, the cap, the dry run. */
class AppsIdleIT {
    @RegisterExtension
    final Sandbox sandbox = Sandbox.perTestSampleFleet();

    Cli.Run sweeper(String... args) {
        List<String> all = new ArrayList<>(List.of("apps", "idle"));
        all.addAll(List.of(args));
        return sandbox.sweeper(all.toArray(String[]::new));
    }

    static JsonNode app(JsonNode doc, String name) {
        return StreamSupport.stream(doc.path("resources").spliterator(), false)
                .filter(r -> r.path("name").asText().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void appsIdle_whenNoAgeRule_isUnknownAndOnlyTheIdleCanvasAppIsPlanned() throws Exception {
        Cli.Run run = sweeper("--delete", "--all");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode doc = run.json();
        // Only bob's Canvas app, idle by its TimeSinceLastActive metric (CanvasIT); the Studio apps are UNKNOWN.
        assertThat(doc.path("summary").path("idle").asInt()).isEqualTo(1);
        assertThat(doc.path("summary").path("actionsPlanned").asInt()).isEqualTo(1);
        assertThat(app(doc, "ops-kernel").path("verdict").asText()).isEqualTo("UNKNOWN");
    }

    @Test
    void appsIdle_whenMaxAgeAndApply_deletesOnlyOldNonSystemApps() throws Exception {
        Cli.Run run = sweeper("--max-age", "10d", "--delete", "--all", "--apply");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode doc = run.json();
        assertThat(app(doc, "datascience-1").path("action").path("outcome").asText()).isEqualTo("done");
        assertThat(app(doc, "ops-kernel").path("action").path("outcome").asText()).isEqualTo("done");
        assertThat(app(doc, "gpu-kernel").path("action").isNull()).isTrue();
        // The two old kernels, and bob's idle Canvas app (judged by its metric, not by age).
        assertThat(sandbox.calls("SageMaker.DeleteApp")).isEqualTo(3);
        for (JsonNode a : sandbox.state().path("apps")) {
            if (a.path("instanceType").asText().equals("system")) {
                assertThat(a.path("status").asText()).isEqualTo("InService");
            }
        }
    }

    @Test
    void appsIdle_whenOverTheCap_refuses() {
        Cli.Run run = sweeper("--max-age", "1d", "--delete", "--all", "--apply", "--max-actions", "1");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(5);
        assertThat(sandbox.calls("SageMaker.DeleteApp")).isZero();
    }
}
