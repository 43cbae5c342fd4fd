package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Notebook verdicts from the notebooks' own Jupyter servers (through presigned URLs) and their
 * jupyter.log streams, end to end against the sandbox.
 */
class NotebookSignalsIT {

    static Map<String, JsonNode> byName(Cli.Run run) throws Exception {
        return run.byName();
    }

    static String status(Sandbox sandbox, String name) {
        for (JsonNode n : sandbox.state().path("notebooks")) {
            if (n.path("name").asText().equals(name)) {
                return n.path("status").asText();
            }
        }
        return null;
    }

    @Test
    void stopNotebooksIdleOnly_whenSampleFleet_stopsExactlyThoseWhoseJupyterShowsNoActivity() throws Exception {
        try (Sandbox sandbox = Sandbox.sampleFleet()) {
            Cli.Run run = sandbox.sweeper("stop-notebooks", "--all", "--idle-only", "--apply", "--max-actions", "50");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            Map<String, JsonNode> r = byName(run);
            Set<String> stopped = new TreeSet<>();
            r.forEach((name, n) -> {
                if ("done".equals(n.path("action").path("outcome").asText())) {
                    stopped.add(name);
                }
            });
            // dev-alice: an open notebook whose idle kernel is untouched for 2 days; dev-erin: a server
            // with nothing running. team-shared is as idle, but protected.
            assertThat(stopped).containsExactly("dev-alice", "dev-erin");
            assertThat(sandbox.calls("SageMaker.StopNotebookInstance")).isEqualTo(2);
            for (String idle : new String[] {"dev-alice", "dev-erin", "team-shared"}) {
                assertThat(r.get(idle).path("verdict").asText()).as(idle).isEqualTo("IDLE");
                assertThat(r.get(idle).path("signal").asText()).as(idle).isEqualTo("jupyter");
                assertThat(r.get(idle).path("reasons").get(0).asText()).as(idle)
                        .startsWith("jupyter: no kernel busy and no kernel or terminal active in the last 24h");
            }
            assertThat(r.get("team-shared").path("action").path("outcome").asText()).isEqualTo("skipped");

            // The busy kernel's last activity is 30h old, older than the window: busy still wins.
            JsonNode bob = r.get("dev-bob");
            assertThat(bob.path("verdict").asText()).isEqualTo("ACTIVE");
            assertThat(bob.path("signal").asText()).isEqualTo("jupyter");
            assertThat(bob.path("reasons").get(0).asText()).isEqualTo("jupyter: a kernel is busy (last activity 30h ago)");
            assertThat(bob.path("evidence").path("jupyter").path("kernels").get(0).path("executionState").asText())
                    .isEqualTo("busy");
            assertThat(status(sandbox, "dev-bob")).isEqualTo("InService");

            assertThat(r.get("cv-training-p3").path("verdict").asText()).isEqualTo("ACTIVE");
            assertThat(r.get("cv-training-p3").path("reasons").get(0).asText()).isEqualTo("jupyter: a terminal was used 2h ago");

            // Its server drops the connection; a jupyter.log line 20 minutes old (newer than what
            // DescribeLogStreams shows yet) proves activity.
            JsonNode etl = r.get("etl-pipeline");
            assertThat(etl.path("verdict").asText()).isEqualTo("ACTIVE");
            assertThat(etl.path("signal").asText()).isEqualTo("jupyter.log");
            assertThat(etl.path("reasons").get(0).asText()).startsWith("jupyter.log: a file was saved 20m ago");
            assertThat(status(sandbox, "etl-pipeline")).isEqualTo("InService");

            JsonNode gpu = r.get("research-gpu");
            assertThat(gpu.path("verdict").asText()).isEqualTo("UNKNOWN");
            assertThat(gpu.path("signal").isNull()).isTrue();
            assertThat(gpu.path("reasons").get(0).asText()).contains("the presigned URL was refused (HTTP 403");
            assertThat(gpu.path("action").isNull()).as("unknown is never acted on").isTrue();
            assertThat(status(sandbox, "research-gpu")).isEqualTo("InService");

            assertThat(r.get("dev-dan").path("verdict").asText()).isEqualTo("TOO_YOUNG");
            // Only read requests reached the Jupyter servers, and the sessions were asked for.
            JsonNode calls = sandbox.stats().path("calls");
            for (Iterator<String> it = calls.fieldNames(); it.hasNext(); ) {
                String op = it.next();
                if (op.startsWith("Jupyter.")) {
                    assertThat(op).startsWith("Jupyter.GET ");
                }
            }
            assertThat(sandbox.calls("Jupyter.GET /api/sessions")).isPositive();
            assertThat(sandbox.calls("SageMaker.CreatePresignedNotebookInstanceUrl")).isEqualTo(7);
        }
    }

