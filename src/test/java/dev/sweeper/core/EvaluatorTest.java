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
                ? List.of(new Variant("AllTraffic", null, 0, true))
                : List.of(new Variant("AllTraffic", "ml.m5.xlarge", 2, false));
        Resource.EndpointShape shape = described ? new Resource.EndpointShape("cfg", variants, async, true) : null;
        Instant created = NOW.minus(age);
        return new Resource(Kind.ENDPOINT, "ep", "us-east-1", "arn:ep", status, "ml.m5.xlarge", 2, created, created,
                shape, null, null);
    }

    static Resource endpoint(Duration age, List<Variant> variants, boolean async) {
        Instant created = NOW.minus(age);
        return new Resource(Kind.ENDPOINT, "ep", "us-east-1", "arn:ep", "InService", null, 0, created, created,
                new Resource.EndpointShape("cfg", variants, async, true), null, null);
    }

    static Resource endpoint(Duration age) {
        return endpoint("InService", age, true, false, false);
    }

    static Resource notebook(String status, Duration uptime, String lifecycle) {
        return new Resource(Kind.NOTEBOOK, "nb", "us-east-1", "arn:nb", status, "ml.t3.medium", 1,
                NOW.minus(Duration.ofDays(60)), NOW.minus(uptime), null, new Resource.NotebookShape(lifecycle), null);
    }

    static Resource app(String type, String status, Duration age, Boolean shutdown) {
        Instant created = NOW.minus(age);
        return new Resource(Kind.APP, "default", "us-east-1", null, status, type, 1, created, created, null, null,
                new Resource.AppShape("d-1", "JupyterLab", null, "shared", shutdown, "domain research"));
    }

    static Evidence invocations(double n) {
        return new Evidence.Observed(Map.of(Evaluator.INVOCATIONS, n), null);
    }

    static Evidence cpu(double max) {
        return new Evidence.Observed(Map.of(Evaluator.CPU, max), null);
    }

    static Evidence async(double processed, double backlog) {
        return new Evidence.Observed(Map.of(Evaluator.ASYNC_PROCESSED, processed, Evaluator.ASYNC_BACKLOG, backlog), null);
    }

    static final Evidence FAILED = new Evidence.Failed("GetMetricData failed: InternalFailure");
    static final Evidence NO_SIGNAL = new Evidence.NoSignal("no CPUUtilization metric", "publish it with the agent");

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
                Arguments.of("serverless costs nothing idle", endpoint("InService", Duration.ofDays(8), true, false,
                        true), invocations(0), Verdict.EXEMPT, "serverless"),
                Arguments.of("updating still bills: judged, not acted on", endpoint("Updating", Duration.ofDays(8),
                        true, false, false), invocations(0), Verdict.IDLE, "only InService endpoints are acted on"),
                Arguments.of("rolling back and busy", endpoint("RollingBack", Duration.ofDays(8), true, false,
                        false), invocations(5), Verdict.ACTIVE, "status RollingBack: still runs"),
                Arguments.of("not in service", endpoint("OutOfService", Duration.ofDays(8), true, false, false),
                        invocations(0), Verdict.EXEMPT, "status OutOfService"),
                Arguments.of("async scaled to zero costs nothing", endpoint(Duration.ofDays(8), List.of(
                        new Variant("AllTraffic", "ml.g5.xlarge", 0, false)), true), async(0, 0), Verdict.EXEMPT,
                        "scaled to zero"),
                Arguments.of("serverless with provisioned concurrency is judged", endpoint(Duration.ofDays(8),
                        List.of(new Variant("AllTraffic", null, 0, true, false, 2)), false), invocations(0),
                        Verdict.IDLE, "0 invocations"),
                Arguments.of("a busy shadow variant counts", endpoint(Duration.ofDays(8), List.of(
                        new Variant("Live", "ml.m5.large", 1, false), new Variant("Shadow", "ml.m5.large", 1, false,
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
                        false), FAILED, Verdict.UNKNOWN, "could not read"));
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

    // ---- notebooks ---------------------------------------------------------------------------

    static Stream<Arguments> notebookCases() {
        return Stream.of(
                Arguments.of("cpu below threshold", notebook("InService", Duration.ofDays(3), null), cpu(4.99),
                        Verdict.IDLE, "CPU at most 5.0% in the last 24h, below 5.0%"),
                Arguments.of("cpu exactly at threshold is active", notebook("InService", Duration.ofDays(3), null),
                        cpu(5.0), Verdict.ACTIVE, "CPU reached 5.0%"),
                Arguments.of("cpu above threshold", notebook("InService", Duration.ofDays(3), null), cpu(80),
                        Verdict.ACTIVE, "CPU reached 80.0%"),
                Arguments.of("uptime exactly the window", notebook("InService", DAY, null), cpu(0),
                        Verdict.IDLE, "below"),
                Arguments.of("uptime a second short", notebook("InService", DAY.minusSeconds(1), null), cpu(0),
                        Verdict.TOO_YOUNG, "since its last start"),
                Arguments.of("no metric at all", notebook("InService", Duration.ofDays(3), null), NO_SIGNAL,
                        Verdict.UNKNOWN, "no activity signal"),
                Arguments.of("metric query failed", notebook("InService", Duration.ofDays(3), null), FAILED,
                        Verdict.UNKNOWN, "could not read CPU"),
                Arguments.of("stopped", notebook("Stopped", Duration.ofDays(3), null), Evidence.notGathered(),
                        Verdict.EXEMPT, "stopped"),
                Arguments.of("pending", notebook("Pending", Duration.ofDays(3), null), Evidence.notGathered(),
                        Verdict.EXEMPT, "status Pending"),
                Arguments.of("lifecycle config noted", notebook("InService", Duration.ofDays(3), "auto-stop"),
                        cpu(1), Verdict.IDLE, "lifecycle configuration 'auto-stop' attached"),
                Arguments.of("no lifecycle config noted", notebook("InService", Duration.ofDays(3), null), cpu(1),
                        Verdict.IDLE, "no lifecycle configuration attached"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notebookCases")
    void evaluate_whenNotebook_givesVerdictAndReason(String name, Resource r, Evidence e, Verdict verdict,
                                                     String reason) {
        Evaluation result = Evaluator.evaluate(r, e, POLICY, NOW);

        assertThat(result.verdict()).isEqualTo(verdict);
        assertThat(result.reasons()).anySatisfy(text -> assertThat(text).contains(reason));
    }

    @Test
    void evaluate_whenNoSignal_saysHowToGetOne() {
        Evaluation result = Evaluator.evaluate(notebook("InService", Duration.ofDays(3), null), NO_SIGNAL, POLICY, NOW);

        assertThat(result.reasons()).contains("publish it with the agent");
    }

    @Test
    void evaluate_whenNotebookRestartedRecently_measuresUptimeFromLastStart() {
        // Created 60 days ago, started an hour ago: too young, whatever its creation date.
        Evaluation result = Evaluator.evaluate(notebook("InService", Duration.ofHours(1), null), cpu(0), POLICY, NOW);

        assertThat(result.verdict()).isEqualTo(Verdict.TOO_YOUNG);
    }

    @Test
    void evaluate_whenThresholdConfigured_usesIt() {
        Policy strict = new Policy(DAY, DAY, 20, null, "k", "v", List.of());

        assertThat(Evaluator.evaluate(notebook("InService", Duration.ofDays(3), null), cpu(15), strict, NOW).verdict())
                .isEqualTo(Verdict.IDLE);
    }

    // ---- apps --------------------------------------------------------------------------------

    static Stream<Arguments> appCases() {
        Policy week = POLICY.withAppMaxAge(Duration.ofDays(7));
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
        Policy policy = new Policy(DAY, DAY, 5, null, "sweeper:protect", "true", List.of(Pattern.compile("^e")));

        Protection p = Evaluator.protection(endpoint(DAY), null, policy);

        assertThat(p.isProtected()).isTrue();
        assertThat(p.reason()).contains("'^e'");
    }

    @Test
    void protection_whenCustomTagConfigured_readsThatTag() {
        Policy policy = new Policy(DAY, DAY, 5, null, "keep", "yes", List.of());

        assertThat(Evaluator.protection(endpoint(DAY), Map.of("keep", "YES"), policy).isProtected()).isTrue();
        assertThat(Evaluator.protection(endpoint(DAY), Map.of("sweeper:protect", "true"), policy).isProtected())
                .isFalse();
    }
}
