package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17, item 4: output that fits the terminal, and says what it knows. */
class OutputFitsIT {
    static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final Sandbox sandbox = Sandbox.perTestSampleFleet();

    /** A run whose stdout is a terminal {@code columns} wide (0: stdout is a pipe). */
    static Cli.Run run(int columns, String... args) {
        Map<String, String> env = new HashMap<>(Map.of("XDG_STATE_HOME", Cli.STATE_DIR.toString()));
        if (columns > 0) {
            env.put("COLUMNS", String.valueOf(columns));
        }
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--endpoint-url", sandbox.url(), "--region", "us-east-1", "--no-color"));
        return Cli.run(new Environment(env, columns > 0, false, Clock.systemUTC(), Duration.ofMillis(100)),
                all.toArray(String[]::new));
    }

    /** The table's lines: up to the blank line before the summary. */
    static List<String> tableLines(Cli.Run run) {
        return run.out().lines().takeWhile(l -> !l.isBlank()).toList();
    }

    @Test
    void scan_whenTerminalIs100Wide_fitsItAndMarksWhatItCut() {
        Cli.Run run = run(100, "scan");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> table = tableLines(run);
        assertThat(table).hasSizeGreaterThan(5).allMatch(l -> l.length() <= 100);
        assertThat(String.join("\n", table)).contains("\u2026");
    }

    @Test
    void scan_whenWideOrPiped_printsFullWidthUncut() {
        for (Cli.Run run : List.of(run(100, "scan", "--wide"), run(0, "scan", "--output", "table"))) {
            assertThat(run.exitCode()).as(run.toString()).isZero();
            List<String> table = tableLines(run);
            assertThat(table).anyMatch(l -> l.length() > 100);
            assertThat(String.join("\n", table)).doesNotContain("\u2026");
        }
    }

    @Test
    void endpointsIdle_whenTable_listsTheIdleOnesAndCountsTheRest() throws Exception {
        Cli.Run idle = run(0, "endpoints", "idle", "--output", "table");
        Cli.Run all = run(0, "endpoints", "idle", "--output", "table", "--all");
        JsonNode doc = run(0, "endpoints", "idle", "--output", "json").json();

        List<String> rows = tableLines(idle).subList(1, tableLines(idle).size());
        long idleCount = 0;
        for (JsonNode r : doc.path("resources")) {
            boolean isIdle = r.path("verdict").asText().equals("IDLE");
            idleCount += isIdle ? 1 : 0;
            String name = r.path("name").asText();
            assertThat(rows.stream().anyMatch(l -> l.startsWith("endpoint  " + name + " "))).as(name).isEqualTo(isIdle);
        }
        int total = doc.path("resources").size();
        assertThat(idleCount).isPositive().isLessThan(total);
        assertThat(idle.out()).contains((total - idleCount) + " other resources not listed (not idle; --all lists them)");
        assertThat(tableLines(all)).hasSize(total + 1);
        String summary = total + " resources: ";
        assertThat(idle.out()).contains(summary);
        assertThat(all.out()).contains(summary);
    }

    @Test
    void endpointsIdle_whenCostNotLookedUp_showsItUnknownAndTheJsonSaysWhy() throws Exception {
        JsonNode doc = run(0, "endpoints", "idle", "--output", "json").json();
        Cli.Run table = run(0, "endpoints", "idle", "--output", "table", "--all");

        int notLookedUp = 0;
        for (JsonNode r : doc.path("resources")) {
            String status = r.path("hourlyCostStatus").asText();
            String name = r.path("name").asText();
            assertThat(status).as(name).isIn("priced", "no-price", "not-looked-up");
            assertThat(r.path("hourlyCost").isNull()).as(name).isEqualTo(!status.equals("priced"));
            String row = table.out().lines().filter(l -> l.startsWith("endpoint  " + name + " ")).findFirst()
                    .orElseThrow();
            if (status.equals("not-looked-up")) {
                // Not known either: "?", never "-", which means nothing is billed.
                notLookedUp++;
                assertThat(row).as(row).contains(" ? ");
            } else if (status.equals("no-price")) {
                assertThat(row).as(row).contains(" ? ");
            }
        }
        assertThat(notLookedUp).as("active endpoints are not described during endpoints idle").isPositive();
        assertThat(table.out()).contains("COST/H: - nothing billed; ? not known (no price or not looked up), in no"
                + " total");
    }

    @Test
    void stopNotebooks_whenAudited_everyLineCarriesTheAccount(@TempDir Path dir) throws Exception {
        Path audit = dir.resolve("audit.jsonl");
        Cli.Run run = run(0, "stop-notebooks", "--name-contains", "dev-", "--audit-log", audit.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> lines = Files.readAllLines(audit);
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            assertThat(JSON.readTree(line).path("account").asText()).as(line).isEqualTo("123456789012");
        }
    }

    @Test
    void appsIdle_whenTable_showsEachAppsSpaceOrUserProfile() {
        Cli.Run run = run(0, "apps", "idle", "--output", "table");

        List<String> rows = tableLines(run);
        assertThat(rows.subList(1, rows.size())).isNotEmpty()
                .allMatch(l -> l.contains("(") && (l.contains(", space ") || l.contains(", user ")));
    }
}
