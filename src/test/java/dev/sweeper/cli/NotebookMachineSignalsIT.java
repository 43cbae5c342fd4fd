package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a notebook's jupyter.log really shows, the on-instance checker's heartbeat, and a denied
 * presigned URL, end to end against the sandbox.
 */
class NotebookMachineSignalsIT {

    /** AWS's sample autostop.py, appended to jupyter.log from cron every 5 minutes (its print statements). */
    static final String AUTOSTOP_PY = "Notebook idle state set as True since no sessions detected.";

    @Test
    void scan_whenJupyterLogHoldsOnlyCheckersAndRequests_provesNoActivity() throws Exception {
        String fleet = """
                notebooks:
                  - name: checked-by-aws-sample
                    runningFor: 3d
                    jupyter: {server: reset}
                    jupyterLog:
                      - {ago: 5m, text: "%1$s"}
                      - {ago: 10m, text: "Notebook is idle. Last activity time =  2026-01-01 11:00:00"}
                      - {ago: 1h, text: "[W {{time}} ServerApp] 404 GET /api/terminals?no_track_activity=1 (@10.0.0.1) 1.20ms referer=None"}
                  - name: kernel-started
                    runningFor: 3d
                    jupyter: {server: reset}
                    jupyterLog:
                      - {ago: 5m, text: "%1$s"}
                      - {ago: 40m, text: "[I {{time}} ServerApp] Kernel started: 3f1c2a4e-1b2c-4d5e-8f90-1a2b3c4d5e6f"}
                  - name: saved-classic
                    runningFor: 3d
                    jupyter: {server: reset}
                    jupyterLog: [20m]
                """.formatted(AUTOSTOP_PY);
        try (Sandbox sandbox = Sandbox.fleet(fleet)) {
            Map<String, JsonNode> r = sandbox.sweeper("scan", "--kinds", "notebook").byName();

            JsonNode sample = r.get("checked-by-aws-sample");
            assertThat(sample.path("verdict").asText()).isEqualTo("UNKNOWN");
            // Read through the filter: the lines it left out were never seen, so none is counted or named.
            assertThat(sample.path("reasons").toString())
                    .contains("jupyter.log: no line showing work in the window (proves nothing");
            assertThat(sample.path("evidence").path("jupyterLog").path("state").asText()).isEqualTo("read");
            assertThat(sample.path("evidence").path("jupyterLog").has("linesIgnored")).isFalse();
            JsonNode started = r.get("kernel-started");
            assertThat(started.path("verdict").asText()).isEqualTo("ACTIVE");
            assertThat(started.path("signal").asText()).isEqualTo("jupyter.log");
            assertThat(started.path("reasons").get(0).asText()).startsWith("jupyter.log: a kernel started 40m ago");
            assertThat(r.get("saved-classic").path("reasons").get(0).asText())
                    .startsWith("jupyter.log: a file was saved 20m ago");
        }
    }

    @Test
    void scan_whenProbedTwice_itsOwn404DoesNotMakeTheNotebookActive() throws Exception {
        String fleet = """
                notebooks:
                  - name: no-terminals
                    runningFor: 3d
                    jupyter: {terminalsEnabled: false, kernels: [{state: idle, lastActivity: 2d}]}
                """;
        try (Sandbox sandbox = Sandbox.fleet(fleet)) {
            Map<String, JsonNode> first = sandbox.sweeper("scan", "--kinds", "notebook").byName();
            Map<String, JsonNode> second = sandbox.sweeper("scan", "--kinds", "notebook").byName();

            assertThat(first.get("no-terminals").path("verdict").asText()).isEqualTo("IDLE");
            // The server logged the probe's GET /api/terminals (404) as a warning into jupyter.log:
            // a request line, not work.
            JsonNode again = second.get("no-terminals");
            assertThat(again.path("verdict").asText()).isEqualTo("IDLE");
            // (a line logged during a scan is after its evaluation time: the next scan reads it)
            assertThat(again.path("evidence").path("jupyterLog").path("state").asText()).isEqualTo("read");
            assertThat(again.path("evidence").path("jupyterLog").path("newestLine").isNull()
                    || again.path("evidence").path("jupyterLog").path("newestLine").isMissingNode()).isTrue();
            assertThat(again.path("reasons").toString()).contains("background processes cannot be seen from outside");
        }
    }

