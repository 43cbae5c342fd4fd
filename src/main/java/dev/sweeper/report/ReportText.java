package dev.sweeper.report;

import dev.sweeper.core.Money;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The cost report for a terminal: a summary, one aligned section per kind, totals, then notes. */
final class ReportText {
    private static final List<String> LINE_HEADERS = List.of("NAME", "REGION", "VERDICT", "PROT", "TYPE\u00d7COUNT",
            "COST/H", "COST/MONTH", "IDLE FOR", "REASON");
    private static final List<String> TOTAL_HEADERS = List.of("KIND", "RUNNING", "IDLE", "EXEMPT", "COST/H",
            "COST/MONTH", "IDLE/H", "SAVING/H", "SAVING/MONTH");

    /**
     * On a narrow terminal: a REGION column that says one thing goes, then the instance types, the
     * idle time, the hourly cost (the monthly one stays) and PROT; then the reason and the name are cut.
     */
    private static final TextTable.Fit LINE_FIT = new TextTable.Fit(
            new int[] {LINE_HEADERS.indexOf("REGION"), LINE_HEADERS.indexOf("PROT")},
            new int[] {LINE_HEADERS.indexOf("TYPE\u00d7COUNT"), LINE_HEADERS.indexOf("IDLE FOR"),
                LINE_HEADERS.indexOf("COST/H"), LINE_HEADERS.indexOf("PROT")},
            new int[] {LINE_HEADERS.indexOf("REASON"), LINE_HEADERS.indexOf("NAME")}, new int[] {28, 20});
    /** The totals give up the idle cost and the hourly figures before the monthly ones. */
    private static final TextTable.Fit TOTAL_FIT = new TextTable.Fit(new int[0],
            new int[] {TOTAL_HEADERS.indexOf("IDLE/H"), TOTAL_HEADERS.indexOf("EXEMPT"), TOTAL_HEADERS.indexOf("COST/H"),
                TOTAL_HEADERS.indexOf("SAVING/H")}, new int[0], new int[0]);

    private ReportText() {
    }

    /** {@code width}: the terminal's (tables and sentences fit it), 0 for full width. */
    static void render(CostReport report, PrintWriter out, int width) {
        PrintWriter fitted = width <= 0 ? out : new PrintWriter(new WrappingWriter(out, width), true);
        renderFitted(report, fitted, width);
        fitted.flush();
    }

    private static void renderFitted(CostReport report, PrintWriter out, int width) {
        CostReport.Totals t = report.totals();
        out.println("SageMaker cost report: evaluated " + Formats.iso(report.evaluatedAt())
                + ", window " + Formats.windowText(report.window()));
        out.println(summarySentence(report));
        for (CostReport.KindSection section : report.kinds()) {
            out.println();
            CostReport.Totals kt = section.totals();
            out.println(Formats.kindTitle(section.kind()) + " (" + kt.resources() + " running, " + kt.idle()
                    + " idle, " + kt.exempt() + " exempt)");
            if (section.lines().isEmpty()) {
                out.println("  " + Formats.noneRunning(section.kind()));
                continue;
            }
            TextTable table = new TextTable(LINE_HEADERS,
                    TextTable.right(LINE_HEADERS, "COST/H", "COST/MONTH", "IDLE FOR"));
            for (CostReport.Line l : section.lines()) {
                table.add(List.of(
                        Formats.truncate(l.label(), 48),
                        l.region() == null ? "" : l.region(),
                        l.verdict().name(),
                        Formats.protectedWord(l.isProtected()),
                        typeAndCount(l),
                        Formats.hourly(l.hourlyCost(), l.priceRegion()) + Formats.sourceMark(l.priceSource()),
                        Formats.monthly(l.monthlyCost(), l.priceRegion()),
                        l.idleForText(),
                        Formats.truncate(l.reason(), 70)));
            }
            if (table.print(out, (c, text) -> text, width, LINE_FIT).contains(LINE_HEADERS.indexOf("REGION"))) {
                out.println("(all in " + table.only(LINE_HEADERS.indexOf("REGION")) + ")");
            }
        }
        out.println();
        out.println("Totals");
        TextTable totals = new TextTable(TOTAL_HEADERS, TextTable.right(TOTAL_HEADERS, TOTAL_HEADERS.subList(1,
                TOTAL_HEADERS.size()).toArray(String[]::new)));
        for (CostReport.KindSection section : report.kinds()) {
            totals.add(totalsRow(section.kind().id(), section.totals()));
        }
        totals.add(totalsRow("all", t));
        totals.print(out, (c, text) -> text, width, TOTAL_FIT);
        notes(report, out);
    }

    static String summarySentence(CostReport report) {
        CostReport.Totals t = report.totals();
        return Formats.plural(t.resources(), "running resource") + " cost " + t.hourlyText() + "/h ("
                + t.monthlyText() + "/month); " + t.idle() + " idle cost "
                + t.idleHourlyText() + "/h; sweeping the " + Formats.plural(t.sweepable(), "unprotected idle resource") + " would save "
                + t.savingHourlyText() + "/h (" + t.savingMonthlyText() + "/month) of compute. "
                + t.exempt() + " exempt (no compute cost while idle)"
                + (t.unpriced() > 0 ? "; " + t.unpriced() + " with unknown prices (?), in no total: a total that"
                + " leaves one out reads \"+ ?\", and they are listed after the priced ones." : ".");
    }

