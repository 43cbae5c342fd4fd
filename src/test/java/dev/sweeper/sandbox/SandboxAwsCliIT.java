package dev.sweeper.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A second, independent client: the AWS CLI (botocore), which speaks CBOR to CloudWatch. Skipped without {@code aws}. */
class SandboxAwsCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SandboxServer server;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(AwsCli.onPath(), "aws CLI not on PATH");
        server = SandboxServer.start(SandboxOptions.defaults().withFleetFile(Path.of("config/sample-fleet.yaml")));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }


    private static AwsCli.Result aws(String... args) throws Exception {
        return AwsCli.run(server.endpoint(), Map.of(), args);
    }


    @Test
    void listEndpoints_whenCalledByCli_returnsAllPages() throws Exception {
        AwsCli.Result r = aws("sagemaker", "list-endpoints", "--page-size", "4");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(JSON.readTree(r.out()).get("Endpoints")).hasSize(21);
    }

    @Test
    void listInferenceComponents_whenFilteredByEndpointAndPaged_returnsItsComponents() throws Exception {
        AwsCli.Result r = aws("sagemaker", "list-inference-components", "--endpoint-name-equals", "llm-shared-g5",
                "--page-size", "1");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> names = new java.util.ArrayList<>();
        JSON.readTree(r.out()).get("InferenceComponents").forEach(c -> names.add(c.path("InferenceComponentName").asText()));
        assertThat(names).containsExactlyInAnyOrder("llama-chat", "mistral-eval");
    }

    @Test
    void describeEndpoint_whenMissing_cliReportsValidationException() throws Exception {
        AwsCli.Result r = aws("sagemaker", "describe-endpoint", "--endpoint-name", "ghost");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("(ValidationException)").contains("Could not find endpoint");
    }

    @Test
    void getMetricData_whenCalledByCli_speaksCborAndSums() throws Exception {
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String queries = "[{\"Id\":\"b\",\"MetricStat\":{\"Metric\":{\"Namespace\":\"AWS/SageMaker\",\"MetricName\":\"Invocations\","
                + "\"Dimensions\":[{\"Name\":\"EndpointName\",\"Value\":\"churn-model\"},{\"Name\":\"VariantName\",\"Value\":\"challenger\"}]},"
                + "\"Period\":3600,\"Stat\":\"Sum\"}}]";
        AwsCli.Result r = aws("cloudwatch", "get-metric-data", "--start-time", end.minus(6, ChronoUnit.HOURS).toString(),
                "--end-time", end.toString(), "--metric-data-queries", queries);
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode result = JSON.readTree(r.out()).get("MetricDataResults").get(0);
        assertThat(result.get("StatusCode").asText()).isEqualTo("Complete");
        assertThat(result.get("Values")).allSatisfy(v -> assertThat(v.asDouble()).isEqualTo(40.0));
        AwsCli.Result bad = aws("cloudwatch", "get-metric-statistics", "--namespace", "AWS/SageMaker", "--metric-name", "Invocations",
                "--start-time", end.minus(2, ChronoUnit.DAYS).toString(), "--end-time", end.toString(), "--period", "60", "--statistics", "Sum");
        assertThat(bad.err()).contains("InvalidParameterCombination");
    }

    @Test
    void publish_whenCalledByCli_isRecorded() throws Exception {
        AwsCli.Result r = aws("sns", "publish", "--topic-arn", "arn:aws:sns:us-east-1:123456789012:sweeper-alerts",
                "--subject", "cli", "--message", "hello from the cli");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(JSON.readTree(r.out()).get("MessageId").asText()).hasSize(36);
        AwsCli.Result missing = aws("sns", "publish", "--topic-arn", "arn:aws:sns:us-east-1:123456789012:nope", "--message", "x");
        assertThat(missing.err()).contains("(NotFound)");
    }
}
