package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sweeper schedule} end to end against the sandbox, with the sweeper's clock set to each
 * instant of a week that crosses Europe/Berlin's change from summer to winter time (Sunday
 * 25 October 2026, 03:00 CEST -> 02:00 CET).
 */
class ScheduleIT {

    static final String CONFIG = """
            schedules:
              berlin-office:
                timezone: Europe/Berlin
                periods:
                  - {days: mon-fri, start: "07:00", end: "20:00"}
            """;

    static final String FLEET = """
            notebooks:
              - name: sched-a
                instanceType: ml.t3.medium
                tags: {"sweeper:schedule": berlin-office}
              - name: sched-by-hand
                instanceType: ml.t3.medium
                status: Stopped
                tags: {"sweeper:schedule": berlin-office}
              - name: sched-protected
                instanceType: ml.t3.medium
                tags: {"sweeper:schedule": berlin-office, "sweeper:protect": "true"}
              - name: unscheduled
                instanceType: ml.t3.medium
            """;

    @TempDir
    Path dir;

    Sandbox sandbox;

    @AfterEach
    void close() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    Path config;

    void start(String fleet) throws IOException {
        config = dir.resolve("sweeper.yaml");
        Files.writeString(config, CONFIG);
        sandbox = Sandbox.start(Sandbox.fleetOptions(fleet).withTransitionDelay(Duration.ofMillis(200)));
    }

    /** One run of the schedule, the sweeper's clock standing at {@code at}. */
    Cli.Run scheduleAt(String at, String... more) {
        Environment env = new Environment(Map.of("XDG_STATE_HOME", Cli.STATE_DIR.toString()), false, false,
                Clock.fixed(Instant.parse(at), ZoneOffset.UTC), Duration.ofMillis(50));
        List<String> args = new ArrayList<>(List.of("schedule", "--config", config.toString(), "--endpoint-url",
                sandbox.url(), "--region", "us-east-1", "--output", "json"));
        args.addAll(List.of(more));
        return Cli.run(env, args.toArray(String[]::new));
    }

    static Map<String, JsonNode> byName(Cli.Run run) throws IOException {
        return run.byName();
    }

    JsonNode notebook(String name) {
        for (JsonNode n : sandbox.state().path("notebooks")) {
            if (n.path("name").asText().equals(name)) {
                return n;
            }
        }
        throw new AssertionError("no notebook " + name);
    }

