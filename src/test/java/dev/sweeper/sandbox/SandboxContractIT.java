package dev.sweeper.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import dev.sweeper.testing.ServiceModels;
import dev.sweeper.testing.WireRecorder;
import dev.sweeper.testing.WireRecorder.Exchange;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The sandbox answers as AWS does: every response of every operation the sweeper uses, as sent on
 * the wire, is checked against AWS's own service models (botocore's, when the machine's Python has
 * them) and against what the real SDK makes of it (always): no member the SDK would drop, no enum
 * value it does not know, required members present, errors AWS defines.
 */
class SandboxContractIT {
    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:sweeper-alerts";
    static final Path POLICY = Path.of("config", "iam-policy.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** IAM's action prefix of each SDK service name. */
    private static final Map<String, String> IAM_PREFIX = Map.of("tag", "ResourceGroupsTaggingApi",
            "logs", "CloudWatchLogs", "sagemaker", "SageMaker", "cloudwatch", "CloudWatch", "sns", "Sns", "sts", "Sts", "pricing", "Pricing");

    private static List<Exchange> exchanges;

    /** Every command of the sweeper, acting, on the sample fleets; then the same under throttling and errors. */
    @BeforeAll
    static void recordEveryCommand() {
        WireRecorder.start();
        try {
            try (Sandbox sb = Sandbox.start(SandboxOptions.defaults()
                    .withFleetFile(Path.of("src/test/resources/safety/least-privilege-fleet.yaml")))) {
                run(sb, "apps", "idle");
            }
            try (Sandbox sb = Sandbox.start(SandboxOptions.defaults()
                    .withFleetFile(Path.of("src/test/resources/safety/least-privilege-components-fleet.yaml"))
                    .withTransitionDelay(java.time.Duration.ofMillis(100)))) {
                inferenceComponents(sb);
                run(sb, "endpoints", "idle", "--delete", "--all", "--apply");
            }
            try (Sandbox sb = Sandbox.sampleFleet()) {
                run(sb, "scan", "--max-age", "1d");
                Cli.Run report = Cli.run("report", "--format", "json", "--endpoint-url", sb.url(), "--region", "us-east-1");
                assertThat(report.exitCode()).as(report.toString()).isZero();
                run(sb, "endpoints", "idle", "--delete", "--all", "--apply", "--notify", "--topic-arn", TOPIC);
                run(sb, "apps", "idle", "--max-age", "1d", "--delete", "--all", "--apply");
                run(sb, "stop-notebooks", "--name-contains", "dev-alice", "--apply", "--wait");
                run(sb, "start-notebooks", "--name-contains", "dev-", "--only-swept", "--apply");
                run(sb, "autostop-notebooks", "--all", "--apply");
                run(sb, "mlflow", "stop", "--all", "--include-active", "--apply", "--wait");
                run(sb, "mlflow", "start", "--only-swept", "--apply");
                run(sb, "apps", "idle-shutdown", "--user-profiles", "--all", "--apply");
                run(sb, "apps", "idle-shutdown", "--domains", "--all", "--apply");
                studioSettingsAsAnySdkUserCallsThem(sb);
                mlflowAsAnySdkUserCallsThem(sb);
                hyperpodAsAnySdkUserCallsThem(sb);
                spacesAsAnySdkUserCallsThem(sb);
                pricingAsAnySdkUserCallsThem(sb);
                errorsTheSweeperHandles(sb);
                lifecycleConfigsAsAnySdkUserCallsThem(sb);
            }
            try (Sandbox sb = Sandbox.start(SandboxOptions.defaults()
                    .withFleetFile(Path.of("config/multi-account-fleet.yaml")))) {
                run(sb, "endpoints", "idle", "--role-arn", "arn:aws:iam::111122223333:role/SweeperRole",
                        "--expect-account", "123456789012");
                organizationAndAuditLog(sb);
            }
            try (Sandbox sb = Sandbox.start(SandboxOptions.defaults().withFleetFile(Path.of("config/sample-fleet.yaml"))
                    .withDeny(List.of("Logs.FilterLogEvents")))) {
                // A policy from before FilterLogEvents: jupyter.log is read stream by stream (GetLogEvents).
                run(sb, "scan", "--kinds", "notebook");
            }
            try (Sandbox sb = Sandbox.sampleFleet()) {
                // One throttling answer and one server error per service, as each service spells them.
                for (String service : List.of("SageMaker", "CloudWatch", "SNS")) {
                    sb.fault("{\"operation\":\"" + service + ".*\",\"mode\":\"throttle\",\"rate\":1.0,\"count\":1}");
                    sb.fault("{\"operation\":\"" + service + ".*\",\"mode\":\"error500\",\"rate\":1.0,\"count\":1}");
                }
                Cli.run(sb.args("endpoints", "idle", "--notify", "--topic-arn", TOPIC));
            }
        } finally {
            exchanges = WireRecorder.stop();
        }
    }

    /** Calls that AWS answers with an error the sweeper reads: things that are not there. */
    private static void errorsTheSweeperHandles(Sandbox sb) {
        URI endpoint = URI.create(sb.url());
        try (SageMakerClient sageMaker = SageMakerClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(SandboxClients.baseCredentials()).build();
             SnsClient sns = SnsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(SandboxClients.baseCredentials()).build()) {
            ignore(() -> sageMaker.describeEndpoint(b -> b.endpointName("no-such-endpoint")));
            ignore(() -> sageMaker.describeNotebookInstance(b -> b.notebookInstanceName("no-such-notebook")));
            ignore(() -> sageMaker.stopNotebookInstance(b -> b.notebookInstanceName("no-such-notebook")));
            ignore(() -> sageMaker.describeEndpointConfig(b -> b.endpointConfigName("no-such-config")));
            ignore(() -> sageMaker.describeNotebookInstanceLifecycleConfig(b -> b.notebookInstanceLifecycleConfigName("no-such-config")));
            // A running notebook's configuration cannot be changed: AWS's refusal.
            ignore(() -> sageMaker.updateNotebookInstance(b -> b.notebookInstanceName("dev-bob").lifecycleConfigName("auto-stop-idle")));
            ignore(() -> sageMaker.createNotebookInstanceLifecycleConfig(b -> b.notebookInstanceLifecycleConfigName("auto-stop-idle")));
            ignore(() -> sns.publish(b -> b.topicArn(TOPIC.replace("alerts", "missing")).message("m")));
        }
    }

    /** The lifecycle configuration operations the sweeper does not call itself: listed page by page, and deleted. */
    private static void lifecycleConfigsAsAnySdkUserCallsThem(Sandbox sb) {
        try (SageMakerClient sageMaker = SageMakerClient.builder().endpointOverride(URI.create(sb.url()))
                .region(Region.US_EAST_1).credentialsProvider(SandboxClients.baseCredentials()).build()) {
            var names = sageMaker.listNotebookInstanceLifecycleConfigsPaginator(b -> b.maxResults(1))
                    .notebookInstanceLifecycleConfigs().stream().map(c -> c.notebookInstanceLifecycleConfigName()).toList();
            assertThat(names).contains("auto-stop-idle", "install-extensions", "sweeper-autostop-60m").doesNotHaveDuplicates();
            sageMaker.createNotebookInstanceLifecycleConfig(b -> b.notebookInstanceLifecycleConfigName("contract-check")
                    .onStart(h -> h.content("ZWNobyBoaQ==")));
            assertThat(sageMaker.describeNotebookInstanceLifecycleConfig(b -> b.notebookInstanceLifecycleConfigName("contract-check"))
                    .onStart().get(0).content()).isEqualTo("ZWNobyBoaQ==");
            sageMaker.deleteNotebookInstanceLifecycleConfig(b -> b.notebookInstanceLifecycleConfigName("contract-check"));
        }
    }

    /** UpdateSpace (which the sweeper does not call), and AWS's refusals of the idle settings' updates. */
    private static void studioSettingsAsAnySdkUserCallsThem(Sandbox sb) {
        try (SageMakerClient sageMaker = SageMakerClient.builder().endpointOverride(URI.create(sb.url()))
                .region(Region.US_EAST_1).credentialsProvider(SandboxClients.baseCredentials()).build()) {
            sageMaker.updateSpace(b -> b.domainId("d-ops02").spaceName("ops-space").spaceSettings(s -> s
                    .jupyterLabAppSettings(j -> j.appLifecycleManagement(a -> a.idleSettings(i -> i.idleTimeoutInMinutes(90))))));
            assertThat(sageMaker.describeSpace(b -> b.domainId("d-ops02").spaceName("ops-space")).spaceSettings()
                    .jupyterLabAppSettings().appLifecycleManagement().idleSettings().idleTimeoutInMinutes()).isEqualTo(90);
            ignore(() -> sageMaker.updateDomain(b -> b.domainId("d-ops02").defaultUserSettings(u -> u
                    .jupyterLabAppSettings(j -> j.appLifecycleManagement(a -> a.idleSettings(i -> i.idleTimeoutInMinutes(30)))))));
            ignore(() -> sageMaker.updateUserProfile(b -> b.domainId("d-ops02").userProfileName("no-such-profile")));
            ignore(() -> sageMaker.updateSpace(b -> b.domainId("d-nosuch").spaceName("ops-space")));
        }
    }

    /** The MLflow tracking server calls page by page, with filters, and SageMaker's refusals around them. */
    private static void mlflowAsAnySdkUserCallsThem(Sandbox sb) {
        try (SageMakerClient sageMaker = SageMakerClient.builder().endpointOverride(URI.create(sb.url()))
                .region(Region.US_EAST_1).credentialsProvider(SandboxClients.baseCredentials()).build()) {
            var names = sageMaker.listMlflowTrackingServersPaginator(b -> b.maxResults(1).sortBy("Name"))
                    .trackingServerSummaries().stream().map(s -> s.trackingServerName()).toList();
            assertThat(names).contains("team-experiments", "old-experiments", "prod-model-registry").doesNotHaveDuplicates();
            assertThat(sageMaker.listMlflowTrackingServers(b -> b.trackingServerStatus("Stopped"))
                    .trackingServerSummaries()).allMatch(s -> s.trackingServerStatusAsString().equals("Stopped"));
            sageMaker.describeMlflowTrackingServer(b -> b.trackingServerName("old-experiments"));
            ignore(() -> sageMaker.describeMlflowTrackingServer(b -> b.trackingServerName("no-such-server")));
            ignore(() -> sageMaker.stopMlflowTrackingServer(b -> b.trackingServerName("old-experiments")));
            ignore(() -> sageMaker.startMlflowTrackingServer(b -> b.trackingServerName("prod-model-registry")));
            ignore(() -> sageMaker.listMlflowTrackingServers(b -> b.maxResults(101)));
        }
    }

    /**
     * AWS's price list as any SDK user reads it (whatever the sweeper's own price cache holds): filtered by TERM_MATCH,
     * page by page, and its refusals (an unknown service code, a bad MaxResults).
     */
    private static void pricingAsAnySdkUserCallsThem(Sandbox sb) {
        try (software.amazon.awssdk.services.pricing.PricingClient pricing =
                     software.amazon.awssdk.services.pricing.PricingClient.builder().endpointOverride(URI.create(sb.url()))
                             .region(Region.US_EAST_1).credentialsProvider(SandboxClients.baseCredentials()).build()) {
            var one = pricing.getProducts(b -> b.serviceCode("AmazonSageMaker").formatVersion("aws_v1").filters(
                    f -> f.type("TERM_MATCH").field("regionCode").value("us-east-1"),
                    f -> f.type("TERM_MATCH").field("usagetype").value("USE1-Host:ml.m5.xlarge")));
            assertThat(one.priceList()).hasSize(1);
            assertThat(one.priceList().get(0)).contains("\"pricePerUnit\":{\"USD\":\"0.2300000000\"}");
            var pages = pricing.getProductsPaginator(b -> b.serviceCode("AmazonSageMaker").maxResults(2).filters(
                    f -> f.type("TERM_MATCH").field("regionCode").value("us-east-1"))).stream().toList();
            assertThat(pages.size()).isGreaterThan(1);
            ignore(() -> pricing.getProducts(b -> b.serviceCode("NoSuchService")));
            ignore(() -> pricing.getProducts(b -> b.serviceCode("AmazonSageMaker").maxResults(101)));
        }
    }

    /** The HyperPod cluster calls page by page, sorted and filtered, by name and by ARN, and SageMaker's refusals. */
    private static void hyperpodAsAnySdkUserCallsThem(Sandbox sb) {
        try (SageMakerClient sageMaker = SageMakerClient.builder().endpointOverride(URI.create(sb.url()))
                .region(Region.US_EAST_1).credentialsProvider(SandboxClients.baseCredentials()).build()) {
            var listed = sageMaker.listClustersPaginator(b -> b.maxResults(1).sortBy("NAME").sortOrder("Descending"))
                    .clusterSummaries().stream().toList();
            assertThat(listed).extracting(s -> s.clusterName()).contains("llm-training").doesNotHaveDuplicates();
            assertThat(sageMaker.listClusters(b -> b.nameContains("no-such")).clusterSummaries()).isEmpty();
            var described = sageMaker.describeCluster(b -> b.clusterName(listed.get(0).clusterArn()));
            assertThat(described.instanceGroups()).isNotEmpty();
            ignore(() -> sageMaker.describeCluster(b -> b.clusterName("no-such-cluster")));
            ignore(() -> sageMaker.listClusters(b -> b.maxResults(101)));
            ignore(() -> sageMaker.listClusters(b -> b.sortBy("STATUS")));
        }
    }

    /**
     * The Studio space listing page by page, sorted (Ascending by default, as the API reference says), filtered by
     * domain and name, a space described, and SageMaker's refusals.
     */
    private static void spacesAsAnySdkUserCallsThem(Sandbox sb) {
        try (SageMakerClient sageMaker = SageMakerClient.builder().endpointOverride(URI.create(sb.url()))
                .region(Region.US_EAST_1).credentialsProvider(SandboxClients.baseCredentials()).build()) {
            var listed = sageMaker.listSpacesPaginator(b -> b.maxResults(1)).spaces().stream().toList();
            assertThat(listed).extracting(s -> s.spaceName()).contains("shared", "bob-archive").doesNotHaveDuplicates();
            assertThat(listed).extracting(s -> s.creationTime()).isSorted();
            var research = sageMaker.listSpaces(b -> b.domainIdEquals("d-research01").sortOrder("Descending")
                    .sortBy("LastModifiedTime")).spaces();
            assertThat(research).allMatch(s -> s.domainId().equals("d-research01")).isNotEmpty();
            assertThat(sageMaker.listSpaces(b -> b.spaceNameContains("no-such")).spaces()).isEmpty();
            sageMaker.describeSpace(b -> b.domainId("d-research01").spaceName("bob-archive"));
            ignore(() -> sageMaker.describeSpace(b -> b.domainId("d-research01").spaceName("no-such-space")));
            ignore(() -> sageMaker.listSpaces(b -> b.maxResults(101)));
            ignore(() -> sageMaker.listSpaces(b -> b.sortBy("Name")));
        }
    }

    /** The inference component calls beyond the sweeper's own, and SageMaker's refusals around them. */
    private static void inferenceComponents(Sandbox sb) {
        try (SageMakerClient sageMaker = SageMakerClient.builder().endpointOverride(URI.create(sb.url()))
                .region(Region.US_EAST_1).credentialsProvider(SandboxClients.baseCredentials()).build()) {
            sageMaker.listInferenceComponents(b -> b.endpointNameEquals("llm-idle-components").maxResults(1));
            sageMaker.describeInferenceComponent(b -> b.inferenceComponentName("chat-idle"));
            ignore(() -> sageMaker.describeInferenceComponent(b -> b.inferenceComponentName("no-such-component")));
            ignore(() -> sageMaker.deleteEndpoint(b -> b.endpointName("llm-idle-components")));
        }
    }

    private static void ignore(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException expected) {
            // the error's body is what is checked
        }
    }

