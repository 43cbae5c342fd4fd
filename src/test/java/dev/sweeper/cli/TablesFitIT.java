package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 29, item 6: every command's table fits an 80-column terminal, giving up what carries least first. */
class TablesFitIT {
    @RegisterExtension
    static final Sandbox sandbox = Sandbox.perTestSampleFleet();

    @TempDir
    static Path dir;

    static Stream<List<String>> commands() {
        return Stream.of(List.of("scan"), List.of("endpoints", "idle"), List.of("endpoints", "idle", "--all"),
                List.of("endpoints", "idle", "--delete", "--all"), List.of("apps", "idle", "--all"),
                List.of("stop-notebooks", "--name-contains", "dev-"), List.of("report"));
    }

    static Cli.Run at(int columns, List<String> args) {
        String[] all = Stream.concat(args.stream(), Stream.of("--audit-log", dir.resolve("audit.jsonl").toString()))
                .toArray(String[]::new);
        if (args.get(0).equals("scan") || args.get(0).equals("report")) {
            all = args.toArray(String[]::new);
        }
        java.util.Map<String, String> env = new java.util.HashMap<>(java.util.Map.of("XDG_STATE_HOME",
                Cli.STATE_DIR.toString()));
        if (columns > 0) {
            env.put("COLUMNS", String.valueOf(columns));
        }
        List<String> withSandbox = new java.util.ArrayList<>(List.of(all));
        withSandbox.addAll(List.of("--endpoint-url", sandbox.url(), "--region", "us-east-1", "--no-color"));
        return Cli.run(new Environment(env, columns > 0, false, java.time.Clock.systemUTC(),
                java.time.Duration.ofMillis(100)), withSandbox.toArray(String[]::new));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void table_whenTerminalIs80Wide_everyLineFitsAndStatusAndActionAreWhole(List<String> command) {
        Cli.Run run = at(80, command);

        assertThat(run.exitCode()).as(run.toString()).isIn(0, 3);
        assertThat(run.out().lines()).as(run.out()).isNotEmpty().allMatch(l -> l.length() <= 80);
        // STATUS and ACTION are never cut; what is cut ends in "…".
        assertThat(run.out()).doesNotContain("InServi\u2026", "(plann\u2026", "delete (\u2026", "stop (\u2026");
    }

    @Test
    void endpointsIdleDelete_whenAt80_keepsTheActionAndLeavesOutWhatSaysOneThing() {
        Cli.Run run = at(80, List.of("endpoints", "idle", "--delete", "--all"));

        List<String> table = OutputFitsIT.tableLines(run);
        assertThat(table.get(0)).contains("NAME", "STATUS", "VERDICT", "ACTION").doesNotContain("REGION", "KIND");
        assertThat(table).anyMatch(l -> l.contains("fraud-v2") && l.contains("delete (planned)"));
        assertThat(run.out()).contains("(all endpoints, in us-east-1)");
    }

    @Test
    void scan_whenAt80_leavesOutAnActionColumnOfDashes() {
        Cli.Run run = at(80, List.of("scan"));

        assertThat(OutputFitsIT.tableLines(run).get(0)).contains("STATUS", "VERDICT", "REASON").doesNotContain("ACTION");
    }

    @Test
    void report_whenPiped_keepsItsFullWidth() {
        Cli.Run run = at(0, List.of("report", "--output", "table"));

        assertThat(run.out().lines()).anyMatch(l -> l.length() > 80);
        assertThat(run.out()).contains("TYPE\u00d7COUNT", "IDLE FOR");
    }
}
