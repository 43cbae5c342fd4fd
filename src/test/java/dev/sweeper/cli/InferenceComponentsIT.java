package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sweeper.sandbox.SandboxOptions;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Endpoints that host inference components (issue 11, point 3), end to end against the sandbox: a
 * component reports its own Invocations (dimension InferenceComponentName), so quiet variants prove
 * nothing; such an endpoint is deleted only after its components, and a component whose metric
 * cannot be read leaves the endpoint UNKNOWN.
 */
class InferenceComponentsIT {

    static final String FLEET = """
            endpoints:
              - name: llm-busy-component
                age: 10d
                variants:
                  - {name: AllTraffic, instanceType: ml.g5.2xlarge, instanceCount: 1,
                     metrics: {Invocations: {hourly: 0, for: 10d}}}
                inferenceComponents:
                  - {name: chat-busy, metrics: {Invocations: {hourly: 0, for: 10d}}}
                  - {name: summarize-busy, metrics: {Invocations: [{hourly: 0, for: 10d}, {ago: 3h, value: 5}]}}
              - name: llm-idle-components
                age: 10d
                variants:
                  - {name: AllTraffic, instanceType: ml.g5.2xlarge, instanceCount: 1,
                     metrics: {Invocations: {hourly: 0, for: 10d}}}
                inferenceComponents:
                  - {name: chat-idle, metrics: {Invocations: {hourly: 0, for: 10d}}}
                  - {name: embed-idle}
              - name: plain-idle
                age: 10d
                variants:
                  - {name: AllTraffic, instanceType: ml.m5.large, instanceCount: 1,
                     metrics: {Invocations: {hourly: 0, for: 10d}}}
            """;

    static List<String> componentsOf(Sandbox sandbox, String endpoint) {
        List<String> out = new ArrayList<>();
        sandbox.state().path("inferenceComponents").forEach(c -> {
            if (c.path("endpoint").asText().equals(endpoint)) {
                out.add(c.path("name").asText() + ":" + c.path("status").asText());
            }
        });
        return out;
    }

    @Test
    void endpointsIdleDeleteApply_whenOnlyAComponentHasTraffic_keepsTheEndpointAndDeletesIdleOnesComponentsFirst()
            throws Exception {
        try (Sandbox sandbox = EndpointEvidenceIT.sandbox(FLEET, SandboxOptions.defaults())) {
            Cli.Run run = sandbox.sweeper("endpoints", "idle", "--delete", "--all", "--apply");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            Map<String, JsonNode> r = EndpointEvidenceIT.byName(run);
            JsonNode busy = r.get("llm-busy-component");
            assertThat(busy.path("verdict").asText()).as(busy.toString()).isEqualTo("ACTIVE");
            assertThat(busy.path("reasons").toString()).contains("5 invocations").contains("summarize-busy");
            assertThat(busy.path("action").isNull()).isTrue();
            assertThat(sandbox.endpointStatus("llm-busy-component")).isEqualTo("InService");
            assertThat(componentsOf(sandbox, "llm-busy-component"))
                    .containsExactlyInAnyOrder("chat-busy:InService", "summarize-busy:InService");

            JsonNode idle = r.get("llm-idle-components");
            assertThat(idle.path("verdict").asText()).as(idle.toString()).isEqualTo("IDLE");
            assertThat(idle.path("reasons").toString()).contains("chat-idle").contains("embed-idle");
            assertThat(idle.path("hourlyCost").asDouble()).as("priced by its instances").isPositive();
            assertThat(idle.path("action").path("outcome").asText()).as(idle.toString()).isEqualTo("done");
            assertThat(idle.path("action").path("detail").asText()).contains("after its inference components");
            assertThat(sandbox.calls("SageMaker.DeleteInferenceComponent")).isEqualTo(2);
            // The endpoint's delete was accepted: its components were gone by then.
            assertThat(sandbox.endpointStatus("llm-idle-components")).isIn("Deleting", null);
            assertThat(componentsOf(sandbox, "llm-idle-components")).isEmpty();

            assertThat(r.get("plain-idle").path("action").path("outcome").asText()).isEqualTo("done");
            assertThat(sandbox.calls("SageMaker.DeleteEndpoint")).isEqualTo(2);
        }
    }

