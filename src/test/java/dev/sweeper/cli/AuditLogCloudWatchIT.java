package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;

/**
 * Issue 28, point 1: the audit log in CloudWatch Logs. A run that turns Studio's idle shutdown on, from a home and
 * state directory removed afterwards, is undone by {@code apps idle-shutdown --undo} started from another empty
 * home: the records live in the sandbox's CloudWatch Logs, a stream per run, and nowhere on disk.
 */
class AuditLogCloudWatchIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String GROUP = "/sweeper/audit";

    @RegisterExtension
    final Sandbox sandbox = Sandbox.perTestFleet(AppsIdleShutdownIT.FLEET);

    @TempDir
    Path tmp;

    CloudWatchLogsClient logs() {
        return CloudWatchLogsClient.builder().endpointOverride(URI.create(sandbox.url())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSANDBOX", "s")))
                .build();
    }

    /** A run from this home only: HOME and XDG_STATE_HOME inside it, nothing else of the test's. */
    Cli.Run from(Path home, String... args) {
        return Cli.run(Map.of("HOME", home.toString(), "XDG_STATE_HOME", home.resolve(".local/state").toString()),
                sandbox.args(args));
    }

    static Map<String, JsonNode> changes(Cli.Run run) throws IOException {
        Map<String, JsonNode> out = new HashMap<>();
        JSON.readTree(run.out()).path("changes").forEach(c -> out.put(c.path("name").asText(), c));
        return out;
    }

    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    static void remove(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void undo_fromAnotherEmptyHome_readsTheRecordsFromCloudWatchLogs_andGivesTheSettingsBack() throws Exception {
        try (CloudWatchLogsClient logs = logs()) {
            logs.createLogGroup(b -> b.logGroupName(GROUP));
        }
        Path first = Files.createDirectories(tmp.resolve("first-home"));
        Cli.Run apply = from(first, "apps", "idle-shutdown", "--user-profiles", "--all", "--apply",
                "--audit-log", "cloudwatch-logs:" + GROUP);
        assertThat(apply.exitCode()).as(apply.toString()).isZero();
        assertThat(changes(apply).get("dana").path("outcome").asText()).isEqualTo("done");
        assertThat(files(first)).as("nothing written to the first home").isEmpty();
        remove(first);

        // The second run names the group in its config file, the key the flag stands for.
        Path second = Files.createDirectories(tmp.resolve("second-home"));
        Path config = Files.writeString(second.resolve("sweeper.yaml"), "audit-log: cloudwatch-logs:" + GROUP + "\n");
        Cli.Run undo = from(second, "apps", "idle-shutdown", "--user-profiles", "--all", "--undo", "--apply",
                "--config", config.toString());

        assertThat(undo.exitCode()).as(undo.toString()).isZero();
        JsonNode restored = changes(undo).get("dana");
        assertThat(restored.path("outcome").asText()).isEqualTo("done");
        assertThat(restored.path("detail").asText()).contains("becomes DISABLED");
        assertThat(files(second)).containsExactly(config);
        assertThat(sandbox.calls("SageMaker.UpdateUserProfile")).isEqualTo(2);

        try (CloudWatchLogsClient logs = logs()) {
            List<String> streams = logs.describeLogStreams(b -> b.logGroupName(GROUP)).logStreams().stream()
                    .map(LogStream::logStreamName).toList();
            assertThat(streams).as("a stream per run").hasSize(2);
            List<JsonNode> records = new ArrayList<>();
            Map<String, String> streamOfRun = new HashMap<>();
            for (FilteredLogEvent e : logs.filterLogEvents(b -> b.logGroupName(GROUP)).events()) {
                JsonNode r = JSON.readTree(e.message());
                records.add(r);
                streamOfRun.put(r.path("runId").asText(), e.logStreamName());
            }
            streamOfRun.forEach((run, stream) -> assertThat(stream).isEqualTo(run));
            assertThat(streamOfRun).hasSize(2);
            // Before and after each change: "attempting" with the outcome planned, then done.
            assertThat(records).filteredOn(r -> r.path("name").asText().equals("dana"))
                    .extracting(r -> r.path("action").asText() + " " + r.path("outcome").asText())
                    .containsSubsequence("enable-idle-shutdown planned", "enable-idle-shutdown done",
                            "restore-idle-shutdown planned", "restore-idle-shutdown done");
        }

        // sweeper audit, from a third empty home, lists both runs from the group, filtered by resource and time.
        Path third = Files.createDirectories(tmp.resolve("third-home"));
        Cli.Run audit = from(third, "audit", "--audit-log", "cloudwatch-logs:" + GROUP, "--resource", "dana");
        assertThat(audit.exitCode()).as(audit.toString()).isZero();
        JsonNode runs = audit.json().path("runs");
        assertThat(runs).extracting(r -> r.path("command").asText())
                .containsExactly("apps idle-shutdown", "apps idle-shutdown");
        assertThat(runs.get(1).path("records")).allSatisfy(r -> {
            assertThat(r.path("name").asText()).isEqualTo("dana");
            assertThat(r.path("action").asText()).isEqualTo("restore-idle-shutdown");
        });
        assertThat(runs.get(0).path("runId").asText()).isNotEqualTo(runs.get(1).path("runId").asText());
        Cli.Run later = from(third, "audit", "--audit-log", "cloudwatch-logs:" + GROUP, "--since",
                Instant.now().plusSeconds(60).toString());
        assertThat(later.json().path("runs")).isEmpty();
        Cli.Run last = from(third, "audit", "--audit-log", "cloudwatch-logs:" + GROUP, "--runs", "1");
        assertThat(last.json().path("runs")).singleElement()
                .satisfies(r -> assertThat(r.path("runId").asText()).isEqualTo(runs.get(1).path("runId").asText()));
        assertThat(files(third)).isEmpty();
    }

    @Test
    void audit_fromAFile_groupsItsRecordsByRun() throws Exception {
        Path file = tmp.resolve("audit.jsonl");
        Cli.Run dry = sandbox.sweeper("apps", "idle-shutdown", "--user-profiles", "--all", "--audit-log",
                file.toString());
        Cli.Run apply = sandbox.sweeper("apps", "idle-shutdown", "--user-profiles", "--all", "--apply",
                "--audit-log", file.toString());
        assertThat(List.of(dry, apply)).allSatisfy(r -> assertThat(r.exitCode()).as(r.toString()).isZero());

        Cli.Run audit = Cli.run("audit", "--audit-log", file.toString(), "--output", "json");

        assertThat(audit.exitCode()).as(audit.toString()).isZero();
        JsonNode runs = audit.json().path("runs");
        assertThat(runs).hasSize(2);
        assertThat(runs.get(1).path("records")).anySatisfy(r ->
                assertThat(r.path("outcome").asText() + " " + r.path("name").asText()).isEqualTo("done dana"));
        Cli.Run table = Cli.run("audit", "--audit-log", file.toString(), "--output", "table", "--resource", "dana");
        assertThat(table.out()).contains("run " + runs.get(1).path("runId").asText()).contains("done");
    }

    @Test
    void apply_whenTheLogGroupDoesNotExist_changesNothing_andSaysWhy() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Cli.Run run = from(home, "apps", "idle-shutdown", "--user-profiles", "--all", "--apply",
                "--audit-log", "cloudwatch-logs:/no/such/group");

        assertThat(run.exitCode()).as(run.toString()).isNotZero();
        assertThat(run.err()).contains("cannot write the audit log to CloudWatch Logs group /no/such/group")
                .contains("does not exist");
        assertThat(sandbox.calls("SageMaker.UpdateUserProfile")).as("the record stops its action").isZero();
    }

    @Test
    void auditLog_whenNotAGroupName_exitsTwoBeforeAnyCall() {
        Cli.Run run = sandbox.sweeper("apps", "idle-shutdown", "--user-profiles", "--all", "--audit-log",
                "cloudwatch-logs:bad:name");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("not a CloudWatch Logs group name");
        assertThat(sandbox.totalCalls()).isZero();
    }
}
