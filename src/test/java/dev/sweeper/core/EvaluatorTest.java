package dev.sweeper.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EvaluatorTest {
    static final Instant NOW = Instant.parse("2026-11-28T15:00:00Z");
    static final Duration DAY = Duration.ofHours(24);
    static final Policy POLICY = Policy.defaults();

    // ---- facts -------------------------------------------------------------------------------

    static Resource endpoint(String status, Duration age, boolean described, boolean async, boolean serverless) {
        List<Variant> variants = serverless
                ? List.of(new Variant("AllTraffic", null, 0, true, false, 0))
                : List.of(new Variant("AllTraffic", "ml.m5.xlarge", 2, false, false, 0));
        Resource.EndpointShape shape = described ? new Resource.EndpointShape("cfg", variants, async, true, List.of(), null) : Resource.EndpointShape.listed();
        Instant created = NOW.minus(age);
        return new Resource("ep", "us-east-1", "arn:ep", status, "ml.m5.xlarge", 2, created, created,
                shape, Resource.accountOf("arn:ep"));
    }

    static Resource endpoint(Duration age, List<Variant> variants, boolean async) {
        Instant created = NOW.minus(age);
        return new Resource("ep", "us-east-1", "arn:ep", "InService", null, 0, created, created,
                new Resource.EndpointShape("cfg", variants, async, true, List.of(), null), Resource.accountOf("arn:ep"));
    }

    static Resource endpoint(Duration age) {
        return endpoint("InService", age, true, false, false);
    }

    static Resource notebook(String status, Duration uptime, String lifecycle) {
        return new Resource("nb", "us-east-1", "arn:nb", status, "ml.t3.medium", 1,
                NOW.minus(Duration.ofDays(60)), NOW.minus(uptime), new Resource.NotebookShape(lifecycle), Resource.accountOf("arn:nb"));
    }

    static final String SMD = "arn:aws:sagemaker:us-east-1:885854791233:image/sagemaker-distribution-cpu";

    static Resource app(String type, String status, Duration age, Boolean shutdown) {
        return app(type, status, age, shutdown, StudioIdleShutdown.image(SMD, "2.1.0"));
    }

    static Resource app(String type, String status, Duration age, Boolean shutdown, StudioIdleShutdown.Image image) {
        Instant created = NOW.minus(age);
        return new Resource("default", "us-east-1", null, status, type, 1, created, created,
                new Resource.AppShape("d-1", "JupyterLab", null, "shared", shutdown, "domain research", image), null);
    }

    static Evidence invocations(double n) {
        return new Evidence.Observed(Map.of(Evaluator.INVOCATIONS, n), null);
    }

    // Notebook signals: the Jupyter server's facts, jupyter.log's newest line, the team's metric.
    static NotebookFacts.Kernel kernel(String state, Duration ago, int connections) {
        return new NotebookFacts.Kernel("k", state, ago == null ? null : NOW.minus(ago), connections);
    }

    static NotebookFacts.Jupyter server(List<NotebookFacts.Kernel> kernels, Duration... terminalAgo) {
        return new NotebookFacts.Jupyter.Read(kernels.size(), kernels,
                Stream.of(terminalAgo).map(a -> new NotebookFacts.Terminal("1", NOW.minus(a))).toList());
    }

    static final NotebookFacts.Jupyter UNREACHABLE =
            new NotebookFacts.Jupyter.Unreachable("the presigned URL was refused (HTTP 403)");
    static final NotebookFacts.Log NO_LINE = new NotebookFacts.Log.Read(null);
    static final NotebookFacts.Metric NO_METRIC = new NotebookFacts.Metric.NotConfigured();

    static Evidence signals(NotebookFacts.Jupyter j, NotebookFacts.Log log, NotebookFacts.Metric m) {
        return new Evidence.Notebook(j, log, m);
    }

    static Evidence jupyter(NotebookFacts.Jupyter j) {
        return signals(j, NO_LINE, NO_METRIC);
    }

    static Evidence logLine(Duration ago) {
        return signals(UNREACHABLE, new NotebookFacts.Log.Read(NOW.minus(ago)), NO_METRIC);
    }

    static final Evidence QUIET_SERVER = jupyter(server(List.of(kernel("idle", Duration.ofDays(2), 0))));

    /** The checker's heartbeat over a day: its highest value and how many checks published (of 288). */
    static Evidence beat(double max, int samples) {
        return new Evidence.Notebook(new NotebookFacts.Jupyter.NotNeeded(), new NotebookFacts.Log.NotChecked(),
                NO_METRIC, new NotebookFacts.Heartbeat.Read(max, samples, 288));
    }

    static Evidence async(double processed, double backlog) {
        return new Evidence.Observed(Map.of(Evaluator.ASYNC_PROCESSED, processed, Evaluator.ASYNC_BACKLOG, backlog), null);
    }

    static final Evidence FAILED = new Evidence.Failed("GetMetricData failed: InternalFailure");

    // ---- endpoints ---------------------------------------------------------------------------

    static Stream<Arguments> endpointCases() {
        return Stream.of(
                Arguments.of("zero invocations, old enough", endpoint(Duration.ofDays(8)), invocations(0),
                        Verdict.IDLE, "0 invocations in the last 24h"),
                Arguments.of("one invocation is activity", endpoint(Duration.ofDays(8)), invocations(1),
                        Verdict.ACTIVE, "1 invocations in the last 24h"),
                Arguments.of("age exactly the window is old enough", endpoint(DAY), invocations(0),
                        Verdict.IDLE, "0 invocations"),
                Arguments.of("a second short of the window is too young", endpoint(DAY.minusSeconds(1)),
                        invocations(0), Verdict.TOO_YOUNG, "less than the 24h window"),
                Arguments.of("failed metric query is never idle", endpoint(Duration.ofDays(8)), FAILED,
                        Verdict.UNKNOWN, "could not read invocations: GetMetricData failed"),
                Arguments.of("evidence not gathered is unknown", endpoint(Duration.ofDays(8)),
                        Evidence.notGathered(), Verdict.UNKNOWN, "no invocations evidence"),
                Arguments.of("zero invocations but not described: maybe async", endpoint("InService",
                        Duration.ofDays(8), false, false, false), invocations(0), Verdict.UNKNOWN, "not described"),
                Arguments.of("not described, no Invocations, but requests processed: in use", endpoint("InService",
                        Duration.ofDays(8), false, false, false), new Evidence.Observed(Map.of(Evaluator.INVOCATIONS,
                        0.0, Evaluator.ASYNC_PROCESSED, 7.0), "as listed"), Verdict.ACTIVE, "7 requests processed"),
                Arguments.of("not described, no Invocations, nothing processed: still unknown", endpoint("InService",
                        Duration.ofDays(8), false, false, false), new Evidence.Observed(Map.of(Evaluator.INVOCATIONS,
                        0.0, Evaluator.ASYNC_PROCESSED, 0.0), "as listed"), Verdict.UNKNOWN, "not described"),
                Arguments.of("serverless costs nothing idle", endpoint("InService", Duration.ofDays(8), true, false,
                        true), invocations(0), Verdict.EXEMPT, "serverless"),
                Arguments.of("updating still bills: judged, not acted on", endpoint("Updating", Duration.ofDays(8),
                        true, false, false), invocations(0), Verdict.IDLE, "only InService endpoints are acted on"),
                Arguments.of("rolling back and busy", endpoint("RollingBack", Duration.ofDays(8), true, false,
                        false), invocations(5), Verdict.ACTIVE, "status RollingBack: still runs"),
                Arguments.of("not in service", endpoint("OutOfService", Duration.ofDays(8), true, false, false),
                        invocations(0), Verdict.EXEMPT, "status OutOfService"),
                Arguments.of("async scaled to zero costs nothing", endpoint(Duration.ofDays(8), List.of(
                        new Variant("AllTraffic", "ml.g5.xlarge", 0, false, false, 0)), true), async(0, 0), Verdict.EXEMPT,
                        "scaled to zero"),
                Arguments.of("serverless with provisioned concurrency is judged", endpoint(Duration.ofDays(8),
                        List.of(new Variant("AllTraffic", null, 0, true, false, 2)), false), invocations(0),
                        Verdict.IDLE, "0 invocations"),
                Arguments.of("a busy shadow variant counts", endpoint(Duration.ofDays(8), List.of(
                        new Variant("Live", "ml.m5.large", 1, false, false, 0), new Variant("Shadow", "ml.m5.large", 1, false,
                        true, 0)), false), invocations(4), Verdict.ACTIVE, "4 invocations"),
                Arguments.of("failed endpoint", endpoint("Failed", Duration.ofDays(8), true, false, false),
                        Evidence.notGathered(), Verdict.EXEMPT, "status Failed"),
                Arguments.of("too young wins over failed evidence", endpoint(Duration.ofHours(2)), FAILED,
                        Verdict.TOO_YOUNG, "created 2h ago"),
                Arguments.of("async: nothing processed, empty backlog", endpoint("InService", Duration.ofDays(8),
                        true, true, false), async(0, 0), Verdict.IDLE, "asynchronous endpoint: 0 requests"),
                Arguments.of("async: processed requests", endpoint("InService", Duration.ofDays(8), true, true,
                        false), async(3, 0), Verdict.ACTIVE, "3 requests processed"),
                Arguments.of("async: only a backlog", endpoint("InService", Duration.ofDays(8), true, true, false),
                        async(0, 2), Verdict.ACTIVE, "backlog up to 2"),
                Arguments.of("async judged on Invocations alone is unknown", endpoint("InService",
                        Duration.ofDays(8), true, true, false), invocations(0), Verdict.UNKNOWN, "not both read"),
                Arguments.of("async with failed evidence", endpoint("InService", Duration.ofDays(8), true, true,
                        false), FAILED, Verdict.UNKNOWN, "could not read"),
                Arguments.of("async that published nothing is unknown", endpoint("InService", Duration.ofDays(8),
                        true, true, false), new Evidence.NoSignal("CloudWatch lists no series for it", "publish"),
                        Verdict.UNKNOWN, "lists no series"),
                Arguments.of("real-time scaled to zero bills no instance", withComponents(endpoint(Duration.ofDays(8),
                        List.of(new Variant("AllTraffic", "ml.g5.2xlarge", 0, false, false, 0)), false), List.of("chat")),
                        invocations(0), Verdict.EXEMPT, "scaled to zero: no instance billed"),
                Arguments.of("scaled to zero with its components unlisted is still exempt", withComponents(endpoint(
                        Duration.ofDays(8), List.of(new Variant("AllTraffic", "ml.g5.2xlarge", 0, false, false, 0)), false),
                        null), FAILED, Verdict.EXEMPT, "scaled to zero: no instance billed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpointCases")
    void evaluate_whenEndpoint_givesVerdictAndReason(String name, Resource r, Evidence e, Verdict verdict,
                                                     String reason) {
        Evaluation result = Evaluator.evaluate(r, e, POLICY, NOW);

        assertThat(result.verdict()).isEqualTo(verdict);
        assertThat(result.reasons()).anySatisfy(text -> assertThat(text).contains(reason));
        assertThat(result.evidence()).isSameAs(e);
    }

    @Test
    void evaluate_whenWindowIsLonger_usesThatWindow() {
        Policy week = POLICY.withWindow(Duration.ofDays(7));

        assertThat(Evaluator.evaluate(endpoint(Duration.ofDays(6)), invocations(0), week, NOW).verdict())
                .isEqualTo(Verdict.TOO_YOUNG);
        assertThat(Evaluator.evaluate(endpoint(Duration.ofDays(7)), invocations(0), week, NOW).reasons())
                .containsExactly("0 invocations in the last 7d");
    }

    @Test
    void evaluate_whenObservedHasNote_putsItInTheReason() {
        Evidence e = new Evidence.Observed(Map.of(Evaluator.INVOCATIONS, 0.0), "no series in 14 days");

        assertThat(Evaluator.evaluate(endpoint(Duration.ofDays(3)), e, POLICY, NOW).reasons())
                .containsExactly("0 invocations in the last 24h (no series in 14 days)");
    }

    static Resource withComponents(Resource endpoint, List<String> components) {
        return endpoint.withEndpoint(endpoint.endpoint().withComponents(components), endpoint.instanceType(),
                endpoint.instanceCount());
    }

    @Test
    void evaluate_whenInferenceComponentsWereNotListed_isUnknownNotIdle() {
        Resource unlisted = withComponents(endpoint(Duration.ofDays(3)), null);

        Evaluation result = Evaluator.evaluate(unlisted, invocations(0), POLICY, NOW);

        assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.reasons()).containsExactly(
                "0 invocations in the last 24h on its variants, but its inference components were not listed");
    }

    @Test
    void evaluate_whenItHostsInferenceComponents_namesThemInTheReasons() {
        Resource hosting = withComponents(endpoint(Duration.ofDays(3)), List.of("chat", "embed"));

        assertThat(Evaluator.evaluate(hosting, invocations(0), POLICY, NOW).reasons())
                .containsExactly("0 invocations in the last 24h",
                        "hosts 2 inference components (chat, embed): invocations summed over them and its variants",
                        Evaluator.scaleToZeroReason(null));
        assertThat(Evaluator.scaleToZeroReason(1.5)).startsWith("could scale to zero instead of being deleted, saving"
                + " $1.50/hour, keeping the endpoint and its inference components");
        assertThat(Evaluator.evaluate(hosting, invocations(4), POLICY, NOW).verdict()).isEqualTo(Verdict.ACTIVE);
    }

    // ---- notebooks ---------------------------------------------------------------------------

    static Stream<Arguments> notebookCases() {
        Resource nb = notebook("InService", Duration.ofDays(3), null);
        return Stream.of(
                Arguments.of("idle kernel untouched for 2 days", nb, QUIET_SERVER, Verdict.IDLE, "jupyter",
                        "jupyter: no kernel busy and no kernel or terminal active in the last 24h"),
                Arguments.of("a server with nothing running", nb, jupyter(server(List.of())), Verdict.IDLE, "jupyter",
                        "0 sessions, 0 kernels, 0 terminals"),
                Arguments.of("busy kernel, last activity older than the window", nb,
                        jupyter(server(List.of(kernel("busy", Duration.ofHours(30), 0)))), Verdict.ACTIVE, "jupyter",
                        "a kernel is busy (last activity 30h ago)"),
                Arguments.of("a kernel starting, active inside the window, is not idle", nb,
                        jupyter(server(List.of(kernel("starting", Duration.ofHours(1), 0)))), Verdict.ACTIVE, "jupyter",
                        "a kernel is starting"),
                Arguments.of("a kernel starting with a client connected is not idle", nb,
                        jupyter(server(List.of(kernel("starting", Duration.ofDays(3), 1)))), Verdict.ACTIVE, "jupyter",
                        "a kernel is starting"),
                Arguments.of("a kernel stuck starting, no connection, no activity: evidence of nothing", nb,
                        jupyter(server(List.of(kernel("starting", null, 0)))), Verdict.IDLE, "jupyter",
                        "1 kernel stuck starting or restarting, with no connection and no activity in the last 24h"),
                Arguments.of("a kernel stuck restarting since before the window", nb,
                        jupyter(server(List.of(kernel("restarting", Duration.ofDays(2), 0)))), Verdict.IDLE, "jupyter",
                        "evidence of nothing"),
                Arguments.of("a quiet server says what it cannot see", nb, QUIET_SERVER, Verdict.IDLE, "jupyter",
                        "background processes cannot be seen from outside"),
                Arguments.of("heartbeat: a check saw work", nb, beat(1, 288), Verdict.ACTIVE, "heartbeat",
                        "heartbeat: the on-instance checker saw work in the last 24h"),
                Arguments.of("heartbeat: a check saw work, even with few checks", nb, beat(1, 3), Verdict.ACTIVE,
                        "heartbeat", "3 checks published"),
                Arguments.of("heartbeat: every check quiet over the window", nb, beat(0, 288), Verdict.IDLE,
                        "heartbeat", "saw no work in 288 checks in the last 24h"),
                Arguments.of("heartbeat: 95% of the checks are enough", nb, beat(0, 274), Verdict.IDLE,
                        "heartbeat", "saw no work in 274 checks"),
                Arguments.of("heartbeat: too few checks prove no idleness; no probe either", nb, beat(0, 273),
                        Verdict.UNKNOWN, null, "heartbeat: only 273 of 288 checks published in the window"),
                Arguments.of("heartbeat: too few checks, a quiet server decides", nb,
                        new Evidence.Notebook(server(List.of()), NO_LINE, NO_METRIC,
                                new NotebookFacts.Heartbeat.Read(0, 100, 288)), Verdict.IDLE, "jupyter",
                        "heartbeat: only 100 of 288 checks published in the window"),
                Arguments.of("heartbeat failed: a quiet server is not idle", nb,
                        new Evidence.Notebook(server(List.of()), NO_LINE, NO_METRIC,
                                new NotebookFacts.Heartbeat.Failed("GetMetricData failed: InternalFailure")),
                        Verdict.UNKNOWN, null, "heartbeat: could not read: GetMetricData failed"),
                Arguments.of("jupyter.log read with no line showing work says only that", nb,
                        signals(server(List.of()), new NotebookFacts.Log.Read(null, null), NO_METRIC),
                        Verdict.IDLE, "jupyter", "jupyter.log: no line showing work in the window (proves nothing"),
                Arguments.of("jupyter.log names the work it saw", nb,
                        signals(UNREACHABLE, new NotebookFacts.Log.Read(NOW.minusSeconds(600), "a kernel started"),
                                NO_METRIC), Verdict.ACTIVE, "jupyter.log", "jupyter.log: a kernel started 10m ago"),
                Arguments.of("kernel active inside the window", nb,
                        jupyter(server(List.of(kernel("idle", Duration.ofHours(3), 0)))), Verdict.ACTIVE, "jupyter",
                        "a kernel was active 3h ago"),
                Arguments.of("kernel active exactly at the window's start", nb,
                        jupyter(server(List.of(kernel("idle", DAY, 0)))), Verdict.ACTIVE, "jupyter", "active 24h ago"),
                Arguments.of("kernel active a second before the window", nb,
                        jupyter(server(List.of(kernel("idle", DAY.plusSeconds(1), 0)))), Verdict.IDLE, "jupyter",
                        "no kernel busy"),
                Arguments.of("recent terminal", nb, jupyter(server(List.of(kernel("idle", Duration.ofDays(3), 0)),
                        Duration.ofHours(2))), Verdict.ACTIVE, "jupyter", "a terminal was used 2h ago"),
                Arguments.of("old terminal", nb, jupyter(server(List.of(), Duration.ofDays(2))), Verdict.IDLE,
                        "jupyter", "1 terminal"),
                Arguments.of("a browser connected counts by default", nb,
                        jupyter(server(List.of(kernel("idle", Duration.ofDays(2), 1)))), Verdict.ACTIVE, "jupyter",
                        "1 open connection"),
                Arguments.of("unreachable server is unknown", nb, jupyter(UNREACHABLE), Verdict.UNKNOWN, null,
                        "jupyter: server not read: the presigned URL was refused (HTTP 403)"),
                Arguments.of("probe off is unknown", nb, jupyter(new NotebookFacts.Jupyter.Off()), Verdict.UNKNOWN,
                        null, "probe turned off"),
                Arguments.of("recent jupyter.log line is activity", nb, logLine(Duration.ofMinutes(20)),
                        Verdict.ACTIVE, "jupyter.log", "jupyter.log: a line 20m ago"),
                Arguments.of("old jupyter.log line proves nothing", nb, logLine(Duration.ofDays(2)),
                        Verdict.UNKNOWN, null, "jupyter.log: no line showing work in the window (proves nothing"),
                Arguments.of("jupyter.log activity beats a quiet server", nb, signals(server(List.of()),
                        new NotebookFacts.Log.Read(NOW.minusSeconds(60)), NO_METRIC), Verdict.ACTIVE, "jupyter.log",
                        "jupyter.log: a line 1m ago"),
                Arguments.of("jupyter.log failed and server unreachable", nb, signals(UNREACHABLE,
                        new NotebookFacts.Log.Failed("GetLogEvents failed: AccessDeniedException"), NO_METRIC),
                        Verdict.UNKNOWN, null, "jupyter.log: could not read: GetLogEvents failed"),
                Arguments.of("quiet server, but jupyter.log failed: never idle", nb, signals(server(List.of()),
                        new NotebookFacts.Log.Failed("GetLogEvents failed: ThrottlingException"), NO_METRIC),
                        Verdict.UNKNOWN, null, "was not read: jupyter.log: could not read: GetLogEvents failed"),
                Arguments.of("evidence not gathered", nb, Evidence.notGathered(), Verdict.UNKNOWN, null,
                        "no activity evidence gathered"),
                Arguments.of("failed evidence", nb, FAILED, Verdict.UNKNOWN, null, "could not read activity"),
                Arguments.of("uptime exactly the window", notebook("InService", DAY, null), QUIET_SERVER,
                        Verdict.IDLE, "jupyter", "no kernel busy"),
                Arguments.of("uptime a second short", notebook("InService", DAY.minusSeconds(1), null), QUIET_SERVER,
                        Verdict.TOO_YOUNG, null, "since its last start"),
                Arguments.of("stopped", notebook("Stopped", Duration.ofDays(3), null), Evidence.notGathered(),
                        Verdict.EXEMPT, null, "stopped"),
                Arguments.of("pending", notebook("Pending", Duration.ofDays(3), null), Evidence.notGathered(),
                        Verdict.EXEMPT, null, "status Pending"),
                Arguments.of("lifecycle config noted", notebook("InService", Duration.ofDays(3), "auto-stop"),
                        QUIET_SERVER, Verdict.IDLE, "jupyter", "lifecycle configuration 'auto-stop' attached"),
                Arguments.of("no lifecycle config noted", nb, QUIET_SERVER, Verdict.IDLE, "jupyter",
                        "no lifecycle configuration attached"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notebookCases")
    void evaluate_whenNotebook_givesVerdictSignalAndReason(String name, Resource r, Evidence e, Verdict verdict,
                                                           String signal, String reason) {
        Evaluation result = Evaluator.evaluate(r, e, POLICY, NOW);

        assertThat(result.verdict()).isEqualTo(verdict);
        assertThat(result.signal()).isEqualTo(signal);
        assertThat(result.reasons()).anySatisfy(text -> assertThat(text).contains(reason));
    }

    @Test
    void evaluate_whenConnectionsIgnored_judgesAConnectedKernelByItsActivity() {
        Policy ignoring = withSignals(new Policy.NotebookSignals(true, true, true, null));
        Evidence connected = jupyter(server(List.of(kernel("idle", Duration.ofDays(2), 3))));

        Evaluation result = Evaluator.evaluate(notebook("InService", Duration.ofDays(3), null), connected, ignoring, NOW);

        assertThat(result.verdict()).isEqualTo(Verdict.IDLE);
        assertThat(result.reasons().get(0)).contains("open connections ignored");
    }

    @Test
    void evaluate_whenMachineSignalRequired_leavesAServerOnlyIdleUnknown() {
        Policy strict = withSignals(new Policy.NotebookSignals(true, false, true, null, true, true));
        Resource nb = notebook("InService", Duration.ofDays(3), null);

        Evaluation quiet = Evaluator.evaluate(nb, QUIET_SERVER, strict, NOW);
        Evaluation byHeartbeat = Evaluator.evaluate(nb, beat(0, 288), strict, NOW);

        assertThat(quiet.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(quiet.reasons()).anySatisfy(r -> assertThat(r)
                .contains("notebooks.require-machine-signal is true: background processes cannot be seen"));
        assertThat(byHeartbeat.verdict()).isEqualTo(Verdict.IDLE);
    }

    @Test
    void evaluate_whenTeamMetricBacksAQuietServer_givesNoOutsideCaveat() {
        Policy strict = withSignals(new Policy.NotebookSignals(true, false, true, GPU, true, true));
        Evidence e = new Evidence.Notebook(server(List.of()), NO_LINE, new NotebookFacts.Metric.Value(1));

        Evaluation result = Evaluator.evaluate(notebook("InService", Duration.ofDays(3), null), e, strict, NOW);

        assertThat(result.verdict()).isEqualTo(Verdict.IDLE);
        assertThat(result.reasons()).noneSatisfy(r -> assertThat(r).contains("cannot be seen from outside"));
    }

    @Test
    void evaluate_whenSweeperCheckerPublishesNoHeartbeat_coverageSaysSo() {
        Resource nb = notebook("InService", Duration.ofDays(3), "sweeper-autostop-60m")
                .withAutostop(new AutostopCoverage(AutostopCoverage.State.SWEEPER, Duration.ofHours(1), false,
                        "the sweeper's idle checker, 1h"));
        Evidence silent = new Evidence.Notebook(server(List.of()), NO_LINE, NO_METRIC, new NotebookFacts.Heartbeat.NoData());
        Evidence beating = beat(0, 288);

        assertThat(Evaluator.evaluate(nb, silent, POLICY, NOW).reasons()).anySatisfy(r -> assertThat(r)
                .endsWith("stops itself when idle: the sweeper's idle checker, 1h; no heartbeat"));
        assertThat(Evaluator.evaluate(nb, beating, POLICY, NOW).reasons()).noneSatisfy(r -> assertThat(r)
                .contains("no heartbeat"));
    }

    static Policy withSignals(Policy.NotebookSignals signals) {
        return Policy.defaults().withWindow(DAY).withNotebookSignals(signals).withProtection("k", "v", List.of());
    }

    static final Policy.MetricRule GPU = new Policy.MetricRule("Team/Notebooks", "GPUUtilization",
            "NotebookInstanceName", "Maximum", 5);

    static Stream<Arguments> metricCases() {
        return Stream.of(
                Arguments.of("metric at the threshold is activity", UNREACHABLE, new NotebookFacts.Metric.Value(5),
                        Verdict.ACTIVE, "metric", "metric Team/Notebooks/GPUUtilization (Maximum) reached 5"),
                Arguments.of("metric below the threshold, no server: idle by the metric", UNREACHABLE,
                        new NotebookFacts.Metric.Value(4.9), Verdict.IDLE, "metric", "at most 4.9 in the last 24h, "
                                + "below the threshold 5"),
                Arguments.of("metric above the threshold beats a quiet server", server(List.of()),
                        new NotebookFacts.Metric.Value(50), Verdict.ACTIVE, "metric", "reached 50"),
                Arguments.of("quiet server and low metric: idle by jupyter", server(List.of()),
                        new NotebookFacts.Metric.Value(1), Verdict.IDLE, "jupyter", "no kernel busy"),
                Arguments.of("metric without data proves nothing", UNREACHABLE, new NotebookFacts.Metric.NoData(),
                        Verdict.UNKNOWN, null, "no datapoints in the window"),
                Arguments.of("quiet server, but the metric failed: never idle", server(List.of()),
                        new NotebookFacts.Metric.Failed("GetMetricData failed"), Verdict.UNKNOWN, null,
                        "was not read: metric Team/Notebooks/GPUUtilization (Maximum): could not read"),
                Arguments.of("metric failed", UNREACHABLE, new NotebookFacts.Metric.Failed("GetMetricData failed"),
                        Verdict.UNKNOWN, null, "could not read: GetMetricData failed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("metricCases")
    void evaluate_whenTeamMetricConfigured_usesItAfterJupyter(String name, NotebookFacts.Jupyter j,
                                                             NotebookFacts.Metric m, Verdict verdict, String signal,
                                                             String reason) {
        Policy policy = withSignals(new Policy.NotebookSignals(true, false, true, GPU));

        Evaluation result = Evaluator.evaluate(notebook("InService", Duration.ofDays(3), null), signals(j, NO_LINE, m),
                policy, NOW);

        assertThat(result.verdict()).isEqualTo(verdict);
        assertThat(result.signal()).isEqualTo(signal);
        assertThat(result.reasons()).anySatisfy(text -> assertThat(text).contains(reason));
    }

    @Test
    void evaluate_whenNotebookRestartedRecently_measuresUptimeFromLastStart() {
        // Created 60 days ago, started an hour ago: too young, whatever its creation date.
        Evaluation result = Evaluator.evaluate(notebook("InService", Duration.ofHours(1), null), QUIET_SERVER, POLICY,
                NOW);

        assertThat(result.verdict()).isEqualTo(Verdict.TOO_YOUNG);
    }

    // ---- apps --------------------------------------------------------------------------------

    static Stream<Arguments> appCases() {
        Policy week = POLICY.withMaxAge(Kind.APP, Duration.ofDays(7));
        return Stream.of(
                Arguments.of("system app is free", app("system", "InService", Duration.ofDays(40), null), POLICY,
                        Verdict.EXEMPT, "system instance: free"),
                Arguments.of("no age rule: unknown with its age", app("ml.t3.medium", "InService",
                        Duration.ofDays(12), false), POLICY, Verdict.UNKNOWN, "InService for 12d"),
                Arguments.of("no age rule: says idle shutdown is off", app("ml.t3.medium", "InService",
                        Duration.ofDays(12), false), POLICY, Verdict.UNKNOWN, "Studio idle shutdown is off"),
                Arguments.of("age rule met", app("ml.g5.xlarge", "InService", Duration.ofDays(8), true), week,
                        Verdict.IDLE, "an age rule, not observed idleness"),
                Arguments.of("age exactly max age", app("ml.g5.xlarge", "InService", Duration.ofDays(7), true), week,
                        Verdict.IDLE, "longer than the max age 7d"),
                Arguments.of("younger than max age", app("ml.g5.xlarge", "InService", Duration.ofDays(6), true),
                        week, Verdict.UNKNOWN, "(max age 7d)"),
                Arguments.of("idle shutdown on is reported", app("ml.g5.xlarge", "InService", Duration.ofDays(6),
                        true), week, Verdict.UNKNOWN, "Studio idle shutdown is on (domain research)"),
                Arguments.of("idle shutdown on, SageMaker Distribution 1.x", app("ml.g5.xlarge", "InService",
                        Duration.ofDays(6), true, StudioIdleShutdown.image(SMD, "1.9.1")), week, Verdict.UNKNOWN,
                        "Studio idle shutdown: settings on, image cannot honour it (domain research); image "
                                + "sagemaker-distribution-cpu 1.9.1: idle shutdown needs 2.0 or newer"),
                Arguments.of("idle shutdown on, custom image", app("ml.g5.xlarge", "InService",
                        Duration.ofDays(6), true, StudioIdleShutdown.image(
                                "arn:aws:sagemaker:us-east-1:123456789012:image/team-lab", null)), week,
                        Verdict.UNKNOWN, "Studio idle shutdown: settings on, image unverified (domain research); "
                                + "image custom image team-lab"),
                Arguments.of("idle shutdown on, image version not given", app("ml.g5.xlarge", "InService",
                        Duration.ofDays(6), true, StudioIdleShutdown.image(SMD, null)), week, Verdict.UNKNOWN,
                        "settings on, image unverified"),
                Arguments.of("deleted app", app("ml.g5.xlarge", "Deleted", Duration.ofDays(8), true), week,
                        Verdict.EXEMPT, "status Deleted"),
                Arguments.of("shutdown unknown", app("ml.g5.xlarge", "InService", Duration.ofDays(1), null), POLICY,
                        Verdict.UNKNOWN, "Studio idle shutdown: unknown"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("appCases")
    void evaluate_whenApp_givesVerdictAndReason(String name, Resource r, Policy policy, Verdict verdict,
                                                String reason) {
        Evaluation result = Evaluator.evaluate(r, Evidence.notGathered(), policy, NOW);

        assertThat(result.verdict()).isEqualTo(verdict);
        assertThat(result.reasons()).anySatisfy(text -> assertThat(text).contains(reason));
    }

    // ---- Canvas apps --------------------------------------------------------------------------

    static Resource canvas(String instanceType, String status, Duration age) {
        Instant created = NOW.minus(age);
        return new Resource("default", "us-east-1", null, status, instanceType, 1, created, created, new Resource.AppShape("d-1", "Canvas", "alice", null, null, null, null), null);
    }

    /** The newest TimeSinceLastActive datapoint: a 5-minute period starting {@code ago} before now. */
    static Evidence.CanvasActivity sinceActive(Duration ago, Duration value) {
        return new Evidence.CanvasActivity(NOW.minus(ago), value.getSeconds(), 300);
    }

    static Stream<Arguments> canvasCases() {
        Resource old = canvas("ml.t3.medium", "InService", Duration.ofDays(3));
        return Stream.of(
                // Newest datapoint 3 minutes old: last active at most 2 days before now, before the 24h window.
                Arguments.of("idle: recent data, last activity before the window", old,
                        sinceActive(Duration.ofMinutes(3), Duration.ofDays(2)), Verdict.IDLE,
                        "user last active 2d ago, before the 24h window"),
                Arguments.of("active: activity inside the window", old,
                        sinceActive(Duration.ofMinutes(3), Duration.ofHours(5)), Verdict.ACTIVE,
                        "inside the 24h window"),
                // Last activity at most 24h - 1s ago: inside the window by a second.
                Arguments.of("active: the window's edge counts as inside", old,
                        new Evidence.CanvasActivity(NOW.minusSeconds(300), DAY.getSeconds(), 300), Verdict.ACTIVE,
                        "inside the 24h window"),
                Arguments.of("no datapoints: unknown", old,
                        new Evidence.NoSignal("no TimeSinceLastActive datapoints in the window", null), Verdict.UNKNOWN,
                        "no TimeSinceLastActive datapoints in the window"),
                Arguments.of("stale data: unknown, even if it showed idleness then", old,
                        sinceActive(Duration.ofHours(2), Duration.ofDays(2)), Verdict.UNKNOWN,
                        "no longer tells whether the user is active"),
                Arguments.of("failed query: unknown with the error", old,
                        new Evidence.Failed("GetMetricData: Throttling"), Verdict.UNKNOWN,
                        "could not read TimeSinceLastActive: GetMetricData: Throttling"),
                Arguments.of("nonsense value: unknown", old,
                        sinceActive(Duration.ofMinutes(3), Duration.ofDays(-2)), Verdict.UNKNOWN, "is not a duration"),
                Arguments.of("never a free system app", canvas("system", "InService", Duration.ofDays(3)),
                        sinceActive(Duration.ofMinutes(3), Duration.ofDays(2)), Verdict.IDLE, "before the 24h window"),
                Arguments.of("younger than the window", canvas("ml.t3.medium", "InService", Duration.ofHours(3)),
                        Evidence.notGathered(), Verdict.TOO_YOUNG, "too young to judge"),
                Arguments.of("deleted: exempt", canvas("ml.t3.medium", "Deleted", Duration.ofDays(3)),
                        Evidence.notGathered(), Verdict.EXEMPT, "status Deleted"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("canvasCases")
    void evaluate_whenCanvasApp_judgesByTimeSinceLastActive(String name, Resource r, Evidence evidence,
                                                            Verdict verdict, String reason) {
        Evaluation result = Evaluator.evaluate(r, evidence, POLICY, NOW);

        assertThat(result.verdict()).isEqualTo(verdict);
        assertThat(result.reasons()).anySatisfy(text -> assertThat(text).contains(reason));
    }

    @Test
    void evaluate_whenCanvasAppOlderThanMaxAge_isStillJudgedByItsMetric() {
        Evaluation result = Evaluator.evaluate(canvas("ml.t3.medium", "InService", Duration.ofDays(30)),
                sinceActive(Duration.ofMinutes(3), Duration.ofHours(1)), POLICY.withMaxAge(Kind.APP, Duration.ofDays(7)), NOW);

        assertThat(result.verdict()).isEqualTo(Verdict.ACTIVE);
    }

    // ---- Studio spaces ------------------------------------------------------------------------

    static Resource space(String status, Integer gb) {
        Instant created = NOW.minus(Duration.ofDays(90));
        return new Resource("archive", "us-east-1", null, status, null, null, created, created, new Resource.SpaceShape("d-1", "bob", "Private", "JupyterLab", gb), null);
    }

    @ParameterizedTest
    @MethodSource("spaces")
    void evaluate_whenSpace_isExemptWithItsStorageSaid(Resource space, List<String> reasons) {
        // Whatever the max age or window: a space has no compute to judge.
        Evaluation e = Evaluator.evaluate(space, Evidence.notGathered(),
                POLICY.withMaxAge(Kind.APP, Duration.ofHours(1)).withWindow(Duration.ofHours(1)), NOW);

        assertThat(e.verdict()).isEqualTo(Verdict.EXEMPT);
        assertThat(e.reasons()).isEqualTo(reasons);
    }

    static Stream<Arguments> spaces() {
        return Stream.of(
                Arguments.of(space("InService", 50), List.of(
                        "storage only (a space has no compute of its own; its 50 GB EBS volume stays and is billed)")),
                Arguments.of(space("InService", null), List.of(
                        "storage only (a space has no compute of its own; its EBS volume stays and is billed)")),
                Arguments.of(space("Deleting", 50), List.of("status Deleting: being deleted, with its EBS volume")),
                Arguments.of(space("Update_Failed", 5), List.of(
                        "storage only (a space has no compute of its own; its 5 GB EBS volume stays and is billed)",
                        "status Update_Failed")));
    }

    @Test
    void window_whenSpace_isNone() {
        assertThat(POLICY.window(Kind.SPACE)).isNull();
    }

    // ---- HyperPod clusters --------------------------------------------------------------------

    static Resource cluster(String status, Duration age) {
        Instant created = NOW.minus(age);
        return new Resource("llm", "us-east-1", null, status, null, 5, created, created, new Resource.ClusterShape(List.of(new Resource.InstanceGroup("w", "ml.g5.8xlarge", 5, 5, Map.of(), false, null))), null);
    }

    static Stream<Arguments> hyperpodCases() {
        Policy month = POLICY.withMaxAge(Kind.HYPERPOD, Duration.ofDays(30));
        return Stream.of(
                Arguments.of("no age rule: unknown", cluster("InService", Duration.ofDays(40)), POLICY, Verdict.UNKNOWN,
                        "no activity signal for HyperPod clusters"),
                Arguments.of("age rule met: idle, said to be an age rule", cluster("InService", Duration.ofDays(40)),
                        month, Verdict.IDLE, "an age rule, not observed idleness"),
                Arguments.of("younger than the max age", cluster("InService", Duration.ofDays(20)), month,
                        Verdict.UNKNOWN, "(max age 30d)"),
                Arguments.of("not InService: never idle by age", cluster("Updating", Duration.ofDays(40)), month,
                        Verdict.UNKNOWN, "status Updating"),
                Arguments.of("being deleted", cluster("Deleting", Duration.ofDays(40)), month, Verdict.EXEMPT,
                        "being deleted"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hyperpodCases")
    void evaluate_whenHyperPodCluster_isUnknownUnlessAnAgeRule(String name, Resource r, Policy policy, Verdict verdict,
                                                              String reason) {
        Evaluation result = Evaluator.evaluate(r, Evidence.notGathered(), policy, NOW);

        assertThat(result.verdict()).isEqualTo(verdict);
        assertThat(result.reasons()).anySatisfy(text -> assertThat(text).contains(reason));
    }

    // ---- protection --------------------------------------------------------------------------

    @Test
    void protection_whenTagged_isProtected() {
        Protection p = Evaluator.protection(endpoint(DAY), Map.of("sweeper:protect", "true"), POLICY);

        assertThat(p.isProtected()).isTrue();
        assertThat(p.reason()).isEqualTo("tagged sweeper:protect=true");
        assertThat(p.blocksAction()).isTrue();
    }

    @Test
    void protection_whenTagHasOtherValue_isNotProtected() {
        Protection p = Evaluator.protection(endpoint(DAY), Map.of("sweeper:protect", "false"), POLICY);

        assertThat(p.isProtected()).isFalse();
        assertThat(p.blocksAction()).isFalse();
    }

    @Test
    void protection_whenTagsNotRead_isUndecidedAndBlocks() {
        Protection p = Evaluator.protection(endpoint(DAY), null, POLICY);

        assertThat(p.isProtected()).isNull();
        assertThat(p.blocksAction()).isTrue();
    }

    @Test
    void protection_whenNameMatchesPattern_isProtectedWithoutTags() {
        Policy policy = Policy.defaults().withWindow(DAY).withProtection("sweeper:protect", "true", List.of(Pattern.compile("^e")));

        Protection p = Evaluator.protection(endpoint(DAY), null, policy);

        assertThat(p.isProtected()).isTrue();
        assertThat(p.reason()).contains("'^e'");
    }

    @Test
    void protection_whenCustomTagConfigured_readsThatTag() {
        Policy policy = Policy.defaults().withWindow(DAY).withProtection("keep", "yes", List.of());

        assertThat(Evaluator.protection(endpoint(DAY), Map.of("keep", "YES"), policy).isProtected()).isTrue();
        assertThat(Evaluator.protection(endpoint(DAY), Map.of("sweeper:protect", "true"), policy).isProtected())
                .isFalse();
    }

    static Resource mlflow(String status, Duration sinceStart) {
        return new Resource("tracking", "us-east-1", "arn:aws:sagemaker:us-east-1:123456789012:mlflow-tracking-server/tracking",
                status, "Small", 1, NOW.minus(Duration.ofDays(30)), NOW.minus(sinceStart), new Resource.MlflowShape(), Resource.accountOf("arn:aws:sagemaker:us-east-1:123456789012:mlflow-tracking-server/tracking"));
    }

    @Test
    void evaluate_whenMlflowServerRuns_isUnknownAndSaysSinceWhen() {
        Evaluation e = Evaluator.evaluate(mlflow("Started", Duration.ofHours(5)), Evidence.notGathered(), POLICY, NOW);

        assertThat(e.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(e.reasons().get(0)).startsWith("running (Started) since 5h ago").contains("no activity signal");
    }

    @Test
    void evaluate_whenMlflowServerStopped_isExempt() {
        Evaluation e = Evaluator.evaluate(mlflow("Stopped", Duration.ofDays(2)), Evidence.notGathered(), POLICY, NOW);

        assertThat(e.verdict()).isEqualTo(Verdict.EXEMPT);
    }

    @Test
    void evaluate_whenMlflowServerRunsLongerThanItsMaxAge_isIdleByAnAgeRule() {
        Policy policy = POLICY.withMaxAge(Kind.MLFLOW, Duration.ofHours(12));

        Evaluation e = Evaluator.evaluate(mlflow("Started", Duration.ofHours(13)), Evidence.notGathered(), policy, NOW);

        assertThat(e.verdict()).isEqualTo(Verdict.IDLE);
        assertThat(e.reasons().get(0)).contains("for 13h since its last start or change", "max age 12h (mlflow.max-age)",
                "an age rule, not observed idleness");
    }

    @Test
    void evaluate_whenMlflowServerRunsExactlyItsMaxAge_isIdle() {
        Policy policy = POLICY.withMaxAge(Kind.MLFLOW, Duration.ofHours(12));

        assertThat(Evaluator.evaluate(mlflow("Updated", Duration.ofHours(12)), Evidence.notGathered(), policy, NOW)
                .verdict()).isEqualTo(Verdict.IDLE);
    }

    @Test
    void evaluate_whenMlflowServerRunsLessThanItsMaxAge_isUnknownAndNamesTheRule() {
        Policy policy = POLICY.withMaxAge(Kind.MLFLOW, Duration.ofHours(12));

        Evaluation e = Evaluator.evaluate(mlflow("Started", Duration.ofHours(11)), Evidence.notGathered(), policy, NOW);

        assertThat(e.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(e.reasons().get(0)).contains("(max age 12h)");
    }

    @Test
    void evaluate_whenMlflowServerIsStoppedOrChangingState_theAgeRuleDoesNotApply() {
        Policy policy = POLICY.withMaxAge(Kind.MLFLOW, Duration.ofHours(1));

        assertThat(Evaluator.evaluate(mlflow("Stopped", Duration.ofDays(2)), Evidence.notGathered(), policy, NOW)
                .verdict()).isEqualTo(Verdict.EXEMPT);
        assertThat(Evaluator.evaluate(mlflow("Stopping", Duration.ofDays(2)), Evidence.notGathered(), policy, NOW)
                .verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void evaluate_whenMlflowServerStartTimeIsUnknown_isUnknownEvenUnderAnAgeRule() {
        Resource r = new Resource("tracking", "us-east-1", null, "Started", "Small", 1, null, null, new Resource.MlflowShape(), null);

        Evaluation e = Evaluator.evaluate(r, Evidence.notGathered(), POLICY.withMaxAge(Kind.MLFLOW, Duration.ofHours(1)), NOW);

        assertThat(e.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(e.reasons().get(0)).contains("unknown time");
    }
}