    /** --accounts org (whole and one OU), and the audit log written to and read from a CloudWatch Logs group. */
    private static void organizationAndAuditLog(Sandbox sb) {
        run(sb, "endpoints", "idle", "--accounts", "org", "--role-name", "SweeperRole", "--external-id",
                "sweeper-ext", "--exclude-accounts", "777788889999");
        String ou;
        try (var org = software.amazon.awssdk.services.organizations.OrganizationsClient.builder()
                .endpointOverride(java.net.URI.create(sb.url()))
                .region(software.amazon.awssdk.regions.Region.US_EAST_1).build()) {
            String root = org.listRoots().roots().get(0).id();
            ou = org.listOrganizationalUnitsForParent(b -> b.parentId(root)).organizationalUnits().get(0).id();
            ignore(() -> org.listAccountsForParent(b -> b.parentId("ou-zzzz-zzzzzzzz")));
        }
        run(sb, "endpoints", "idle", "--accounts", "org", "--role-name", "SweeperRole", "--external-id",
                "sweeper-ext", "--ou", ou, "--exclude-accounts", "777788889999");
        try (var logs = software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient.builder()
                .endpointOverride(java.net.URI.create(sb.url()))
                .region(software.amazon.awssdk.regions.Region.US_EAST_1).build()) {
            logs.createLogGroup(b -> b.logGroupName("/sweeper/audit"));
            ignore(() -> logs.createLogStream(b -> b.logGroupName("/sweeper/nope").logStreamName("x")));
        }
        run(sb, "endpoints", "idle", "--role-arn", "arn:aws:iam::111122223333:role/SweeperRole", "--delete",
                "--all", "--audit-log", "cloudwatch-logs:/sweeper/audit");
        run(sb, "audit", "--audit-log", "cloudwatch-logs:/sweeper/audit");
    }