    /**
     * {@code Storage that outlives compute: 2 volumes (150 GB) cost $18.20/month, running or stopped; sweeping
     * saves compute only: $7.00/month of that storage stays on the resources it would stop.} Empty when there
     * is no volume.
     */
    static String storageSentence(CostReport report) {
        CostReport.Storage s = report.storage();
        if (s.volumes().isEmpty()) {
            return "";
        }
        return "Storage that outlives compute: " + Formats.plural(s.volumes().size(), "volume") + " ("
                + s.totalGb() + " GB) cost " + Formats.monthly(s.monthly()) + "/month, running or stopped"
                + (s.unpriced() > 0 ? " (" + s.unpriced() + " with unknown prices, not in that sum)" : "")
                + "; sweeping saves compute only: " + Formats.monthly(s.keptMonthly())
                + "/month of that storage stays on the resources it would stop or delete.";
    }

    /** One volume: {@code dev-carol (us-east-1, Stopped): 50 GB, $7.00/month}. */
    static String volumeText(CostReport.Volume v) {
        return v.name() + " (" + v.region() + ", " + v.status() + "): " + v.sizeGb() + " GB, "
                + Formats.monthly(v.monthlyCost()) + "/month" + (v.sweepable() ? ", idle: stays when swept" : "");
    }

    static String typeAndCount(CostReport.Line l) {
        if (l.instanceType() == null) {
            return "";
        }
        return l.instanceCount() == null ? l.instanceType() : l.instanceType() + "\u00d7" + l.instanceCount();
    }

    private static List<String> totalsRow(String label, CostReport.Totals t) {
        List<String> row = new ArrayList<>();
        row.add(label);
        row.add(String.valueOf(t.resources()));
        row.add(String.valueOf(t.idle()));
        row.add(String.valueOf(t.exempt()));
        row.add(t.hourlyText());
        row.add(t.monthlyText());
        row.add(t.idleHourlyText());
        row.add(t.savingHourlyText());
        row.add(t.savingMonthlyText());
        return row;
    }

    private static void notes(CostReport report, PrintWriter out) {
        if (!report.unpriced().isEmpty()) {
            out.println();
            out.println("Unknown prices (not in any total):");
            for (CostReport.UnpricedType u : report.unpriced()) {
                out.println("  " + u.instanceType() + ": " + Formats.plural(u.count(), "resource"));
            }
        }
        if (!report.storage().volumes().isEmpty()) {
            out.println();
            out.println(storageSentence(report));
            for (CostReport.Volume v : report.storage().volumes()) {
                out.println("  " + v.kind().id() + " " + volumeText(v));
            }
        }
        if (!report.studioIdleShutdownOff().isEmpty()) {
            out.println();
            out.println("Studio idle shutdown is off in (turning it on is the lasting fix for JupyterLab and Code Editor apps):");
            for (CostReport.StudioPlace p : report.studioIdleShutdownOff()) {
                out.println("  " + p.label() + ": " + Formats.plural(p.runningApps(), "running app") + ", "
                        + Formats.hourly(p.hourlyCost()) + "/h");
            }
        }
        if (!report.notebooksWithoutAutostop().isEmpty()) {
            out.println();
            out.println("Notebooks that do not stop themselves when idle (sweeper autostop-notebooks installs the checker):");
            for (CostReport.UncoveredNotebook n : report.notebooksWithoutAutostop()) {
                out.println("  " + n.name() + " (" + n.region() + ", " + n.status() + "): " + n.detail());
            }
        }
        out.println();
        out.println(priceNote());
        if (report.borrowedNote() != null) {
            out.println(report.borrowedNote());
        }
        for (String problem : report.problems()) {
            out.println("! " + problem);
        }
    }

    /** Wraps each line written through it at the width, as {@link Formats#wrap} does; tables already fit. */
    private static final class WrappingWriter extends java.io.Writer {
        private final PrintWriter out;
        private final int width;
        private final StringBuilder line = new StringBuilder();

        WrappingWriter(PrintWriter out, int width) {
            this.out = out;
            this.width = width;
        }

        @Override
        public void write(char[] buf, int off, int len) {
            for (int i = off; i < off + len; i++) {
                char c = buf[i];
                if (c == '\n') {
                    String text = line.toString();
                    if (text.endsWith("\r")) {
                        text = text.substring(0, text.length() - 1);
                    }
                    // A sentence breaks at spaces; an indented list item keeps its indent on every line.
                    String indent = text.startsWith("  ") ? "  " : "";
                    out.println(indent.isEmpty() ? Formats.wrap(text, width)
                            : Formats.wrap(text.substring(2), width - 2).lines().map(l -> "  " + l)
                                    .collect(java.util.stream.Collectors.joining(System.lineSeparator())));
                    line.setLength(0);
                } else {
                    line.append(c);
                }
            }
        }

        @Override
        public void flush() {
            if (line.length() > 0) {
                out.print(line);
                line.setLength(0);
            }
            out.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }

    static String priceNote() {
        return "Prices are AWS's on-demand list prices in USD, before Savings Plans, credits or discounts (marked "
                + "(team) or (bundled) where a team's price table or the bundled one gave them); monthly = hourly \u00d7 " + (int) Money.HOURS_PER_MONTH
                + " h; storage is priced per GB-month. Idle time is at least the evaluation window, or a Studio app's age under the age rule.";
    }
}
