package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** scan, report and apps idle against the sample fleet. */
class ScanReportIT {
    static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final Sandbox sandbox = Sandbox.perTestSampleFleet();

    static Cli.Run sweeper(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--endpoint-url", sandbox.url(), "--region", "us-east-1"));
        return Cli.run(all.toArray(String[]::new));
    }

    static List<JsonNode> resources(JsonNode doc, String kind) {
        return StreamSupport.stream(doc.path("resources").spliterator(), false)
                .filter(r -> r.path("kind").asText().equals(kind)).toList();
    }

    static JsonNode find(JsonNode doc, String kind, String name) {
        return resources(doc, kind).stream().filter(r -> r.path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    /**
     * One call in flight at a time: the kinds are still inspected side by side, and the listings,
     * metric batches and describes all wait on the same single pool thread without waiting on each
     * other. The result is the one the default concurrency gives.
     */
    @Test
    void scan_whenOneCallAtATime_finishesWithTheSameResult() throws Exception {
        JsonNode[] docs = new JsonNode[2];
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60), () -> {
            Cli.Run one = sweeper("scan", "--output", "json", "--max-concurrency", "1");
            assertThat(one.exitCode()).as(one.toString()).isZero();
            docs[0] = JSON.readTree(one.out());
        }, "a scan with --max-concurrency 1 deadlocked");
        Cli.Run eight = sweeper("scan", "--output", "json");
        assertThat(eight.exitCode()).as(eight.toString()).isZero();
        docs[1] = JSON.readTree(eight.out());

        for (JsonNode doc : docs) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) doc).remove("evaluatedAt");
            // The two runs read the window at two moments: a datapoint may enter or leave it in
            // between, changing counts (216 vs 225 invocations), never verdicts.
            for (JsonNode r : doc.path("resources")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) r).remove(List.of("reasons", "evidence"));
            }
        }
        assertThat(docs[0]).isEqualTo(docs[1]);
        assertThat(docs[0].path("summary").path("total").asInt()).isGreaterThan(30);
    }

    @Test
    void scan_whenSampleFleet_reportsEveryKindWithVerdictsAndChangesNothing() throws Exception {
        sandbox.resetStats();
        Cli.Run run = sweeper("scan", "--output", "json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode doc = JSON.readTree(run.out());
        assertThat(doc.path("command").asText()).isEqualTo("scan");
        assertThat(doc.path("dryRun").asBoolean()).isFalse();
        assertThat(resources(doc, "notebook")).hasSize(9);
        assertThat(resources(doc, "endpoint")).hasSize(21);
        assertThat(resources(doc, "app")).hasSize(11); // with the two Canvas apps

        JsonNode alice = find(doc, "notebook", "dev-alice");
        assertThat(alice.path("verdict").asText()).isEqualTo("IDLE");
        assertThat(alice.path("instanceType").asText()).isEqualTo("ml.t3.medium");
        assertThat(alice.path("hourlyCost").isNumber()).isTrue();
        assertThat(alice.path("reasons").toString()).contains("no lifecycle configuration attached");
        assertThat(find(doc, "notebook", "dev-dan").path("reasons").toString())
                .contains("lifecycle configuration 'auto-stop-idle' attached");
        assertThat(find(doc, "notebook", "research-gpu").path("verdict").asText()).isEqualTo("UNKNOWN");
        assertThat(find(doc, "notebook", "team-shared").path("protected").asBoolean()).isTrue();
        assertThat(find(doc, "notebook", "dev-carol").path("verdict").asText()).isEqualTo("EXEMPT");

        // scan describes every endpoint, so active ones are priced too.
        JsonNode vision = find(doc, "endpoint", "vision-multi");
        assertThat(vision.path("instanceCount").asInt()).isEqualTo(3);
        assertThat(vision.path("variants").size()).isEqualTo(3);
        assertThat(vision.path("hourlyCost").isNumber()).isTrue();

        // Quiet on its variant, busy on one of its inference components.
        JsonNode llm = find(doc, "endpoint", "llm-shared-g5");
        assertThat(llm.path("verdict").asText()).as(llm.toString()).isEqualTo("ACTIVE");
        assertThat(llm.path("reasons").toString()).contains("llama-chat").contains("mistral-eval");
        assertThat(llm.path("hourlyCost").asDouble()).as("priced by its 2 instances").isPositive();

        List<JsonNode> apps = resources(doc, "app");
        assertThat(apps).filteredOn(a -> a.path("instanceType").asText().equals("system"))
                .hasSize(2).allSatisfy(a -> assertThat(a.path("verdict").asText()).isEqualTo("EXEMPT"));
        JsonNode kernel = apps.stream().filter(a -> a.path("name").asText().equals("datascience-1")).findFirst()
                .orElseThrow();
        assertThat(kernel.path("verdict").asText()).isEqualTo("UNKNOWN");
        assertThat(kernel.path("reasons").get(0).asText()).contains("no reliable activity signal").contains("12d");
        assertThat(kernel.path("reasons").toString()).contains("idle shutdown");

        Map<String, Integer> calls = JSON.convertValue(sandbox.stats().path("calls"),
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, Integer>>() { });
        // A presigned URL changes nothing on the notebook; with it only GETs reach the Jupyter servers.
        assertThat(calls.keySet()).as("scan is read-only")
                .noneMatch(op -> op.matches(".*\\.(Delete|Stop|Start|Add|Create|Put|Publish).*")
                        && !op.equals("SageMaker.CreatePresignedNotebookInstanceUrl"))
                .filteredOn(op -> op.startsWith("Jupyter.")).isNotEmpty().allMatch(op -> op.startsWith("Jupyter.GET "));
    }

    @Test
    void scan_whenMaxAge_makesOldAppsIdleByAnAgeRule() throws Exception {
        Cli.Run run = sweeper("scan", "--kinds", "app", "--max-age", "10d", "--output", "json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode doc = JSON.readTree(run.out());
        assertThat(resources(doc, "notebook")).isEmpty();
        JsonNode kernel = find(doc, "app", "datascience-1");
        assertThat(kernel.path("verdict").asText()).isEqualTo("IDLE");
        assertThat(kernel.path("reasons").get(0).asText()).contains("an age rule, not observed idleness");
        assertThat(kernel.path("protected").isBoolean()).as("idle: tags read").isTrue();
        assertThat(find(doc, "app", "gpu-kernel").path("verdict").asText()).isEqualTo("UNKNOWN");
    }

    @Test
    void scan_whenFailOnIdle_exits4AndNotifies() throws Exception {
        Cli.Run run = sweeper("scan", "--output", "json", "--fail-on-idle", "--notify", "--topic-arn",
                "arn:aws:sns:us-east-1:123456789012:ops-oncall");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
        JsonNode messages = sandbox.state().path("messages");
        assertThat(StreamSupport.stream(messages.spliterator(), false)
                .filter(m -> m.path("topicArn").asText().endsWith(":ops-oncall")))
                .anySatisfy(m -> assertThat(m.path("message").asText()).contains("notebook dev-alice"));
    }

    @Test
    void report_whenJson_totalsAddUpFromTheScan() throws Exception {
        JsonNode scan = JSON.readTree(sweeper("scan", "--output", "json").out());
        Cli.Run run = sweeper("report", "--format", "json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode totals = JSON.readTree(run.out()).path("totals");
        double hourly = 0;
        double saving = 0;
        for (JsonNode r : scan.path("resources")) {
            if (r.path("verdict").asText().equals("EXEMPT") || r.path("hourlyCost").isNull()) {
                continue;
            }
            hourly += r.path("hourlyCost").asDouble();
            if (r.path("verdict").asText().equals("IDLE") && !r.path("protected").asBoolean()) {
                saving += r.path("hourlyCost").asDouble();
            }
        }
        assertThat(totals.path("hourly").asDouble()).isCloseTo(hourly, within(0.001));
        assertThat(totals.path("savingHourly").asDouble()).isCloseTo(saving, within(0.001));
        assertThat(totals.path("monthly").asDouble()).isCloseTo(hourly * 730, within(0.02));
        // The two running MLflow tracking servers: no price we could source, in AWS's price list or the bundled table
        // (ml.p5.48xlarge and the HyperPod cluster are priced by AWS's price list, the sandbox's)
        assertThat(totals.path("unpriced").asInt()).isEqualTo(2);
    }

    @Test
    void report_whenHtmlToFile_isWellFormedSelfContainedAndShowsTheTotals(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("report.html");
        Cli.Run run = sweeper("report", "--format", "html", "--out", out.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEmpty();
        String html = Files.readString(out);
        assertThat(html).doesNotContain("<script").doesNotContain("http://").doesNotContain("https://")
                .contains("<svg").contains("Biggest idle spenders");
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        var doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(
                html.replaceFirst("(?i)<!DOCTYPE html>", "").getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("html");
        JsonNode totals = JSON.readTree(sweeper("report", "--format", "json").out()).path("totals");
        String monthly = String.format(java.util.Locale.ROOT, "%,.2f", totals.path("monthly").asDouble());
        assertThat(html).contains(monthly);
    }

    @Test
    void report_whenMarkdown_everyTableRowHasTheHeadersCellCount() {
        Cli.Run run = sweeper("report", "--format", "markdown");

        assertThat(run.exitCode()).isZero();
        List<String> lines = run.out().lines().toList();
        int tables = 0;
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).startsWith("|") && lines.get(i + 1).matches("\\|( *:?-+:? *\\|)+")) {
                tables++;
                int cells = cells(lines.get(i));
                for (int j = i + 1; j < lines.size() && lines.get(j).startsWith("|"); j++) {
                    assertThat(cells(lines.get(j))).as(lines.get(j)).isEqualTo(cells);
                }
            }
        }
        assertThat(tables).isGreaterThanOrEqualTo(3);
    }

    static int cells(String row) {
        return row.replace("\\|", "").split("\\|", -1).length - 2;
    }

    @Test
    void report_whenOutputAndFormatDisagree_isAUsageError() {
        // --output is report's --format too (issue 17): only a contradiction is an error.
        Cli.Run run = Cli.run("report", "--format", "html", "--output", "json", "--endpoint-url", sandbox.url(),
                "--region", "us-east-1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--format").contains("--output").contains("disagree");
    }
}
