package dev.sweeper.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sweeper.core.Action;
import dev.sweeper.core.Evaluation;
import dev.sweeper.core.Evidence;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Protection;
import dev.sweeper.core.SweepResult;
import dev.sweeper.core.Verdict;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultRendererTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static String render(SweepResult result, OutputFormat format, RenderOptions opts) {
        StringWriter sw = new StringWriter();
        ResultRenderer.render(result, format, new PrintWriter(sw), opts);
        return sw.toString();
    }

    private static JsonNode json(SweepResult result) throws Exception {
        return MAPPER.readTree(render(result, OutputFormat.JSON, RenderOptions.DEFAULT));
    }

    private static JsonNode resource(JsonNode doc, String name) {
        for (JsonNode r : doc.get("resources")) {
            if (r.get("name").asText().equals(name)) {
                return r;
            }
        }
        throw new AssertionError("no resource " + name);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    // ---- JSON

    @Test
    void render_whenJson_writesTopLevelFieldsInSpecOrder() throws Exception {
        JsonNode doc = json(Fixtures.result());

        assertThat(fieldNames(doc)).containsExactly("command", "dryRun", "evaluatedAt", "window", "resources",
                "summary", "problems", "refusal");
        assertThat(doc.get("command").asText()).isEqualTo("scan");
        assertThat(doc.get("dryRun").isBoolean()).isTrue();
        assertThat(doc.get("dryRun").asBoolean()).isTrue();
        assertThat(doc.get("evaluatedAt").asText()).isEqualTo("2026-11-28T15:00:00Z");
        assertThat(doc.get("window").asText()).isEqualTo("PT24H");
        assertThat(doc.get("resources")).hasSize(15);
        assertThat(doc.get("problems")).hasSize(1);
        assertThat(doc.get("problems").get(0).asText()).isEqualTo("region eu-west-1: access denied");
        assertThat(doc.get("refusal").isNull()).isTrue();
    }

    @Test
    void render_whenJson_writesResourceFieldByField() throws Exception {
        JsonNode r = resource(json(Fixtures.result()), "fraud-v2");

        assertThat(fieldNames(r)).containsExactly("kind", "name", "region", "arn", "status", "instanceType",
                "instanceCount", "createdAt", "verdict", "protected", "reasons", "hourlyCost", "action",
                "hourlyCostStatus", "priceRegion", "priceSource", "storageGb", "storageMonthlyCost",
                "storagePriceSource", "account", "evidence", "signal", "variants", "inferenceComponents");
        assertThat(r.get("storageGb").isNull()).as("an endpoint keeps no volume of its own here").isTrue();
        assertThat(r.get("hourlyCostStatus").asText()).isEqualTo("priced");
        assertThat(r.get("kind").asText()).isEqualTo("endpoint");
        assertThat(r.get("region").asText()).isEqualTo("us-east-1");
        assertThat(r.get("arn").asText()).isEqualTo("arn:aws:sagemaker:us-east-1:123456789012:endpoint/fraud-v2");
        assertThat(r.get("status").asText()).isEqualTo("InService");
        assertThat(r.get("instanceType").asText()).isEqualTo("ml.m5.xlarge");
        assertThat(r.get("instanceCount").isInt()).isTrue();
        assertThat(r.get("instanceCount").asInt()).isEqualTo(2);
        assertThat(r.get("createdAt").asText()).isEqualTo("2026-11-20T09:12:00Z");
        assertThat(r.get("verdict").asText()).isEqualTo("IDLE");
        assertThat(r.get("protected").isBoolean()).isTrue();
        assertThat(r.get("protected").asBoolean()).isFalse();
        assertThat(r.get("reasons")).hasSize(1);
        assertThat(r.get("reasons").get(0).asText()).isEqualTo("0 invocations in the last 24h");
        assertThat(r.get("hourlyCost").isNumber()).isTrue();
        assertThat(r.get("hourlyCost").asDouble()).isEqualTo(0.46);
        JsonNode action = r.get("action");
        assertThat(fieldNames(action)).containsExactly("type", "outcome", "detail");
        assertThat(action.get("type").asText()).isEqualTo("delete");
        assertThat(action.get("outcome").asText()).isEqualTo("planned");
        assertThat(action.get("detail").asText()).startsWith("re-create with:");
        JsonNode variant = r.get("variants").get(0);
        assertThat(fieldNames(variant)).containsExactly("name", "instanceType", "instanceCount", "serverless");
        assertThat(variant.get("instanceCount").asInt()).isEqualTo(2);
        assertThat(variant.get("serverless").asBoolean()).isFalse();
    }

    @Test
    void render_whenJsonFieldsAreNull_writesThemAsNull() throws Exception {
        JsonNode doc = json(Fixtures.result());
        JsonNode active = resource(doc, "recs-prod");
        JsonNode serverless = resource(doc, "serverless-ep");
        JsonNode unpriced = resource(doc, "odd-one");

        assertThat(active.get("protected").isNull()).isTrue();
        assertThat(active.get("action").isNull()).isTrue();
        assertThat(active.get("variants").isNull()).as("not described").isTrue();
        assertThat(serverless.get("instanceType").isNull()).isTrue();
        assertThat(serverless.get("instanceCount").isNull()).isTrue();
        assertThat(serverless.get("hourlyCost").isNull()).isTrue();
        assertThat(serverless.get("variants").get(0).get("serverless").asBoolean()).isTrue();
        assertThat(unpriced.get("hourlyCost").isNull()).isTrue();
        assertThat(resource(doc, "nb-dev-alice").get("action").get("detail").isNull()).isTrue();
    }

    @Test
    void render_whenJson_writesEveryEvidenceType() throws Exception {
        JsonNode doc = json(Fixtures.result());

        JsonNode observed = resource(doc, "odd-one").get("evidence");
        assertThat(fieldNames(observed)).containsExactly("type", "values", "note");
        assertThat(observed.get("type").asText()).isEqualTo("observed");
        assertThat(observed.get("values").get("Invocations").asDouble()).isZero();
        assertThat(observed.get("note").isNull()).isTrue();
        JsonNode notebook = resource(doc, "nb-dev-alice").get("evidence");
        assertThat(fieldNames(notebook)).containsExactly("type", "jupyter", "jupyterLog", "metric", "heartbeat");
        assertThat(notebook.get("type").asText()).isEqualTo("notebook");
        assertThat(notebook.path("jupyter").path("state").asText()).isEqualTo("read");
        assertThat(notebook.path("jupyter").path("kernels").get(0).path("executionState").asText()).isEqualTo("idle");
        assertThat(notebook.path("jupyter").path("kernels").get(0).path("lastActivity").asText())
                .isEqualTo("2026-11-26T14:00:00Z");
        assertThat(notebook.path("jupyterLog").path("state").asText()).isEqualTo("read");
        assertThat(notebook.path("metric").path("state").asText()).isEqualTo("not-configured");
        assertThat(notebook.path("heartbeat").path("state").asText()).isEqualTo("off");
        assertThat(resource(doc, "nb-dev-alice").path("signal").asText()).isEqualTo("jupyter");
        assertThat(resource(doc, "odd-one").path("signal").isNull()).isTrue();
        JsonNode none = resource(doc, "nb-quiet").get("evidence");
        assertThat(fieldNames(none)).containsExactly("type", "why", "hint");
        assertThat(none.get("type").asText()).isEqualTo("none");
        assertThat(none.get("why").asText()).isEqualTo("no readable activity signal");
        JsonNode failed = resource(doc, "flaky").get("evidence");
        assertThat(fieldNames(failed)).containsExactly("type", "error");
        assertThat(failed.get("type").asText()).isEqualTo("failed");
        assertThat(failed.get("error").asText()).contains("\"Rate exceeded\"");
        assertThat(resource(doc, "new-model").get("evidence").get("type").asText()).isEqualTo("not-gathered");
    }

    @Test
    void render_whenJson_writesKindSpecificFields() throws Exception {
        JsonNode doc = json(Fixtures.result());

        JsonNode notebook = resource(doc, "nb-dev-alice");
        assertThat(fieldNames(notebook)).endsWith("evidence", "signal", "lifecycleConfig", "platformIdentifier",
                "autostop");
        assertThat(notebook.get("lifecycleConfig").asText()).isEqualTo("auto-stop");
        assertThat(notebook.get("hourlyCost").asDouble()).isEqualTo(0.0464);
        assertThat(resource(doc, "nb-bob").get("lifecycleConfig").isNull()).isTrue();
        JsonNode app = resource(doc, "lab-old");
        assertThat(fieldNames(app)).endsWith("evidence", "signal", "app").doesNotContain("variants", "lifecycleConfig");
        assertThat(fieldNames(app.get("app")))
                .containsExactly("domainId", "appType", "userProfile", "space", "idleShutdown",
                        "idleShutdownCoverage");
        assertThat(app.get("app").get("domainId").asText()).isEqualTo("d-111");
        assertThat(app.get("app").get("space").asText()).isEqualTo("shared");
        assertThat(app.get("app").get("userProfile").isNull()).isTrue();
        assertThat(app.get("app").get("idleShutdown").asBoolean()).isFalse();
    }

    /** A private space with no app: EXEMPT, no compute, its 50 GB EBS volume at $5.60 a month. */
    private static SweepResult spaceResult() {
        dev.sweeper.core.Resource space = new dev.sweeper.core.Resource("bob-archive",
                "us-east-1", null, "InService", null, null, Fixtures.NOW.minusSeconds(86_400 * 60L),
                Fixtures.NOW.minusSeconds(86_400 * 60L),
                new dev.sweeper.core.Resource.SpaceShape("d-111", "bob", "Private", "JupyterLab", 50), null);
        return Fixtures.result(List.of(new Finding(space, new Evaluation(Verdict.EXEMPT,
                List.of("storage only, $5.60/month (its 50 GB EBS volume)", "no app running in it: only its storage bills"),
                new Evidence.NotGathered()), Protection.UNDECIDED, 0.0, null, 5.6, null, null, null)));
    }

    @Test
    void render_whenJsonAndASpace_writesItsDomainOwnerAndVolume() throws Exception {
        JsonNode space = resource(json(spaceResult()), "bob-archive");

        assertThat(space.get("kind").asText()).isEqualTo("space");
        assertThat(space.get("verdict").asText()).isEqualTo("EXEMPT");
        assertThat(space.get("hourlyCost").asDouble()).isEqualTo(0.0);
        assertThat(space.get("storageGb").asInt()).isEqualTo(50);
        assertThat(space.get("storageMonthlyCost").asDouble()).isEqualTo(5.6);
        assertThat(fieldNames(space)).endsWith("evidence", "signal", "space").doesNotContain("app");
        assertThat(fieldNames(space.get("space")))
                .containsExactly("domainId", "ownerUserProfile", "sharingType", "appType", "ebsVolumeSizeInGb");
        assertThat(space.at("/space/domainId").asText()).isEqualTo("d-111");
        assertThat(space.at("/space/ownerUserProfile").asText()).isEqualTo("bob");
        assertThat(space.at("/space/sharingType").asText()).isEqualTo("Private");
        assertThat(space.at("/space/ebsVolumeSizeInGb").asInt()).isEqualTo(50);
    }

    @Test
    void render_whenTableOrCsvAndASpace_saysWhoseAndItsVolume() {
        String table = render(spaceResult(), OutputFormat.TABLE, RenderOptions.DEFAULT);
        List<List<String>> csv = CsvParser.parse(render(spaceResult(), OutputFormat.CSV, RenderOptions.DEFAULT));

        assertThat(table).contains("bob-archive (d-111, private to bob)", "EBS 50 GB", "EXEMPT",
                "storage only, $5.60/month");
        assertThat(csv.get(1).get(0)).isEqualTo("space");
        assertThat(csv.get(1).subList(16, 21)).containsExactly("user bob", "priced", "50", "5.6", "d-111");
    }

    @Test
    void render_whenJson_writesSummaryWithContractNames() throws Exception {
        JsonNode summary = json(Fixtures.result()).get("summary");

        assertThat(fieldNames(summary)).containsExactly("total", "idle", "active", "tooYoung", "unknown", "exempt",
                "protected", "idleHourlyCost", "actionsPlanned", "actionsDone", "actionsSkipped", "actionsFailed",
                "actionsPlannedInUse", "idleUnpriced"); // the contract's names in its order, then the additive ones
        assertThat(summary.get("idleUnpriced").asInt()).as("odd-one: idle, unpriced, in no idleHourlyCost").isEqualTo(1);
        assertThat(summary.get("total").asInt()).isEqualTo(15);
        assertThat(summary.get("idle").asInt()).isEqualTo(5);
        assertThat(summary.get("active").asInt()).isEqualTo(2);
        assertThat(summary.get("tooYoung").asInt()).isEqualTo(1);
        assertThat(summary.get("unknown").asInt()).isEqualTo(4);
        assertThat(summary.get("exempt").asInt()).isEqualTo(3);
        assertThat(summary.get("protected").asInt()).isEqualTo(1);
        assertThat(summary.get("idleHourlyCost").asDouble()).isEqualTo(0.5564);
        assertThat(summary.get("actionsPlanned").asInt()).isEqualTo(3);
        assertThat(summary.get("actionsDone").asInt()).isZero();
    }

    @Test
    void render_whenJson_printsOnePrettyDocumentEndingInNewline() {
        String text = render(Fixtures.result(), OutputFormat.JSON, RenderOptions.DEFAULT);

        assertThat(text).startsWith("{\n  \"command\": \"scan\",").endsWith("}\n");
        assertThat(text).doesNotContain("E-").doesNotContain("\r");
    }

    @Test
    void render_whenJsonWindowNullAndRefused_writesNullWindowAndRefusal() throws Exception {
        SweepResult refused = new SweepResult("stop-notebooks", false, Fixtures.NOW, null, List.of(), List.of(),
                "refused: 42 actions planned, more than --max-actions 20");

        JsonNode doc = json(refused);

        assertThat(doc.get("window").isNull()).isTrue();
        assertThat(doc.get("resources")).isEmpty();
        assertThat(doc.get("refusal").asText()).startsWith("refused: 42");
        assertThat(doc.get("summary").get("idleHourlyCost").asDouble()).isZero();
    }

    @Test
    void render_whenJsonCostIsTiny_writesPlainRoundedNumber() {
        Finding f = Fixtures.finding(Fixtures.notebook("tiny", "InService", "ml.t3.nano", Fixtures.NOW, null, null),
                Verdict.ACTIVE, new Evidence.NotGathered(), Protection.NONE, 0.000049, null, "r");

        String text = render(Fixtures.result(List.of(f)), OutputFormat.JSON, RenderOptions.DEFAULT);

        assertThat(text).contains("\"hourlyCost\": 0.0").doesNotContain("E-");
    }

    // ---- CSV

    @Test
    void render_whenCsv_writesHeaderAndOneRowPerResource() {
        String text = render(Fixtures.result(), OutputFormat.CSV, RenderOptions.DEFAULT);
        List<List<String>> rows = CsvParser.parse(text);

        assertThat(rows.get(0)).containsExactly("kind", "name", "region", "arn", "status", "instanceType",
                "instanceCount", "createdAt", "verdict", "protected", "hourlyCost", "action", "actionOutcome",
                "actionDetail", "reasons", "account", "owner", "hourlyCostStatus", "storageGb",
                "storageMonthlyCost", "domainId", "platformIdentifier", "priceRegion"); // the last eight additive
        assertThat(rows).hasSize(16).allSatisfy(r -> assertThat(r).hasSize(23));
        assertThat(rows.get(1)).containsExactly("endpoint", "fraud-v2", "us-east-1",
                "arn:aws:sagemaker:us-east-1:123456789012:endpoint/fraud-v2", "InService", "ml.m5.xlarge", "2",
                "2026-11-20T09:12:00Z", "IDLE", "false", "0.46", "delete", "planned",
                "re-create with: aws sagemaker create-endpoint", "0 invocations in the last 24h", "123456789012", "",
                "priced", "", "", "", "", "");
        assertThat(text).endsWith("\r\n");
    }

    @Test
    void render_whenCsvFieldHasCommaQuoteOrNewline_quotesAndDoublesQuotes() {
        Finding f = new Finding(
                Fixtures.endpoint("ep", "ml.m5.large", 1, Fixtures.NOW, true, false),
                new Evaluation(Verdict.UNKNOWN, List.of("failed: \"Rate exceeded\", retry", "line one\nline two"),
                        new Evidence.Failed("x")),
                Protection.UNDECIDED, null, new Action("delete", Action.Outcome.FAILED, "a,b"), null, null, null, null);

        String text = render(Fixtures.result(List.of(f)), OutputFormat.CSV, RenderOptions.DEFAULT);

        assertThat(text).contains(",delete,failed,\"a,b\",");
        assertThat(text).contains("\"failed: \"\"Rate exceeded\"\", retry; line one\nline two\",");
        List<List<String>> rows = CsvParser.parse(text);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).get(9)).as("undecided protection").isEmpty();
        assertThat(rows.get(1).get(10)).as("unknown cost").isEmpty();
        assertThat(rows.get(1).get(14)).isEqualTo("failed: \"Rate exceeded\", retry; line one\nline two");
    }

    @Test
    void render_whenCsvEmpty_writesHeaderOnly() {
        String text = render(Fixtures.result(List.of()), OutputFormat.CSV, RenderOptions.DEFAULT);

        assertThat(text).isEqualTo(String.join(",", ResultCsv.HEADER) + "\r\n");
    }

    // ---- table

    @Test
    void render_whenTable_endsWithSummaryLineAndProblems() {
        String text = render(Fixtures.result(), OutputFormat.TABLE, RenderOptions.DEFAULT);
        List<String> lines = text.lines().toList();

        assertThat(lines.get(0)).startsWith("KIND").contains("NAME", "REGION", "STATUS", "TYPE\u00d7COUNT", "AGE",
                "VERDICT", "PROT", "COST/H", "ACTION", "REASON");
        assertThat(lines).contains("15 resources: 5 idle ($0.56 + ?/h unprotected), 2 active, 1 too young, "
                + "4 unknown, 3 exempt; 1 protected; actions: 3 planned, 0 done, 0 skipped, 0 failed "
                + "(dry run: add --apply to act)");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("! region eu-west-1: access denied");
        assertThat(text).doesNotContain("\u001b[");
    }

    @Test
    void render_whenTable_alignsColumnsAndShowsCells() {
        String text = render(Fixtures.result(), OutputFormat.TABLE, RenderOptions.DEFAULT);
        List<String> lines = text.lines().toList();
        int verdictAt = lines.get(0).indexOf("VERDICT");

        List<String> body = lines.subList(1, 16);
        assertThat(body).allSatisfy(l -> assertThat(l.substring(verdictAt)).matches(
                "(IDLE|ACTIVE|TOO_YOUNG|UNKNOWN|EXEMPT) .*"));
        assertThat(body).allSatisfy(l -> assertThat(l).doesNotEndWith(" "));
        String fraud = body.stream().filter(l -> l.contains("fraud-v2")).findFirst().orElseThrow();
        assertThat(fraud).contains("ml.m5.xlarge\u00d72", "8d", "$0.46", "delete (planned)", " no ",
                "0 invocations in the last 24h");
        String alice = body.stream().filter(l -> l.contains("nb-dev-alice")).findFirst().orElseThrow();
        assertThat(alice).as("age from the last start; money to the cent").contains(" 2d2h ").contains("$0.05 ");
        String unpriced = body.stream().filter(l -> l.contains("odd-one")).findFirst().orElseThrow();
        assertThat(unpriced).contains(" ? ");
        assertThat(lines).contains("COST/H: ? not known (no price), in no total");
    }

    @Test
    void costLegend_whenNothingBilledAndUnknownShow_tellsTheDashFromTheQuestionMark() {
        java.time.Instant t = Fixtures.NOW.minus(java.time.Duration.ofDays(3));
        Finding stopped = Fixtures.finding(Fixtures.notebook("nb-stopped", "Stopped", "ml.t3.medium", t, t, null),
                Verdict.EXEMPT, Evidence.notGathered(), Protection.NONE, 0.0, null, "stopped");
        Finding unpriced = Fixtures.finding(Fixtures.notebook("nb-odd", "InService", "ml.odd.large", t, t, null),
                Verdict.UNKNOWN, Evidence.notGathered(), Protection.NONE, null, null, "no signal");

        assertThat(ResultTable.costText(stopped)).isEqualTo("-");
        assertThat(ResultTable.costText(unpriced)).isEqualTo("?");
        assertThat(ResultTable.costLegend(List.of(stopped, unpriced))).isEqualTo(
                "COST/H: - nothing billed; ? not known (no price), in no total");
        assertThat(ResultTable.costLegend(List.of(Fixtures.finding(Fixtures.notebook("nb", "InService",
                "ml.t3.medium", t, t, null), Verdict.IDLE, Evidence.notGathered(), Protection.NONE, 0.05, null))))
                .as("nothing to explain").isNull();
    }

    @Test
    void render_whenTableWithColour_coloursVerdictsOnly() {
        String text = render(Fixtures.result(), OutputFormat.TABLE, new RenderOptions(true));

        assertThat(text).contains("\u001b[1;33mIDLE\u001b[0m", "\u001b[32mACTIVE\u001b[0m");
        assertThat(text.lines().findFirst().orElseThrow()).doesNotContain("\u001b[");
        assertThat(text.lines().filter(l -> l.contains("resources:")).findFirst().orElseThrow())
                .doesNotContain("\u001b[");
    }

    @Test
    void render_whenTableEmpty_printsNoResourcesMatchedAndRefusal() {
        SweepResult empty = new SweepResult("endpoints idle", true, Fixtures.NOW, Fixtures.WINDOW, List.of(),
                List.of("p1"), "refused by --max-actions");

        String text = render(empty, OutputFormat.TABLE, RenderOptions.DEFAULT);

        // Issue 29, item 8: with a problem, an empty table is not "nothing matched".
        assertThat(text.lines().toList()).containsExactly(ResultTable.NOTHING_LISTED, "refused by --max-actions",
                "! p1");
        SweepResult clean = new SweepResult("endpoints idle", true, Fixtures.NOW, Fixtures.WINDOW, List.of(),
                List.of(), null);
        assertThat(render(clean, OutputFormat.TABLE, RenderOptions.DEFAULT).lines().toList())
                .containsExactly("No resources matched.");
    }

    @Test
    void summaryLine_whenNoActions_leavesActionsOut() {
        Finding f = Fixtures.findings().get(2);

        assertThat(ResultTable.summaryLine(Fixtures.result(List.of(f))))
                .isEqualTo("1 resource: 0 idle ($0.00/h unprotected), 1 active, 0 too young, 0 unknown, 0 exempt; "
                        + "0 protected");
    }

    @Test
    void summaryLine_whenApplied_hasNoDryRunHint() {
        Finding f = Fixtures.findings().get(0).withAction(new Action("delete", Action.Outcome.DONE, null));
        SweepResult applied = new SweepResult("endpoints idle", false, Fixtures.NOW, Fixtures.WINDOW, List.of(f),
                List.of(), null);

        assertThat(ResultTable.summaryLine(applied))
                .endsWith("actions: 0 planned, 1 done, 0 skipped, 0 failed")
                .doesNotContain("dry run");
    }
}
