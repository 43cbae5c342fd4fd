package dev.sweeper.report;

import java.util.Locale;

/** How the {@code report} command prints its cost report: {@code --format table|markdown|json|csv|html}. */
public enum ReportFormat {
    TABLE, MARKDOWN, JSON, CSV, HTML;

    /** Case-insensitive; throws with a one-line message naming the choices. */
    public static ReportFormat parse(String text) {
        return Formats.parseEnum(ReportFormat.class, text, "report format");
    }

    /** The word users type: {@code table}, {@code markdown}, … */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
