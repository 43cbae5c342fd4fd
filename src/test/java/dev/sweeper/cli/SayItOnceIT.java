package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sweeper.sandbox.SandboxOptions;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 17, item 5: one thing is said once, and the same everywhere. */
class SayItOnceIT {

    @Test
    void scan_whenOneTypeHasNoPriceOnManyResources_warnsOnceForThatType() {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults()
                .withFleetFile(Path.of("src/test/resources/cli/unpriced-fleet.yaml")))) {
            Cli.Run run = Cli.run("scan", "--kinds", "notebook,endpoint", "--region", "us-east-1,us-west-2",
                    "--endpoint-url", sandbox.url(), "--output", "json", "--window", "1h");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            List<String> warnings = run.err().lines().filter(l -> l.contains("ml.zz9.mega")).toList();
            assertThat(warnings).as(run.toString()).hasSize(1);
        }
    }

    @Test
    void stopNotebooks_whenAStopEndsFailed_saysFailedOnStderrAndGivesTheReasonInTheTable() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withFleetFile(Sandbox.SAMPLE_FLEET)
                .withTransitionDelay(Duration.ofMillis(300)))) {
            Cli.Run run = Cli.run("stop-notebooks", "--name-contains", "dev-erin", "--apply", "--wait",
                    "--output", "table", "--endpoint-url", sandbox.url(), "--region", "us-east-1");

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
            assertThat(run.err()).as(run.toString()).doesNotContain("done: stop notebook dev-erin")
                    .contains("failed to stop notebook dev-erin");
            String row = run.out().lines().filter(l -> l.contains("dev-erin")).findFirst().orElseThrow();
            assertThat(row).contains("stop (failed)").contains("ended Failed");
        }
    }

    @Test
    void stopNotebooks_whenAStopSucceedsWithWait_saysDoneOnceItIsStopped() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withFleetFile(Sandbox.SAMPLE_FLEET)
                .withTransitionDelay(Duration.ofMillis(300)))) {
            Cli.Run run = sandbox.sweeper("stop-notebooks", "--name-contains", "dev-alice", "--apply", "--wait");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.err().lines().filter(l -> l.startsWith("done: stop notebook dev-alice"))).hasSize(1);
            JsonNode action = run.json().path("resources").get(0).path("action");
            assertThat(action.path("outcome").asText()).isEqualTo("done");
        }
    }
}
