package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sweeper.sandbox.FleetLoader;
import dev.sweeper.sandbox.SandboxOptions;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
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
    static final ObjectMapper JSON = new ObjectMapper();

    static Sandbox sandbox(String fleetYaml, SandboxOptions options) {
        return Sandbox.start(options.withFleet(FleetLoader.parse(fleetYaml, "(test)"))
                .withTransitionDelay(Duration.ofMillis(200)));
    }

    static Map<String, JsonNode> byName(Cli.Run run) throws Exception {
        Map<String, JsonNode> out = new HashMap<>();
        JSON.readTree(run.out()).path("resources").forEach(r -> out.put(r.path("name").asText(), r));
        return out;
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

            Cli.Run run = sandbox.sweeper("endpoints", "idle", "--delete", "--apply");

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
}
