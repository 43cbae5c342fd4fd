package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * autostop-notebooks end to end (issue 18): attach, merge, skip the covered, list the running as pending, undo;
 * with --restart-idle, stop the idle running ones, attach and start them again.
 */
class AutostopNotebooksIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TEAM_ON_START = "#!/bin/bash\nset -e\nsudo -u ec2-user pip install -q jupyterlab-git\nexit 0\n";
    static final String TEAM_ON_CREATE = "#!/bin/bash\necho created\n";
    static final String FLEET = """
            region: us-east-1
            lifecycleConfigs:
              - name: install-extensions
                onStart: |
            %s
                onCreate: |
            %s
              - name: team-with-autostop
                onStart: |
                  #!/bin/bash
                  # sagemaker-sweeper autostop v1 idle-seconds=3600 ignore-connections=false
                  line="*/5 * * * * /usr/bin/python3 /usr/local/lib/sagemaker-sweeper/sweeper_autostop.py --idle-seconds 3600 --log /tmp/l >>/tmp/l 2>&1 # sagemaker-sweeper-autostop"
                  { crontab -l 2>/dev/null | grep -v -F 'sagemaker-sweeper-autostop' || true; echo "$line"; } | crontab -
            notebooks:
              - {name: nb-plain, status: Stopped}
              - {name: nb-plain-2, status: Stopped}
              - {name: nb-team, status: Stopped, lifecycleConfig: install-extensions}
              - {name: nb-covered, status: Stopped, lifecycleConfig: team-with-autostop}
              - {name: nb-running, status: InService, runningFor: 3d, jupyter: {kernels: []}}
              - {name: nb-protected, status: Stopped, tags: {"sweeper:protect": "true"}}
              - {name: run-idle-team, status: InService, runningFor: 3d, lifecycleConfig: install-extensions,
                 jupyter: {kernels: [{state: idle, lastActivity: 2d, session: a.ipynb}]}}
              - {name: run-busy, status: InService, runningFor: 3d,
                 jupyter: {kernels: [{state: busy, lastActivity: 30h, session: train.ipynb}]}}
              - {name: run-idle-protected, status: InService, runningFor: 3d, jupyter: {kernels: []},
                 tags: {"sweeper:protect": "true"}}
            """.formatted(indent(TEAM_ON_START), indent(TEAM_ON_CREATE));

    @RegisterExtension
    final Sandbox sandbox = Sandbox.perTest(Sandbox.fleetOptions(FLEET).withTransitionDelay(Duration.ofMillis(200)));

    @TempDir
    Path dir;
    Path audit;

    static String indent(String s) {
        return s.lines().map(l -> "              " + l).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    @BeforeEach
    void start() {
        audit = dir.resolve("audit.jsonl");
    }

    Cli.Run sweeper(String... args) {
        return sandbox.sweeper(audit, args);
    }

    static Map<String, JsonNode> actions(Cli.Run run) throws Exception {
        Map<String, JsonNode> out = new HashMap<>();
        JSON.readTree(run.out()).path("resources").forEach(r -> out.put(r.path("name").asText(), r.path("action")));
        return out;
    }

    String configOf(String notebook) {
        for (JsonNode n : sandbox.state().path("notebooks")) {
            if (n.path("name").asText().equals(notebook)) {
                return n.path("lifecycleConfig").isNull() ? null : n.path("lifecycleConfig").asText();
            }
        }
        throw new AssertionError("no notebook " + notebook);
    }

    JsonNode config(String name) {
        for (JsonNode c : sandbox.state().path("lifecycleConfigs")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        return null;
    }

    static String decode(JsonNode content) {
        return new String(Base64.getDecoder().decode(content.asText()), StandardCharsets.UTF_8);
    }

    @Test
    void autostop_whenDryRun_plansAttachAndMergeAndChangesNothing() throws Exception {
        Cli.Run run = sweeper("autostop-notebooks", "--all");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Map<String, JsonNode> a = actions(run);
        assertThat(a.get("nb-plain").path("outcome").asText()).isEqualTo("planned");
        assertThat(a.get("nb-plain").path("detail").asText()).contains("'sweeper-autostop-60m'");
        assertThat(a.get("nb-team").path("outcome").asText()).isEqualTo("planned");
        assertThat(a.get("nb-team").path("detail").asText()).contains("sweeper-autostop-60m-install-extensions")
                .contains("was 'install-extensions'");
        assertThat(a.get("nb-covered").path("outcome").asText()).isEqualTo("skipped");
        assertThat(a.get("nb-covered").path("detail").asText()).startsWith("already covered");
        assertThat(a.get("nb-running").path("outcome").asText()).isEqualTo("skipped");
        assertThat(a.get("nb-running").path("detail").asText()).startsWith("pending:").contains("InService");
        assertThat(a.get("nb-protected").path("outcome").asText()).isEqualTo("skipped");
        assertThat(sandbox.calls("SageMaker.CreateNotebookInstanceLifecycleConfig")).isZero();
        assertThat(sandbox.calls("SageMaker.UpdateNotebookInstance")).isZero();
        // one describe per distinct configuration name, however many notebooks share it
        assertThat(sandbox.calls("SageMaker.DescribeNotebookInstanceLifecycleConfig")).isLessThanOrEqualTo(4);
    }

    @Test
    void autostop_whenIdleTimeInConfig_usesItUnlessTheFlagSaysOtherwise() throws Exception {
        Path config = dir.resolve("sweeper.yaml");
        Files.writeString(config, "notebooks:\n  autostop-idle-time: 90m\n");

        Cli.Run fromConfig = sweeper("autostop-notebooks", "--name-contains", "nb-plain", "--config", config.toString());
        Cli.Run fromFlag = sweeper("autostop-notebooks", "--name-contains", "nb-plain", "--config", config.toString(),
                "--idle-time", "2h");

        assertThat(actions(fromConfig).get("nb-plain").path("detail").asText()).as(fromConfig.toString())
                .contains("'sweeper-autostop-90m'");
        assertThat(actions(fromFlag).get("nb-plain").path("detail").asText()).contains("'sweeper-autostop-120m'");
    }

    @Test
    void autostop_whenNoFilter_refusesWithoutAll() {
        Cli.Run run = sweeper("autostop-notebooks");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--all");
    }

    @Test
    void autostop_whenIdleTimeOutOfBounds_isAUsageError() {
        Cli.Run run = sweeper("autostop-notebooks", "--all", "--idle-time", "5m");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--idle-time");
        assertThat(sandbox.totalCalls()).isZero();
    }

    @Test
    void autostop_whenThresholdsInConfig_installsTheCheckerWithThem() throws Exception {
        Path config = dir.resolve("sweeper.yaml");
        Files.writeString(config, "notebooks:\n  autostop-cpu-percent: 40\n  autostop-gpu-percent: 10\n");

        Cli.Run run = sweeper("autostop-notebooks", "--name-contains", "nb-plain-2", "--config", config.toString(),
                "--apply", "--wait");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        String name = configOf("nb-plain-2");
        assertThat(name).startsWith("sweeper-autostop-60m-").isNotEqualTo("sweeper-autostop-60m");
        // 10 is the checker's own GPU default: not passed
        assertThat(decode(config(name).path("onStart"))).contains("sweeper_autostop.py --idle-seconds 3600 --cpu-percent 40 --log")
                .doesNotContain("--gpu-percent");
    }

    @Test
    void autostop_whenApplied_attachesMergesSkipsThenChangesNothingAndUndoRestores() throws Exception {
        Cli.Run run = sweeper("autostop-notebooks", "--all", "--apply", "--wait");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Map<String, JsonNode> a = actions(run);
        for (String n : new String[] {"nb-plain", "nb-plain-2", "nb-team"}) {
            assertThat(a.get(n).path("outcome").asText()).as(n + ": " + a.get(n)).isEqualTo("done");
        }
        assertThat(configOf("nb-plain")).isEqualTo("sweeper-autostop-60m");
        assertThat(configOf("nb-plain-2")).isEqualTo("sweeper-autostop-60m");
        assertThat(configOf("nb-team")).isEqualTo("sweeper-autostop-60m-install-extensions");
        assertThat(configOf("nb-covered")).isEqualTo("team-with-autostop");
        assertThat(configOf("nb-running")).isNull();
        assertThat(configOf("nb-protected")).isNull();
        assertThat(sandbox.calls("SageMaker.CreateNotebookInstanceLifecycleConfig")).isEqualTo(2);
        JsonNode merged = config("sweeper-autostop-60m-install-extensions");
        assertThat(decode(merged.path("onStart"))).contains(TEAM_ON_START).contains("sweeper_autostop.py --idle-seconds 3600");
        assertThat(decode(merged.path("onCreate"))).isEqualTo(TEAM_ON_CREATE);
        JsonNode original = config("install-extensions");
        assertThat(decode(original.path("onStart"))).isEqualTo(TEAM_ON_START);
        assertThat(Files.readString(audit)).contains("previous lifecycle configuration: install-extensions");

        sandbox.resetStats();
        Cli.Run again = sweeper("autostop-notebooks", "--all", "--apply");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(actions(again).values()).noneMatch(x -> x.path("outcome").asText().equals("done"));
        assertThat(sandbox.calls("SageMaker.CreateNotebookInstanceLifecycleConfig")).isZero();
        assertThat(sandbox.calls("SageMaker.UpdateNotebookInstance")).isZero();

        Cli.Run undo = sweeper("autostop-notebooks", "--all", "--undo", "--apply", "--wait");
        assertThat(undo.exitCode()).as(undo.toString()).isZero();
        assertThat(configOf("nb-team")).isEqualTo("install-extensions");
        assertThat(configOf("nb-plain")).isNull();
        assertThat(configOf("nb-plain-2")).isNull();
        assertThat(configOf("nb-covered")).isEqualTo("team-with-autostop");
    }

    static final String RUNNING = "--name-regex=^(nb-running|run-.*)$";

    String statusOf(String notebook) {
        return sandbox.notebookStatus(notebook);
    }

    @Test
    void restartIdle_whenIncludeActive_plansTheBusyOneTooAndListsItFirst() throws Exception {
        Cli.Run run = sweeper("autostop-notebooks", RUNNING, "--restart-idle", "--include-active");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Map<String, JsonNode> a = actions(run);
        assertThat(a.get("run-busy").path("type").asText()).isEqualTo("restart");
        assertThat(a.get("run-busy").path("outcome").asText()).isEqualTo("planned");
        assertThat(a.get("run-busy").path("detail").asText()).contains("stop it (ACTIVE now)");
        assertThat(run.err()).containsPattern("would restart notebook run-busy \\((\\d{12}/)?us-east-1\\), which is ACTIVE");
        assertThat(a.get("run-idle-protected").path("outcome").asText()).isEqualTo("skipped");
        assertThat(sandbox.calls("SageMaker.StopNotebookInstance")).isZero();
    }

    @Test
    void restartIdle_whenDryRun_plansTheIdleOnesKeepsTheOthersPendingAndChangesNothing() throws Exception {
        Cli.Run run = sweeper("autostop-notebooks", RUNNING, "--restart-idle");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Map<String, JsonNode> a = actions(run);
        assertThat(a.get("nb-running").path("type").asText()).isEqualTo("restart");
        assertThat(a.get("nb-running").path("outcome").asText()).isEqualTo("planned");
        assertThat(a.get("nb-running").path("detail").asText()).contains("stop it (IDLE now)")
                .contains("'sweeper-autostop-60m'").contains("start it again");
        assertThat(a.get("run-idle-team").path("type").asText()).isEqualTo("restart");
        assertThat(a.get("run-idle-team").path("detail").asText()).contains("sweeper-autostop-60m-install-extensions")
                .contains("was 'install-extensions'");
        assertThat(a.get("run-busy").path("outcome").asText()).isEqualTo("skipped");
        assertThat(a.get("run-busy").path("detail").asText()).startsWith("pending:").contains("not restarted: it is ACTIVE");
        assertThat(a.get("run-idle-protected").path("outcome").asText()).isEqualTo("skipped");
        assertThat(a.get("run-idle-protected").path("detail").asText()).startsWith("protected");
        assertThat(sandbox.calls("SageMaker.StopNotebookInstance")).isZero();
        assertThat(sandbox.calls("SageMaker.UpdateNotebookInstance")).isZero();
        assertThat(sandbox.calls("SageMaker.StartNotebookInstance")).isZero();
        assertThat(sandbox.calls("SageMaker.CreateNotebookInstanceLifecycleConfig")).isZero();
    }

    @Test
    void restartIdle_whenApplied_restartsTheIdleOnesWithTheConfigurationAndLeavesTheOthers() throws Exception {
        Cli.Run run = sweeper("autostop-notebooks", RUNNING, "--restart-idle", "--apply", "--wait");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Map<String, JsonNode> a = actions(run);
        assertThat(a.get("nb-running").path("outcome").asText()).as(a.get("nb-running").toString()).isEqualTo("done");
        assertThat(a.get("nb-running").path("detail").asText()).contains("attached 'sweeper-autostop-60m'")
                .contains("now InService");
        assertThat(a.get("run-idle-team").path("outcome").asText()).isEqualTo("done");
        assertThat(configOf("nb-running")).isEqualTo("sweeper-autostop-60m");
        assertThat(configOf("run-idle-team")).isEqualTo("sweeper-autostop-60m-install-extensions");
        assertThat(statusOf("nb-running")).isEqualTo("InService");
        assertThat(statusOf("run-idle-team")).isEqualTo("InService");
        assertThat(configOf("run-busy")).isNull();
        assertThat(configOf("run-idle-protected")).isNull();
        assertThat(sandbox.calls("SageMaker.StopNotebookInstance")).isEqualTo(2);
        assertThat(sandbox.calls("SageMaker.StartNotebookInstance")).isEqualTo(2);
        String log = Files.readString(audit);
        assertThat(log).contains("\"restart\"").contains("stopping")
                .contains("previous lifecycle configuration: install-extensions")
                .contains("the restart's start");
        // not left for the morning start: a restart is not a sweep
        assertThat(sandbox.state().toString()).doesNotContain("sweeper:stopped-at");

        // --undo works from what was recorded: once stopped, the team's configuration comes back.
        sweeper("stop-notebooks", "--name-contains", "run-idle-team", "--include-active", "--apply", "--wait"); // just restarted: TOO_YOUNG
        Cli.Run undo = sweeper("autostop-notebooks", "--name-contains", "run-idle-team", "--undo", "--apply", "--wait");
        assertThat(undo.exitCode()).as(undo.toString()).isZero();
        assertThat(configOf("run-idle-team")).isEqualTo("install-extensions");
    }

    @Test
    void restartIdle_whenMoreThanMaxActions_countsOneActionPerRestartAndRefuses() throws Exception {
        Cli.Run run = sweeper("autostop-notebooks", RUNNING, "--restart-idle", "--apply", "--wait", "--max-actions", "1");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(5);
        assertThat(sandbox.calls("SageMaker.StopNotebookInstance")).isZero();

        Cli.Run two = sweeper("autostop-notebooks", RUNNING, "--restart-idle", "--apply", "--wait", "--max-actions", "2");
        assertThat(two.exitCode()).as(two.toString()).isZero();
    }

    @Test
    void restartIdle_whenTheStartFails_saysTheNotebookIsLeftStoppedWithTheNewConfigurationAndFails() throws Exception {
        sandbox.fault("{\"operation\":\"SageMaker.StartNotebookInstance\",\"mode\":\"denied\",\"rate\":1.0}");

        Cli.Run run = sweeper("autostop-notebooks", "--name-contains", "nb-running", "--restart-idle", "--apply", "--wait");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        JsonNode a = actions(run).get("nb-running");
        assertThat(a.path("outcome").asText()).isEqualTo("failed");
        assertThat(a.path("detail").asText()).contains("attached 'sweeper-autostop-60m'").contains("the start failed")
                .contains("left Stopped with its new lifecycle configuration 'sweeper-autostop-60m'");
        assertThat(statusOf("nb-running")).isEqualTo("Stopped");
        assertThat(configOf("nb-running")).isEqualTo("sweeper-autostop-60m");
        assertThat(Files.readString(audit)).contains("\"failed\"");
    }

    @Test
    void restartIdle_whenAppliedWithoutWait_isAUsageError() {
        Cli.Run run = sweeper("autostop-notebooks", RUNNING, "--restart-idle", "--apply");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--wait");
        assertThat(sandbox.totalCalls()).isZero();
    }

    @Test
    void stopNotebooks_whenAttachAutostop_attachesRightAfterTheStop() throws Exception {
        Cli.Run run = sweeper("stop-notebooks", "--name-contains", "nb-running", "--attach-autostop", "--apply", "--wait");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(actions(run).get("nb-running").path("detail").asText()).contains("attached 'sweeper-autostop-60m'");
        assertThat(configOf("nb-running")).isEqualTo("sweeper-autostop-60m");
    }

    @Test
    void stopNotebooks_whenAttachAutostopWithoutWait_isAUsageError() {
        Cli.Run run = sweeper("stop-notebooks", "--name-contains", "nb-running", "--attach-autostop", "--apply");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(sandbox.totalCalls()).isZero();
    }

    @Test
    void scanAndReport_showEachNotebooksIdleCheckerReadingEachConfigurationOnce() throws Exception {
        Cli.Run scan = sandbox.sweeper("scan", "--kinds", "notebook");

        assertThat(scan.exitCode()).as(scan.toString()).isZero();
        Map<String, JsonNode> byName = new HashMap<>();
        JSON.readTree(scan.out()).path("resources").forEach(r -> byName.put(r.path("name").asText(), r));
        assertThat(byName.get("nb-covered").path("autostop").path("state").asText()).isEqualTo("SWEEPER");
        assertThat(byName.get("nb-covered").path("autostop").path("idleTime").asText()).isEqualTo("PT1H");
        assertThat(byName.get("nb-team").path("autostop").path("state").asText()).isEqualTo("NONE");
        assertThat(byName.get("nb-plain").path("autostop").path("detail").asText()).isEqualTo("no lifecycle configuration");
        assertThat(byName.get("nb-covered").path("reasons").toString()).contains("stops itself when idle");
        assertThat(sandbox.calls("SageMaker.DescribeNotebookInstanceLifecycleConfig")).isEqualTo(2);

        Cli.Run report = Cli.run("report", "--format", "json", "--kinds", "notebook", "--endpoint-url", sandbox.url(),
                "--region", "us-east-1");
        assertThat(report.exitCode()).as(report.toString()).isZero();
        java.util.List<String> uncovered = new java.util.ArrayList<>();
        JSON.readTree(report.out()).path("notebooksWithoutAutostop").forEach(n -> uncovered.add(n.path("name").asText()));
        assertThat(uncovered).contains("nb-plain", "nb-team", "nb-running").doesNotContain("nb-covered");
    }
}
