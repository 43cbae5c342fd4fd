package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SPEC's one rule for acting, the same for every command that stops or deletes: IDLE resources only, unless
 * {@code --include-active} names the wider set (ACTIVE, TOO_YOUNG, UNKNOWN, each listed on stderr before anything is
 * done); {@code --all} widens the filter, never the verdicts; {@code --idle-only} is accepted and changes nothing.
 * On the sample fleet: dev-alice and dev-erin IDLE, dev-bob ACTIVE, dev-dan TOO_YOUNG, research-gpu UNKNOWN,
 * team-shared IDLE but protected.
 */
class OneRuleForActingIT {
    @RegisterExtension
    final Sandbox sandbox = Sandbox.perTestSampleFleet();

    static String outcome(Map<String, JsonNode> r, String name) {
        JsonNode a = r.get(name).path("action");
        return a.isNull() || a.isMissingNode() ? null : a.path("outcome").asText();
    }

    @Test
    void stopNotebooks_whenFiltered_stopsOnlyIdleOnesAndSaysWhatItLeft() throws Exception {
        Cli.Run run = sandbox.sweeper("stop-notebooks", "--name-contains", "dev-", "--apply");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Map<String, JsonNode> r = run.byName();
        assertThat(outcome(r, "dev-alice")).isEqualTo("done");
        assertThat(outcome(r, "dev-erin")).isEqualTo("done");
        assertThat(outcome(r, "dev-bob")).as("ACTIVE: a busy kernel").isNull();
        assertThat(outcome(r, "dev-dan")).as("TOO_YOUNG").isNull();
        assertThat(sandbox.notebookStatus("dev-bob")).isEqualTo("InService");
        assertThat(sandbox.notebookStatus("dev-dan")).isEqualTo("InService");
        assertThat(sandbox.calls("SageMaker.StopNotebookInstance")).isEqualTo(2);
        assertThat(run.err()).contains("2 matches are not IDLE (1 ACTIVE, 1 TOO_YOUNG)").contains("--include-active");
    }

    @Test
    void stopNotebooks_whenAll_widensTheFilterNotTheVerdicts() throws Exception {
        Cli.Run run = sandbox.sweeper("stop-notebooks", "--all", "--apply", "--max-actions", "50");

        Map<String, JsonNode> r = run.byName();
        assertThat(outcome(r, "research-gpu")).as("UNKNOWN is never acted on without --include-active").isNull();
        assertThat(outcome(r, "cv-training-p3")).as("ACTIVE: a terminal used 2 hours ago").isNull();
        assertThat(outcome(r, "team-shared")).as("protected").isEqualTo("skipped");
        assertThat(sandbox.notebookStatus("research-gpu")).isEqualTo("InService");
        assertThat(sandbox.notebookStatus("cv-training-p3")).isEqualTo("InService");
        assertThat(r.values().stream().filter(n -> "done".equals(n.path("action").path("outcome").asText()))
                .allMatch(n -> n.path("verdict").asText().equals("IDLE"))).isTrue();
    }

    @Test
    void stopNotebooks_whenIncludeActive_stopsEveryRunningMatchAndListsEachNonIdleOneFirst() throws Exception {
        Cli.Run run = sandbox.sweeper("stop-notebooks", "--name-contains", "dev-", "--include-active");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Map<String, JsonNode> r = run.byName();
        for (String n : new String[] {"dev-alice", "dev-bob", "dev-dan", "dev-erin"}) {
            assertThat(outcome(r, n)).as(n).isEqualTo("planned");
        }
        assertThat(run.err()).containsPattern("would stop notebook dev-bob \\((\\d{12}/)?us-east-1\\), which is ACTIVE")
                .containsPattern("would stop notebook dev-dan \\((\\d{12}/)?us-east-1\\), which is TOO_YOUNG")
                .doesNotContainPattern("notebook dev-alice \\((\\d{12}/)?us-east-1\\), which is");
        assertThat(run.json().path("summary").path("actionsPlannedInUse").asInt()).isEqualTo(2);
        assertThat(sandbox.calls("SageMaker.StopNotebookInstance")).isZero();
    }

