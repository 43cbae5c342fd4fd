package dev.sweeper.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.sagemaker.model.EndpointSummary;
import software.amazon.awssdk.services.sagemaker.model.NotebookInstanceSummary;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.Topic;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/** STS and per-account serving, with the real SDK for Java v2, on config/multi-account-fleet.yaml. */
class SandboxMultiAccountIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOME = "123456789012";
    private static final String A = "111122223333";
    private static final String B = "444455556666";
    private static final String LOCKED = "777788889999";

    private static SandboxServer server;
    private static SandboxClients home;
    private static StsClient sts;
    private static final List<AutoCloseable> closeLater = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = SandboxServer.start(SandboxOptions.defaults()
                .withFleetFile(Path.of("config/multi-account-fleet.yaml"))
                .withTransitionDelay(Duration.ofMillis(200)));
        home = SandboxClients.of(server);
        sts = sts(SandboxClients.baseCredentials());
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : closeLater) {
            c.close();
        }
        sts.close();
        home.close();
        server.close();
    }

    @AfterEach
    void clearFaults() {
        home.admin("DELETE", "/_sandbox/faults", null);
    }

    private static StsClient sts(AwsCredentialsProvider creds) {
        return StsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1).credentialsProvider(creds)
                .httpClient(ApacheHttpClient.builder().socketTimeout(Duration.ofSeconds(10)).build()).build();
    }

    private static String role(String account) {
        return "arn:aws:iam::" + account + ":role/SweeperRole";
    }

    private static StaticCredentialsProvider credentials(AssumeRoleResponse r) {
        return StaticCredentialsProvider.create(AwsSessionCredentials.create(r.credentials().accessKeyId(),
                r.credentials().secretAccessKey(), r.credentials().sessionToken()));
    }

    /** Clients for an account, through StsAssumeRoleCredentialsProvider as the sweeper would build them. */
    private static SandboxClients assumed(String account, String externalId) {
        StsAssumeRoleCredentialsProvider provider = StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
                .refreshRequest(b -> b.roleArn(role(account)).roleSessionName("sweeper").externalId(externalId)).build();
        closeLater.add(provider);
        SandboxClients c = SandboxClients.of(server, Region.US_EAST_1, provider);
        closeLater.add(c);
        return c;
    }

    private static void assertAccessDenied(Consumer<AssumeRoleRequest.Builder> request, String caller, String resource) {
        assertAccessDenied(sts, request, caller, resource);
    }

    private static void assertAccessDenied(StsClient client, Consumer<AssumeRoleRequest.Builder> request, String caller, String resource) {
        assertThatThrownBy(() -> client.assumeRole(request)).isInstanceOfSatisfying(StsException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: " + caller
                    + " is not authorized to perform: sts:AssumeRole on resource: " + resource);
        });
    }

    private static JsonNode state() throws Exception {
        return JSON.readTree(home.admin("GET", "/_sandbox/state", null));
    }

    // ---- STS ----

    @Test
    void getCallerIdentity_whenBaseCredentials_isTheCallersOwnUser() {
        GetCallerIdentityResponse me = sts.getCallerIdentity();
        assertThat(me.account()).isEqualTo(HOME);
        assertThat(me.arn()).isEqualTo("arn:aws:iam::123456789012:user/sandbox");
        assertThat(me.userId()).startsWith("AIDA").hasSize(21);
    }

    @Test
    void assumeRole_whenRoleListed_returnsSessionCredentialsForThatAccount() {
        Instant before = Instant.now();
        AssumeRoleResponse r = sts.assumeRole(b -> b.roleArn(role(A)).roleSessionName("sweeper-run@1").durationSeconds(900));
        assertThat(r.credentials().accessKeyId()).startsWith("ASIA").hasSize(20);
        assertThat(r.credentials().secretAccessKey()).hasSize(40);
        assertThat(r.credentials().sessionToken()).isNotBlank();
        assertThat(r.credentials().expiration()).isBetween(before.plusSeconds(890), Instant.now().plusSeconds(901));
        assertThat(r.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::111122223333:assumed-role/SweeperRole/sweeper-run@1");
        assertThat(r.assumedRoleUser().assumedRoleId()).matches("AROA[A-Z2-7]{17}:sweeper-run@1");

        try (StsClient asA = sts(credentials(r))) {
            GetCallerIdentityResponse me = asA.getCallerIdentity();
            assertThat(me.account()).isEqualTo(A);
            assertThat(me.arn()).isEqualTo(r.assumedRoleUser().arn());
            assertThat(me.userId()).isEqualTo(r.assumedRoleUser().assumedRoleId());
        }
        assertThat(home.admin("GET", "/_sandbox/stats", null)).contains("\"STS.AssumeRole\"", "\"STS.GetCallerIdentity\"");
    }

    @Test
    void assumeRole_whenExternalIdRequired_needsTheRightOne() {
        AssumeRoleResponse r = sts.assumeRole(b -> b.roleArn(role(B)).roleSessionName("sweeper").externalId("sweeper-ext"));
        assertThat(r.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::444455556666:assumed-role/SweeperRole/sweeper");
        String me = "arn:aws:iam::123456789012:user/sandbox";
        assertAccessDenied(b -> b.roleArn(role(B)).roleSessionName("sweeper").externalId("wrong-ext"), me, role(B));
        assertAccessDenied(b -> b.roleArn(role(B)).roleSessionName("sweeper"), me, role(B));
    }

    @Test
    void assumeRole_whenDeniedUnknownRoleOrAccount_isAccessDenied() {
        String me = "arn:aws:iam::123456789012:user/sandbox";
        assertAccessDenied(b -> b.roleArn(role(LOCKED)).roleSessionName("sweeper"), me, role(LOCKED));
        assertAccessDenied(b -> b.roleArn("arn:aws:iam::111122223333:role/AdminRole").roleSessionName("sweeper"), me,
                "arn:aws:iam::111122223333:role/AdminRole");
        assertAccessDenied(b -> b.roleArn("arn:aws:iam::999999999999:role/SweeperRole").roleSessionName("sweeper"), me,
                "arn:aws:iam::999999999999:role/SweeperRole");
        // the home account lists no roles
        assertAccessDenied(b -> b.roleArn(role(HOME)).roleSessionName("sweeper"), me, role(HOME));
    }

    @Test
    void assumeRole_whenInputMalformed_isValidationError() {
        assertThatThrownBy(() -> sts.assumeRole(b -> b.roleArn("arn:aws:iam::1111:role/SweeperRole").roleSessionName("sweeper")))
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Request ARN is invalid");
                });
        assertThatThrownBy(() -> sts.assumeRole(b -> b.roleArn("SweeperRole").roleSessionName("a")))
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("2 validation errors detected: "
                            + "Value 'SweeperRole' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20; "
                            + "Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2");
                });
        assertThatThrownBy(() -> sts.assumeRole(b -> b.roleArn(role(A)).roleSessionName("has space")))
                .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("1 validation error detected: Value 'has space' at 'roleSessionName' failed to satisfy "
                                + "constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*"));
        assertThatThrownBy(() -> sts.assumeRole(b -> b.roleArn(role(A)).roleSessionName("x".repeat(65))))
                .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .endsWith("Member must have length less than or equal to 64"));
        assertThatThrownBy(() -> sts.assumeRole(b -> b.roleArn(role(A)).roleSessionName("sweeper").durationSeconds(600)))
                .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .contains("at 'durationSeconds'", "greater than or equal to 900"));
        assertThatThrownBy(() -> sts.assumeRole(b -> b.roleArn(role(A)).roleSessionName("sweeper").durationSeconds(7200)))
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
                });
    }

    @Test
    void assumeRole_whenChainedFromAnAssumedRole_isLimitedToOneHour() {
        AssumeRoleResponse first = sts.assumeRole(b -> b.roleArn(role(A)).roleSessionName("hop1"));
        try (StsClient asA = sts(credentials(first))) {
            AssumeRoleResponse second = asA.assumeRole(b -> b.roleArn(role(B)).roleSessionName("hop2").externalId("sweeper-ext"));
            assertThat(second.assumedRoleUser().arn()).contains(":444455556666:");
            assertAccessDenied(asA, b -> b.roleArn(role(LOCKED)).roleSessionName("hop2"), first.assumedRoleUser().arn(), role(LOCKED));
            assertThatThrownBy(() -> asA.assumeRole(b -> b.roleArn(role(B)).roleSessionName("hop2").externalId("sweeper-ext").durationSeconds(7200)))
                    .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining."));
        }
    }

    @Test
    void sessionCredentials_whenTokenMissingOrWrong_areRejected() {
        AssumeRoleResponse r = sts.assumeRole(b -> b.roleArn(role(A)).roleSessionName("sweeper"));
        var forged = StaticCredentialsProvider.create(AwsSessionCredentials.create(r.credentials().accessKeyId(),
                r.credentials().secretAccessKey(), "not-the-token"));
        try (StsClient bad = sts(forged); SandboxClients badClients = SandboxClients.of(server, Region.US_EAST_1, forged)) {
            assertThatThrownBy(bad::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
                assertThat(e.statusCode()).isEqualTo(403);
            });
            assertThatThrownBy(() -> badClients.sageMaker().listEndpoints(b -> { }))
                    .isInstanceOfSatisfying(SageMakerException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException"));
            assertThatThrownBy(() -> badClients.cloudWatch().listMetrics(b -> { }))
                    .isInstanceOfSatisfying(CloudWatchException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
        }
    }

    @Test
    void stsFault_whenDenied_isRegionDisabled() {
        home.admin("POST", "/_sandbox/faults", "{\"operation\":\"STS.AssumeRole\",\"mode\":\"denied\",\"region\":\"us-east-1\"}");
        assertThatThrownBy(() -> sts.assumeRole(b -> b.roleArn(role(A)).roleSessionName("sweeper")))
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RegionDisabledException");
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorMessage()).startsWith("STS is not activated in this region for account:123456789012.");
                });
    }

    // ---- serving per account ----

    @Test
    void sageMaker_whenAssumedRole_seesOnlyThatAccountsResources() {
        SandboxClients a = assumed(A, null);
        List<EndpointSummary> endpoints = a.sageMaker().listEndpointsPaginator(b -> b.maxResults(2)).endpoints().stream().toList();
        assertThat(endpoints).extracting(EndpointSummary::endpointName)
                .containsExactlyInAnyOrder("churn-batch", "recs-live", "search-live", "ab-canary");
        assertThat(endpoints).extracting(EndpointSummary::endpointArn)
                .allMatch(arn -> arn.startsWith("arn:aws:sagemaker:us-east-1:111122223333:endpoint/"));
        assertThat(a.sageMaker().listNotebookInstances(b -> { }).notebookInstances())
                .extracting(NotebookInstanceSummary::notebookInstanceName).containsExactlyInAnyOrder("dev-sam", "train-gpu", "dev-old");
        assertThatThrownBy(() -> a.sageMaker().describeEndpoint(b -> b.endpointName("home-fraud")))
                .isInstanceOfSatisfying(SageMakerException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("Could not find endpoint \"arn:aws:sagemaker:us-east-1:111122223333:endpoint/home-fraud\"."));
        String arn = a.sageMaker().describeEndpoint(b -> b.endpointName("churn-batch")).endpointArn();
        assertThat(a.sageMaker().listTags(b -> b.resourceArn(arn)).tags()).anySatisfy(t -> assertThat(t.key()).isEqualTo("team"));
        assertThatThrownBy(() -> home.sageMaker().listTags(b -> b.resourceArn(arn))).isInstanceOf(SageMakerException.class);

        SandboxClients b = assumed(B, "sweeper-ext");
        assertThat(b.sageMaker().listEndpoints(r -> { }).endpoints()).extracting(EndpointSummary::endpointName)
                .containsExactlyInAnyOrder("forecast-weekly", "ocr-live", "nlp-serverless-b");
        assertThat(b.sageMaker().listDomains(r -> { }).domains()).singleElement()
                .satisfies(d -> assertThat(d.domainArn()).contains(":444455556666:domain/d-bteam01"));
    }

    @Test
    void sageMaker_whenBaseCredentials_stillSeesTheCallersOwnAccount() {
        assumed(A, null).sageMaker().listEndpoints(b -> { }); // an assumed session exists alongside
        List<EndpointSummary> endpoints = home.sageMaker().listEndpoints(b -> { }).endpoints();
        assertThat(endpoints).extracting(EndpointSummary::endpointName).containsExactlyInAnyOrder("home-fraud", "recs-live");
        assertThat(endpoints).extracting(EndpointSummary::endpointArn)
                .allMatch(arn -> arn.startsWith("arn:aws:sagemaker:us-east-1:123456789012:endpoint/"));
        assertThat(home.sageMaker().listNotebookInstances(b -> { }).notebookInstances())
                .extracting(NotebookInstanceSummary::notebookInstanceName).containsExactly("home-dev-ann");
    }

    @Test
    void cloudWatch_whenAssumedRole_listsThatAccountsMetrics() {
        SandboxClients a = assumed(A, null);
        List<String> aEndpoints = a.cloudWatch().listMetricsPaginator(b -> b.namespace("AWS/SageMaker")).metrics().stream()
                .map(Metric::dimensions).flatMap(List::stream).filter(d -> d.name().equals("EndpointName")).map(d -> d.value()).distinct().toList();
        assertThat(aEndpoints).contains("churn-batch", "search-live").doesNotContain("home-fraud");
        List<String> homeEndpoints = home.cloudWatch().listMetricsPaginator(b -> b.namespace("AWS/SageMaker")).metrics().stream()
                .map(Metric::dimensions).flatMap(List::stream).filter(d -> d.name().equals("EndpointName")).map(d -> d.value()).distinct().toList();
        assertThat(homeEndpoints).containsExactlyInAnyOrder("home-fraud", "recs-live");
    }

    @Test
    void sns_whenAssumedRole_topicsAndMessagesAreThatAccounts() throws Exception {
        SandboxClients a = assumed(A, null);
        List<String> topics = a.sns().listTopics().topics().stream().map(Topic::topicArn).toList();
        assertThat(topics).containsExactly("arn:aws:sns:us-east-1:111122223333:team-a-alerts");
        assertThat(home.sns().listTopics().topics()).extracting(Topic::topicArn)
                .containsExactly("arn:aws:sns:us-east-1:123456789012:sweeper-alerts");
        a.sns().publish(b -> b.topicArn(topics.get(0)).subject("team a").message("hello from A"));
        assertThatThrownBy(() -> a.sns().publish(b -> b.topicArn("arn:aws:sns:us-east-1:123456789012:sweeper-alerts").message("x")))
                .isInstanceOf(NotFoundException.class);

        JsonNode state = state();
        assertThat(state.path("account").asText()).isEqualTo(HOME);
        assertThat(state.path("accounts")).extracting(JsonNode::asText).containsExactly(HOME, A, B, LOCKED, "222233334444");
        assertThat(state.path("messages")).anySatisfy(m -> {
            assertThat(m.path("account").asText()).isEqualTo(A);
            assertThat(m.path("message").asText()).isEqualTo("hello from A");
        });
        assertThat(state.path("topics")).anySatisfy(t -> {
            assertThat(t.path("account").asText()).isEqualTo(A);
            assertThat(t.path("arn").asText()).endsWith(":team-a-alerts");
        });
        assertThat(state.path("endpoints")).filteredOn(e -> e.path("name").asText().equals("recs-live"))
                .extracting(e -> e.path("account").asText() + " " + e.path("arn").asText())
                .containsExactly("123456789012 arn:aws:sagemaker:us-east-1:123456789012:endpoint/recs-live",
                        "111122223333 arn:aws:sagemaker:us-east-1:111122223333:endpoint/recs-live");
        assertThat(state.path("endpoints")).anySatisfy(e -> assertThat(e.path("account").asText()).isEqualTo(LOCKED));
        assertThat(state.path("apps")).allSatisfy(app -> assertThat(app.path("account").asText()).isEqualTo(B));
        assertThat(state.path("notebooks")).allSatisfy(n -> assertThat(n.path("arn").asText()).contains(":" + n.path("account").asText() + ":"));
    }
}
