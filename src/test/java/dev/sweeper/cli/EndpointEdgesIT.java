package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sweeper.sandbox.SandboxOptions;
import dev.sweeper.sandbox.fleet.FleetLoader;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Endpoints at the edges of what CloudWatch and SageMaker show (issue 25, points 1, 2 and 5), end to end against the
 * sandbox: an asynchronous endpoint that published nothing is never IDLE, one busy under either spelling of its
 * processed count is ACTIVE, an endpoint scaled to zero instances is never deleted, and a refused
 * ListInferenceComponents costs only the endpoints that can host components, said once.
 */
class EndpointEdgesIT {

    static final String FLEET = """
            endpoints:
              - name: async-silent
                age: 10d
                async: true
                variants:
                  - {name: AllTraffic, instanceType: ml.g5.xlarge, instanceCount: 1}
              - name: async-busy-variant-spelling
                age: 10d
                async: true
                variants:
                  - {name: AllTraffic, instanceType: ml.g5.xlarge, instanceCount: 1,
                     metrics: {InvocationsProcessed: {hourly: 2, for: 10d}}}
              - name: async-busy-endpoint-spelling
                age: 10d
                async: true
                variants:
                  - {name: AllTraffic, instanceType: ml.g5.xlarge, instanceCount: 1}
                asyncMetrics:
                  InvocationsProcessed: [{hourly: 0, for: 10d}, {ago: 3h, value: 6}]
                  ApproximateBacklogSize: {hourly: 0, for: 10d}
              - name: async-idle-listed
                age: 10d
                async: true
                variants:
                  - {name: AllTraffic, instanceType: ml.g5.xlarge, instanceCount: 1}
                asyncMetrics:
                  InvocationsProcessed: {hourly: 0, for: 10d}
                  ApproximateBacklogSize: {hourly: 0, for: 10d}
              - name: llm-at-zero
                age: 10d
                variants:
                  - {name: AllTraffic, instanceType: ml.g5.2xlarge, instanceCount: 0,
                     metrics: {Invocations: {hourly: 0, for: 10d}}}
                inferenceComponents:
                  - {name: chat-at-zero, copies: 0, metrics: {Invocations: {hourly: 0, for: 10d}}}
              - name: llm-idle
                age: 10d
                variants:
                  - {name: AllTraffic, instanceType: ml.g5.2xlarge, instanceCount: 1,
                     metrics: {Invocations: {hourly: 0, for: 10d}}}
                inferenceComponents:
                  - {name: chat-idle, metrics: {Invocations: {hourly: 0, for: 10d}}}
            """;

    static Sandbox sandbox(SandboxOptions options) {
        return EndpointEvidenceIT.sandbox(FLEET, options);
    }

    @Test
    void endpointsIdleDeleteApply_whenAnAsyncEndpointPublishedNothing_isUnknownAndNotDeleted() throws Exception {
        try (Sandbox sandbox = sandbox(SandboxOptions.defaults())) {
            Cli.Run run = sandbox.sweeper("endpoints", "idle", "--delete", "--all", "--apply");

            Map<String, JsonNode> r = run.byName();
            JsonNode silent = r.get("async-silent");
            assertThat(silent.path("verdict").asText()).as(silent.toString()).isEqualTo("UNKNOWN");
            assertThat(silent.path("reasons").toString()).contains("lists no").contains("silence is not zero");
            assertThat(silent.path("protected").isBoolean()).as("protection known: " + silent).isTrue();
            assertThat(sandbox.endpointStatus("async-silent")).isEqualTo("InService");

            // Listed, with no request processed: the only zero.
            JsonNode idle = r.get("async-idle-listed");
            assertThat(idle.path("verdict").asText()).as(idle.toString()).isEqualTo("IDLE");
            assertThat(idle.path("action").path("outcome").asText()).as(idle.toString()).isEqualTo("done");
        }
    }

    @Test
    void endpointsIdle_whenAnAsyncEndpointIsBusyUnderEitherSpelling_isActive() throws Exception {
        try (Sandbox sandbox = sandbox(SandboxOptions.defaults())) {
            for (boolean describeAll : List.of(false, true)) {
                Cli.Run run = describeAll ? sandbox.sweeper("scan", "--kinds", "endpoint")
                        : sandbox.sweeper("endpoints", "idle");

                Map<String, JsonNode> r = run.byName();
                for (String name : List.of("async-busy-variant-spelling", "async-busy-endpoint-spelling")) {
                    assertThat(r.get(name).path("verdict").asText()).as(name + " " + run.toString())
                            .isEqualTo("ACTIVE");
                }
            }
        }
    }

    @Test
    void endpointsIdleDeleteApply_whenAnEndpointIsScaledToZero_isExemptAndNotDeleted() throws Exception {
        try (Sandbox sandbox = sandbox(SandboxOptions.defaults())) {
            Cli.Run run = sandbox.sweeper("endpoints", "idle", "--delete", "--all", "--apply");

            Map<String, JsonNode> r = run.byName();
            JsonNode zero = r.get("llm-at-zero");
            assertThat(zero.path("verdict").asText()).as(zero.toString()).isEqualTo("EXEMPT");
            assertThat(zero.path("reasons").toString()).contains("scaled to zero: no instance billed");
            assertThat(zero.path("action").isNull()).as(zero.toString()).isTrue();
            assertThat(sandbox.endpointStatus("llm-at-zero")).isEqualTo("InService");
            assertThat(InferenceComponentsIT.componentsOf(sandbox, "llm-at-zero")).containsExactly("chat-at-zero:InService");

            // Idle with its instance: deletable, and the reason names the cheaper way out, with what it saves.
            JsonNode idle = r.get("llm-idle");
            assertThat(idle.path("verdict").asText()).as(idle.toString()).isEqualTo("IDLE");
            assertThat(idle.path("reasons").toString()).contains("could scale to zero instead of being deleted")
                    .containsPattern("saving \\$[0-9.,]+/hour");
        }
    }

