package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.JumpingClock;
import dev.sweeper.testing.Sandbox;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** stop-notebooks and start-notebooks end to end against the sandbox's sample fleet. */
class NotebooksIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final Sandbox sandbox = Sandbox.perTestSampleFleet();

    Cli.Run sweeper(String... args) {
        return sandbox.sweeper(args);
    }

    static Map<String, JsonNode> byName(Cli.Run run) throws Exception {
        return run.byName();
    }

    static String outcome(Map<String, JsonNode> r, String name) {
        JsonNode a = r.get(name).path("action");
        return a.isNull() ? null : a.path("outcome").asText();
    }

    JsonNode notebook(String name) {
        for (JsonNode n : sandbox.state().path("notebooks")) {
            if (n.path("name").asText().equals(name)) {
                return n;
            }
        }
        return null;
    }

    @Test
    void stopNotebooks_whenIncludeActiveDryRun_plansEveryInServiceMatchAndChangesNothing() throws Exception {
        Cli.Run run = sweeper("stop-notebooks", "--name-contains", "dev-", "--include-active");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Map<String, JsonNode> r = byName(run);
        assertThat(r.keySet()).containsExactlyInAnyOrder("dev-alice", "dev-bob", "dev-carol", "dev-dan", "dev-erin");
        for (String n : List.of("dev-alice", "dev-bob", "dev-dan", "dev-erin")) {
            assertThat(outcome(r, n)).as(n).isEqualTo("planned");
            assertThat(r.get(n).path("action").path("type").asText()).isEqualTo("stop");
        }
        assertThat(outcome(r, "dev-carol")).as("already stopped").isNull();
        assertThat(run.json().path("dryRun").asBoolean()).isTrue();
        assertThat(sandbox.calls("SageMaker.StopNotebookInstance")).isZero();
        assertThat(notebook("dev-alice").path("status").asText()).isEqualTo("InService");
    }

    @Test
    void stopNotebooks_whenApplyAndWait_stopsTagsAndReportsTheFailedOne() throws Exception {
        Cli.Run run = sweeper("stop-notebooks", "--name-contains", "dev-", "--include-active", "--apply", "--wait");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3); // dev-erin ends Failed
        Map<String, JsonNode> r = byName(run);
        for (String n : List.of("dev-alice", "dev-bob", "dev-dan")) {
            assertThat(outcome(r, n)).as(n).isEqualTo("done");
            assertThat(r.get(n).path("action").path("detail").asText()).contains("now Stopped");
            assertThat(notebook(n).path("status").asText()).isEqualTo("Stopped");
            assertThat(notebook(n).path("tags").path("sweeper:stopped-at").asText()).matches("\\d{4}-.*Z");
        }
        assertThat(outcome(r, "dev-erin")).isEqualTo("failed");
        assertThat(r.get("dev-erin").path("action").path("detail").asText()).contains("ended Failed");
        assertThat(sandbox.calls("SageMaker.StopNotebookInstance")).isEqualTo(4);
        assertThat(notebook("research-gpu").path("status").asText()).isEqualTo("InService");
    }

    @Test
    void stopNotebooks_whenIdleOnly_stopsOnlyIdleUnprotected() throws Exception {
        Cli.Run run = sweeper("stop-notebooks", "--all", "--idle-only", "--apply", "--max-actions", "50");

        Map<String, JsonNode> r = byName(run);
        assertThat(r.get("dev-alice").path("verdict").asText()).isEqualTo("IDLE");
        assertThat(outcome(r, "dev-alice")).isEqualTo("done");
        assertThat(outcome(r, "dev-erin")).isEqualTo("done"); // not waited for: the stop call itself succeeded
        assertThat(outcome(r, "dev-bob")).as("active").isNull();
        assertThat(outcome(r, "dev-dan")).as("too young").isNull();
        assertThat(r.get("research-gpu").path("verdict").asText()).isEqualTo("UNKNOWN");
        assertThat(r.get("research-gpu").path("reasons").toString()).contains("no activity signal");
        assertThat(outcome(r, "research-gpu")).as("unknown is never acted on").isNull();
        assertThat(r.get("team-shared").path("protected").asBoolean()).isTrue();
        assertThat(outcome(r, "team-shared")).isEqualTo("skipped");
        assertThat(notebook("team-shared").path("status").asText()).isEqualTo("InService");
        assertThat(notebook("dev-bob").path("status").asText()).isEqualTo("InService");
        assertThat(sandbox.calls("SageMaker.StopNotebookInstance")).isEqualTo(2);
    }

    @Test
    void stopNotebooks_whenAllIncludeActiveAndApply_neverStopsTheProtectedOne() throws Exception {
        Cli.Run run = sweeper("stop-notebooks", "--all", "--include-active", "--apply", "--max-actions", "50");

        Map<String, JsonNode> r = byName(run);
        assertThat(outcome(r, "team-shared")).isEqualTo("skipped");
        assertThat(r.get("team-shared").path("action").path("detail").asText())
                .isEqualTo("protected: tagged sweeper:protect=true");
        assertThat(notebook("team-shared").path("status").asText()).isEqualTo("InService");
        assertThat(outcome(r, "research-gpu")).isEqualTo("done"); // --include-active: idle or not
    }

    @Test
    void stopNotebooks_whenMoreThanMaxActions_refusesWithExit5() {
        Cli.Run run = sweeper("stop-notebooks", "--name-contains", "dev-", "--include-active", "--apply", "--max-actions", "3");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(5);
        assertThat(run.err()).contains("4 actions planned, more than --max-actions 3");
        assertThat(sandbox.calls("SageMaker.StopNotebookInstance")).isZero();
    }

    @Test
    void startNotebooks_whenApply_startsStoppedMatches() throws Exception {
        Cli.Run run = sweeper("start-notebooks", "--name-contains", "dev-", "--apply", "--wait");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Map<String, JsonNode> r = byName(run);
        assertThat(outcome(r, "dev-carol")).isEqualTo("done");
        assertThat(outcome(r, "dev-alice")).as("already running").isNull();
        assertThat(notebook("dev-carol").path("status").asText()).isEqualTo("InService");
    }

    @Test
    void startNotebooks_whenOnlySwept_wakesOnlyWhatTheSweeperStopped() throws Exception {
        assertThat(sweeper("stop-notebooks", "--name-contains", "dev-alice", "--apply", "--wait").exitCode()).isZero();

        Cli.Run run = sweeper("start-notebooks", "--name-contains", "dev-", "--only-swept", "--apply", "--wait");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Map<String, JsonNode> r = byName(run);
        assertThat(r.keySet()).containsExactly("dev-alice");
        assertThat(outcome(r, "dev-alice")).isEqualTo("done");
        assertThat(notebook("dev-alice").path("status").asText()).isEqualTo("InService");
        assertThat(notebook("dev-alice").path("tags").has("sweeper:stopped-at")).as("tag removed").isFalse();
        assertThat(notebook("dev-carol").path("status").asText()).as("its owner stopped it").isEqualTo("Stopped");
    }

    @Test
    void startNotebooks_whenIdleOnly_isAUsageError() {
        Cli.Run run = sweeper("start-notebooks", "--idle-only");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--idle-only applies to stop-notebooks");
        assertThat(sandbox.totalCalls()).isZero();
    }

    @Test
    void stopNotebooks_whenWaitTimesOut_isAFailedActionAndExit3() throws Exception {
        // A clock that jumps a minute at every look: the 1m timeout passes at once, while the
        // sandbox (real time) still has the notebook Stopping.
        try (Sandbox slow = Sandbox.start(dev.sweeper.sandbox.SandboxOptions.defaults()
                .withFleetFile(Sandbox.SAMPLE_FLEET).withTransitionDelay(Duration.ofSeconds(30)))) {
            Environment env = new Environment(
                    Map.of("XDG_STATE_HOME", Cli.STATE_DIR.toString()), // never the real home's audit log
                    false, false, new JumpingClock(), Duration.ofMillis(50));
            Cli.Run run = Cli.run(env, "stop-notebooks", "--name-contains", "dev-alice", "--apply", "--wait",
                    "--wait-timeout", "1m", "--endpoint-url", slow.url(), "--region", "us-east-1", "--output", "json");

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
            Map<String, JsonNode> r = byName(run);
            assertThat(outcome(r, "dev-alice")).isEqualTo("failed");
            assertThat(r.get("dev-alice").path("action").path("detail").asText()).contains("not Stopped within 1m");
        }
    }

    @Test
    void stopNotebooks_whenApply_writesTheAuditLogBeforeAndAfterEachAction() throws Exception {
        java.nio.file.Path audit = java.nio.file.Files.createTempFile("audit", ".jsonl");

        Cli.Run run = sweeper("stop-notebooks", "--name-contains", "dev-", "--apply", "--audit-log", audit.toString());
        Cli.Run other = sweeper("stop-notebooks", "--name-contains", "dev-", "--include-active", "--apply", "--audit-log",
                audit.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<JsonNode> lines = new java.util.ArrayList<>();
        for (String l : java.nio.file.Files.readAllLines(audit)) {
            lines.add(JSON.readTree(l));
        }
        List<JsonNode> alice = lines.stream().filter(l -> l.path("name").asText().equals("dev-alice")).toList();
        assertThat(alice).extracting(l -> l.path("outcome").asText()).containsExactly("planned", "done");
        assertThat(alice.get(0).path("reason").asText()).startsWith("attempting:");
        JsonNode done = alice.get(1);
        assertThat(done.path("region").asText()).isEqualTo("us-east-1");
        assertThat(done.path("kind").asText()).isEqualTo("notebook");
        assertThat(done.path("action").asText()).isEqualTo("stop");
        assertThat(done.path("command").asText()).isEqualTo("stop-notebooks");
        assertThat(done.path("time").asText()).endsWith("Z");
        assertThat(done.has("account")).isTrue();
        assertThat(done.path("verdict").asText()).isEqualTo("IDLE");
        assertThat(done.path("signal").asText()).isEqualTo("jupyter");
        assertThat(done.path("evidence").path("jupyter").asText()).isEqualTo("read");
        assertThat(done.path("evidence").path("kernels").asInt()).isEqualTo(1);
        assertThat(done.path("evidence").path("busyKernels").asInt()).isZero();
        assertThat(lines).extracting(l -> l.path("name").asText()).doesNotContain("dev-carol");
        // Two runs share the file: each line says which one wrote it.
        assertThat(other.exitCode()).as(other.toString()).isZero();
        assertThat(lines).extracting(l -> l.path("runId").asText()).allSatisfy(id -> assertThat(id)
                .matches("\\d{8}T\\d{6}Z-[0-9a-f]{8}"));
        assertThat(lines.stream().map(l -> l.path("runId").asText()).distinct()).hasSize(2);
        assertThat(alice).extracting(l -> l.path("runId").asText()).containsOnly(alice.get(0).path("runId").asText());
    }

    @Test
    void stopNotebooks_whenNotify_sendsTheSameSummaryAsEndpointsIdle() throws Exception {
        String topic = "arn:aws:sns:us-east-1:123456789012:sweeper-alerts";

        Cli.Run run = sweeper("stop-notebooks", "--name-contains", "dev-", "--notify", "--topic-arn", topic);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode messages = sandbox.state().path("messages");
        assertThat(messages.size()).isEqualTo(1);
        JsonNode m = messages.get(0);
        assertThat(m.path("topicArn").asText()).isEqualTo(topic);
        assertThat(m.path("subject").asText()).startsWith("SageMaker Sweeper: 2 idle");
        assertThat(m.path("message").asText()).contains("SageMaker Sweeper (stop-notebooks) found 2 idle resources")
                .contains("[us-east-1] notebook dev-alice (ml.t3.medium)").contains("stop: planned")
                .doesNotContain("dev-bob");
    }

    @Test
    void stopNotebooks_whenDryRun_auditsThePlan() throws Exception {
        java.nio.file.Path audit = java.nio.file.Files.createTempFile("audit", ".jsonl");

        sweeper("stop-notebooks", "--name-contains", "dev-alice", "--audit-log", audit.toString());

        List<String> lines = java.nio.file.Files.readAllLines(audit);
        assertThat(lines).hasSize(1);
        assertThat(JSON.readTree(lines.get(0)).path("outcome").asText()).isEqualTo("planned");
    }
}
