package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 29, items 11 and 12: the sandbox in one step, and a command tree that teaches itself. */
class CommandTreeIT {
    @RegisterExtension
    static final Sandbox sandbox = Sandbox.perTestSampleFleet();

    static Cli.Run at80(String... args) {
        return Cli.run(new Environment(Map.of("COLUMNS", "80", "XDG_STATE_HOME", Cli.STATE_DIR.toString()), false,
                false, Clock.systemUTC(), Duration.ofMillis(100)), args);
    }

    static Stream<String> leaves() {
        return Stream.of("scan", "endpoints idle", "apps idle", "apps idle-shutdown", "stop-notebooks",
                "start-notebooks", "mlflow stop", "mlflow start", "schedule", "autostop-notebooks", "report");
    }

    /** Issue 27.5: --all comes with the filters, from one mixin, so every command that takes it says the same of it. */
    @Test
    void all_whereACommandTakesIt_isDescribedTheSameEverywhere() {
        Map<String, String> allHelp = new HashMap<>();
        leaves().forEach(command -> {
            String[] args = Stream.concat(Stream.of(command.split(" ")), Stream.of("--help")).toArray(String[]::new);
            List<String> lines = at80(args).out().lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).matches("\\s+--all\\s.*")) {
                    StringBuilder block = new StringBuilder(lines.get(i).trim());
                    for (int j = i + 1; j < lines.size() && lines.get(j).startsWith("                    "); j++) {
                        block.append(' ').append(lines.get(j).trim());
                    }
                    allHelp.put(command, block.toString());
                }
            }
        });

        assertThat(allHelp.keySet()).containsExactlyInAnyOrder("endpoints idle", "apps idle", "apps idle-shutdown",
                "stop-notebooks", "start-notebooks", "mlflow stop", "mlflow start", "autostop-notebooks");
        assertThat(allHelp.values().stream().distinct()).as(allHelp.toString()).hasSize(1);
    }

    @Test
    void plainSweeper_printsTheHelpGroupedByTask() {
        Cli.Run run = at80();

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).isEmpty();
        List<String> headings = run.out().lines().filter(l -> !l.startsWith(" ") && l.endsWith(":")).toList();
        assertThat(headings).containsSubsequence("See what runs, and whether it is idle:", "Stop and start:", "Delete:",
                "Roll out prevention:", "Schedules:", "Reports:");
        assertThat(run.out()).contains("  endpoints idle --delete", "  mlflow stop", "stop-mlflow");
    }

    @Test
    void helpCommand_whenGivenACommand_printsThatCommandsHelp() {
        Cli.Run scan = at80("help", "scan");
        Cli.Run idle = at80("help", "endpoints", "idle");
        Cli.Run typo = at80("help", "scna");

        assertThat(scan.exitCode()).as(scan.toString()).isZero();
        assertThat(scan.out()).startsWith("Usage: sweeper scan").isEqualTo(at80("scan", "--help").out());
        assertThat(idle.out()).startsWith("Usage: sweeper endpoints idle");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err().lines().toList()).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("leaves")
    void leafHelp_whenAt80Columns_fitsAScreenAndOffersExpectAccountOnlyWhereSomethingIsApplied(String command) {
        String[] args = Stream.concat(Stream.of(command.split(" ")), Stream.of("--help")).toArray(String[]::new);
        Cli.Run run = at80(args);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().lines().count()).as(run.out()).isLessThanOrEqualTo(50);
        assertThat(run.out().lines()).allMatch(l -> l.length() <= 80);
        boolean applies = run.out().contains("--apply");
        assertThat(run.out().contains("--expect-account")).as(run.out()).isEqualTo(applies);
        // The options every command shares are named once, not described in each.
        assertThat(run.out()).contains("Shared options").doesNotContain("--call-timeout=DURATION")
                .contains("--call-timeout");
    }

    @Test
    void helpOptions_describesTheSharedOptions() {
        Cli.Run run = at80("help", "options");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("--call-timeout=DURATION", "--endpoint-url=URL", "--expect-account=ID",
                "--region=REGION");
    }

    @Test
    void stopMlflow_whenGivenVerbFirst_doesWhatMlflowStopDoes() {
        Cli.Run nounVerb = sandbox.sweeper("mlflow", "stop", "--all", "--include-active");
        Cli.Run verbNoun = sandbox.sweeper("stop-mlflow", "--all", "--include-active");
        Cli.Run start = sandbox.sweeper("start-mlflow", "--all");

        assertThat(verbNoun.exitCode()).as(verbNoun.toString()).isEqualTo(nounVerb.exitCode());
        assertThat(verbNoun.json().path("resources")).isEqualTo(nounVerb.json().path("resources"));
        assertThat(actions(verbNoun)).as(verbNoun.toString()).contains("stop");
        assertThat(start.exitCode()).as(start.toString()).isZero();
        assertThat(actions(start)).contains("start");
    }

    private static List<String> actions(Cli.Run run) {
        List<String> types = new java.util.ArrayList<>();
        run.json().path("resources").forEach(r -> types.add(r.path("action").path("type").asText("-")));
        return types;
    }

    /** Runs {@code sweeper sandbox} on a thread, pastes the lines it prints, runs a scan with them, then stops it. */
    @Test
    void sandboxCommand_printsTheLinesToPasteAndTheyWork() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        AtomicReference<Integer> code = new AtomicReference<>();
        Thread thread = new Thread(() -> code.set(SweeperCli.commandLine(new java.io.PrintWriter(out, true),
                new java.io.PrintWriter(err, true), Environment.system())
                .execute("sandbox", "--fleet", "config/sample-fleet.yaml", "--port", String.valueOf(port))));
        thread.start();
        Cli.Run scan;
        Map<String, String> env = new HashMap<>(Map.of("XDG_STATE_HOME", Cli.STATE_DIR.toString()));
        try {
            for (int i = 0; i < 300 && !err.toString().contains("Ctrl-C") && thread.isAlive(); i++) {
                Thread.sleep(100);
            }
            Matcher export = Pattern.compile("export ((?:\\w+=\\S+ ?)+)").matcher(err.toString());
            while (export.find()) {
                for (String pair : export.group(1).trim().split(" ")) {
                    env.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
                }
            }
            // The pasted lines alone: no --endpoint-url, no --region.
            scan = Cli.run(env, "scan", "--kinds", "endpoint", "--output", "json");
        } finally {
            thread.interrupt();
            thread.join(10_000);
        }
        assertThat(code.get()).as(err.toString()).isZero();
        assertThat(out.toString().lines().toList()).containsExactly("sandbox ready on http://127.0.0.1:" + port);
        assertThat(env).containsEntry("AWS_ENDPOINT_URL", "http://127.0.0.1:" + port)
                .containsKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION");
        assertThat(err.toString()).contains("sweeper scan");
        assertThat(scan.exitCode()).as(scan.toString()).isZero();
        assertThat(scan.byName()).containsKey("fraud-v2");
    }

    @Test
    void endpointFromTheEnvironment_whenPlainHttpToAnotherHost_isRefusedAsTheFlagIs() {
        Cli.Run run = Cli.run(Map.of("AWS_ENDPOINT_URL", "http://example.com:4566", "AWS_REGION", "us-east-1"),
                "scan", "--output", "json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: AWS_ENDPOINT_URL 'http://example.com:4566' is plain http");
    }

}
