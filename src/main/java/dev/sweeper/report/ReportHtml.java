package dev.sweeper.report;

import dev.sweeper.core.Verdict;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The cost report as one self-contained page: inline CSS and an inline SVG chart, no script,
 * no font, image or link that would reach the network. The markup is well-formed XML, so it
 * opens in any browser and parses with any XML tool.
 */
final class ReportHtml {
    /** The idle table shows this many; the per-kind tables below show them all. */
    static final int MAX_IDLE_ROWS = 25;

    private static final String IDLE_COLOUR = "#d97706";
    private static final String ACTIVE_COLOUR = "#3b82a0";

    private static final String CSS = """
            :root { --ink: #1f2933; --muted: #616e7c; --line: #e4e7eb; --zebra: #f7f9fb; --head: #eef1f5; \
            --accent: #0b5cad; }
            * { box-sizing: border-box; }
            body { margin: 0; background: #f4f5f7; color: var(--ink); \
            font: 15px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
            main { max-width: 1180px; margin: 0 auto; padding: 32px 24px 48px; }
            h1 { font-size: 26px; margin: 0 0 4px; letter-spacing: -0.01em; }
            h2 { font-size: 19px; margin: 36px 0 10px; }
            h2 .count { color: var(--muted); font-weight: 400; font-size: 15px; margin-left: 6px; }
            p.sub { color: var(--muted); margin: 0 0 24px; }
            .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 12px; }
            .card { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; }
            .card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: 0.05em; }
            .card .value { display: block; font-size: 24px; font-weight: 650; font-variant-numeric: tabular-nums; }
            .card .note { display: block; color: var(--muted); font-size: 13px; }
            .card.idle { border-left: 4px solid #d97706; }
            .card.saving { border-left: 4px solid #2f855a; background: #f3fbf6; }
            .chart { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 12px 16px; }
            .chart svg { display: block; width: 100%; height: auto; max-width: 820px; }
            svg text { font-family: inherit; font-size: 13px; fill: #1f2933; }
            svg text.inside { fill: #fff; font-weight: 600; font-size: 12px; }
            svg text.value { fill: #3e4c59; font-variant-numeric: tabular-nums; }
            table { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid var(--line); \
            font-size: 14px; }
            th, td { padding: 7px 10px; text-align: left; border-bottom: 1px solid var(--line); vertical-align: top; }
            th { background: var(--head); color: #3e4c59; font-size: 12px; font-weight: 600; text-transform: uppercase; \
            letter-spacing: 0.04em; white-space: nowrap; }
            tbody tr:nth-child(even) { background: var(--zebra); }
            tbody tr:hover { background: #eaf3fc; }
            th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            tfoot td { background: var(--head); font-weight: 600; border-bottom: 0; }
            td.name { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; \
            white-space: nowrap; }
            td.region { white-space: nowrap; }
            td.reason { color: #3e4c59; min-width: 260px; }
            .order { display: block; font-size: 10px; font-weight: normal; color: var(--muted); }
            th.sorted { color: var(--accent); }
            .badge { display: inline-block; padding: 1px 9px; border-radius: 999px; font-size: 12px; font-weight: 600; \
            white-space: nowrap; }
            .v-idle { background: #fef3c7; color: #92400e; }
            .v-active { background: #dcfce7; color: #166534; }
            .v-too_young { background: #e0f2fe; color: #075985; }
            .v-unknown { background: #ede9fe; color: #5b21b6; }
            .v-exempt { background: #edf2f7; color: #4a5568; }
            .prot-yes { background: #fee2e2; color: #991b1b; }
            .prot-no { color: var(--muted); }
            .empty { color: var(--muted); font-style: italic; }
            ul.notes { margin: 0; padding-left: 20px; }
            .problems { background: #fff7ed; border: 1px solid #fed7aa; border-radius: 10px; padding: 10px 16px; }
            footer { margin-top: 40px; padding-top: 12px; border-top: 1px solid var(--line); color: var(--muted); \
            font-size: 13px; }
            footer p { margin: 4px 0; }
            @media print { body { background: #fff; } main { padding: 0; } tbody tr:hover { background: inherit; } }
            """;

    private ReportHtml() {
    }

