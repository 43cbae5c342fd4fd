package dev.sweeper.report;

import dev.sweeper.core.Finding;
import java.util.function.Predicate;

/**
 * How to render a result.
 *
 * @param color ANSI colour for verdicts, in the table only
 * @param width the table's width in characters (the terminal's); 0 for full width, nothing cut
 * @param shown which resources the table lists (null: all); the summary always counts every one
 * @param hiddenHint what the table says about the ones it does not list, e.g. "--all shows them"
 */
public record RenderOptions(boolean color, int width, Predicate<Finding> shown, String hiddenHint) {
    public static final RenderOptions DEFAULT = new RenderOptions(false);

    public RenderOptions(boolean color) {
        this(color, 0, null, null);
    }
}
