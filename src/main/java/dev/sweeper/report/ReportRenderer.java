package dev.sweeper.report;

import java.io.PrintWriter;
import java.util.Objects;

/** Prints a {@link CostReport} for the {@code report} command. Output goes to {@code out} only. */
public final class ReportRenderer {

    private ReportRenderer() {
    }

    public static void render(CostReport report, ReportFormat format, PrintWriter out) {
        render(report, format, out, 0);
    }

    /** {@code width}: the terminal's, which the table format fits into; 0 for full width. */
    public static void render(CostReport report, ReportFormat format, PrintWriter out, int width) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(out, "out");
        switch (format) {
            case TABLE -> ReportText.render(report, out, width);
            case MARKDOWN -> ReportMarkdown.render(report, out);
            case JSON -> ReportJson.render(report, out);
            case CSV -> ReportCsv.render(report, out);
            case HTML -> ReportHtml.render(report, out);
        }
        out.flush();
    }
}