    static void render(CostReport report, PrintWriter out) {
        Html h = new Html();
        h.open("html", "lang", "en").nl();
        head(h, report);
        h.open("body").nl().open("main").nl();
        h.el("h1", "SageMaker cost report").nl();
        h.el("p", "Evaluated " + Formats.iso(report.evaluatedAt()) + " \u00b7 window "
                + Formats.windowText(report.window()), "class", "sub").nl();
        if (!report.problems().isEmpty()) {
            problems(h, report.problems());
        }
        cards(h, report.totals());
        h.el("h2", "Hourly cost by kind").nl();
        h.open("div", "class", "chart");
        chart(h, report);
        h.close("div").nl();
        idleSpenders(h, report);
        for (CostReport.KindSection s : report.kinds()) {
            kindSection(h, s);
        }
        storage(h, report);
        studio(h, report.studioIdleShutdownOff());
        autostop(h, report.notebooksWithoutAutostop());
        footer(h, report);
        h.close("main").nl().close("body").nl().close("html").nl();
        out.print("<!DOCTYPE html>\n");
        out.print(h.finish());
    }

    private static void head(Html h, CostReport report) {
        h.open("head").nl();
        h.empty("meta", "charset", "utf-8").nl();
        h.empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1").nl();
        h.el("title", "SageMaker cost report \u2014 " + Formats.iso(report.evaluatedAt())).nl();
        h.open("style").nl().raw(CSS).close("style").nl();
        h.close("head").nl();
    }

    private static void problems(Html h, List<String> problems) {
        h.open("div", "class", "problems").el("strong", "Some data could not be gathered:").open("ul", "class", "notes");
        for (String p : problems) {
            h.el("li", p);
        }
        h.close("ul").close("div").nl();
    }

    private static void cards(Html h, CostReport.Totals t) {
        h.open("div", "class", "cards").nl();
        card(h, "", "Running cost", t.hourlyText() + "/h",
                t.monthlyText() + " a month \u00b7 " + Formats.plural(t.resources(), "resource"));
        card(h, "idle", "Idle cost", t.idleHourlyText() + "/h",
                t.idleMonthlyText() + " a month \u00b7 " + t.idle() + " idle");
        card(h, "saving", "Potential saving", t.savingMonthlyText() + "/mo",
                t.savingHourlyText() + "/h of compute by sweeping " + Formats.plural(t.sweepable(),
                        "unprotected idle resource"));
        card(h, "", "Resources", String.valueOf(t.resources()) + " running",
                t.active() + " active \u00b7 " + t.tooYoung() + " too young \u00b7 " + t.unknown() + " unknown \u00b7 "
                        + t.protectedIdle() + " idle but protected \u00b7 " + t.exempt() + " exempt"
                        + (t.unpriced() > 0 ? " \u00b7 " + t.unpriced() + " unpriced" : ""));
        h.close("div").nl();
    }

    private static void card(Html h, String kind, String label, String value, String note) {
        h.open("div", "class", kind.isEmpty() ? "card" : "card " + kind)
                .el("span", label, "class", "label")
                .el("span", value, "class", "value")
                .el("span", note, "class", "note")
                .close("div").nl();
    }