    @Test
    void scan_readsJupyterLogInOneFilteredCall_andWhereFilterLogEventsIsRefusedStreamByStreamWithTheSameVerdicts()
            throws Exception {
        Map<String, String> bulk = new java.util.TreeMap<>();
        try (Sandbox sandbox = Sandbox.sampleFleet()) {
            Cli.Run run = sandbox.sweeper("scan", "--kinds", "notebook");
            assertThat(run.exitCode()).as(run.toString()).isZero();
            run.byName().forEach((name, n) -> bulk.put(name, n.path("verdict").asText() + " " + n.path("signal").asText()));
            assertThat(sandbox.calls("Logs.FilterLogEvents")).as("one batch for the region's quiet notebooks")
                    .isEqualTo(1);
        }
        try (Sandbox sandbox = Sandbox.start(Sandbox.sampleFleetOptions().withDeny(java.util.List.of(
                "Logs.FilterLogEvents")))) {
            Cli.Run run = sandbox.sweeper("scan", "--kinds", "notebook");

            // A policy from before FilterLogEvents still judges every notebook, as before: no problem to report.
            assertThat(run.exitCode()).as(run.toString()).isZero();
            Map<String, String> oneByOne = new java.util.TreeMap<>();
            run.byName().forEach((name, n) -> oneByOne.put(name, n.path("verdict").asText() + " "
                    + n.path("signal").asText()));
            assertThat(oneByOne).isEqualTo(bulk);
            assertThat(bulk.get("etl-pipeline")).isEqualTo("ACTIVE jupyter.log");
            assertThat(sandbox.calls("Logs.FilterLogEvents")).as("refused once, then not asked again").isEqualTo(1);
            assertThat(sandbox.calls("Logs.GetLogEvents")).isPositive();
            // Not a problem, but said once: the same evidence at one call per notebook.
            assertThat(run.err().lines().filter(l -> l.contains("FilterLogEvents was refused")))
                    .singleElement().asString().contains("grant logs:FilterLogEvents");
        }
    }

    @Test
    void scan_whenOneNotebookHasNoJupyterLogStream_onlyItSaysNoStream_andTheOthersAreReadAsEver() throws Exception {
        try (Sandbox sandbox = Sandbox.sampleFleet();
             var logs = software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient.builder()
                     .endpointOverride(java.net.URI.create(sandbox.url()))
                     .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                     .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                             software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIDTEST", "secret")))
                     .build()) {
            // A notebook whose role may not write to CloudWatch Logs has no jupyter.log stream.
            logs.deleteLogStream(b -> b.logGroupName("/aws/sagemaker/NotebookInstances")
                    .logStreamName("dev-alice/jupyter.log"));

            Cli.Run run = sandbox.sweeper("scan", "--kinds", "notebook");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            Map<String, JsonNode> r = byName(run);
            JsonNode alice = r.get("dev-alice");
            assertThat(alice.path("verdict").asText()).as("no stream proves nothing either way").isEqualTo("IDLE");
            assertThat(alice.path("evidence").path("jupyterLog").path("state").asText()).isEqualTo("no-stream");
            assertThat(alice.path("reasons").toString()).contains("jupyter.log: no stream in CloudWatch Logs");
            JsonNode etl = r.get("etl-pipeline");
            assertThat(etl.path("verdict").asText()).isEqualTo("ACTIVE");
            assertThat(etl.path("signal").asText()).isEqualTo("jupyter.log");
            int noStream = 0;
            int read = 0;
            for (JsonNode n : r.values()) {
                String state = n.path("evidence").path("jupyterLog").path("state").asText();
                noStream += state.equals("no-stream") ? 1 : 0;
                read += state.equals("read") ? 1 : 0;
            }
            assertThat(noStream).as("only the notebook without a stream").isEqualTo(1);
            // FilterLogEvents refused the batch (a named stream is missing): GetLogEvents read it stream by stream.
            assertThat(sandbox.calls("Logs.FilterLogEvents")).isEqualTo(1);
            assertThat(sandbox.calls("Logs.GetLogEvents")).isGreaterThanOrEqualTo(read + noStream);
        }
    }