    static final String COMPONENT_CALLED_AFTER_THE_SCAN = """
            endpoints:
              - name: llm-called-after-the-scan
                age: 10d
                variants:
                  - {name: AllTraffic, instanceType: ml.g5.2xlarge, instanceCount: 1,
                     metrics: {Invocations: {hourly: 0, for: 10d}}}
                inferenceComponents:
                  - {name: chat-late, metrics: {Invocations: [{hourly: 0, for: 10d}, {ago: 2m, value: 4}]}}
              - name: llm-component-being-created
                age: 10d
                variants:
                  - {name: AllTraffic, instanceType: ml.g5.2xlarge, instanceCount: 1,
                     metrics: {Invocations: {hourly: 0, for: 10d}}}
                inferenceComponents:
                  - {name: chat-idle-too, metrics: {Invocations: {hourly: 0, for: 10d}}}
                  - {name: chat-new, status: Creating}
            """;

    @Test
    void endpointsIdleDeleteApply_whenAComponentIsCalledBetweenTheScanAndTheDelete_skipsIt() throws Exception {
        try (Sandbox sandbox = EndpointEvidenceIT.sandbox(COMPONENT_CALLED_AFTER_THE_SCAN, SandboxOptions.defaults())) {
            Cli.Run run = Cli.run(new Environment(Map.of("XDG_STATE_HOME", Cli.STATE_DIR.toString()), false, false,
                    dev.sweeper.testing.JumpingClock.firstReadingAgo(java.time.Duration.ofMinutes(10)), java.time.Duration.ofMillis(100)),
                    sandbox.args("endpoints", "idle", "--delete", "--all", "--apply"));

            assertThat(run.exitCode()).as(run.toString()).isZero();
            JsonNode e = EndpointEvidenceIT.byName(run).get("llm-called-after-the-scan");
            assertThat(e.path("verdict").asText()).as("idle when evaluated: " + e).isEqualTo("IDLE");
            assertThat(e.path("action").path("outcome").asText()).isEqualTo("skipped");
            assertThat(e.path("action").path("detail").asText()).contains("now in use");
            assertThat(sandbox.calls("SageMaker.DeleteInferenceComponent")).isZero();
            assertThat(sandbox.endpointStatus("llm-called-after-the-scan")).isEqualTo("InService");
            // A component being created cannot be deleted: none of them is touched.
            JsonNode creating = EndpointEvidenceIT.byName(run).get("llm-component-being-created");
            assertThat(creating.path("action").path("outcome").asText()).as(creating.toString()).isEqualTo("skipped");
            assertThat(creating.path("action").path("detail").asText()).contains("chat-new is Creating");
        }
    }

    @Test
    void endpointsIdle_whenAComponentsMetricCannotBeRead_isUnknownAndNotDeleted() throws Exception {
        try (Sandbox sandbox = EndpointEvidenceIT.sandbox(FLEET, SandboxOptions.defaults())) {
            // Every GetMetricData call that asks for this component fails.
            sandbox.fault("{\"operation\":\"CloudWatch.GetMetricData\",\"mode\":\"error500\",\"rate\":1,"
                    + "\"resource\":\"embed-idle\"}");

            Cli.Run run = sandbox.sweeper("endpoints", "idle", "--delete", "--all", "--apply");

            Map<String, JsonNode> r = EndpointEvidenceIT.byName(run);
            JsonNode e = r.get("llm-idle-components");
            assertThat(e.path("verdict").asText()).as(e.toString()).isEqualTo("UNKNOWN");
            assertThat(e.path("action").path("outcome").asText("none")).isNotEqualTo("done");
            assertThat(sandbox.endpointStatus("llm-idle-components")).isEqualTo("InService");
            assertThat(sandbox.calls("SageMaker.DeleteInferenceComponent")).isZero();
        }
    }

    @Test
    void endpointsIdle_whenTheComponentsCannotBeListed_isUnknownOnlyWhereTheEndpointCanHostThem() throws Exception {
        try (Sandbox sandbox = EndpointEvidenceIT.sandbox(FLEET, SandboxOptions.defaults())) {
            sandbox.fault("{\"operation\":\"SageMaker.ListInferenceComponents\",\"mode\":\"denied\",\"rate\":1}");

            Cli.Run run = sandbox.sweeper("endpoints", "idle");

            Map<String, JsonNode> r = EndpointEvidenceIT.byName(run);
            for (String name : List.of("llm-busy-component", "llm-idle-components")) {
                assertThat(r.get(name).path("verdict").asText()).as(name + ": " + r.get(name)).isEqualTo("UNKNOWN");
                assertThat(r.get(name).path("reasons").toString()).contains("inference components");
            }
            // Its endpoint config names its model: it hosts no components, and none were asked for.
            assertThat(r.get("plain-idle").path("verdict").asText()).as(run.toString()).isEqualTo("IDLE");
        }
    }
}