    /** Stacked horizontal bars: per kind, idle cost then the rest of the running cost. */
    private static void chart(Html h, CostReport report) {
        List<CostReport.KindSection> kinds = report.kinds();
        // Wide enough for the longest kind title ("MLflow tracking servers") at about 7.5 px a character.
        int longest = kinds.stream().mapToInt(k -> Formats.kindTitle(k.kind()).length()).max().orElse(0);
        int labelWidth = Math.max(120, (int) Math.ceil(longest * 7.5) + 16);
        int barMax = 820 - labelWidth - 260;
        int rowHeight = 40;
        int top = 40;
        int width = 820;
        int height = top + Math.max(1, kinds.size()) * rowHeight + 8;
        double max = kinds.stream().mapToDouble(k -> k.totals().hourly()).max().orElse(0);
        h.nl().open("svg", "viewBox", "0 0 " + width + " " + height, "width", String.valueOf(width),
                "height", String.valueOf(height), "role", "img",
                "aria-label", "Hourly cost by kind, idle and not idle").nl();
        h.el("title", "Hourly cost by kind: idle and not idle");
        // Legend
        h.empty("rect", "x", "0", "y", "6", "width", "14", "height", "14", "rx", "3", "fill", IDLE_COLOUR);
        h.el("text", "Idle", "x", "20", "y", "18");
        h.empty("rect", "x", "70", "y", "6", "width", "14", "height", "14", "rx", "3", "fill", ACTIVE_COLOUR);
        h.el("text", "Active, too young or unknown", "x", "90", "y", "18").nl();
        if (kinds.isEmpty() || max <= 0) {
            h.el("text", "No priced running resources.", "x", "0", "y", String.valueOf(top + 18)).nl();
        }
        for (int i = 0; i < kinds.size() && max > 0; i++) {
            CostReport.Totals t = kinds.get(i).totals();
            double idle = t.idleHourly();
            double other = Math.max(0, t.hourly() - idle);
            double idleW = barMax * idle / max;
            double otherW = barMax * other / max;
            int y = top + i * rowHeight;
            h.el("text", Formats.kindTitle(kinds.get(i).kind()), "x", String.valueOf(labelWidth - 10),
                    "y", String.valueOf(y + 16), "text-anchor", "end");
            segment(h, labelWidth, y, idleW, IDLE_COLOUR, "idle " + Formats.hourly(idle) + "/h", Formats.hourly(idle));
            segment(h, labelWidth + idleW, y, otherW, ACTIVE_COLOUR,
                    "not idle " + Formats.hourly(other) + "/h", Formats.hourly(other));
            h.el("text", barValue(t), "class", "value", "x", num(labelWidth + idleW + otherW + 8),
                    "y", String.valueOf(y + 16)).nl();
        }
        h.empty("line", "x1", String.valueOf(labelWidth), "y1", String.valueOf(top - 6),
                "x2", String.valueOf(labelWidth), "y2", String.valueOf(height - 4),
                "stroke", "#9aa5b1", "stroke-width", "1").nl();
        h.close("svg").nl();
    }

    /**
     * The figure beside a kind's bar. A kind whose running resources have no known price says so: a bar of
     * length zero is not a cost of $0.00.
     */
    static String barValue(CostReport.Totals t) {
        String unpriced = t.unpriced() > 0 ? Formats.plural(t.unpriced(), "running resource") + " unpriced" : "";
        if (t.resources() == 0) {
            // Spaces (storage only), or every one stopped: no compute to draw.
            return "no compute running" + (t.exempt() > 0 ? " \u00b7 " + t.exempt() + " exempt" : "");
        }
        if (t.hourly() <= 0 && t.unpriced() > 0) {
            return "cost unknown: " + unpriced;
        }
        return t.hourlyText() + "/h \u00b7 idle " + t.idleHourlyText() + "/h"
                + (unpriced.isEmpty() ? "" : " \u00b7 " + unpriced + " (not included)");
    }

    private static void segment(Html h, double x, int y, double w, String colour, String tip, String label) {
        if (w <= 0) {
            return;
        }
        h.open("rect", "x", num(x), "y", String.valueOf(y), "width", num(w), "height", "24", "fill", colour)
                .el("title", tip)
                .close("rect");
        // A value inside the segment only where it fits.
        if (w >= 8 * label.length() + 12) {
            h.el("text", label, "class", "inside", "x", num(x + w / 2), "y", String.valueOf(y + 16),
                    "text-anchor", "middle");
        }
    }

    private static void idleSpenders(Html h, CostReport report) {
        List<CostReport.Line> idle = report.idleLines();
        h.open("h2").text("Biggest idle spenders");
        h.el("span", Formats.plural(idle.size(), "idle resource"), "class", "count").close("h2").nl();
        if (idle.isEmpty()) {
            h.el("p", "Nothing is idle.", "class", "empty").nl();
            return;
        }
        h.open("table").nl().open("thead").open("tr");
        sortableTh(h, "Kind", false, false);
        sortableTh(h, "Name", false, false);
        sortableTh(h, "Region", false, false);
        sortableTh(h, "Type", false, false);
        sortableTh(h, "Protected", false, false);
        sortableTh(h, "Idle for", false, false);
        sortableTh(h, "$/h", true, true);
        sortableTh(h, "$/month", true, false);
        h.el("th", "Reason");
        h.close("tr").close("thead").nl().open("tbody").nl();
        for (CostReport.Line l : idle.subList(0, Math.min(MAX_IDLE_ROWS, idle.size()))) {
            h.open("tr").el("td", l.kind().id());
            nameCell(h, l);
            h.el("td", nz(l.region()), "class", "region");
            h.el("td", ReportText.typeAndCount(l).replace(",", ", "), "class", "type");
            protectedCell(h, l.isProtected());
            h.el("td", l.idleForText(), "class", "num");
            h.el("td", Formats.hourly(l.hourlyCost(), l.priceRegion()) + Formats.sourceMark(l.priceSource()),
                    "class", "num");
            h.el("td", Formats.monthly(l.monthlyCost(), l.priceRegion()), "class", "num");
            h.el("td", l.reason(), "class", "reason");
            h.close("tr").nl();
        }
        h.close("tbody").nl().close("table").nl();
        if (idle.size() > MAX_IDLE_ROWS) {
            h.el("p", "and " + (idle.size() - MAX_IDLE_ROWS) + " more in the tables below.", "class", "empty").nl();
        }
    }

