package dev.sweeper.cli;

import picocli.CommandLine.Option;

/** How results and logs are shown: taken by every command (the format by each: report has its own). */
public final class OutputOptions {
    @Option(names = {"-v", "--verbose"}, description = "Show details on stderr, and stack traces of internal errors.")
    boolean verbose;

    @Option(names = "--quiet", description = "Print nothing on stderr but errors.")
    boolean quiet;

    @Option(names = "--wide", description = "Tables at full width, nothing cut (as when stdout is not a terminal).")
    boolean wide;

    @Option(names = "--no-color", description = "No colour in tables (also when NO_COLOR is set).")
    boolean noColor;
}
