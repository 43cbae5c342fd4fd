package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Mark now, act later, end to end: two idle endpoints are marked; one of them is used during the
 * grace period (an invocation put into the sandbox's CloudWatch) and survives, losing its mark;
 * the other, still idle after the grace period, is deleted. The sweeper's clock is injected: the
 * first run stands 30 hours in the past, the second at the present (the sandbox's metrics exist
 * only up to its own present).
 */
class MarkThenActIT {
    static final ObjectMapper JSON = new ObjectMapper();

    static final String FLEET = """
            region: us-east-1
            account: "123456789012"
            topics: [sweeper-alerts]
            endpoints:
              - name: quiet-a
                age: 10d
                variants:
                  - {name: AllTraffic, instanceType: ml.m5.large, metrics: {Invocations: {hourly: 0, for: 10d}}}
              - name: quiet-b
                age: 10d
                variants:
                  - {name: AllTraffic, instanceType: ml.m5.large, metrics: {Invocations: {hourly: 0, for: 10d}}}
            """;

    Sandbox sandbox;
    Instant present;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(Sandbox.fleetOptions(FLEET).withTransitionDelay(Duration.ofMillis(200)));
        present = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    @AfterEach
    void close() {
        sandbox.close();
    }

    Cli.Run at(Instant t, String... args) {
        Environment env = new Environment(Map.of("XDG_STATE_HOME", Cli.STATE_DIR.toString()), false, false,
                Clock.fixed(t, ZoneOffset.UTC), Duration.ofMillis(50));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--endpoint-url", sandbox.url(), "--region", "us-east-1", "--output", "json"));
        return Cli.run(env, all.toArray(String[]::new));
    }

    static Map<String, JsonNode> byName(Cli.Run run) throws IOException {
        Map<String, JsonNode> out = new HashMap<>();
        JSON.readTree(run.out()).path("resources").forEach(r -> out.put(r.path("name").asText(), r));
        return out;
    }

    JsonNode endpoint(String name) {
        for (JsonNode n : sandbox.state().path("endpoints")) {
            if (n.path("name").asText().equals(name)) {
                return n;
            }
        }
        return null;
    }

    String mark(String name) {
        JsonNode e = endpoint(name);
        JsonNode v = e == null ? null : e.path("tags").path("sweeper:idle-since");
        return v == null || v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    /** An invocation, as SageMaker publishes it to CloudWatch (AWS/ namespaces are closed to PutMetricData). */
    void invoke(String endpoint, Instant when) {
        sandbox.metric("{\"region\": \"us-east-1\", \"namespace\": \"AWS/SageMaker\", \"name\": \"Invocations\", "
                + "\"dimensions\": {\"EndpointName\": \"" + endpoint + "\", \"VariantName\": \"AllTraffic\"}, "
                + "\"timestamp\": \"" + when + "\", \"value\": 3}");
    }

    @Test
    void markThenAct_whenOneIsUsedDuringTheGracePeriod_itSurvivesAndTheOtherIsDeleted() throws IOException {
        Instant earlier = present.minus(Duration.ofHours(30));

        // Run 1 (30 hours ago): both idle; a dry run plans the marks and says what happens when.
        Cli.Run dry = at(earlier, "endpoints", "idle", "--mark");
        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        JsonNode planned = byName(dry).get("quiet-a").path("action");
        assertThat(planned.path("type").asText()).isEqualTo("mark");
        assertThat(planned.path("outcome").asText()).isEqualTo("planned");
        assertThat(planned.path("detail").asText()).contains("from " + earlier.plus(Duration.ofHours(24)));
        assertThat(mark("quiet-a")).isNull();

        Cli.Run marked = at(earlier, "endpoints", "idle", "--mark", "--apply", "--notify", "--topic-arn",
                "arn:aws:sns:us-east-1:123456789012:sweeper-alerts");
        assertThat(marked.exitCode()).as(marked.toString()).isZero();
        assertThat(mark("quiet-a")).isEqualTo(earlier.toString());
        assertThat(mark("quiet-b")).isEqualTo(earlier.toString());
        assertThat(sandbox.state().toString()).contains("next: tagged sweeper:idle-since=" + earlier);

        // A mark is kept where one is: the grace period counts from the first sighting.
        Cli.Run again = at(earlier.plus(Duration.ofHours(1)), "endpoints", "idle", "--mark", "--apply");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(mark("quiet-a")).isEqualTo(earlier.toString());
        assertThat(byName(again).get("quiet-a").path("action").path("detail").asText())
                .contains("idle since " + earlier).contains("from " + earlier.plus(Duration.ofHours(24)));

        // quiet-b is used during the grace period.
        invoke("quiet-b", present.minus(Duration.ofHours(2)));

        // Run 2 (now, 30 hours on): quiet-a, marked longer than the grace period and still idle, goes;
        // quiet-b is ACTIVE: it stays, and loses its mark.
        Cli.Run act = at(present, "endpoints", "idle", "--mark", "--delete", "--apply", "--grace", "24h",
                "--name-contains", "quiet-");
        assertThat(act.exitCode()).as(act.toString()).isZero();
        Map<String, JsonNode> r = byName(act);
        assertThat(r.get("quiet-a").path("action").path("type").asText()).isEqualTo("delete");
        assertThat(r.get("quiet-a").path("action").path("outcome").asText()).isEqualTo("done");
        assertThat(r.get("quiet-b").path("verdict").asText()).isEqualTo("ACTIVE");
        assertThat(r.get("quiet-b").path("action").path("type").asText()).isEqualTo("unmark");
        assertThat(sandbox.endpointStatus("quiet-a")).isIn("Deleting", null, "Deleted");
        assertThat(sandbox.endpointStatus("quiet-b")).isEqualTo("InService");
        assertThat(mark("quiet-b")).isNull();
        assertThat(sandbox.calls("SageMaker.DeleteEndpoint")).isEqualTo(1);
    }

    @Test
    void markThenAct_whenTheGracePeriodIsNotOver_actsOnNothing() throws IOException {
        Instant earlier = present.minus(Duration.ofHours(30));
        assertThat(at(earlier, "endpoints", "idle", "--mark", "--apply").exitCode()).isZero();

        Cli.Run act = at(present, "endpoints", "idle", "--delete", "--apply", "--grace", "2d", "--name-contains",
                "quiet-");

        assertThat(act.exitCode()).as(act.toString()).isZero();
        assertThat(byName(act).get("quiet-a").path("action").path("outcome").asText()).isEqualTo("skipped");
        assertThat(sandbox.calls("SageMaker.DeleteEndpoint")).isZero();
    }

    @Test
    void stopNotebooksMark_marksNowAndStopsOnlyAfterTheGracePeriod() throws IOException {
        try (Sandbox sample = Sandbox.sampleFleet()) {
            Sandbox own = sandbox;
            sandbox = sample;
            try {
                Cli.Run marked = at(present, "stop-notebooks", "--idle-only", "--name-contains", "dev-alice", "--mark",
                        "--apply");
                assertThat(marked.exitCode()).as(marked.toString()).isZero();
                assertThat(byName(marked).get("dev-alice").path("action").path("type").asText()).isEqualTo("mark");
                assertThat(sample.notebookStatus("dev-alice")).isEqualTo("InService");
                assertThat(sample.calls("SageMaker.StopNotebookInstance")).isZero();

                Cli.Run early = at(present.plus(Duration.ofHours(23)), "stop-notebooks", "--idle-only", "--name-contains",
                        "dev-alice", "--mark", "--apply");
                assertThat(early.exitCode()).as(early.toString()).isZero();
                assertThat(sample.calls("SageMaker.StopNotebookInstance")).isZero();

                Cli.Run late = at(present.plus(Duration.ofHours(25)), "stop-notebooks", "--idle-only", "--name-contains",
                        "dev-alice", "--mark", "--apply");
                assertThat(late.exitCode()).as(late.toString()).isZero();
                assertThat(byName(late).get("dev-alice").path("action").path("type").asText()).isEqualTo("stop");
                assertThat(sample.calls("SageMaker.StopNotebookInstance")).isEqualTo(1);
            } finally {
                sandbox = own;
            }
        }
    }

    @Test
    void appsIdleMark_marksOldAppsNowAndDeletesOnlyAfterTheGracePeriod() throws IOException {
        try (Sandbox sample = Sandbox.sampleFleet()) {
            Sandbox own = sandbox;
            sandbox = sample;
            try {
                Cli.Run marked = at(present, "apps", "idle", "--max-age", "10d", "--name-contains", "datascience-1",
                        "--mark", "--apply");
                assertThat(marked.exitCode()).as(marked.toString()).isZero();
                assertThat(byName(marked).get("datascience-1").path("action").path("type").asText()).isEqualTo("mark");
                assertThat(appTag("datascience-1")).isEqualTo(present.toString());

                Cli.Run early = at(present.plus(Duration.ofHours(23)), "apps", "idle", "--max-age", "10d",
                        "--name-contains", "datascience-1", "--delete", "--apply", "--grace", "24h");
                assertThat(early.exitCode()).as(early.toString()).isZero();
                assertThat(sample.calls("SageMaker.DeleteApp")).isZero();

                Cli.Run late = at(present.plus(Duration.ofHours(25)), "apps", "idle", "--max-age", "10d",
                        "--name-contains", "datascience-1", "--delete", "--apply", "--grace", "24h");
                assertThat(late.exitCode()).as(late.toString()).isZero();
                assertThat(byName(late).get("datascience-1").path("action").path("type").asText()).isEqualTo("delete");
                assertThat(sample.calls("SageMaker.DeleteApp")).isEqualTo(1);
            } finally {
                sandbox = own;
            }
        }
    }

    String appTag(String name) {
        for (JsonNode a : sandbox.state().path("apps")) {
            if (a.path("name").asText().equals(name)) {
                JsonNode v = a.path("tags").path("sweeper:idle-since");
                return v.isMissingNode() || v.isNull() ? null : v.asText();
            }
        }
        return null;
    }
}