    /**
     * A header of the idle table. The page has no script (it is one self-contained file), so nothing is
     * clickable: no arrows that promise a sort; the column the rows are ordered by says so in words.
     */
    private static void sortableTh(Html h, String label, boolean numeric, boolean sortedDescending) {
        String cls = (numeric ? "num" : "") + (sortedDescending ? " sorted" : "");
        h.open("th", "class", cls.isBlank() ? null : cls.trim(),
                "aria-sort", sortedDescending ? "descending" : null).text(label);
        if (sortedDescending) {
            h.el("span", "highest first", "class", "order");
        }
        h.close("th");
    }

    private static void kindSection(Html h, CostReport.KindSection s) {
        CostReport.Totals t = s.totals();
        h.open("h2").text(Formats.kindTitle(s.kind()));
        h.el("span", t.resources() + " running \u00b7 " + t.idle() + " idle \u00b7 " + t.exempt() + " exempt",
                "class", "count").close("h2").nl();
        if (s.lines().isEmpty()) {
            String none = Formats.noneRunning(s.kind());
            h.el("p", Character.toUpperCase(none.charAt(0)) + none.substring(1) + ".", "class", "empty").nl();
            return;
        }
        h.open("table").nl().open("thead").open("tr");
        for (String head : List.of("Name", "Region", "Verdict", "Protected", "Type")) {
            h.el("th", head);
        }
        h.el("th", "Idle for", "class", "num").el("th", "$/h", "class", "num").el("th", "$/month", "class", "num");
        h.el("th", "Reason");
        h.close("tr").close("thead").nl().open("tbody").nl();
        for (CostReport.Line l : s.lines()) {
            h.open("tr");
            nameCell(h, l);
            h.el("td", nz(l.region()), "class", "region");
            h.open("td").el("span", Formats.verdictWords(l.verdict()), "class", "badge " + verdictClass(l.verdict()))
                    .close("td");
            protectedCell(h, l.isProtected());
            h.el("td", ReportText.typeAndCount(l).replace(",", ", "), "class", "type");
            h.el("td", l.idleForText(), "class", "num");
            h.el("td", Formats.hourly(l.hourlyCost(), l.priceRegion()) + Formats.sourceMark(l.priceSource()),
                    "class", "num");
            h.el("td", Formats.monthly(l.monthlyCost(), l.priceRegion()), "class", "num");
            h.el("td", l.reason(), "class", "reason");
            h.close("tr").nl();
        }
        h.close("tbody").nl();
        h.open("tfoot").open("tr")
                .el("td", "Total: " + Formats.plural(t.resources(), "resource") + ", " + t.idle() + " idle", "colspan",
                        "6")
                .el("td", t.hourlyText(), "class", "num")
                .el("td", t.monthlyText(), "class", "num")
                .el("td", "idle " + t.idleHourlyText() + "/h \u00b7 saving "
                        + t.savingMonthlyText() + "/month"
                        + (t.unpriced() > 0 ? " \u00b7 " + t.unpriced() + " unpriced, not in these totals" : ""))
                .close("tr").close("tfoot").nl();
        h.close("table").nl();
    }