    @Test
    void endpointsIdle_whenListInferenceComponentsIsDenied_judgesTheEndpointsThatCannotHostAnyAndSaysSoOnce()
            throws Exception {
        try (Sandbox sandbox = Sandbox.start(Sandbox.sampleFleetOptions()
                .withDeny(List.of("SageMaker.ListInferenceComponents")))) {
            Cli.Run run = sandbox.sweeper("endpoints", "idle");

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
            Map<String, JsonNode> r = run.byName();
            // The sample fleet's endpoints without components are judged as ever.
            assertThat(r.get("fraud-v2").path("verdict").asText()).as(run.toString()).isEqualTo("IDLE");
            assertThat(r.get("forecast-daily").path("verdict").asText()).isEqualTo("IDLE");
            assertThat(r.get("churn-model").path("verdict").asText()).isEqualTo("ACTIVE");
            assertThat(r.get("translate-async-batch").path("verdict").asText()).isEqualTo("IDLE");
            // The one that can host components cannot be judged, and still says whether it is protected.
            JsonNode llm = r.get("llm-shared-g5");
            assertThat(llm.path("verdict").asText()).as(llm.toString()).isEqualTo("UNKNOWN");
            assertThat(llm.path("reasons").toString()).contains("inference components").contains("AccessDeniedException");
            assertThat(llm.path("protected").isBoolean()).as(llm.toString()).isTrue();
            List<String> denials = new ArrayList<>();
            run.json().path("problems").forEach(p -> {
                if (p.asText().contains("ListInferenceComponents")) {
                    denials.add(p.asText());
                }
            });
            assertThat(denials).as(run.toString()).hasSize(1);
            assertThat(denials.get(0)).contains("us-east-1").contains("grant sagemaker:ListInferenceComponents");
            assertThat(run.err().split("sagemaker:ListInferenceComponents", -1)).as(run.err()).hasSize(2);
        }
    }

    @Test
    void sandboxDeny_answersAsIamDoes_andARefusedListMetricsIsSaidOnce() throws Exception {
        try (Sandbox sandbox = Sandbox.start(Sandbox.sampleFleetOptions()
                .withDeny(List.of("SageMaker.ListInferenceComponents", "CloudWatch.ListMetrics")))) {
            // IAM's answer, in each service's shape: SageMaker (JSON) AccessDeniedException 400, CloudWatch AccessDenied 403.
            try (var sm = software.amazon.awssdk.services.sagemaker.SageMakerClient.builder()
                    .endpointOverride(java.net.URI.create(sandbox.url()))
                    .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                    .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIDTEST", "secret")))
                    .build(); var cw = EndpointEvidenceIT.cloudWatch(sandbox)) {
                var refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                        () -> sm.listInferenceComponents(b -> { }),
                        software.amazon.awssdk.awscore.exception.AwsServiceException.class);
                assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                assertThat(refused.statusCode()).isEqualTo(400);
                assertThat(refused.awsErrorDetails().errorMessage())
                        .contains("is not authorized to perform: sagemaker:ListInferenceComponents");
                var cwRefused = org.assertj.core.api.Assertions.catchThrowableOfType(() -> cw.listMetrics(b -> { }),
                        software.amazon.awssdk.awscore.exception.AwsServiceException.class);
                assertThat(cwRefused.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                assertThat(cwRefused.statusCode()).isEqualTo(403);
                // Not denied: served as ever.
                assertThat(sm.listEndpoints(b -> { }).endpoints()).isNotEmpty();
            }

            Cli.Run run = sandbox.sweeper("endpoints", "idle");

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
            List<String> listMetrics = new ArrayList<>();
            run.json().path("problems").forEach(p -> {
                if (p.asText().contains("ListMetrics")) {
                    listMetrics.add(p.asText());
                }
            });
            assertThat(listMetrics).as(run.toString()).hasSize(1);
            assertThat(listMetrics.get(0)).contains("grant cloudwatch:ListMetrics");
            assertThat(run.byName().get("fraud-v2").path("verdict").asText()).isEqualTo("UNKNOWN");
        }
    }

    @Test
    void sandbox_whenDenyNamesNoOperation_refusesWithExit2() {
        Cli.Run run = Cli.run("sandbox", "--deny", "ListInferenceComponents");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("Service.Operation");
    }

    @Test
    void fleet_whenAVariantWithoutComponentsHasNoInstance_isRefused() {
        String yaml = """
                endpoints:
                  - name: plain
                    variants: [{name: AllTraffic, instanceType: ml.m5.large, instanceCount: 0}]
                """;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FleetLoader.parse(yaml, "(test)"))
                .hasMessageContaining("instanceCount");
    }
}