    @Test
    void stopNotebooks_whenIncludeActiveAndAll_stillNeverStopsTheProtectedOne() throws Exception {
        Cli.Run run = sandbox.sweeper("stop-notebooks", "--all", "--include-active", "--apply", "--max-actions", "50");

        Map<String, JsonNode> r = run.byName();
        assertThat(outcome(r, "research-gpu")).isEqualTo("done");
        assertThat(run.err()).containsPattern("will stop notebook research-gpu \\((\\d{12}/)?us-east-1\\), which is UNKNOWN");
        assertThat(outcome(r, "team-shared")).isEqualTo("skipped");
        assertThat(sandbox.notebookStatus("team-shared")).isEqualTo("InService");
    }

    @Test
    void stopNotebooks_whenIdleOnly_changesNothing() throws Exception {
        Cli.Run plain = sandbox.sweeper("stop-notebooks", "--name-contains", "dev-");
        Cli.Run idleOnly = sandbox.sweeper("stop-notebooks", "--name-contains", "dev-", "--idle-only");

        assertThat(idleOnly.exitCode()).as(idleOnly.toString()).isZero();
        Map<String, JsonNode> a = plain.byName();
        Map<String, JsonNode> b = idleOnly.byName();
        assertThat(b.keySet()).isEqualTo(a.keySet());
        a.keySet().forEach(n -> assertThat(outcome(b, n)).as(n).isEqualTo(outcome(a, n)));
    }

    @Test
    void stopNotebooks_whenIdleOnlyIsTheOnlyFilter_needsAll() {
        Cli.Run run = sandbox.sweeper("stop-notebooks", "--idle-only");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("--all");
        assertThat(sandbox.totalCalls()).isZero();
    }

    @Test
    void stopNotebooks_whenIdleOnlyAndIncludeActive_isAUsageError() {
        Cli.Run run = sandbox.sweeper("stop-notebooks", "--all", "--idle-only", "--include-active");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("--include-active and --idle-only");
    }

    @Test
    void endpointsIdle_whenDeleteIncludeActive_deletesAnActiveOneAfterSayingSo() throws Exception {
        Cli.Run run = sandbox.sweeper("endpoints", "idle", "--name-contains", "churn", "--delete", "--include-active",
                "--apply");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(outcome(run.byName(), "churn-model")).isEqualTo("done");
        assertThat(run.err()).containsPattern("will delete endpoint churn-model \\((\\d{12}/)?us-east-1\\), which is ACTIVE");
        assertThat(sandbox.calls("SageMaker.DeleteEndpoint")).isEqualTo(1);
    }

    @Test
    void endpointsIdle_whenDeleteWithoutIncludeActive_leavesTheActiveOne() throws Exception {
        Cli.Run run = sandbox.sweeper("endpoints", "idle", "--name-contains", "churn", "--delete", "--apply");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(outcome(run.byName(), "churn-model")).isNull();
        assertThat(sandbox.calls("SageMaker.DeleteEndpoint")).isZero();
    }

    @Test
    void includeActive_whereNothingIsStoppedOrDeleted_isAUsageError() {
        assertThat(sandbox.sweeper("endpoints", "idle", "--include-active").exitCode()).isEqualTo(2);
        assertThat(sandbox.sweeper("autostop-notebooks", "--all", "--include-active").exitCode()).isEqualTo(2);
        assertThat(sandbox.totalCalls()).isZero();
    }

    @Test
    void mlflowStop_withoutAnAgeRule_stopsOnlyWithIncludeActive() throws Exception {
        Cli.Run refused = sandbox.sweeper("mlflow", "stop", "--name-contains", "team-");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("--include-active").contains("--max-age");

        Cli.Run run = sandbox.sweeper("mlflow", "stop", "--name-contains", "team-", "--include-active", "--apply");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(outcome(run.byName(), "team-experiments")).isEqualTo("done");
        assertThat(run.err()).contains("which is UNKNOWN");
    }
}
