package dev.sweeper.report;

import java.util.Locale;

/** How a command's result is printed: {@code --output table|json|csv}. */
public enum OutputFormat {
    TABLE, JSON, CSV;

    /** The word users type: {@code table}, {@code json}, {@code csv}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