    private static void run(Sandbox sb, String... command) {
        Cli.Run run = Cli.run(sb.args(command));
        assertThat(run.exitCode()).as(run.toString()).isZero();
    }

    @Test
    void responses_whenCheckedAgainstBotocoreModels_matchEveryShapeEnumAndBound() {
        Optional<ServiceModels> models = ServiceModels.find();
        assumeThat(models).as("botocore's service models on this machine").isPresent();
        Set<String> problems = new TreeSet<>();
        for (Exchange e : successes()) {
            problems.addAll(models.get().checkOutput(e.service(), e.operation(), e.contentType(), e.body()));
        }

        assertThat(problems).as("responses that differ from AWS's service models").isEmpty();
    }

    @Test
    void errors_whenCheckedAgainstBotocoreModels_useCodesAwsDefines() {
        Optional<ServiceModels> models = ServiceModels.find();
        assumeThat(models).as("botocore's service models on this machine").isPresent();
        List<Exchange> errors = exchanges.stream().filter(e -> e.status() >= 300).toList();
        Set<String> problems = new TreeSet<>();
        errors.forEach(e -> problems.addAll(models.get().checkError(e.service(), e.operation(), e.status(), e.contentType(), e.body())));

        assertThat(errors).as("error answers recorded").isNotEmpty();
        assertThat(problems).as("error codes AWS does not define").isEmpty();
    }

