package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Issue 29, item 7: the table says why an action was skipped, when a marked resource is acted on, and more. */
class WhyAndWhenIT {
    @RegisterExtension
    static final Sandbox sandbox = Sandbox.perTestSampleFleet();

    @TempDir
    Path dir;

    /** A table on stdout (as on a terminal {@code columns} wide, 0: a pipe), the clock at {@code now}. */
    Cli.Run table(int columns, Instant now, String... args) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("XDG_STATE_HOME", Cli.STATE_DIR.toString()));
        if (columns > 0) {
            env.put("COLUMNS", String.valueOf(columns));
        }
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--endpoint-url", sandbox.url(), "--region", "us-east-1", "--no-color", "--output", "table"));
        if (!args[0].equals("scan")) {
            all.addAll(List.of("--audit-log", dir.resolve("audit.jsonl").toString()));
        }
        return Cli.run(new Environment(env, columns > 0, false, Clock.fixed(now, ZoneOffset.UTC), Duration.ofMillis(100)),
                all.toArray(String[]::new));
    }

    static String row(Cli.Run run, String name) {
        return run.out().lines().filter(l -> l.contains(" " + name + " ") || l.startsWith(name + " ")).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + run));
    }

    @Test
    void deleteWithGrace_whenNeverMarked_marksNowAndSaysWhenItWillDelete() {
        Instant now = Instant.now();
        Cli.Run json = sandbox.sweeper("endpoints", "idle", "--delete", "--grace", "24h", "--name-contains", "fraud-v2",
                "--audit-log", dir.resolve("audit.jsonl").toString());
        Cli.Run run = table(80, now, "endpoints", "idle", "--delete", "--grace", "24h", "--name-contains", "fraud-v2");

        assertThat(json.exitCode()).as(json.toString()).isZero();
        assertThat(json.byName().get("fraud-v2").path("action").path("type").asText()).isEqualTo("mark");
        assertThat(json.byName().get("fraud-v2").path("action").path("outcome").asText()).as(json.toString())
                .isEqualTo("planned");
        String due = java.time.format.DateTimeFormatter.ofPattern("d MMM HH:mm", java.util.Locale.ENGLISH)
                .withZone(ZoneOffset.UTC).format(now.plus(Duration.ofHours(24)));
        assertThat(row(run, "fraud-v2")).contains("mark; delete from " + due);
    }

    @Test
    void deleteWithGrace_whenMarkedAndTheGraceIsNotOver_saysWhenInTheActionColumn() {
        Instant marked = Instant.now().minus(Duration.ofHours(5));
        Cli.Run mark = table(0, marked, "endpoints", "idle", "--mark", "--apply", "--name-contains", "fraud-v1");
        assertThat(mark.exitCode()).as(mark.toString()).isZero();

        Cli.Run run = table(0, marked.plus(Duration.ofHours(5)), "endpoints", "idle", "--delete", "--grace", "24h",
                "--name-contains", "fraud-v1");

        String due = java.time.format.DateTimeFormatter.ofPattern("d MMM HH:mm", java.util.Locale.ENGLISH)
                .withZone(ZoneOffset.UTC).format(marked.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        .plus(Duration.ofHours(24)));
        assertThat(row(run, "fraud-v1")).as(run.toString()).contains("delete from " + due + " UTC")
                .doesNotContain("skipped:");
    }

    @Test
    void deleteAll_whenAnActionIsSkipped_theReasonSaysWhy() {
        Cli.Run run = table(0, Instant.now(), "endpoints", "idle", "--delete", "--all");

        assertThat(row(run, "search-ranker")).contains("delete (skipped)", "skipped: protected");
        assertThat(row(run, "ocr-v4-updating")).contains("skipped: status Updating");
    }

    @Test
    void deleteAll_whenEndpointsAreDeleted_saysWhereTheirReCreateCommandIs() {
        Cli.Run run = table(0, Instant.now(), "endpoints", "idle", "--delete", "--all");

        assertThat(run.out()).contains("re-create command is in its action").contains("--output json")
                .contains("audit log");
    }

    @Test
    void scanNotebooks_showsWhetherEachStopsItselfWhenIdle() {
        Cli.Run run = table(0, Instant.now(), "scan", "--kinds", "notebook");
        com.fasterxml.jackson.databind.JsonNode doc = sandbox.sweeper("scan", "--kinds", "notebook").json();

        assertThat(run.out().lines().findFirst().orElseThrow()).contains("AUTOSTOP");
        for (com.fasterxml.jackson.databind.JsonNode r : doc.path("resources")) {
            String state = r.path("autostop").path("state").asText("");
            String shown = switch (state) {
                case "NONE" -> " off ";
                case "SWEEPER", "AWS_SAMPLE" -> r.path("autostop").path("idleTime").isNull() ? " on "
                        : " " + dev.sweeper.core.Durations.format(Duration.parse(r.path("autostop").path("idleTime")
                                .asText())) + " ";
                default -> null;
            };
            if (shown != null) {
                assertThat(row(run, r.path("name").asText())).as(state).contains(shown);
            }
        }
        assertThat(doc.path("resources").findValuesAsText("state")).contains("NONE");
    }
}