    @Test
    void scan_whenBothLogReadsAreRefused_saysSoOnceAndOnlyTheLogSignalIsLost() throws Exception {
        try (Sandbox sandbox = Sandbox.start(Sandbox.sampleFleetOptions().withDeny(java.util.List.of(
                "Logs.FilterLogEvents", "Logs.GetLogEvents")))) {
            Cli.Run run = sandbox.sweeper("scan", "--kinds", "notebook");

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
            Map<String, JsonNode> r = byName(run);
            // Judged by its Jupyter server as ever.
            assertThat(r.get("dev-bob").path("verdict").asText()).isEqualTo("ACTIVE");
            // Only jupyter.log could show its work: unknown, never idle.
            JsonNode etl = r.get("etl-pipeline");
            assertThat(etl.path("verdict").asText()).isEqualTo("UNKNOWN");
            assertThat(etl.path("reasons").toString()).contains("jupyter.log: could not read");
            java.util.List<String> denials = new java.util.ArrayList<>();
            run.json().path("problems").forEach(p -> {
                if (p.asText().contains("LogEvents")) {
                    denials.add(p.asText());
                }
            });
            assertThat(denials).as(run.toString()).singleElement().satisfies(d -> assertThat(d)
                    .contains("us-east-1").contains("FilterLogEvents was refused").contains("grant logs:FilterLogEvents"));
        }
    }

    @Test
    void scan_whenProbeTurnedOff_notebooksAreUnknownUnlessTheLogDecides() throws Exception {
        java.nio.file.Path config = java.nio.file.Files.createTempFile("sweeper", ".yaml");
        java.nio.file.Files.writeString(config, "notebooks:\n  jupyter: {probe: false}\n");
        try (Sandbox sandbox = Sandbox.sampleFleet()) {
            Cli.Run run = sandbox.sweeper("scan", "--kinds", "notebook", "--config", config.toString());

            Map<String, JsonNode> r = byName(run);
            assertThat(r.get("dev-alice").path("verdict").asText()).isEqualTo("UNKNOWN");
            assertThat(r.get("dev-alice").path("reasons").get(0).asText()).contains("probe turned off");
            assertThat(r.get("etl-pipeline").path("verdict").asText()).isEqualTo("ACTIVE");
            assertThat(sandbox.calls("SageMaker.CreatePresignedNotebookInstanceUrl")).isZero();
        }
    }

    @Test
    void scan_whenTeamMetricConfigured_judgesUnreadableServersByIt() throws Exception {
        String fleet = """
                notebooks:
                  - {name: gpu-busy, runningFor: 3d, jupyter: {server: refused}}
                  - {name: gpu-quiet, runningFor: 3d, jupyter: {server: refused}}
                  - {name: gpu-silent, runningFor: 3d, jupyter: {server: refused}}
                metrics:
                  - {namespace: Team/Notebooks, name: GPUUtilization, dimensions: {NotebookInstanceName: gpu-busy},
                     points: {hourly: 40, for: 3d}}
                  - {namespace: Team/Notebooks, name: GPUUtilization, dimensions: {NotebookInstanceName: gpu-quiet},
                     points: {hourly: 1, for: 3d}}
                """;
        java.nio.file.Path config = java.nio.file.Files.createTempFile("sweeper", ".yaml");
        java.nio.file.Files.writeString(config, "notebooks:\n  metric: {namespace: Team/Notebooks, name: GPUUtilization,"
                + " threshold: 5}\n");
        try (Sandbox sandbox = Sandbox.fleet(fleet)) {
            Cli.Run run = sandbox.sweeper("scan", "--kinds", "notebook", "--config", config.toString());

            Map<String, JsonNode> r = byName(run);
            assertThat(r.get("gpu-busy").path("verdict").asText()).isEqualTo("ACTIVE");
            assertThat(r.get("gpu-busy").path("signal").asText()).isEqualTo("metric");
            assertThat(r.get("gpu-busy").path("reasons").get(0).asText())
                    .isEqualTo("metric Team/Notebooks/GPUUtilization (Maximum) reached 40 in the last 24h (threshold 5)");
            assertThat(r.get("gpu-quiet").path("verdict").asText()).isEqualTo("IDLE");
            assertThat(r.get("gpu-quiet").path("signal").asText()).isEqualTo("metric");
            assertThat(r.get("gpu-silent").path("verdict").asText()).as("no datapoints proves nothing").isEqualTo("UNKNOWN");
            assertThat(sandbox.calls("CloudWatch.GetMetricData")).as("one batch for all").isEqualTo(1);
            assertThat(sandbox.calls("CloudWatch.ListMetrics")).isZero();
        }
    }

