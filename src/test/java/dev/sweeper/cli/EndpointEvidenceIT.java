package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sweeper.sandbox.SandboxOptions;
import dev.sweeper.sandbox.fleet.FleetLoader;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.JumpingClock;
import dev.sweeper.testing.Sandbox;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Metric;

/**
 * The paths by which a busy endpoint could be judged idle (issue 11), end to end against the
 * sandbox: each test fails on a sweeper that takes one of them.
 */
class EndpointEvidenceIT {

    static Sandbox sandbox(String fleetYaml, SandboxOptions options) {
        return Sandbox.start(options.withFleet(FleetLoader.parse(fleetYaml, "(test)"))
                .withTransitionDelay(Duration.ofMillis(200)));
    }

    static Map<String, JsonNode> byName(Cli.Run run) throws Exception {
        return run.byName();
    }

    static CloudWatchClient cloudWatch(Sandbox sandbox) {
        return CloudWatchClient.builder().endpointOverride(URI.create(sandbox.url())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .build();
    }

    /** Endpoints with two variants, traffic every hour for two weeks on the second one only. */
    static String busyOnSecondVariant(int endpoints) {
        StringBuilder yaml = new StringBuilder("endpoints:\n");
        for (int i = 0; i < endpoints; i++) {
            yaml.append("  - name: second-busy-").append(i).append("\n")
                    .append("    age: 10d\n")
                    .append("    variants:\n")
                    .append("      - {name: Primary, instanceType: ml.m5.large, instanceCount: 1}\n")
                    .append("      - name: Canary\n")
                    .append("        instanceType: ml.m5.large\n")
                    .append("        metrics: {Invocations: [{hourly: 3, for: 14d}]}\n");
        }
        return yaml.toString();
    }

    @Test
    void endpointsIdle_whenTheEmulatorMatchesDimensionsInListedOrder_findsTheSecondVariantsTraffic() throws Exception {
        try (Sandbox sandbox = sandbox(busyOnSecondVariant(8), SandboxOptions.defaults().withStrictDimensionOrder(true));
             CloudWatchClient cw = cloudWatch(sandbox)) {
            // The premise: ListMetrics gives both orders, so no one order chosen by the sweeper fits every series.
            Set<List<String>> orders = new HashSet<>();
            for (Metric m : cw.listMetricsPaginator(b -> b.namespace("AWS/SageMaker").metricName("Invocations"))
                    .metrics()) {
                orders.add(m.dimensions().stream().map(Dimension::name).toList());
            }
            assertThat(orders).containsExactlyInAnyOrder(List.of("EndpointName", "VariantName"),
                    List.of("VariantName", "EndpointName"));

            Cli.Run run = sandbox.sweeper("endpoints", "idle");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            Map<String, JsonNode> r = byName(run);
            assertThat(r).hasSize(8);
            r.forEach((name, e) -> assertThat(e.path("verdict").asText()).as(name + ": " + e.path("reasons"))
                    .isEqualTo("ACTIVE"));
        }
    }

    static final String FRESH_TRAFFIC = """
            endpoints:
              - name: first-call-minutes-ago
                age: 10d
                variants:
                  - {name: AllTraffic, instanceType: ml.m5.large, instanceCount: 1,
                     metrics: {Invocations: {ago: 3m, value: 2}}}
              - name: shadow-busy-since-minutes
                age: 10d
                variants:
                  - {name: Live, instanceType: ml.m5.large, instanceCount: 1,
                     metrics: {Invocations: {hourly: 0, for: 10d}}}
                  - {name: Shadow, shadow: true, instanceType: ml.m5.large, instanceCount: 1,
                     metrics: {Invocations: {ago: 5m, value: 7}}}
              - name: never-called
                age: 10d
                variants:
                  - {name: AllTraffic, instanceType: ml.m5.large, instanceCount: 1}
            """;

    @Test
    void endpointsIdle_whenTheFirstTrafficIsNotYetListed_queriesEveryDescribedVariantDirectly() throws Exception {
        try (Sandbox sandbox = sandbox(FRESH_TRAFFIC, SandboxOptions.defaults());
             CloudWatchClient cw = cloudWatch(sandbox)) {
            // The premise: as on AWS, the new series are not listed yet (lag 15 minutes by default).
            Set<String> listed = new HashSet<>();
            cw.listMetricsPaginator(b -> b.namespace("AWS/SageMaker").metricName("Invocations")).metrics()
                    .forEach(m -> listed.add(m.dimensions().stream().map(Dimension::value).sorted().toList().toString()));
            assertThat(listed).containsExactly("[Live, shadow-busy-since-minutes]");
            sandbox.resetStats();

            Cli.Run run = sandbox.sweeper("endpoints", "idle", "--delete", "--all", "--apply");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            Map<String, JsonNode> r = byName(run);
            assertThat(r.get("first-call-minutes-ago").path("verdict").asText()).isEqualTo("ACTIVE");
            assertThat(r.get("shadow-busy-since-minutes").path("verdict").asText()).isEqualTo("ACTIVE");
            assertThat(r.get("never-called").path("verdict").asText()).isEqualTo("IDLE");
            assertThat(r.get("never-called").path("reasons").get(0).asText()).contains("every variant queried directly");
            assertThat(sandbox.endpointStatus("first-call-minutes-ago")).isEqualTo("InService");
            assertThat(sandbox.endpointStatus("shadow-busy-since-minutes")).isEqualTo("InService");
            assertThat(sandbox.endpointStatus("never-called")).isIn("Deleting", null);
        }
    }

    @Test
    void sandbox_whenTheListMetricsLagIsZero_listsANewSeriesAtOnce() {
        try (Sandbox sandbox = sandbox(FRESH_TRAFFIC, SandboxOptions.defaults().withListMetricsLag(Duration.ZERO));
             CloudWatchClient cw = cloudWatch(sandbox)) {
            assertThat(cw.listMetricsPaginator(b -> b.namespace("AWS/SageMaker").metricName("Invocations")).metrics())
                    .hasSize(3);
        }
    }

    static final String BILLING = """
            endpoints:
              - name: async-scaled-to-zero
                age: 10d
                async: true
                variants:
                  - {name: AllTraffic, instanceType: ml.g5.xlarge, instanceCount: 0}
                asyncMetrics:
                  InvocationsProcesssed: {hourly: 0, for: 10d}
                  ApproximateBacklogSize: {hourly: 0, for: 10d}
              - name: updating-idle
                age: 20d
                status: Updating
                variants:
                  - {name: AllTraffic, instanceType: ml.m5.large, instanceCount: 1,
                     metrics: {Invocations: {hourly: 0, for: 14d}}}
              - name: shadow-billed
                age: 10d
                variants:
                  - {name: Live, instanceType: ml.m5.large, instanceCount: 1,
                     metrics: {Invocations: {hourly: 0, for: 10d}}}
                  - {name: Shadow, shadow: true, instanceType: ml.m5.xlarge, instanceCount: 2,
                     metrics: {Invocations: {hourly: 0, for: 10d}}}
              - name: serverless-provisioned
                age: 10d
                variants:
                  - name: AllTraffic
                    serverless: {memorySizeInMB: 2048, maxConcurrency: 5, provisionedConcurrency: 2}
                    metrics: {Invocations: {hourly: 0, for: 10d}}
            """;

    @Test
    void endpointsIdle_whenInstancesRunOrNot_pricesWhatIsBilledAndActsOnlyOnInService() throws Exception {
        try (Sandbox sandbox = sandbox(BILLING, SandboxOptions.defaults())) {
            Cli.Run run = sandbox.sweeper("endpoints", "idle", "--delete", "--all", "--apply");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            Map<String, JsonNode> r = byName(run);
            JsonNode zero = r.get("async-scaled-to-zero");
            assertThat(zero.path("verdict").asText()).as(zero.toString()).isEqualTo("EXEMPT");
            assertThat(zero.path("reasons").toString()).contains("scaled to zero");
            assertThat(zero.path("action").isNull()).isTrue();

            JsonNode updating = r.get("updating-idle");
            assertThat(updating.path("verdict").asText()).as(updating.toString()).isEqualTo("IDLE");
            assertThat(updating.path("hourlyCost").asDouble()).isEqualTo(0.115);
            assertThat(updating.path("action").path("outcome").asText()).isEqualTo("skipped");
            assertThat(updating.path("action").path("detail").asText()).contains("only InService endpoints");
            assertThat(sandbox.endpointStatus("updating-idle")).isEqualTo("Updating");

            JsonNode shadow = r.get("shadow-billed");
            assertThat(shadow.path("verdict").asText()).isEqualTo("IDLE");
            assertThat(shadow.path("hourlyCost").asDouble()).as("1 x 0.115 + 2 x 0.23").isEqualTo(0.575);
            assertThat(shadow.path("instanceCount").asInt()).isEqualTo(3);

            JsonNode provisioned = r.get("serverless-provisioned");
            assertThat(provisioned.path("verdict").asText()).as(provisioned.toString()).isEqualTo("IDLE");
            assertThat(sandbox.calls("SageMaker.DeleteEndpoint")).isEqualTo(2); // shadow-billed, serverless-provisioned
        }
    }

    static final String USED_AFTER_THE_SCAN = """
            endpoints:
              - name: called-after-the-scan
                age: 10d
                variants:
                  - {name: AllTraffic, instanceType: ml.m5.large, instanceCount: 1,
                     metrics: {Invocations: [{hourly: 0, for: 10d}, {ago: 2m, value: 4}]}}
              - name: async-called-after-the-scan
                age: 10d
                async: true
                variants:
                  - {name: AllTraffic, instanceType: ml.g5.xlarge, instanceCount: 1}
                asyncMetrics:
                  InvocationsProcesssed: [{hourly: 0, for: 10d}, {ago: 2m, value: 1}]
                  ApproximateBacklogSize: {hourly: 0, for: 10d}
              - name: idle-throughout
                age: 10d
                variants:
                  - {name: AllTraffic, instanceType: ml.m5.large, instanceCount: 1,
                     metrics: {Invocations: {hourly: 0, for: 10d}}}
            """;

    @Test
    void endpointsIdleDeleteApply_whenCalledBetweenTheScanAndTheDelete_skipsIt() throws Exception {
        try (Sandbox sandbox = sandbox(USED_AFTER_THE_SCAN, SandboxOptions.defaults())) {
            Cli.Run run = Cli.run(new Environment(Map.of("XDG_STATE_HOME", Cli.STATE_DIR.toString()), false, false,
                    JumpingClock.firstReadingAgo(Duration.ofMinutes(10)), Duration.ofMillis(100)), sandbox.args("endpoints", "idle", "--delete", "--all", "--apply"));

            assertThat(run.exitCode()).as(run.toString()).isZero();
            Map<String, JsonNode> r = byName(run);
            for (String name : List.of("called-after-the-scan", "async-called-after-the-scan")) {
                assertThat(r.get(name).path("verdict").asText()).as(name + ": idle when evaluated").isEqualTo("IDLE");
                assertThat(r.get(name).path("action").path("outcome").asText()).as(name).isEqualTo("skipped");
                assertThat(r.get(name).path("action").path("detail").asText()).as(name).contains("now in use");
                assertThat(sandbox.endpointStatus(name)).as(name).isEqualTo("InService");
            }
            assertThat(r.get("idle-throughout").path("action").path("outcome").asText()).isEqualTo("done");
            assertThat(sandbox.calls("SageMaker.DeleteEndpoint")).isEqualTo(1);
        }
    }
}