    @Test
    void responses_whenReadByTheSdk_loseNoMemberAndKnowEveryEnum() throws IOException {
        Set<String> problems = new TreeSet<>();
        for (Exchange e : successes()) {
            if (e.contentType().contains("json")) {
                JsonNode tree = e.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(e.body());
                compare(tree, e.response(), e.operation(), problems);
            }
            unknownEnums(e.response(), e.operation(), problems);
        }

        assertThat(problems).as("members the SDK drops or enum values it does not know").isEmpty();
    }

    @Test
    void recording_whenTheCommandsRan_coversEveryOperationThePolicyAllows() throws IOException {
        Set<String> answered = new TreeSet<>();
        successes().forEach(e -> answered.add(e.service().toLowerCase(Locale.ROOT) + ":" + e.operation()));
        Set<String> unchecked = new TreeSet<>();
        for (JsonNode statement : JSON.readTree(POLICY.toFile()).path("Statement")) {
            for (JsonNode action : statement.path("Action")) {
                String[] parts = action.asText().split(":", 2);
                String service = IAM_PREFIX.getOrDefault(parts[0], parts[0]).toLowerCase(Locale.ROOT);
                if (!answered.contains(service + ":" + parts[1])) {
                    unchecked.add(action.asText());
                }
            }
        }

        assertThat(unchecked).as("allowed operations with no successful response to check").isEmpty();
    }