    @Test
    void scan_whenServersHang_probesConcurrentlyAndEachCostsAtMostItsTimeout() throws Exception {
        StringBuilder fleet = new StringBuilder("notebooks:\n");
        for (int i = 0; i < 8; i++) {
            fleet.append("  - {name: hung-").append(i).append(", runningFor: 3d, jupyter: {server: hang}}\n");
        }
        try (Sandbox sandbox = Sandbox.fleet(fleet.toString())) {
            int[] most8 = new int[1];
            Cli.Run run = whileSamplingProbes(most8, () -> sandbox.sweeper("scan", "--kinds", "notebook",
                    "--max-concurrency", "8"));

            assertThat(run.exitCode()).as("evidence could not be gathered: partial").isEqualTo(3);
            Map<String, JsonNode> r = byName(run);
            assertThat(r).hasSize(8);
            // Each probe was given up at its own timeout (the sandbox holds a hung request for a minute).
            r.values().forEach(n -> {
                assertThat(n.path("verdict").asText()).isEqualTo("UNKNOWN");
                assertThat(n.path("reasons").get(0).asText()).contains("did not answer in time");
            });
            // The eight hung servers were waited on side by side, not one after the other.
            assertThat(most8[0]).as("probes waiting on a server at once, --max-concurrency 8").isEqualTo(8);
            assertThat(jupyterRequests(sandbox)).as("one request to each server, none sent again").isEqualTo(8);

            int[] most4 = new int[1];
            Cli.Run run4 = whileSamplingProbes(most4, () -> sandbox.sweeper("scan", "--kinds", "notebook",
                    "--max-concurrency", "4"));
            // At most four at a time: the requests to the servers count against --max-concurrency.
            assertThat(run4.exitCode()).as(run4.toString()).isEqualTo(3);
            assertThat(most4[0]).as("probes waiting on a server at once, --max-concurrency 4").isEqualTo(4);
        }
    }

    /** The requests the sandbox's Jupyter servers received, every route together. */
    static int jupyterRequests(Sandbox sandbox) {
        int n = 0;
        JsonNode calls = sandbox.stats().path("calls");
        for (Iterator<String> it = calls.fieldNames(); it.hasNext(); ) {
            String op = it.next();
            if (op.startsWith("Jupyter.")) {
                n += calls.path(op).asInt();
            }
        }
        return n;
    }

    /**
     * Runs the sweeper (in this JVM) and meanwhile counts, again and again, its threads that are
     * reading a Jupyter server ({@code JupyterHttpProbe.read} on their stack): the most seen at once
     * goes to {@code most[0]}. A hung server holds its probe for the whole request timeout, so a
     * count of probes in flight is there to be seen for seconds, not missed between two looks.
     */
    static Cli.Run whileSamplingProbes(int[] most, java.util.function.Supplier<Cli.Run> sweeper) throws Exception {
        java.util.concurrent.CompletableFuture<Cli.Run> running = java.util.concurrent.CompletableFuture.supplyAsync(sweeper);
        while (!running.isDone()) {
            int now = 0;
            for (StackTraceElement[] stack : Thread.getAllStackTraces().values()) {
                for (StackTraceElement frame : stack) {
                    if (frame.getClassName().equals("dev.sweeper.aws.JupyterHttpProbe")
                            && frame.getMethodName().equals("read")) {
                        now++;
                        break;
                    }
                }
            }
            most[0] = Math.max(most[0], now);
            Thread.sleep(20);
        }
        return running.get();
    }
}
