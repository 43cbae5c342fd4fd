package dev.sweeper.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A second, independent client: the AWS CLI (botocore), which speaks CBOR to CloudWatch. Skipped without {@code aws}. */
class SandboxAwsCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SandboxServer server;

    private record Result(int exit, String out, String err) {
    }

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(awsOnPath(), "aws CLI not on PATH");
        server = SandboxServer.start(SandboxOptions.defaults().withFleetFile(Path.of("config/sample-fleet.yaml")));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static boolean awsOnPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (new File(dir, "aws").canExecute()) {
                return true;
            }
        }
        return false;
    }

    private static Result aws(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("aws", "--endpoint-url", server.endpoint().toString(), "--output", "json"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("AWS_ACCESS_KEY_ID", "test");
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        pb.environment().put("AWS_DEFAULT_REGION", "us-east-1");
        pb.environment().remove("AWS_PROFILE");
        pb.environment().put("AWS_CONFIG_FILE", "/dev/null");
        pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void listEndpoints_whenCalledByCli_returnsAllPages() throws Exception {
        Result r = aws("sagemaker", "list-endpoints", "--page-size", "4");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(JSON.readTree(r.out()).get("Endpoints")).hasSize(16);
    }

    @Test
    void describeEndpoint_whenMissing_cliReportsValidationException() throws Exception {
        Result r = aws("sagemaker", "describe-endpoint", "--endpoint-name", "ghost");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("(ValidationException)").contains("Could not find endpoint");
    }

    @Test
    void getMetricData_whenCalledByCli_speaksCborAndSums() throws Exception {
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String queries = "[{\"Id\":\"b\",\"MetricStat\":{\"Metric\":{\"Namespace\":\"AWS/SageMaker\",\"MetricName\":\"Invocations\","
                + "\"Dimensions\":[{\"Name\":\"EndpointName\",\"Value\":\"churn-model\"},{\"Name\":\"VariantName\",\"Value\":\"challenger\"}]},"
                + "\"Period\":3600,\"Stat\":\"Sum\"}}]";
        Result r = aws("cloudwatch", "get-metric-data", "--start-time", end.minus(6, ChronoUnit.HOURS).toString(),
                "--end-time", end.toString(), "--metric-data-queries", queries);
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode result = JSON.readTree(r.out()).get("MetricDataResults").get(0);
        assertThat(result.get("StatusCode").asText()).isEqualTo("Complete");
        assertThat(result.get("Values")).allSatisfy(v -> assertThat(v.asDouble()).isEqualTo(40.0));
        Result bad = aws("cloudwatch", "get-metric-statistics", "--namespace", "AWS/SageMaker", "--metric-name", "Invocations",
                "--start-time", end.minus(2, ChronoUnit.DAYS).toString(), "--end-time", end.toString(), "--period", "60", "--statistics", "Sum");
        assertThat(bad.err()).contains("InvalidParameterCombination");
    }

    @Test
    void publish_whenCalledByCli_isRecorded() throws Exception {
        Result r = aws("sns", "publish", "--topic-arn", "arn:aws:sns:us-east-1:123456789012:sweeper-alerts",
                "--subject", "cli", "--message", "hello from the cli");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(JSON.readTree(r.out()).get("MessageId").asText()).hasSize(36);
        Result missing = aws("sns", "publish", "--topic-arn", "arn:aws:sns:us-east-1:123456789012:nope", "--message", "x");
        assertThat(missing.err()).contains("(NotFound)");
    }
}
