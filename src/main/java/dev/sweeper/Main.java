package dev.sweeper;

import dev.sweeper.cli.SweeperCli;

/** Entry point: exits with whatever the command line returns. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // The SDK logs through slf4j-simple: to stderr, warnings only, unless asked otherwise.
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        SweeperCli.silenceSigners();
        System.exit(SweeperCli.run(args));
    }
}