    static final String HEARTBEATS = """
            notebooks:
              - {name: beat-busy, runningFor: 3d, jupyter: {kernels: [{state: idle, lastActivity: 2d}]}}
              - {name: beat-idle, runningFor: 3d, jupyter: {kernels: [{state: idle, lastActivity: 2d}]}}
              - {name: beat-none, runningFor: 3d, jupyter: {kernels: [{state: idle, lastActivity: 2d}]}}
              - {name: beat-none-logged, runningFor: 3d, jupyterLog: [30m]}
            metrics:
              - {namespace: SageMakerSweeper/Notebooks, name: Activity, dimensions: {NotebookInstanceName: beat-busy},
                 points: [{value: 0, every: 5m, for: 3d}, {ago: 2h, value: 1}]}
              - {namespace: SageMakerSweeper/Notebooks, name: Activity, dimensions: {NotebookInstanceName: beat-idle},
                 points: [{value: 0, every: 5m, for: 3d}]}
            """;

    @Test
    void scan_whenCheckerPublishesHeartbeats_theyDecideWithoutAProbe() throws Exception {
        try (Sandbox sandbox = Sandbox.fleet(HEARTBEATS)) {
            Map<String, JsonNode> r = sandbox.sweeper("scan", "--kinds", "notebook").byName();

            // nohup python train.py & from a closed terminal: Jupyter idle, the checker saw the CPU busy
            JsonNode busy = r.get("beat-busy");
            assertThat(busy.path("verdict").asText()).isEqualTo("ACTIVE");
            assertThat(busy.path("signal").asText()).isEqualTo("heartbeat");
            assertThat(busy.path("evidence").path("jupyter").path("state").asText()).isEqualTo("not-needed");
            JsonNode idle = r.get("beat-idle");
            assertThat(idle.path("verdict").asText()).isEqualTo("IDLE");
            assertThat(idle.path("signal").asText()).isEqualTo("heartbeat");
            assertThat(idle.path("reasons").get(0).asText()).startsWith("heartbeat: the on-instance checker saw no work in");
            JsonNode none = r.get("beat-none");
            assertThat(none.path("verdict").asText()).isEqualTo("IDLE");
            assertThat(none.path("signal").asText()).isEqualTo("jupyter");
            assertThat(none.path("evidence").path("heartbeat").path("state").asText()).isEqualTo("no-data");
            // Only the notebooks without a deciding heartbeat were probed; the heartbeats came in one call.
            assertThat(sandbox.calls("SageMaker.CreatePresignedNotebookInstanceUrl")).isEqualTo(2);
            assertThat(sandbox.calls("CloudWatch.GetMetricData")).isEqualTo(1);
        }
    }

    @Test
    void scan_whenMachineSignalRequired_aJupyterOnlyIdleIsUnknown() throws Exception {
        Path config = Files.createTempFile("sweeper", ".yaml");
        Files.writeString(config, "notebooks:\n  require-machine-signal: true\n");
        try (Sandbox sandbox = Sandbox.fleet(HEARTBEATS)) {
            Map<String, JsonNode> r = sandbox.sweeper("scan", "--kinds", "notebook", "--config", config.toString())
                    .byName();

            assertThat(r.get("beat-none").path("verdict").asText()).isEqualTo("UNKNOWN");
            assertThat(r.get("beat-none").path("reasons").toString()).contains("notebooks.require-machine-signal is true");
            assertThat(r.get("beat-idle").path("verdict").asText()).isEqualTo("IDLE");
        }
    }

    @Test
    void scan_whenPresignedUrlDenied_otherSignalsStillDecideAndTheDenialIsSaidOnce() throws Exception {
        try (Sandbox sandbox = Sandbox.fleet(HEARTBEATS)) {
            // An SCP denying the action: the sandbox answers AccessDeniedException, as IAM does.
            sandbox.fault("{\"operation\":\"SageMaker.CreatePresignedNotebookInstanceUrl\",\"mode\":\"access-denied\",\"rate\":1}");

            Cli.Run run = sandbox.sweeper("scan", "--kinds", "notebook");

            Map<String, JsonNode> r = run.byName();
            assertThat(r.get("beat-busy").path("verdict").asText()).isEqualTo("ACTIVE");
            assertThat(r.get("beat-idle").path("verdict").asText()).isEqualTo("IDLE");
            assertThat(r.get("beat-none-logged").path("verdict").asText()).isEqualTo("ACTIVE");
            assertThat(r.get("beat-none-logged").path("signal").asText()).isEqualTo("jupyter.log");
            JsonNode none = r.get("beat-none");
            assertThat(none.path("verdict").asText()).isEqualTo("UNKNOWN");
            assertThat(none.path("reasons").toString())
                    .contains("jupyter: server not read: CreatePresignedNotebookInstanceUrl was denied (AccessDeniedException)");
            JsonNode problems = run.json().path("problems");
            assertThat(problems).hasSize(1);
            assertThat(problems.get(0).asText()).contains(": CreatePresignedNotebookInstanceUrl was refused"
                    + " (AccessDeniedException): grant sagemaker:CreatePresignedNotebookInstanceUrl")
                    .contains("; 2 notebooks judged without their Jupyter server");
        }
    }
}
