package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 17, item 6: help and flags as picocli users expect. */
class HelpAndFlagsIT {
    @RegisterExtension
    static final Sandbox sandbox = Sandbox.perTestSampleFleet();

    static Stream<String> commands() {
        return Stream.of("scan", "endpoints", "endpoints idle", "apps", "apps idle", "stop-notebooks",
                "start-notebooks", "report", "sandbox", "config", "config show", "completion");
    }

    static Cli.Run withColumns(int columns, String... args) {
        return Cli.run(new Environment(Map.of("COLUMNS", String.valueOf(columns)), false, false, Clock.systemUTC(),
                Duration.ofMillis(100)), args);
    }

    @ParameterizedTest
    @MethodSource("commands")
    void version_whenAskedOfAnySubcommand_printsIt(String command) {
        String[] args = Stream.concat(Stream.of(command.split(" ")), Stream.of("-V")).toArray(String[]::new);
        Cli.Run run = Cli.run(args);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).as(run.toString()).startsWith("sweeper ");
    }

    @ParameterizedTest
    @MethodSource("commands")
    void help_whenTerminalIs60Wide_fitsIt(String command) {
        String[] args = Stream.concat(Stream.of(command.split(" ")), Stream.of("--help")).toArray(String[]::new);
        Cli.Run run = withColumns(60, args);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().lines()).as(run.out()).allMatch(l -> l.length() <= 60);
    }

    @Test
    void help_whenListingCommands_endsEverySummaryWithASentence() {
        Cli.Run run = withColumns(200, "--help");

        List<String> rows = run.out().lines().dropWhile(l -> !l.startsWith("See what runs")).skip(1)
                .takeWhile(l -> !l.startsWith("Exit codes")).filter(l -> l.startsWith("  ")).toList();
        assertThat(rows).hasSizeGreaterThan(5);
        assertThat(rows).as(run.out()).allMatch(l -> l.endsWith(".") || l.endsWith(")") || l.endsWith("..."));
    }

    @Test
    void unknownCommand_whenCloseToOne_suggestsIt() {
        Cli.Run run = Cli.run("scna");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().toList()).hasSize(1);
        assertThat(run.err()).contains("did you mean scan");
    }

    @Test
    void unknownOption_whenCloseToOne_suggestsIt() {
        sandbox.resetStats();
        Cli.Run run = sandbox.sweeper("scan", "--windw", "2h");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().toList()).hasSize(1);
        assertThat(run.err()).contains("did you mean").contains("--window?"); // --wide is as close
        assertThat(sandbox.totalCalls()).isZero();
    }

    @Test
    void report_whenOutputJson_isTheSameAsFormatJson() throws Exception {
        Cli.Run byOutput = Cli.run("report", "--output", "json", "--endpoint-url", sandbox.url(), "--region", "us-east-1");
        Cli.Run byFormat = Cli.run("report", "--format", "json", "--endpoint-url", sandbox.url(), "--region", "us-east-1");

        assertThat(byOutput.exitCode()).as(byOutput.toString()).isZero();
        JsonNode a = byOutput.json();
        JsonNode b = byFormat.json();
        assertThat(a.fieldNames()).toIterable().containsExactlyElementsOf(() -> b.fieldNames());
    }

    @Test
    void durations_whenGivenInWeeks_areAcceptedByFlagsAndTheConfig(@TempDir Path dir) throws Exception {
        Cli.Run scan = sandbox.sweeper("scan", "--window", "2w");
        assertThat(scan.exitCode()).as(scan.toString()).isZero();
        assertThat(scan.json().path("window").asText()).isEqualTo("PT336H");

        assertThat(sandbox.sweeper("apps", "idle", "--max-age", "1w").exitCode()).isZero();

        Path config = Files.writeString(dir.resolve("sweeper.yaml"), "endpoints:\n  window: 2w\n");
        Cli.Run idle = sandbox.sweeper("endpoints", "idle", "--config", config.toString());
        assertThat(idle.exitCode()).as(idle.toString()).isZero();
        assertThat(idle.json().path("window").asText()).isEqualTo("PT336H");
    }
}
