package dev.sweeper.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** STS and per-account serving through botocore (the AWS CLI; CBOR for CloudWatch). Skipped without {@code aws}. */
class SandboxMultiAccountCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SandboxServer server;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(AwsCli.onPath(), "aws CLI not on PATH");
        server = SandboxServer.start(SandboxOptions.defaults().withFleetFile(Path.of("config/multi-account-fleet.yaml")));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }


    private static AwsCli.Result aws(Map<String, String> creds, String... args) throws Exception {
        return AwsCli.run(server.endpoint(), creds, args);
    }


    @Test
    void assumeRole_whenCalledByCli_servesThatAccount() throws Exception {
        AwsCli.Result me = aws(Map.of(), "sts", "get-caller-identity");
        assertThat(me.exit()).as(me.err()).isZero();
        assertThat(JSON.readTree(me.out()).get("Account").asText()).isEqualTo("123456789012");

        AwsCli.Result assumed = aws(Map.of(), "sts", "assume-role", "--role-arn", "arn:aws:iam::111122223333:role/SweeperRole",
                "--role-session-name", "cli");
        assertThat(assumed.exit()).as(assumed.err()).isZero();
        JsonNode c = JSON.readTree(assumed.out()).get("Credentials");
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", c.get("AccessKeyId").asText(),
                "AWS_SECRET_ACCESS_KEY", c.get("SecretAccessKey").asText(), "AWS_SESSION_TOKEN", c.get("SessionToken").asText());

        AwsCli.Result who = aws(env, "sts", "get-caller-identity");
        assertThat(JSON.readTree(who.out()).get("Arn").asText()).isEqualTo("arn:aws:sts::111122223333:assumed-role/SweeperRole/cli");
        AwsCli.Result endpoints = aws(env, "sagemaker", "list-endpoints");
        assertThat(endpoints.exit()).as(endpoints.err()).isZero();
        assertThat(JSON.readTree(endpoints.out()).get("Endpoints")).extracting(e -> e.get("EndpointName").asText())
                .containsExactlyInAnyOrder("churn-batch", "recs-live", "search-live", "ab-canary");
        AwsCli.Result streams = aws(env, "logs", "describe-log-streams", "--log-group-name", "/aws/sagemaker/NotebookInstances");
        assertThat(streams.exit()).as(streams.err()).isZero();
        assertThat(streams.out()).contains("dev-sam/jupyter.log").doesNotContain("home-dev-ann");
    }

    @Test
    void assumeRole_whenDeniedOrMalformed_cliReportsAwsErrors() throws Exception {
        AwsCli.Result denied = aws(Map.of(), "sts", "assume-role", "--role-arn", "arn:aws:iam::777788889999:role/SweeperRole",
                "--role-session-name", "cli");
        assertThat(denied.exit()).isNotZero();
        assertThat(denied.err()).contains("(AccessDenied)").contains("User: arn:aws:iam::123456789012:user/sandbox is not authorized");
        AwsCli.Result malformed = aws(Map.of(), "sts", "assume-role", "--role-arn", "arn:aws:iam::nope:role/SweeperRole",
                "--role-session-name", "cli");
        assertThat(malformed.err()).contains("(ValidationError)").contains("Request ARN is invalid");
    }
}
