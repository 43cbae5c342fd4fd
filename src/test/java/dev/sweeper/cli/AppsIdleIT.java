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

    static List<String> owners(JsonNode doc) {
        List<String> out = new ArrayList<>();
        doc.path("resources").forEach(r -> out.add(r.path("app").path("userProfile").asText("-") + "/"
                + r.path("app").path("space").asText("-") + "/" + r.path("app").path("appType").asText()));
        return out;
    }

    @Test
    void appsIdle_whenUser_looksOnlyAtThatUsersApps() throws Exception {
        JsonNode doc = sweeper("--user", "bob").json();

        // bob's KernelGateway and Canvas apps: nobody else's, and no space's.
        assertThat(owners(doc)).isNotEmpty().allSatisfy(o -> assertThat(o).startsWith("bob/-/"));
        assertThat(owners(doc)).contains("bob/-/Canvas", "bob/-/KernelGateway");
    }

    @Test
    void appsIdle_whenSpace_looksOnlyAtTheAppsInThatSpace() throws Exception {
        JsonNode doc = sweeper("--space", "shared").json();

        assertThat(owners(doc)).containsExactly("-/shared/JupyterLab");
    }

    @Test
    void appsIdle_whenNameContains_matchesTheNameTheTableShows() throws Exception {
        // "default (Canvas, user alice)", "datascience-1 (KernelGateway, user alice)", "default (CodeEditor, space
        // alice-lab)": the app names themselves never contain "alice".
        JsonNode doc = sweeper("--name-contains", "alice").json();

        assertThat(owners(doc)).contains("alice/-/Canvas", "alice/-/KernelGateway", "-/alice-lab/CodeEditor")
                .noneSatisfy(o -> assertThat(o).startsWith("bob/")).noneSatisfy(o -> assertThat(o).startsWith("carol/"));
        // An anchored regex on the app's own name still matches it.
        assertThat(owners(sweeper("--name-regex", "^ops-kernel$").json())).containsExactly("carol/-/KernelGateway");
    }

    @Test
    void appsIdle_whenUserIsTheOnlyFilter_letsDeleteRunWithoutAll() {
        Cli.Run run = sweeper("--user", "bob", "--delete");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.json().path("summary").path("actionsPlanned").asInt()).as("bob's idle Canvas app").isEqualTo(1);
    }

    @Test
    void appsIdle_whenTable_listsTheIdleAppsAsEndpointsIdleListsIdleEndpoints() {
        Cli.Run run = Cli.run("apps", "idle", "--output", "table", "--endpoint-url", sandbox.url(), "--region", "us-east-1");
        Cli.Run all = Cli.run("apps", "idle", "--output", "table", "--all", "--endpoint-url", sandbox.url(), "--region",
                "us-east-1");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        java.util.regex.Pattern appRow = java.util.regex.Pattern.compile("\\(\\w+, (user|space) ");
        List<String> rows = run.out().lines().filter(l -> appRow.matcher(l).find()).toList();
        assertThat(rows).as(run.out()).hasSize(1);
        assertThat(rows.get(0)).contains("default (Canvas, user bob)");
        assertThat(run.out()).contains("--all lists them");
        assertThat(all.out().lines().filter(l -> appRow.matcher(l).find()).count()).as(all.out()).isGreaterThan(5);
    }
}