    private static List<Exchange> successes() {
        List<Exchange> ok = exchanges.stream().filter(e -> e.status() < 300 && e.response() != null).toList();
        assertThat(ok).as("successful answers recorded").isNotEmpty();
        return ok;
    }

    /** Walks the JSON beside the SDK's object: a key with no field of the object is a member the SDK drops. */
    private static void compare(JsonNode json, Object sdk, String path, Set<String> problems) {
        if (json.isObject() && sdk instanceof SdkPojo pojo) {
            for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                SdkField<?> field = pojo.sdkFields().stream()
                        .filter(f -> entry.getKey().equals(f.unmarshallLocationName())).findFirst().orElse(null);
                if (field == null) {
                    problems.add(path + "." + entry.getKey() + ": the SDK's " + sdk.getClass().getSimpleName()
                            + " has no such member, so it drops it");
                } else {
                    compare(entry.getValue(), field.getValueOrDefault(pojo), path + "." + entry.getKey(), problems);
                }
            }
        } else if (json.isArray() && sdk instanceof List<?> list) {
            for (int i = 0; i < Math.min(json.size(), list.size()); i++) {
                compare(json.get(i), list.get(i), path + "[" + i + "]", problems);
            }
        } else if (json.isObject() && sdk instanceof Map<?, ?> map) {
            json.fields().forEachRemaining(e -> compare(e.getValue(), map.get(e.getKey()), path + "{" + e.getKey() + "}",
                    problems));
        }
    }

    /** Every enum-typed getter of the SDK's objects (those with an {@code …AsString} twin) gives a value it knows. */
    private static void unknownEnums(Object sdk, String path, Set<String> problems) {
        if (sdk instanceof SdkPojo pojo) {
            for (Method m : sdk.getClass().getMethods()) {
                if (m.getParameterCount() == 0 && m.getName().endsWith("AsString")) {
                    String getter = m.getName().substring(0, m.getName().length() - "AsString".length());
                    Object value = invoke(sdk, getter);
                    if (value instanceof Enum<?> e && e.name().equals("UNKNOWN_TO_SDK_VERSION")) {
                        problems.add(path + "." + getter + ": '" + invoke(sdk, m.getName())
                                + "' is not a value the SDK knows");
                    }
                }
            }
            for (SdkField<?> field : pojo.sdkFields()) {
                unknownEnums(field.getValueOrDefault(pojo), path + "." + field.memberName(), problems);
            }
        } else if (sdk instanceof Collection<?> items) {
            items.forEach(item -> unknownEnums(item, path + "[]", problems));
        } else if (sdk instanceof Map<?, ?> map) {
            map.values().forEach(v -> unknownEnums(v, path + "{}", problems));
        }
    }

    private static Object invoke(Object target, String method) {
        try {
            return target.getClass().getMethod(method).invoke(target);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
