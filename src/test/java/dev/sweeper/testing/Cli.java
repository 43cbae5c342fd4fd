package dev.sweeper.testing;

import dev.sweeper.cli.Environment;
import dev.sweeper.cli.SweeperCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** Runs the real command tree in-process with captured streams. */
public final class Cli {
    static {
        // The SDK's default chain reads these; the sandbox accepts any credentials.
        System.setProperty("aws.accessKeyId", "AKIASWEEPERTESTKEY00");
        System.setProperty("aws.secretAccessKey", "sweeper-test-secret-key-do-not-print");
    }

    private Cli() {
    }

    /** One run: the exit code and everything printed. */
    public record Run(int exitCode, String out, String err) {
        private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
                new com.fasterxml.jackson.databind.ObjectMapper();

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }

        /** stdout as JSON (the run asked for --output json); a run that printed something else fails the test. */
        public com.fasterxml.jackson.databind.JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (java.io.IOException e) {
                throw new AssertionError("stdout is not JSON: " + this, e);
            }
        }

        /** The result's resources by name (the last one wins where names repeat, as Studio apps' do). */
        public java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> byName() {
            java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> out = new java.util.LinkedHashMap<>();
            json().path("resources").forEach(r -> out.put(r.path("name").asText(), r));
            return out;
        }
    }

    public static Run run(String... args) {
        return run(Map.of(), args);
    }

    public static Run run(Map<String, String> env, String... args) {
        Map<String, String> withState = new java.util.HashMap<>(env);
        withState.putIfAbsent("XDG_STATE_HOME", STATE_DIR.toString());
        return run(new Environment(withState, false, false, Clock.systemUTC(), Duration.ofMillis(100)), args);
    }

    /** Where the default audit log goes during tests: never the user's own state directory. */
    public static final java.nio.file.Path STATE_DIR = tempDir();

    private static java.nio.file.Path tempDir() {
        try {
            return java.nio.file.Files.createTempDirectory("sweeper-state");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static Run run(Environment environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SweeperCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), environment)
                .execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
