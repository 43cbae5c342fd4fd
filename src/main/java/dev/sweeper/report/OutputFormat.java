package dev.sweeper.report;

import java.util.Locale;

/** How a command's result is printed: {@code --output table|json|csv}. */
public enum OutputFormat {
    TABLE, JSON, CSV;

    /** Case-insensitive; throws with a one-line message naming the choices. */
    public static OutputFormat parse(String text) {
        return Formats.parseEnum(OutputFormat.class, text, "output format");
    }

    /** The word users type: {@code table}, {@code json}, {@code csv}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
