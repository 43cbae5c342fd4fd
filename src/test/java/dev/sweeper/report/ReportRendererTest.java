package dev.sweeper.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sweeper.core.Evaluation;
import dev.sweeper.core.Evidence;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Protection;
import dev.sweeper.core.SweepResult;
import dev.sweeper.core.Verdict;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ReportRendererTest {
    private static final CostReport REPORT = CostReport.of(Fixtures.result(), Fixtures.NOW.plusSeconds(60));

    static String render(CostReport report, ReportFormat format) {
        StringWriter sw = new StringWriter();
        ReportRenderer.render(report, format, new PrintWriter(sw));
        return sw.toString();
    }

    // ---- markdown

    /** Splits a GFM table row on its unescaped pipes. */
    private static List<String> cells(String row) {
        String inner = row.substring(1, row.length() - 1);
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\' && i + 1 < inner.length() && inner.charAt(i + 1) == '|') {
                cell.append("\\|");
                i++;
            } else if (c == '|') {
                cells.add(cell.toString().trim());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().trim());
        return cells;
    }

    /** Every table: a header, a separator with as many cells, and rows with as many cells. */
    private static List<List<String>> tables(String markdown) {
        List<String> lines = markdown.lines().toList();
        List<List<String>> tables = new ArrayList<>();
        List<String> current = null;
        for (String line : lines) {
            if (line.startsWith("|")) {
                if (current == null) {
                    current = new ArrayList<>();
                    tables.add(current);
                }
                current.add(line);
            } else {
                current = null;
            }
        }
        return tables;
    }

    @Test
    void render_whenMarkdown_writesValidGfmTables() {
        String md = render(REPORT, ReportFormat.MARKDOWN);
        List<List<String>> tables = tables(md);

        assertThat(md).startsWith("# SageMaker cost report\n");
        assertThat(tables).as("totals, idle spenders, one per kind").hasSize(5);
        Pattern separator = Pattern.compile(":?-{3,}:?");
        for (List<String> table : tables) {
            assertThat(table.size()).isGreaterThanOrEqualTo(3);
            int columns = cells(table.get(0)).size();
            assertThat(cells(table.get(1))).hasSize(columns)
                    .allSatisfy(c -> assertThat(c).matches(separator));
            assertThat(table).allSatisfy(row -> {
                assertThat(row).startsWith("|").endsWith("|");
                assertThat(cells(row)).as(row).hasSize(columns);
            });
        }
    }

    @Test
    void render_whenMarkdownCellHasPipeOrNewline_escapesIt() {
        Finding f = new Finding(Fixtures.endpoint("pipe|name", "ml.m5.large", 1, Fixtures.NOW.minusSeconds(200_000),
                true, false),
                new Evaluation(Verdict.IDLE, List.of("a | b\nc <d>"), new Evidence.NotGathered()), Protection.NONE,
                0.115, null, null, null, null, null);
        String md = render(CostReport.of(Fixtures.result(List.of(f)), Fixtures.NOW), ReportFormat.MARKDOWN);

        assertThat(md).contains("| pipe\\|name |", "| a \\| b c &lt;d&gt; |");
        for (List<String> table : tables(md)) {
            int columns = cells(table.get(0)).size();
            assertThat(table).allSatisfy(row -> assertThat(cells(row)).hasSize(columns));
        }
    }

    @Test
    void render_whenMarkdown_summarisesTotalsAndStudioPlaces() {
        String md = render(REPORT, ReportFormat.MARKDOWN);

        // odd-one, idle and unprotected, has no known price: every total it is part of says it leaves it out.
        assertThat(md).contains("**12** running resources cost **$5.41 + ?/h** (**$3,952.66 + ?/month**)",
                "save **$0.56 + ?/h** (**$406.17 + ?/month**)",
                "| **All** | 12 | 5 | 3 | $5.41 + ? | $3,952.66 + ? | $2.56 + ? | $0.56 + ? | $406.17 + ? |",
                "- domain d-111, user alice: 1 running app, $0.74/h",
                "- `ml.weird.xlarge`: 1 resource");
    }

    // ---- HTML

    private static Document parseXml(String html) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(null);
        return builder.parse(new InputSource(new StringReader(html)));
    }

    @Test
    void render_whenHtml_isWellFormedSelfContainedAndWithoutScripts() throws Exception {
        String html = render(REPORT, ReportFormat.HTML);

        assertThat(html).startsWith("<!DOCTYPE html>\n<html lang=\"en\">");
        Document doc = parseXml(html);
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("html");
        String lower = html.toLowerCase(java.util.Locale.ROOT);
        assertThat(lower).doesNotContain("<script", "http://", "https://", "<link", "<img", "@import", "url(",
                "javascript:", "onclick");
        assertThat(doc.getElementsByTagName("style").getLength()).isEqualTo(1);
        assertThat(doc.getElementsByTagName("svg").getLength()).isEqualTo(1);
    }

    @Test
    void render_whenHtmlChartHasKindsWithoutPrices_saysCostUnknownAndFitsTheirTitles() throws Exception {
        java.time.Instant started = Fixtures.NOW.minus(java.time.Duration.ofDays(2));
        Finding mlflow = new Finding(new dev.sweeper.core.Resource("team-experiments",
                Fixtures.REGION, Fixtures.arn("mlflow-tracking-server", "team-experiments"), "Created", "Medium", 1,
                started, started, new dev.sweeper.core.Resource.MlflowShape(), dev.sweeper.core.Resource.accountOf(Fixtures.arn("mlflow-tracking-server", "team-experiments"))),
                new Evaluation(Verdict.UNKNOWN, List.of("no activity signal"), new Evidence.NotGathered()),
                Protection.NONE, null, null, null, null, null, null);
        Finding endpoint = new Finding(Fixtures.endpoint("busy", "ml.m5.large", 1, started, true, false),
                new Evaluation(Verdict.ACTIVE, List.of("invoked"), new Evidence.NotGathered()), Protection.NONE,
                0.115, null, null, null, null, null);
        dev.sweeper.core.Resource spaceResource = new dev.sweeper.core.Resource("bob-archive", Fixtures.REGION, null, "InService", null, null, started, started, new dev.sweeper.core.Resource.SpaceShape("d-111", "bob", "Private", "JupyterLab", 50), null);
        Finding space = new Finding(spaceResource, new Evaluation(Verdict.EXEMPT, List.of("storage only"),
                new Evidence.NotGathered()), Protection.UNDECIDED, 0.0, null, 5.6, null, null, null);
        String html = render(CostReport.of(Fixtures.result(List.of(mlflow, endpoint, space)), Fixtures.NOW),
                ReportFormat.HTML);

        org.w3c.dom.Element svg = (org.w3c.dom.Element) parseXml(html).getElementsByTagName("svg").item(0);
        assertThat(svg.getTextContent()).contains("MLflow tracking serverscost unknown: 1 running resource unpriced")
                .contains("Studio spacesno compute running \u00b7 1 exempt")
                .doesNotContain("tracking servers$0.00/h");
        // The label column (right-aligned at the bars' left edge minus 10) fits the longest title at 7.5 px a
        // character, so "MLflow tracking servers" does not run off the chart's left edge.
        org.w3c.dom.NodeList texts = svg.getElementsByTagName("text");
        for (int i = 0; i < texts.getLength(); i++) {
            org.w3c.dom.Element t = (org.w3c.dom.Element) texts.item(i);
            if ("end".equals(t.getAttribute("text-anchor"))) {
                assertThat(Double.parseDouble(t.getAttribute("x")) - t.getTextContent().length() * 7.5)
                        .as(t.getTextContent()).isGreaterThanOrEqualTo(0);
            }
        }
    }

    @Test
    void render_whenHtml_showsTotalsChartAndTablesInOrder() throws Exception {
        String html = render(REPORT, ReportFormat.HTML);
        Document doc = parseXml(html);

        String text = doc.getDocumentElement().getTextContent();
        assertThat(text).contains("$5.41 + ?/h", "$3,952.66 + ?", "$2.56 + ?/h", "$406.17 + ?/mo", "$0.56 + ?/h");
        List<String> headings = texts(doc, "h2");
        assertThat(headings).containsExactly("Hourly cost by kind", "Biggest idle spenders5 idle resources",
                "Notebooks3 running \u00b7 1 idle \u00b7 1 exempt", "Endpoints6 running \u00b7 3 idle \u00b7 1 exempt",
                "Studio apps3 running \u00b7 1 idle \u00b7 1 exempt", "Studio idle shutdown is off");
        NodeList rects = doc.getElementsByTagName("rect");
        assertThat(rects.getLength()).as("two legend swatches, and idle plus active per kind").isEqualTo(2 + 3 * 2);
        assertThat(html).contains("class=\"badge v-idle\"", "class=\"badge v-too_young\"", "class=\"num\"",
                "aria-sort=\"descending\"", "highest first");
        // Issue 29, item 14: no sort arrows on a page that cannot sort.
        assertThat(html).doesNotContain("\u25b2", "\u25bc");
        assertThat(text).contains("Evaluated at 2026-11-28T15:00:00Z over a window of 24h");
    }

    @Test
    void render_whenHtml_listsIdleSpendersByHourlyCostDescending() throws Exception {
        Document doc = parseXml(render(REPORT, ReportFormat.HTML));
        Element idleTable = (Element) doc.getElementsByTagName("table").item(0);

        NodeList rows = ((Element) idleTable.getElementsByTagName("tbody").item(0)).getElementsByTagName("tr");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < rows.getLength(); i++) {
            names.add(((Element) rows.item(i)).getElementsByTagName("td").item(1).getTextContent());
        }
        // A Studio app says whose it is: names repeat ("default" in every space).
        assertThat(names).containsExactly("golden-prod", "fraud-v2", "lab-old (JupyterLab, space shared)", "nb-dev-alice",
                "odd-one");
    }

    @Test
    void render_whenHtmlTextHasMarkup_escapesIt() throws Exception {
        Finding f = new Finding(Fixtures.endpoint("x", "ml.m5.large", 1, Fixtures.NOW.minusSeconds(200_000), true,
                false),
                new Evaluation(Verdict.IDLE, List.of("<script>alert(\"&\")</script>"), new Evidence.NotGathered()),
                Protection.NONE, 0.115, null, null, null, null, null);
        SweepResult result = new SweepResult("report", true, Fixtures.NOW, null, List.of(f),
                List.of("fetch https://example.com failed"), null);

        String html = render(CostReport.of(result, Fixtures.NOW), ReportFormat.HTML);

        assertThat(html).doesNotContain("<script").contains("&lt;script&gt;alert(&quot;&amp;&quot;)");
        assertThat(parseXml(html).getDocumentElement().getTextContent()).contains("<script>alert(\"&\")</script>");
    }

    @Test
    void render_whenHtmlEmpty_isStillWellFormed() throws Exception {
        String html = render(CostReport.of(Fixtures.result(List.of()), Fixtures.NOW), ReportFormat.HTML);

        Document doc = parseXml(html);
        assertThat(doc.getDocumentElement().getTextContent()).contains("Nothing is idle.",
                "No priced running resources.");
    }

    private static List<String> texts(Document doc, String tag) {
        NodeList nodes = doc.getElementsByTagName(tag);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }

    // ---- JSON, CSV, table

    @Test
    void render_whenJson_writesTheWholeReport() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(render(REPORT, ReportFormat.JSON));

        assertThat(doc.get("evaluatedAt").asText()).isEqualTo("2026-11-28T15:00:00Z");
        assertThat(doc.get("generatedAt").asText()).isEqualTo("2026-11-28T15:01:00Z");
        assertThat(doc.get("window").asText()).isEqualTo("PT24H");
        JsonNode totals = doc.get("totals");
        assertThat(totals.get("resources").asInt()).isEqualTo(12);
        assertThat(totals.get("hourly").asDouble()).isEqualTo(REPORT.totals().hourly());
        assertThat(totals.get("monthly").asDouble()).isEqualTo(REPORT.totals().monthly());
        assertThat(totals.get("savingHourly").asDouble()).isEqualTo(0.5564);
        assertThat(doc.get("kinds")).hasSize(3);
        JsonNode endpoints = doc.get("kinds").get(1);
        assertThat(endpoints.get("kind").asText()).isEqualTo("endpoint");
        assertThat(endpoints.get("resources")).hasSize(6);
        JsonNode golden = endpoints.get("resources").get(0);
        assertThat(golden.get("name").asText()).isEqualTo("golden-prod");
        assertThat(golden.get("protected").asBoolean()).isTrue();
        assertThat(golden.get("monthlyCost").asDouble()).isEqualTo(1460.0);
        assertThat(golden.get("idleForSeconds").asLong()).isEqualTo(86_400);
        assertThat(golden.get("sweepable").asBoolean()).isFalse();
        assertThat(doc.get("unpriced").get(0).get("instanceType").asText()).isEqualTo("ml.weird.xlarge");
        assertThat(doc.get("studioIdleShutdownOff")).hasSize(2);
        assertThat(doc.get("problems").get(0).asText()).isEqualTo("region eu-west-1: access denied");
    }

    // ---- storage that outlives compute

    /** A Studio space of {@code gb} GB in domain d-1, EXEMPT, its storage priced at {@code monthly} (null: unpriced). */
    private static Finding space(String name, int gb, Double monthly) {
        java.time.Instant old = Fixtures.NOW.minus(java.time.Duration.ofDays(30));
        dev.sweeper.core.Resource space = new dev.sweeper.core.Resource(name, "us-east-1",
                null, "InService", null, null, old, old,
                new dev.sweeper.core.Resource.SpaceShape("d-1", null, "Shared", "JupyterLab", gb), null);
        return new Finding(space, new Evaluation(Verdict.EXEMPT, List.of("storage only"), new Evidence.NotGathered()),
                Protection.UNDECIDED, 0.0, null, monthly, null, null, null);
    }

    /**
     * A stopped notebook (50 GB), an idle running one (20 GB), a space (100 GB, unpriced) and an app in it (no
     * volume of its own: the space's is on the space's row).
     */
    private static CostReport storageReport() {
        java.time.Instant old = Fixtures.NOW.minus(java.time.Duration.ofDays(30));
        dev.sweeper.core.Resource stopped = Fixtures.notebook("nb-stopped", "Stopped", "ml.t3.large", old, null, null)
                .withDescribed(50, null);
        dev.sweeper.core.Resource idle = Fixtures.notebook("nb-idle", "InService", "ml.t3.medium", old, old, null)
                .withDescribed(20, null);
        dev.sweeper.core.Resource app = Fixtures.app("lab", "ml.t3.medium", old, "d-1", null, "shared", true);
        List<Finding> findings = List.of(
                new Finding(stopped, new Evaluation(Verdict.EXEMPT, List.of("stopped: storage only, $7.00/month"),
                        new Evidence.NotGathered()), Protection.UNDECIDED, 0.0, null, 7.0, null, null, null),
                new Finding(idle, new Evaluation(Verdict.IDLE, List.of("idle"), new Evidence.NotGathered()),
                        Protection.NONE, 0.05, null, 2.8, null, null, null),
                space("shared", 100, null),
                new Finding(app, new Evaluation(Verdict.UNKNOWN, List.of("no signal"), new Evidence.NotGathered()),
                        Protection.UNDECIDED, 0.05, null, null, null, null, null));
        return CostReport.of(Fixtures.result(findings), Fixtures.NOW);
    }

    @Test
    void of_whenVolumesOutliveCompute_sumsStorageApartFromTheComputeSaving() {
        CostReport report = storageReport();

        assertThat(report.storage().volumes()).hasSize(3);
        assertThat(report.storage().volumes()).extracting(CostReport.Volume::name)
                .contains("shared (d-1)");
        assertThat(report.storage().totalGb()).isEqualTo(170);
        assertThat(report.storage().monthly()).isEqualTo(9.8);
        assertThat(report.storage().unpriced()).isEqualTo(1);
        assertThat(report.storage().keptMonthly()).as("the idle notebook's volume stays when it is stopped")
                .isEqualTo(2.8);
        assertThat(report.totals().savingMonthly()).as("compute only: 0.05 x 730").isEqualTo(36.5);
        assertThat(report.totals().exempt()).as("the stopped notebook and the space").isEqualTo(2);
    }

    @Test
    void of_whenAnIdleAppRunsInASpace_keepsTheSpacesVolumeOnce() {
        java.time.Instant old = Fixtures.NOW.minus(java.time.Duration.ofDays(30));
        dev.sweeper.core.Resource lab = Fixtures.app("default", "ml.t3.medium", old, "d-1", null, "shared", true);
        dev.sweeper.core.Resource kernel = Fixtures.app("k", "ml.t3.medium", old, "d-1", null, "shared", true);
        Finding idleLab = new Finding(lab, new Evaluation(Verdict.IDLE, List.of("old"), new Evidence.NotGathered()),
                Protection.NONE, 0.05, null, null, null, null, null);
        Finding idleKernel = new Finding(kernel, new Evaluation(Verdict.IDLE, List.of("old"),
                new Evidence.NotGathered()), Protection.NONE, 0.05, null, null, null, null, null);

        CostReport report = CostReport.of(Fixtures.result(List.of(space("shared", 100, 11.2), space("quiet", 50, 5.6),
                idleLab, idleKernel)), Fixtures.NOW);

        assertThat(report.storage().volumes()).as("one volume per space, none for the apps").hasSize(2);
        assertThat(report.storage().monthly()).isEqualTo(16.8);
        assertThat(report.storage().keptMonthly()).as("deleting the idle apps leaves the space's volume, once")
                .isEqualTo(11.2);
        assertThat(report.storage().volumes()).filteredOn(CostReport.Volume::sweepable)
                .extracting(CostReport.Volume::name).containsExactly("shared (d-1)");
    }

    @Test
    void render_whenJson_splitsSavingsIntoComputeAndStorage() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(render(storageReport(), ReportFormat.JSON));

        assertThat(doc.at("/savings/computeMonthly").asDouble()).isEqualTo(36.5);
        assertThat(doc.at("/savings/storageMonthly").asDouble()).isEqualTo(0.0);
        assertThat(doc.at("/savings/storageKeptMonthly").asDouble()).isEqualTo(2.8);
        assertThat(doc.at("/storage/monthly").asDouble()).isEqualTo(9.8);
        JsonNode first = doc.at("/storage/resources/0");
        assertThat(first.get("name").asText()).isEqualTo("nb-stopped");
        assertThat(first.get("status").asText()).isEqualTo("Stopped");
        assertThat(first.get("sizeGb").asInt()).isEqualTo(50);
        assertThat(first.get("monthlyCost").asDouble()).isEqualTo(7.0);
        assertThat(doc.at("/storage/resources/2/monthlyCost").isNull()).as("unpriced stays null").isTrue();
    }

    @Test
    void render_whenTextMarkdownOrHtml_showsTheStoppedNotebooksStorage() {
        for (ReportFormat format : List.of(ReportFormat.TABLE, ReportFormat.MARKDOWN, ReportFormat.HTML)) {
            String text = render(storageReport(), format);
            assertThat(text).as("%s", format).contains("Storage that outlives compute")
                    .contains("nb-stopped").contains("$7.00").contains("sweeping saves compute only");
        }
    }

    @Test
    void render_whenCsv_givesRunningResourcesTheirStorage() {
        List<List<String>> rows = CsvParser.parse(render(storageReport(), ReportFormat.CSV));

        assertThat(rows).anySatisfy(r -> assertThat(r).startsWith("notebook", "nb-idle").endsWith("20", "2.80", ""));
    }

    @Test
    void render_whenAPriceIsBorrowedFromAnotherRegion_marksItAndSaysWhose() {
        java.time.Instant created = Fixtures.NOW.minus(java.time.Duration.ofDays(9));
        dev.sweeper.core.Finding f = Fixtures.finding(Fixtures.endpoint("eu-fraud", "ml.m5.xlarge", 1, created, true,
                false), dev.sweeper.core.Verdict.IDLE, dev.sweeper.core.Evidence.notGathered(),
                dev.sweeper.core.Protection.NONE, 0.23, null, "0 invocations");
        f = new dev.sweeper.core.Finding(f.resource(), f.evaluation(), f.protection(), f.hourlyCost(), null, null,
                "us-east-1", dev.sweeper.core.PriceSource.BUNDLED, null);
        CostReport report = CostReport.of(Fixtures.result(List.of(f)), Fixtures.NOW);

        for (ReportFormat format : List.of(ReportFormat.TABLE, ReportFormat.MARKDOWN, ReportFormat.HTML)) {
            assertThat(render(report, format)).as(format.name()).contains("$0.23*")
                    .contains("at us-east-1's prices");
        }
        assertThat(render(report, ReportFormat.JSON)).contains("\"priceRegion\": \"us-east-1\"");
        assertThat(CsvParser.parse(render(report, ReportFormat.CSV)).get(1)).endsWith("us-east-1");
    }

    @Test
    void render_whenCsv_writesOneRowPerRunningResource() {
        List<List<String>> rows = CsvParser.parse(render(REPORT, ReportFormat.CSV));

        assertThat(rows.get(0)).containsExactly("kind", "name", "region", "verdict", "protected", "instanceType",
                "instanceCount", "hourlyCost", "monthlyCost", "idleFor", "sweepable", "storageGb",
                "storageMonthlyCost", "priceRegion");
        assertThat(rows).hasSize(13).allSatisfy(r -> assertThat(r).hasSize(14));
        assertThat(rows).contains(List.of("endpoint", "fraud-v2", "us-east-1", "IDLE", "false", "ml.m5.xlarge", "2",
                "0.46", "335.80", "\u2265 24h", "true", "", "", ""));
        assertThat(rows).contains(List.of("endpoint", "odd-one", "us-east-1", "IDLE", "false", "ml.weird.xlarge",
                "3", "", "", "\u2265 24h", "true", "", "", ""));
    }

    @Test
    void render_whenTable_showsSectionsTotalsAndNotes() {
        String text = render(REPORT, ReportFormat.TABLE);

        assertThat(text).contains("Notebooks (3 running, 1 idle, 1 exempt)", "Endpoints (6 running",
                "Studio apps (3 running", "Totals", "Unknown prices (not in any total):",
                "  domain d-111, space shared: 1 running app, $0.05/h", "! region eu-west-1: access denied");
        assertThat(text.lines().filter(l -> l.startsWith("all ")).findFirst().orElseThrow())
                .contains("12", "$5.41 + ?", "$3,952.66 + ?", "$0.56 + ?", "$406.17 + ?");
        assertThat(text.lines()).allSatisfy(l -> assertThat(l).doesNotEndWith(" "));
    }
}
