package dev.sweeper.cli;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** How wide the terminal is: $COLUMNS when the shell exports it, else what stty says, else 80. */
final class TerminalWidth {
    static final int FALLBACK = 80;

    private TerminalWidth() {
    }

    static int of(Map<String, String> env) {
        String columns = env.get("COLUMNS");
        if (columns != null && columns.trim().matches("\\d{1,4}") && Integer.parseInt(columns.trim()) > 0) {
            return Integer.parseInt(columns.trim());
        }
        return stty();
    }

    /** {@code stty size} on the controlling terminal: "rows columns". */
    private static int stty() {
        File tty = new File("/dev/tty");
        if (!tty.canRead()) {
            return FALLBACK;
        }
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(tty).redirectErrorStream(true).start();
            if (!p.waitFor(1, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return FALLBACK;
            }
            String[] parts = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+");
            return parts.length == 2 && parts[1].matches("\\d{1,4}") ? Integer.parseInt(parts[1]) : FALLBACK;
        } catch (java.io.IOException e) {
            return FALLBACK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FALLBACK;
        }
    }
}
