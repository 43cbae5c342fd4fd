package dev.sweeper.report;

import java.util.Locale;

/** How the {@code report} command prints its cost report: {@code --format table|markdown|json|csv|html}. */
public enum ReportFormat {
    TABLE, MARKDOWN, JSON, CSV, HTML;

    /** The word users type: {@code table}, {@code markdown}, … */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