    private static void studio(Html h, List<CostReport.StudioPlace> places) {
        h.el("h2", "Studio idle shutdown is off").nl();
        if (places.isEmpty()) {
            h.el("p", "No domain, space or user profile was found with Studio's idle shutdown off.", "class", "empty")
                    .nl();
            return;
        }
        h.el("p", "Turning Studio's own idle shutdown on in these places is the lasting fix for idle JupyterLab and Code Editor apps.").nl();
        h.open("table").nl().open("thead").open("tr")
                .el("th", "Domain").el("th", "Space or user profile")
                .el("th", "Running apps", "class", "num").el("th", "$/h", "class", "num")
                .close("tr").close("thead").nl().open("tbody").nl();
        for (CostReport.StudioPlace p : places) {
            h.open("tr")
                    .el("td", nz(p.domainId()), "class", "name")
                    .el("td", p.owner() == null ? "(domain default)" : p.owner())
                    .el("td", String.valueOf(p.runningApps()), "class", "num")
                    .el("td", Formats.hourly(p.hourlyCost()), "class", "num")
                    .close("tr").nl();
        }
        h.close("tbody").nl().close("table").nl();
    }

    /** Volumes that outlive compute: billed running or stopped; sweeping leaves them. */
    private static void storage(Html h, CostReport report) {
        CostReport.Storage s = report.storage();
        if (s.volumes().isEmpty()) {
            return;
        }
        h.el("h2", "Storage that outlives compute").nl();
        h.el("p", ReportText.storageSentence(report)).nl();
        h.open("table").nl().open("thead").open("tr")
                .el("th", "Kind").el("th", "Volume of").el("th", "Region").el("th", "Status").el("th", "Verdict")
                .el("th", "GB", "class", "num").el("th", "$/month", "class", "num").el("th", "Stays when swept")
                .close("tr").close("thead").nl().open("tbody").nl();
        for (CostReport.Volume v : s.volumes()) {
            h.open("tr").el("td", v.kind().id()).el("td", v.name(), "class", "name").el("td", nz(v.region()))
                    .el("td", nz(v.status())).el("td", v.verdict().name())
                    .el("td", String.valueOf(v.sizeGb()), "class", "num")
                    .el("td", Formats.monthly(v.monthlyCost()), "class", "num")
                    // Said only where a sweep would act: elsewhere nothing is swept, so nothing "stays".
                    .el("td", v.sweepable() ? "yes" : "").close("tr").nl();
        }
        h.close("tbody").nl().close("table").nl();
    }

    private static void autostop(Html h, List<CostReport.UncoveredNotebook> notebooks) {
        if (notebooks.isEmpty()) {
            return;
        }
        h.el("h2", "Notebooks without an idle checker").nl();
        h.el("p", "They do not stop themselves when idle; sweeper autostop-notebooks installs the checker.").nl();
        h.open("table").nl().open("thead").open("tr")
                .el("th", "Notebook").el("th", "Region").el("th", "Status").el("th", "Why")
                .close("tr").close("thead").nl().open("tbody").nl();
        for (CostReport.UncoveredNotebook n : notebooks) {
            h.open("tr").el("td", n.name(), "class", "name").el("td", n.region()).el("td", nz(n.status()))
                    .el("td", n.detail()).close("tr").nl();
        }
        h.close("tbody").nl().close("table").nl();
    }

    private static void footer(Html h, CostReport report) {
        h.open("footer").nl();
        h.el("p", "Evaluated at " + Formats.iso(report.evaluatedAt()) + " over a window of "
                + Formats.windowText(report.window()) + "; report generated at " + Formats.iso(report.generatedAt())
                + ".").nl();
        h.el("p", ReportText.priceNote()).nl();
        if (report.borrowedNote() != null) {
            h.el("p", report.borrowedNote()).nl();
        }
        if (!report.unpriced().isEmpty()) {
            StringBuilder sb = new StringBuilder("Unknown prices, in no total: ");
            for (int i = 0; i < report.unpriced().size(); i++) {
                CostReport.UnpricedType u = report.unpriced().get(i);
                sb.append(i == 0 ? "" : ", ").append(u.instanceType()).append(" \u00d7 ").append(u.count());
            }
            h.el("p", sb.append('.').toString()).nl();
        }
        h.close("footer").nl();
    }

    private static void nameCell(Html h, CostReport.Line l) {
        h.el("td", l.label(), "class", "name");
    }

    private static void protectedCell(Html h, Boolean p) {
        if (Boolean.TRUE.equals(p)) {
            h.open("td").el("span", "protected", "class", "badge prot-yes").close("td");
        } else {
            h.el("td", Formats.protectedWord(p), "class", "prot-no");
        }
    }

    static String verdictClass(Verdict v) {
        return "v-" + v.name().toLowerCase(Locale.ROOT);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
