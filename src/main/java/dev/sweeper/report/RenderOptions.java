package dev.sweeper.report;

/**
 * How to render a result.
 *
 * @param color ANSI colour for verdicts, in the table only
 */
public record RenderOptions(boolean color) {
    public static final RenderOptions DEFAULT = new RenderOptions(false);
}