    String tag(String name, String key) {
        JsonNode v = notebook(name).path("tags").path(key);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    int changes() {
        return sandbox.calls("SageMaker.StopNotebookInstance") + sandbox.calls("SageMaker.StartNotebookInstance");
    }

    /** Applies the schedule at {@code at}, waiting for the changes to finish; returns how many stops and starts it made. */
    int applyAt(String at) throws IOException {
        int before = changes();
        Cli.Run run = scheduleAt(at, "--apply", "--wait");
        assertThat(run.exitCode()).as(at + ": " + run).isZero();
        assertThat(byName(run)).doesNotContainKey("unscheduled");
        return changes() - before;
    }

    /** AWS no longer restarts a stopped AL2 notebook (issue 25): the schedule skips it, saying why, unless --include-al2. */
    @Test
    void schedule_whenOutsideItsPeriods_skipsAnAmazonLinux2NotebookUnlessIncludeAl2() throws IOException {
        start("""
                notebooks:
                  - name: sched-al2
                    platform: notebook-al2-v3
                    tags: {"sweeper:schedule": berlin-office}
                  - name: sched-al2023
                    tags: {"sweeper:schedule": berlin-office}
                """);

        Cli.Run run = scheduleAt("2026-10-23T18:30:00Z", "--apply", "--wait");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode al2 = byName(run).get("sched-al2").path("action");
        assertThat(al2.path("outcome").asText()).isEqualTo("skipped");
        assertThat(al2.path("detail").asText()).contains("not stopped without --include-al2");
        assertThat(sandbox.notebookStatus("sched-al2")).isEqualTo("InService");
        assertThat(sandbox.notebookStatus("sched-al2023")).isEqualTo("Stopped");

        Cli.Run planned = scheduleAt("2026-10-23T18:45:00Z", "--include-al2");
        assertThat(byName(planned).get("sched-al2").path("action").path("outcome").asText()).isEqualTo("planned");
    }

    @Test
    void schedule_walkingAWeekAcrossTheOctoberChange_stopsAndStartsOnBerlinsWallClock() throws IOException {
        start(FLEET);

        // Friday 23 October, 07:30 CEST: inside, and running: nothing to do.
        assertThat(applyAt("2026-10-23T05:30:00Z")).isZero();
        // Friday 20:30 CEST: outside: stopped and tagged, as stop-notebooks --apply does.
        assertThat(applyAt("2026-10-23T18:30:00Z")).isEqualTo(1);
        assertThat(sandbox.notebookStatus("sched-a")).isEqualTo("Stopped");
        assertThat(tag("sched-a", "sweeper:stopped-at")).isEqualTo("2026-10-23T18:30:00Z");
        assertThat(sandbox.notebookStatus("sched-protected")).as("protected").isEqualTo("InService");
        assertThat(sandbox.notebookStatus("unscheduled")).isEqualTo("InService");
        // The same run again changes nothing: the schedule is safe to run every 15 minutes.
        assertThat(applyAt("2026-10-23T18:45:00Z")).isZero();
        // The weekend, and the night of the change itself.
        assertThat(applyAt("2026-10-24T10:00:00Z")).isZero();
        assertThat(applyAt("2026-10-25T00:30:00Z")).isZero();
        assertThat(applyAt("2026-10-25T01:30:00Z")).isZero();
        // Monday 26 October 05:30Z is 06:30 CET now (it would have been 07:30 CEST a week earlier): still outside.
        assertThat(applyAt("2026-10-26T05:30:00Z")).isZero();
        assertThat(sandbox.notebookStatus("sched-a")).isEqualTo("Stopped");
        // 07:15 CET: inside; the sweeper started what it stopped, and only that.
        assertThat(applyAt("2026-10-26T06:15:00Z")).isEqualTo(1);
        assertThat(sandbox.notebookStatus("sched-a")).isEqualTo("InService");
        assertThat(tag("sched-a", "sweeper:stopped-at")).isNull();
        assertThat(sandbox.notebookStatus("sched-by-hand")).as("stopped by its owner").isEqualTo("Stopped");
        assertThat(applyAt("2026-10-26T06:30:00Z")).isZero();
        // Monday 19:59 CET is still inside, 20:00 CET (19:00Z) outside.
        assertThat(applyAt("2026-10-26T18:59:00Z")).isZero();
        assertThat(applyAt("2026-10-26T19:00:00Z")).isEqualTo(1);
        assertThat(sandbox.notebookStatus("sched-a")).isEqualTo("Stopped");
        assertThat(applyAt("2026-10-27T05:59:00Z")).isZero();
        assertThat(applyAt("2026-10-27T06:00:00Z")).isEqualTo(1);
        assertThat(sandbox.notebookStatus("sched-a")).isEqualTo("InService");
        assertThat(sandbox.calls("SageMaker.StopNotebookInstance")).isEqualTo(2);
        assertThat(sandbox.calls("SageMaker.StartNotebookInstance")).isEqualTo(2);
    }

    @Test
    void schedule_whenDryRun_plansWithTheReasonAndChangesNothing() throws IOException {
        start(FLEET);

        Cli.Run run = scheduleAt("2026-10-26T19:30:00Z");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Map<String, JsonNode> r = byName(run);
        assertThat(r.get("sched-a").path("action").path("outcome").asText()).isEqualTo("planned");
        assertThat(r.get("sched-a").path("action").path("type").asText()).isEqualTo("stop");
        assertThat(r.get("sched-a").path("action").path("detail").asText()).contains("outside schedule berlin-office");
        assertThat(r.get("sched-protected").path("action").path("outcome").asText()).isEqualTo("skipped");
        assertThat(r.get("sched-by-hand").path("action").isNull()).isTrue();
        assertThat(changes()).isZero();
    }

    @Test
    void schedule_whenATagNamesNoSchedule_exits2NamingTheTagBeforeAnyAction() throws IOException {
        start(FLEET + """
                  - name: typo
                    instanceType: ml.t3.medium
                    tags: {"sweeper:schedule": berlin-ofice}
                """);

        Cli.Run run = scheduleAt("2026-10-26T19:30:00Z", "--apply");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("sweeper:schedule=berlin-ofice").contains("typo").contains("berlin-office");
        assertThat(run.out()).isEmpty();
        assertThat(changes()).isZero();
    }

    @Test
    void schedule_whenMoreThanMaxActions_refusesEverything() throws IOException {
        start(FLEET);

        Cli.Run run = scheduleAt("2026-10-26T19:30:00Z", "--apply", "--max-actions", "0");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(5);
        assertThat(changes()).isZero();
    }
}
