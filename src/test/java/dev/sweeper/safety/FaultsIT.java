package dev.sweeper.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sweeper.cli.Environment;
import dev.sweeper.sandbox.SandboxOptions;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.JumpingClock;
import dev.sweeper.testing.Poll;
import dev.sweeper.testing.Sandbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sweeper under injected faults: throttling, 500s, hangs, resets, a sandbox that goes away,
 * a refused action, and two sweepers at once. Each case checks what was reported (JSON), what was
 * done (the sandbox's state and call counts) and the exit code.
 */
class FaultsIT {
    static final ObjectMapper JSON = new ObjectMapper();

    /** The verdicts config/sample-fleet.yaml documents for us-east-1 with the default 24h window. */
    static final Map<String, String> ENDPOINTS = Map.ofEntries(
            Map.entry("fraud-v2", "IDLE"), Map.entry("fraud-v1", "IDLE"), Map.entry("churn-model", "ACTIVE"),
            Map.entry("recs-canary", "TOO_YOUNG"), Map.entry("search-ranker", "IDLE"),
            Map.entry("vision-multi", "ACTIVE"), Map.entry("doc-summarizer-async", "ACTIVE"),
            Map.entry("translate-async-batch", "IDLE"), Map.entry("nlp-serverless", "EXEMPT"),
            Map.entry("pricing-v3", "EXEMPT"), Map.entry("ads-ctr-v1", "EXEMPT"),
            Map.entry("forecast-daily", "IDLE"), Map.entry("legacy-xgb-a", "IDLE"),
            Map.entry("legacy-xgb-b", "ACTIVE"), Map.entry("ranking-shadow", "ACTIVE"),
            Map.entry("llm-trn-bench", "IDLE"), Map.entry("checkout-fresh", "ACTIVE"),
            Map.entry("ranking-shadow-eval", "ACTIVE"), Map.entry("summarize-async-zero", "EXEMPT"),
            Map.entry("ocr-v4-updating", "IDLE"), Map.entry("llm-shared-g5", "ACTIVE"));
    static final Set<String> IDLE_UNPROTECTED_ENDPOINTS = Set.of("fraud-v2", "fraud-v1", "translate-async-batch",
            "forecast-daily", "legacy-xgb-a", "llm-trn-bench");
    static final Map<String, String> NOTEBOOKS = Map.of("dev-alice", "IDLE", "dev-bob", "ACTIVE",
            "dev-carol", "EXEMPT", "dev-dan", "TOO_YOUNG", "dev-erin", "IDLE", "research-gpu", "UNKNOWN",
            "team-shared", "IDLE", "cv-training-p3", "ACTIVE", "etl-pipeline", "ACTIVE");
    static final List<String> DEV_IN_SERVICE = List.of("dev-alice", "dev-bob", "dev-dan", "dev-erin");

    final List<Sandbox> sandboxes = new ArrayList<>();

    @AfterEach
    void closeSandboxes() {
        sandboxes.forEach(Sandbox::close);
    }

    Sandbox sandbox(SandboxOptions options) {
        Sandbox s = Sandbox.start(options);
        sandboxes.add(s);
        return s;
    }

    static SandboxOptions sampleFleet() {
        return SandboxOptions.defaults().withFleetFile(Sandbox.SAMPLE_FLEET).withTransitionDelay(Duration.ofMillis(300));
    }

    static Cli.Run sweeper(Sandbox sandbox, String... args) {
        return sandbox.sweeper(args);
    }

    static JsonNode json(Cli.Run run) {
        try {
            return run.json();
        } catch (Exception e) {
            throw new AssertionError("stdout is not one JSON document\n" + run, e);
        }
    }

    /** Resources by name; apps, whose names repeat, are left out (the per-kind tests here do not need them). */
    static Map<String, JsonNode> byName(Cli.Run run) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        json(run).path("resources").forEach(r -> {
            if (!r.path("kind").asText().equals("app")) {
                out.put(r.path("name").asText(), r);
            }
        });
        return out;
    }

    static Map<String, String> verdicts(Map<String, JsonNode> resources) {
        Map<String, String> out = new HashMap<>();
        resources.forEach((name, r) -> out.put(name, r.path("verdict").asText()));
        return out;
    }

    /** Every resource, apps included, as "kind name instanceType verdict protected action", sorted. */
    static List<String> fingerprint(Cli.Run run) {
        return StreamSupport.stream(json(run).path("resources").spliterator(), false)
                .map(r -> String.join(" ", r.path("kind").asText(), r.path("name").asText(),
                        r.path("instanceType").asText(), r.path("verdict").asText(), r.path("protected").asText()))
                .sorted().toList();
    }

    static String outcome(JsonNode resource) {
        JsonNode a = resource.path("action");
        return a.isNull() || a.isMissingNode() ? null : a.path("outcome").asText();
    }

    static String detail(JsonNode resource) {
        return resource.path("action").path("detail").asText();
    }

    // ---- (a) throttling ----

    @Test
    void scan_whenThirtyPercentThrottled_givesTheSameVerdictsAsACleanRun() {
        Sandbox clean = sandbox(sampleFleet());
        Sandbox throttled = sandbox(sampleFleet().withThrottleRate(0.3));

        // One call at a time: with the sandbox's seeded randomness the throttled calls are the same every run.
        Cli.Run expected = sweeper(clean, "scan", "--max-age", "7d", "--max-concurrency", "1");
        Cli.Run run = sweeper(throttled, "scan", "--max-age", "7d", "--max-concurrency", "1");

        assertThat(expected.exitCode()).as(expected.toString()).isZero();
        assertThat(verdicts(byName(expected))).containsAllEntriesOf(ENDPOINTS).containsAllEntriesOf(NOTEBOOKS);
        assertThat(throttled.totalCalls()).as("throttled calls were retried").isGreaterThan(clean.totalCalls());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(fingerprint(run)).isEqualTo(fingerprint(expected));
        assertThat(json(run).path("summary")).isEqualTo(json(expected).path("summary"));
    }

    @Test
    void endpointsIdleDeleteApply_whenThirtyPercentThrottled_deletesEveryIdleEndpointExactlyOnce() {
        Sandbox throttled = sandbox(sampleFleet().withThrottleRate(0.3));
        int deletedBefore = SdkOperationRecorder.successfulAttempts("SageMaker.DeleteEndpoint");

        Cli.Run run = sweeper(throttled, "endpoints", "idle", "--delete", "--all", "--apply");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Map<String, JsonNode> r = byName(run);
        assertThat(verdicts(r)).isEqualTo(ENDPOINTS);
        Set<String> done = new java.util.TreeSet<>();
        r.forEach((name, n) -> {
            if ("done".equals(outcome(n))) {
                done.add(name);
            }
        });
        assertThat(done).containsExactlyInAnyOrderElementsOf(IDLE_UNPROTECTED_ENDPOINTS);
        assertThat(outcome(r.get("search-ranker"))).isEqualTo("skipped");
        // The sandbox counts throttled attempts too; only an attempt answered 2xx deleted anything.
        assertThat(SdkOperationRecorder.successfulAttempts("SageMaker.DeleteEndpoint") - deletedBefore)
                .as("DeleteEndpoint calls that took effect").isEqualTo(IDLE_UNPROTECTED_ENDPOINTS.size());
        assertThat(throttled.calls("SageMaker.DeleteEndpoint")).isGreaterThanOrEqualTo(IDLE_UNPROTECTED_ENDPOINTS.size());
        for (String name : ENDPOINTS.keySet()) {
            assertThat(throttled.endpointStatus(name)).as(name)
                    .isIn(IDLE_UNPROTECTED_ENDPOINTS.contains(name) ? new Object[] {"Deleting", null}
                            : new Object[] {"InService", "Creating", "Failed", "Updating"});
        }
    }

    // ---- (b) 500s ----

    @Test
    void endpointsIdleDeleteApply_whenShareOfCallsFail_marksFailedEvidenceUnknownAndActsOnNoneOfThem() {
        Sandbox failing = sandbox(sampleFleet().withFailRate(0.3));
        // And one that fails for sure, so that the case never depends on where the random 500s fall.
        failing.fault("{\"operation\":\"SageMaker.DescribeEndpoint\",\"mode\":\"error500\",\"rate\":1.0,"
                + "\"resource\":\"\\\"fraud-v1\\\"\"}");
        int deletedBefore = SdkOperationRecorder.successfulAttempts("SageMaker.DeleteEndpoint");

        Cli.Run run = sweeper(failing, "endpoints", "idle", "--delete", "--all", "--apply", "--max-concurrency", "1");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        Map<String, JsonNode> r = byName(run);
        assertThat(r.get("fraud-v1").path("verdict").asText()).isEqualTo("UNKNOWN");
        assertThat(r.get("fraud-v1").path("reasons").toString()).containsIgnoringCase("DescribeEndpoint");
        int done = 0;
        for (var e : r.entrySet()) {
            String name = e.getKey();
            String verdict = e.getValue().path("verdict").asText();
            assertThat(verdict).as(name + ": the clean verdict, or UNKNOWN").isIn(ENDPOINTS.get(name), "UNKNOWN");
            if ("done".equals(outcome(e.getValue()))) {
                done++;
                assertThat(verdict).as(name).isEqualTo("IDLE");
                assertThat(failing.endpointStatus(name)).as(name).isIn("Deleting", null);
            } else {
                assertThat(failing.endpointStatus(name)).as(name + " not acted on").isNotIn("Deleting", null);
            }
            if (verdict.equals("UNKNOWN")) {
                assertThat(outcome(e.getValue())).as(name + ": unknown is never acted on").isNull();
            }
        }
        assertThat(SdkOperationRecorder.successfulAttempts("SageMaker.DeleteEndpoint") - deletedBefore).isEqualTo(done);
    }

    @Test
    void endpointsIdleDeleteApply_whenEveryGetMetricDataFails_isUnknownDeletesNothingAndExits3() {
        Sandbox sb = sandbox(sampleFleet());
        sb.fault("{\"operation\":\"CloudWatch.GetMetricData\",\"mode\":\"error500\",\"rate\":1.0}");

        Cli.Run run = sweeper(sb, "endpoints", "idle", "--delete", "--all", "--apply");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        Map<String, JsonNode> r = byName(run);
        for (String name : List.of("fraud-v2", "fraud-v1", "forecast-daily", "legacy-xgb-a", "llm-trn-bench",
                "translate-async-batch", "churn-model", "vision-multi", "legacy-xgb-b", "ranking-shadow",
                "doc-summarizer-async")) {
            assertThat(r.get(name).path("verdict").asText()).as(name).isEqualTo("UNKNOWN");
            assertThat(outcome(r.get(name))).as(name).isNull();
        }
        assertThat(r.get("recs-canary").path("verdict").asText()).isEqualTo("TOO_YOUNG");
        // Not even the endpoint with no listed series: its variants are queried directly, and that failed too.
        assertThat(r.values()).extracting(n -> n.path("verdict").asText()).doesNotContain("IDLE");
        assertThat(r.get("search-ranker").path("verdict").asText()).isEqualTo("UNKNOWN");
        assertThat(sb.calls("SageMaker.DeleteEndpoint")).isZero();
        assertThat(json(run).path("summary").path("actionsDone").asInt()).isZero();
    }

    @Test
    void stopNotebooksIdleOnly_whenEveryPresignedUrlFails_stopsNothingAndExits3() {
        Sandbox sb = sandbox(sampleFleet());
        sb.fault("{\"operation\":\"SageMaker.CreatePresignedNotebookInstanceUrl\",\"mode\":\"error500\",\"rate\":1.0}");

        Cli.Run run = sweeper(sb, "stop-notebooks", "--all", "--idle-only", "--apply");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        Map<String, JsonNode> r = byName(run);
        for (String name : List.of("dev-alice", "dev-bob", "dev-erin", "team-shared", "cv-training-p3")) {
            assertThat(r.get(name).path("verdict").asText()).as(name).isEqualTo("UNKNOWN");
            assertThat(r.get(name).path("reasons").get(0).asText()).as(name)
                    .contains("could not create a presigned URL: CreatePresignedNotebookInstanceUrl failed: InternalFailure");
        }
        assertThat(r.get("etl-pipeline").path("verdict").asText()).as("its jupyter.log still decides").isEqualTo("ACTIVE");
        assertThat(r.values()).allSatisfy(n -> assertThat(outcome(n)).as(n.path("name").asText()).isNull());
        assertThat(sb.calls("SageMaker.StopNotebookInstance")).isZero();
        assertThat(sb.notebookStatus("dev-alice")).isEqualTo("InService");
    }

    // ---- (c) hangs and resets ----

    @Test
    void endpointsIdle_whenFirstGetMetricDataHangsPastTheAttemptTimeout_retriesAndGivesTheRightVerdicts() {
        Sandbox sb = sandbox(sampleFleet());
        // Longer than the 15s per-attempt timeout; the retry is answered at once.
        sb.fault("{\"operation\":\"CloudWatch.GetMetricData\",\"mode\":\"hang\",\"hangMs\":25000,\"count\":1}");
        int answeredBefore = SdkOperationRecorder.successfulAttempts("CloudWatch.GetMetricData");

        Cli.Run run = sweeper(sb, "endpoints", "idle");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(verdicts(byName(run))).isEqualTo(ENDPOINTS);
        assertThat(sb.faultRules()).as("the hang fired").isEmpty();
        // The sandbox counts each attempt as it arrives; the sweeper read an answer to all but the hung one:
        // that attempt was given up at its timeout and sent again, rather than waited out.
        int answered = SdkOperationRecorder.successfulAttempts("CloudWatch.GetMetricData") - answeredBefore;
        assertThat(answered).as("GetMetricData attempts answered").isPositive();
        assertThat(sb.calls("CloudWatch.GetMetricData")).as("GetMetricData attempts made").isEqualTo(answered + 1);
    }

    @Test
    void endpointsIdle_whenTwoGetMetricDataConnectionsAreReset_retriesAndGivesTheRightVerdicts() {
        Sandbox sb = sandbox(sampleFleet());
        sb.fault("{\"operation\":\"CloudWatch.GetMetricData\",\"mode\":\"reset\",\"count\":2}");

        Cli.Run run = sweeper(sb, "endpoints", "idle", "--max-concurrency", "1");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(verdicts(byName(run))).isEqualTo(ENDPOINTS);
        assertThat(sb.faultRules()).as("both resets fired").isEmpty();
    }

    @Test
    void endpointsIdleDeleteApply_whenThirtyPercentOfConnectionsAreReset_neverDeletesOnMissingEvidence() {
        Sandbox sb = sandbox(sampleFleet());
        sb.fault("{\"operation\":\"*\",\"mode\":\"reset\",\"rate\":0.3}");
        int deletedBefore = SdkOperationRecorder.successfulAttempts("SageMaker.DeleteEndpoint");

        Cli.Run run = sweeper(sb, "endpoints", "idle", "--delete", "--all", "--apply", "--max-concurrency", "1");

        assertThat(run.exitCode()).as(run.toString()).isIn(0, 3);
        Map<String, JsonNode> r = byName(run);
        boolean anyUnknown = false;
        int done = 0;
        for (var e : r.entrySet()) {
            String verdict = e.getValue().path("verdict").asText();
            assertThat(verdict).as(e.getKey()).isIn(ENDPOINTS.get(e.getKey()), "UNKNOWN");
            anyUnknown |= verdict.equals("UNKNOWN");
            String o = outcome(e.getValue());
            if ("done".equals(o)) {
                done++;
                assertThat(IDLE_UNPROTECTED_ENDPOINTS).contains(e.getKey());
            }
            if (verdict.equals("UNKNOWN")) {
                assertThat(o).as(e.getKey()).isNull();
                assertThat(sb.endpointStatus(e.getKey())).as(e.getKey()).isNotIn("Deleting", null);
            }
        }
        if (anyUnknown || r.size() < ENDPOINTS.size()) {
            assertThat(run.exitCode()).as("missing evidence is a partial run").isEqualTo(3);
        }
        // A reset may come after the server deleted: then the retry finds it Deleting, which is no new deletion.
        assertThat(SdkOperationRecorder.successfulAttempts("SageMaker.DeleteEndpoint") - deletedBefore)
                .isLessThanOrEqualTo(done);
    }

    // ---- (d) the sandbox goes away ----

    @Test
    void stopNotebooksApplyWait_whenTheServiceGoesAwayMidRun_exits3AndReportsTheStopAlreadyDone() throws Exception {
        Sandbox sb = Sandbox.start(sampleFleet().withTransitionDelay(Duration.ofSeconds(30)));
        boolean closed = false;
        // The re-check of the second notebook (dev-bob: notebooks are listed by name) hangs, so that the test closes
        // the sandbox between the first stop and the next. (With --wait, a stop's tag waits for Stopped.)
        sb.fault("{\"operation\":\"SageMaker.DescribeNotebookInstance\",\"mode\":\"hang\",\"hangMs\":5000,"
                + "\"rate\":1.0,\"resource\":\"dev-bob\"}");
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            // A clock that jumps a minute at every look: the 1m --wait-timeout passes after one round of polls.
            Environment env = new Environment(
                    Map.of("XDG_STATE_HOME", Cli.STATE_DIR.toString()), // never the real home's audit log
                    false, false, new JumpingClock(), Duration.ofMillis(50));
            CompletableFuture<Cli.Run> running = CompletableFuture.supplyAsync(() -> Cli.run(env, sb.args(
                    "stop-notebooks", "--name-contains", "dev-", "--include-active", "--apply", "--wait", "--wait-timeout", "1m",
                    "--call-timeout", "5s")), thread);

            Poll.until(Duration.ofSeconds(30), () -> assertThat(sb.calls("SageMaker.StopNotebookInstance"))
                    .as("the first stop").isPositive());
            String first = null;
            for (String name : DEV_IN_SERVICE) {
                if ("Stopping".equals(sb.notebookStatus(name))) {
                    first = name;
                }
            }
            sb.close();
            closed = true;
            Cli.Run run = running.get(120, TimeUnit.SECONDS);

            assertThat(first).as("the notebook stopped before the sandbox went away").isNotNull();
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
            Map<String, JsonNode> r = byName(run);
            assertThat(outcome(r.get(first))).as(first + ": its stop was carried out\n" + run).isEqualTo("done");
            for (String name : DEV_IN_SERVICE) {
                if (!name.equals(first)) {
                    assertThat(outcome(r.get(name))).as(name).isEqualTo("failed");
                    assertThat(detail(r.get(name))).as(name).isNotBlank();
                }
            }
            assertThat(run.err()).as("a clear error on stderr").isNotBlank().doesNotContain("\tat ");
        } finally {
            thread.shutdownNow();
            if (!closed) {
                sb.close();
            }
        }
    }


    // ---- (e) a refused action ----

    @Test
    void stopNotebooksApply_whenOneStopIsRefused_reportsItFailedWithTheReasonStopsTheOthersAndExits3() {
        Sandbox sb = sandbox(sampleFleet());
        sb.fault("{\"operation\":\"SageMaker.StopNotebookInstance\",\"mode\":\"validation\",\"rate\":1.0,"
                + "\"resource\":\"dev-bob\",\"message\":\"Notebook instance dev-bob is locked by a lifecycle script\"}");
        int stoppedBefore = SdkOperationRecorder.successfulAttempts("SageMaker.StopNotebookInstance");

        Cli.Run run = sweeper(sb, "stop-notebooks", "--name-contains", "dev-", "--include-active", "--apply");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        Map<String, JsonNode> r = byName(run);
        assertThat(outcome(r.get("dev-bob"))).isEqualTo("failed");
        assertThat(detail(r.get("dev-bob"))).contains("locked by a lifecycle script");
        for (String name : List.of("dev-alice", "dev-dan", "dev-erin")) {
            assertThat(outcome(r.get(name))).as(name).isEqualTo("done");
            assertThat(sb.notebookStatus(name)).as(name).isIn("Stopping", "Stopped");
        }
        assertThat(sb.notebookStatus("dev-bob")).isEqualTo("InService");
        assertThat(json(run).path("summary").path("actionsFailed").asInt()).isEqualTo(1);
        assertThat(json(run).path("summary").path("actionsDone").asInt()).isEqualTo(3);
        assertThat(SdkOperationRecorder.successfulAttempts("SageMaker.StopNotebookInstance") - stoppedBefore)
                .isEqualTo(3);
    }

    // ---- (f) two sweepers at once ----

    /**
     * Asserts that each of two concurrent runs exited 0 and failed no action, and counts, per
     * resource, the runs that carried its action out.
     */
    private static Map<String, Integer> doneByName(List<Cli.Run> runs) {
        Map<String, Integer> done = new HashMap<>();
        for (Cli.Run run : runs) {
            assertThat(run.exitCode()).as(run.toString()).isZero();
            byName(run).forEach((name, n) -> {
                assertThat(outcome(n)).as(name + " in\n" + run).isNotEqualTo("failed");
                if ("done".equals(outcome(n))) {
                    done.merge(name, 1, Integer::sum);
                }
            });
        }
        return done;
    }

    @Test
    void stopNotebooksApply_whenAnotherSweeperStopsTheSameNotebookFirst_skipsItInsteadOfFailing() throws Exception {
        Sandbox sb = sandbox(sampleFleet().withTransitionDelay(Duration.ofSeconds(30)));
        // The first run's stop of dev-alice is held back; the second run stops dev-alice meanwhile.
        sb.fault("{\"operation\":\"SageMaker.StopNotebookInstance\",\"mode\":\"hang\",\"hangMs\":4000,"
                + "\"resource\":\"dev-alice\",\"count\":1}");
        int stoppedBefore = SdkOperationRecorder.successfulAttempts("SageMaker.StopNotebookInstance");

        List<Cli.Run> runs = twoAtOnce(sb, "stop-notebooks", "--name-contains", "dev-", "--include-active", "--apply");

        Map<String, Integer> done = doneByName(runs);
        assertThat(done).as("each notebook stopped by exactly one of the runs")
                .containsOnlyKeys(DEV_IN_SERVICE).allSatisfy((name, n) -> assertThat(n).isEqualTo(1));
        assertThat(SdkOperationRecorder.successfulAttempts("SageMaker.StopNotebookInstance") - stoppedBefore)
                .isEqualTo(DEV_IN_SERVICE.size());
        for (String name : DEV_IN_SERVICE) {
            assertThat(sb.notebookStatus(name)).as(name).isIn("Stopping", "Stopped");
        }
    }

    @Test
    void endpointsIdleDeleteApply_whenAnotherSweeperDeletesTheSameEndpointFirst_skipsItInsteadOfFailing()
            throws Exception {
        Sandbox sb = sandbox(sampleFleet().withTransitionDelay(Duration.ofSeconds(30)));
        sb.fault("{\"operation\":\"SageMaker.DeleteEndpoint\",\"mode\":\"hang\",\"hangMs\":4000,"
                + "\"resource\":\"\\\"fraud-v2\\\"\",\"count\":1}");
        int deletedBefore = SdkOperationRecorder.successfulAttempts("SageMaker.DeleteEndpoint");

        List<Cli.Run> runs = twoAtOnce(sb, "endpoints", "idle", "--delete", "--all", "--apply");

        Map<String, Integer> done = doneByName(runs);
        assertThat(done).as("each idle endpoint deleted by exactly one of the runs")
                .containsOnlyKeys(IDLE_UNPROTECTED_ENDPOINTS).allSatisfy((name, n) -> assertThat(n).isEqualTo(1));
        assertThat(SdkOperationRecorder.successfulAttempts("SageMaker.DeleteEndpoint") - deletedBefore)
                .isEqualTo(IDLE_UNPROTECTED_ENDPOINTS.size());
        for (String name : IDLE_UNPROTECTED_ENDPOINTS) {
            assertThat(sb.endpointStatus(name)).as(name).isEqualTo("Deleting");
        }
    }

    /**
     * Starts the command, waits until its held-back call is in flight (the count-1 fault rule has
     * fired and left), then runs the same command again, both against the same fleet.
     */
    private static List<Cli.Run> twoAtOnce(Sandbox sb, String... args) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<Cli.Run> first = CompletableFuture.supplyAsync(() -> sweeper(sb, args), threads);
            Poll.until(Duration.ofSeconds(30), () -> assertThat(sb.faultRules()).as("the first run's held-back call")
                    .isEmpty());
            CompletableFuture<Cli.Run> second = CompletableFuture.supplyAsync(() -> sweeper(sb, args), threads);
            return List.of(first.get(120, TimeUnit.SECONDS), second.get(120, TimeUnit.SECONDS));
        } finally {
            threads.shutdownNow();
        }
    }
}
