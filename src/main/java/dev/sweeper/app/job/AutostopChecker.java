package dev.sweeper.app.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The on-instance idle checker shipped in the jar, and the lifecycle script that installs it. */
public final class AutostopChecker {
    static final String RESOURCE = "/dev/sweeper/lifecycle/sweeper_autostop.py";

    private AutostopChecker() {
    }

    /**
     * The checker's Python source, as it will be written on the instance: without its comment lines
     * and blank lines, which take room AWS counts (16384 characters of base64 per script) that a
     * team's own script merged beside it needs. The file in the jar keeps them.
     */
    public static String source() {
        return compact(original());
    }

    /** The checker as the jar holds it, comments included. */
    static String original() {
        try (InputStream in = AutostopChecker.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Drops comment-only and blank lines (the first line, its shebang, stays), a comment after code on
     * a line without quotes, and a one-line docstring that more of its body follows. Safe for this
     * checker: none of its string literals spans lines.
     */
    static String compact(String python) {
        List<String> kept = new ArrayList<>();
        String[] lines = python.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String t = line.strip();
            if (i > 0 && (t.isEmpty() || t.startsWith("#"))) {
                continue;
            }
            int comment = line.indexOf("  # ");
            if (i > 0 && comment > 0 && line.substring(0, comment).chars().noneMatch(c -> c == '"' || c == '\'')) {
                line = line.substring(0, comment).stripTrailing();
            }
            kept.add(line);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < kept.size(); i++) {
            String t = kept.get(i).strip();
            boolean docstring = t.length() >= 6 && t.startsWith("\"\"\"") && t.endsWith("\"\"\"");
            if (docstring && i + 1 < kept.size() && indent(kept.get(i + 1)) == indent(kept.get(i))) {
                continue;
            }
            out.append(kept.get(i)).append('\n');
        }
        return out.toString();
    }

    private static int indent(String line) {
        return line.length() - line.stripLeading().length();
    }
}
