package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 17, item 1: a destructive command with no filter needs an explicit --all, and a plan that
 * would stop or delete something in use (ACTIVE) or of unknown use (UNKNOWN) says so, one line
 * per resource, before acting. The refusals themselves (exit 2, one line, no call) are in BadInputIT.
 */
class UnfilteredActionsIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final Sandbox sandbox = Sandbox.perTestSampleFleet();

    /** The planned or done stops of notebooks not IDLE (ACTIVE, TOO_YOUNG, UNKNOWN) in a JSON result, as "name" list. */
    static List<String> inUseStops(JsonNode doc) {
        List<String> names = new ArrayList<>();
        for (JsonNode r : doc.path("resources")) {
            String verdict = r.path("verdict").asText();
            if (r.path("action").path("type").asText().equals("stop")
                    && (verdict.equals("ACTIVE") || verdict.equals("TOO_YOUNG") || verdict.equals("UNKNOWN"))) {
                names.add(r.path("name").asText());
            }
        }
        return names;
    }

    @Test
    void stopNotebooks_whenNoFilter_refusesNamingAllAndStopsNothing() {
        Cli.Run run = sandbox.sweeper("stop-notebooks", "--apply", "--max-actions", "50");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("error: stop-notebooks with no filter would stop every IDLE "
                + "notebook in us-east-1").contains("--all").doesNotContain("\n");
        assertThat(run.out()).isEmpty();
        assertThat(sandbox.totalCalls()).isZero();
        assertThat(sandbox.notebookStatus("dev-bob")).isEqualTo("InService");
    }

    @Test
    void endpointsIdle_whenNoFilterAndNoDelete_staysReadOnlyAndRuns() throws Exception {
        Cli.Run run = sandbox.sweeper("endpoints", "idle");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.json().path("resources").size()).isPositive();
    }

    /** --idle-only is what every stop does anyway now: it narrows nothing, so it is no filter (SPEC: name or tag). */
    @Test
    void stopNotebooks_whenIdleOnlyWithoutNameOrTag_isNoFilter() {
        Cli.Run run = sandbox.sweeper("stop-notebooks", "--idle-only");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("--all");
        assertThat(sandbox.totalCalls()).isZero();
    }

    @Test
    void startNotebooks_whenOnlySweptWithoutNameOrTag_countsAsAFilter() {
        Cli.Run run = sandbox.sweeper("start-notebooks", "--only-swept");

        assertThat(run.exitCode()).as(run.toString()).isZero();
    }

    @Test
    void stopNotebooks_whenAllIncludeActiveDryRun_namesEachNonIdleOneOnStderrAndCountsThem() throws Exception {
        Cli.Run json = sandbox.sweeper("stop-notebooks", "--all", "--include-active");

        assertThat(json.exitCode()).as(json.toString()).isZero();
        JsonNode doc = json.json();
        List<String> inUse = inUseStops(doc);
        assertThat(inUse).as("the sample fleet has running notebooks in use or of unknown use").isNotEmpty();
        List<String> warnings = json.err().lines().filter(l -> l.startsWith("warning: would stop notebook ")).toList();
        assertThat(warnings).hasSize(inUse.size());
        for (String name : inUse) {
            assertThat(warnings).as(name).anyMatch(l -> l.startsWith("warning: would stop notebook " + name + " (")
                    && l.contains("us-east-1), which is "));
        }
        assertThat(doc.path("summary").path("actionsPlannedInUse").asInt()).isEqualTo(inUse.size());

        Cli.Run table = Cli.run("stop-notebooks", "--all", "--include-active", "--output", "table",
                "--endpoint-url", sandbox.url(), "--region", "us-east-1");
        int planned = doc.path("summary").path("actionsPlanned").asInt();
        assertThat(table.out()).contains(inUse.size() + " of " + planned + " planned stops are not IDLE");
        assertThat(sandbox.calls("SageMaker.StopNotebookInstance")).isZero();
    }

    @Test
    void stopNotebooks_whenAllIncludeActiveAndApply_saysWhichNonIdleOnesItStopsBeforeStoppingAny() throws Exception {
        Cli.Run run = sandbox.sweeper("stop-notebooks", "--all", "--include-active", "--apply", "--max-actions", "50");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> inUse = inUseStops(run.json());
        assertThat(inUse).isNotEmpty();
        List<String> lines = run.err().lines().toList();
        int firstDone = lines.indexOf(lines.stream().filter(l -> l.startsWith("done: ")).findFirst().orElseThrow());
        for (String name : inUse) {
            int warned = lines.indexOf(lines.stream().filter(l -> l.startsWith("warning: will stop notebook " + name
                    + " ")).findFirst().orElseThrow(() -> new AssertionError("no warning for " + name + "\n" + run)));
            assertThat(warned).as(name + " warned before the first stop").isLessThan(firstDone);
        }
    }

    @Test
    void stopNotebooks_whenAllWithoutIncludeActive_warnsAboutNothing() {
        Cli.Run run = Cli.run("stop-notebooks", "--all", "--output", "table",
                "--endpoint-url", sandbox.url(), "--region", "us-east-1");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("planned");

        assertThat(run.err()).doesNotContain("would stop");
        assertThat(run.out()).doesNotContain("not IDLE (in use");
    }

    @Test
    void endpointsIdle_whenDeleteAndAll_planTheIdleOnesOnly() throws Exception {
        Cli.Run run = sandbox.sweeper("endpoints", "idle", "--delete", "--all");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode doc = run.json();
        assertThat(doc.path("summary").path("actionsPlanned").asInt()).isPositive();
        for (JsonNode r : doc.path("resources")) {
            if (!r.path("action").isNull() && r.path("action").path("outcome").asText().equals("planned")) {
                assertThat(r.path("verdict").asText()).as(r.path("name").asText()).isEqualTo("IDLE");
            }
        }
    }
}
