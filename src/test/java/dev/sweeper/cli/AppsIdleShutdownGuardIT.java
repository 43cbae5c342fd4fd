package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 27, point 3: `apps idle-shutdown` behind the one guard every acting command shares, through the real SDK
 * against the sandbox: a dry run calls no Update* operation, --max-actions refuses a run the way it refuses a stop,
 * and a name the config protects is skipped by the evaluator's rule, in the same words as a notebook's.
 */
class AppsIdleShutdownGuardIT {
    static final ObjectMapper JSON = new ObjectMapper();

    static final String FLEET = """
            region: us-east-1
            notebooks:
              - {name: prod-nb, instanceType: ml.t3.medium, status: InService}
            domains:
              - id: d-off01
                name: locked
                idleShutdown: false
                userProfiles:
                  - {name: dana}
                  - {name: gina}
                  - {name: eve, idleShutdown: true}
                  - {name: prod-frank}
                spaces:
                  - {name: team-space}
              - id: d-off02
                name: prod-research
                idleShutdown: false
            """;

    @RegisterExtension
    final Sandbox sandbox = Sandbox.perTestFleet(FLEET);

    @TempDir
    Path dir;

    Cli.Run sweeper(String... args) {
        return sandbox.sweeper(dir.resolve("audit.jsonl"), args);
    }

    static Map<String, JsonNode> changes(Cli.Run run) throws Exception {
        Map<String, JsonNode> out = new HashMap<>();
        JSON.readTree(run.out()).path("changes").forEach(c -> out.put(c.path("name").asText(), c));
        return out;
    }

    List<JsonNode> auditLines() throws Exception {
        return Files.readAllLines(dir.resolve("audit.jsonl")).stream().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    int updates() {
        return sandbox.calls("SageMaker.UpdateDomain") + sandbox.calls("SageMaker.UpdateUserProfile")
                + sandbox.calls("SageMaker.UpdateSpace");
    }

    @Test
    void dryRun_atEitherLevel_callsNoUpdateOperation_andPlansWhatApplyWouldChange() throws Exception {
        Cli.Run domains = sweeper("apps", "idle-shutdown", "--domains", "--all");
        Cli.Run profiles = sweeper("apps", "idle-shutdown", "--user-profiles", "--all", "--timeout", "2h");

        assertThat(domains.exitCode()).as(domains.toString()).isZero();
        assertThat(profiles.exitCode()).as(profiles.toString()).isZero();
        assertThat(JSON.readTree(profiles.out()).path("dryRun").asBoolean()).isTrue();
        assertThat(changes(domains).get("locked").path("outcome").asText()).isEqualTo("planned");
        assertThat(changes(profiles).get("dana").path("outcome").asText()).isEqualTo("planned");
        assertThat(changes(profiles).get("gina").path("after").asText()).contains("ENABLED 120 min");
        assertThat(updates()).isZero();
        assertThat(auditLines()).filteredOn(l -> l.path("outcome").asText().equals("planned"))
                .extracting(l -> l.path("name").asText()).contains("locked", "dana", "gina");
    }

    @Test
    void maxActionsOne_whenTwoArePlanned_refusesTheWholeRun_inTheWordsOfEveryActingCommand() throws Exception {
        Cli.Run run = sweeper("apps", "idle-shutdown", "--user-profiles", "--name-regex", "^(dana|gina|eve)$",
                "--apply", "--max-actions", "1");
        Cli.Run stop = sweeper("stop-notebooks", "--name-contains", "nb", "--include-active", "--apply",
                "--max-actions", "0");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(5);
        assertThat(run.err()).contains("refused: 2 actions planned, more than --max-actions 1: nothing was done "
                + "(raise --max-actions or narrow the filters)");
        assertThat(stop.exitCode()).as(stop.toString()).isEqualTo(5);
        assertThat(stop.err()).contains("refused: 1 actions planned, more than --max-actions 0: nothing was done "
                + "(raise --max-actions or narrow the filters)");
        Map<String, JsonNode> c = changes(run);
        assertThat(c.get("dana").path("outcome").asText()).isEqualTo("planned");
        assertThat(c.get("gina").path("outcome").asText()).isEqualTo("planned");
        assertThat(c.get("eve").path("outcome").asText()).isEqualTo("skipped");
        assertThat(updates()).isZero();
        assertThat(auditLines()).filteredOn(l -> l.path("command").asText().equals("apps idle-shutdown")
                        && l.path("reason").asText().startsWith("refused:"))
                .extracting(l -> l.path("name").asText()).containsExactlyInAnyOrder("dana", "gina");
    }

    @Test
    void maxActionsOne_whenOneIsPlanned_changesExactlyThatOne_andSkipsTheRest() throws Exception {
        Cli.Run run = sweeper("apps", "idle-shutdown", "--user-profiles", "--name-regex", "^(dana|eve|prod-frank)$",
                "--apply", "--max-actions", "1", "--config", config("protection:\n  name-patterns: [\"^prod-\"]\n")
                        .toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Map<String, JsonNode> c = changes(run);
        assertThat(c.get("dana").path("outcome").asText()).isEqualTo("done");
        assertThat(c.get("eve").path("outcome").asText()).isEqualTo("skipped");
        assertThat(c.get("prod-frank").path("outcome").asText()).isEqualTo("skipped");
        assertThat(sandbox.calls("SageMaker.UpdateUserProfile")).isEqualTo(1);
        assertThat(updates()).isEqualTo(1);
    }

    @Test
    void protectedNamePattern_skipsADomainAndAProfile_byTheEvaluatorsRule_asItSkipsANotebook() throws Exception {
        Path config = config("protection:\n  name-patterns: [\"^prod-\"]\n");
        Cli.Run domains = sweeper("apps", "idle-shutdown", "--domains", "--all", "--apply", "--config",
                config.toString());
        Cli.Run profiles = sweeper("apps", "idle-shutdown", "--user-profiles", "--name-contains", "frank", "--apply",
                "--config", config.toString());
        Cli.Run stop = sweeper("stop-notebooks", "--name-contains", "prod", "--include-active", "--config",
                config.toString());

        assertThat(domains.exitCode()).as(domains.toString()).isZero();
        assertThat(profiles.exitCode()).as(profiles.toString()).isZero();
        String notebookSkip = stop.json().path("resources").get(0).path("action").path("detail").asText();
        assertThat(notebookSkip).isEqualTo("protected: name matches protected pattern '^prod-'");
        assertThat(changes(domains).get("prod-research").path("outcome").asText()).isEqualTo("skipped");
        assertThat(changes(domains).get("prod-research").path("detail").asText()).isEqualTo(notebookSkip);
        assertThat(changes(profiles).get("prod-frank").path("outcome").asText()).isEqualTo("skipped");
        assertThat(changes(profiles).get("prod-frank").path("detail").asText()).isEqualTo(notebookSkip);
        assertThat(changes(domains).get("locked").path("outcome").asText()).isEqualTo("done");
        assertThat(sandbox.calls("SageMaker.UpdateDomain")).isEqualTo(1);
        assertThat(sandbox.calls("SageMaker.UpdateUserProfile")).isZero();
    }

    Path config(String yaml) throws Exception {
        Path file = dir.resolve("sweeper-" + Math.abs(yaml.hashCode()) + ".yaml");
        return Files.writeString(file, yaml);
    }
}
