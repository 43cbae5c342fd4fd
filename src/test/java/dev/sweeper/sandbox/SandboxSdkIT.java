package dev.sweeper.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sweeper.sandbox.fleet.FleetLoader;
import dev.sweeper.sandbox.fleet.FleetSpec;
import java.nio.file.Path;
import dev.sweeper.testing.Poll;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.DimensionFilter;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;
import software.amazon.awssdk.services.sagemaker.model.AppType;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.EndpointSummary;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentStatus;
import software.amazon.awssdk.services.sagemaker.model.InferenceComponentSummary;
import software.amazon.awssdk.services.sagemaker.model.LifecycleManagement;
import software.amazon.awssdk.services.sagemaker.model.NotebookInstanceStatus;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.SnsException;

/** Drives the sandbox with the real SDK for Java v2 over HTTP, loading config/sample-fleet.yaml. */
class SandboxSdkIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SandboxServer server;
    private static SandboxClients aws;

    @BeforeAll
    static void start() {
        server = SandboxServer.start(SandboxOptions.defaults()
                .withFleetFile(Path.of("config/sample-fleet.yaml"))
                .withTransitionDelay(Duration.ofSeconds(1)));
        aws = SandboxClients.of(server);
    }

    @AfterAll
    static void stop() {
        aws.close();
        server.close();
    }

    @AfterEach
    void clearFaults() {
        aws.admin("DELETE", "/_sandbox/faults", null);
    }

    private static JsonNode state() throws Exception {
        return JSON.readTree(aws.admin("GET", "/_sandbox/state", null));
    }

    // ---- SageMaker ----

    @Test
    void listEndpoints_whenPaginatedByTwo_returnsEveryEndpointOfTheRegionOnce() {
        List<String> names = aws.sageMaker().listEndpointsPaginator(b -> b.maxResults(2)).endpoints().stream()
                .map(EndpointSummary::endpointName).toList();
        assertThat(names).hasSize(21).doesNotHaveDuplicates().contains("fraud-v2", "churn-model", "nlp-serverless")
                .doesNotContain("eu-fraud-v2");
    }

    @Test
    void listEndpoints_whenOtherRegion_listsOnlyThatRegion() {
        try (SandboxClients eu = SandboxClients.of(server, Region.EU_WEST_1)) {
            assertThat(eu.sageMaker().listEndpoints(b -> { }).endpoints()).extracting(EndpointSummary::endpointName)
                    .containsExactly("eu-fraud-v2");
        }
    }

    @Test
    void listEndpoints_whenFiltered_appliesNameStatusAndSort() {
        var resp = aws.sageMaker().listEndpoints(b -> b.nameContains("FRAUD").sortBy("Name").sortOrder("Ascending"));
        assertThat(resp.endpoints()).extracting(EndpointSummary::endpointName).containsExactly("fraud-v1", "fraud-v2");
        assertThat(aws.sageMaker().listEndpoints(b -> b.statusEquals(EndpointStatus.CREATING)).endpoints())
                .extracting(EndpointSummary::endpointName).containsExactly("pricing-v3");
        Instant dayAgo = Instant.now().minus(Duration.ofDays(1));
        assertThat(aws.sageMaker().listEndpoints(b -> b.creationTimeAfter(dayAgo)).endpoints())
                .extracting(EndpointSummary::endpointName).containsExactlyInAnyOrder("pricing-v3", "recs-canary");
    }

    @Test
    void listEndpoints_whenMaxResultsOutOfRange_throwsValidationException() {
        assertThatThrownBy(() -> aws.sageMaker().listEndpoints(b -> b.maxResults(101)))
                .isInstanceOfSatisfying(SageMakerException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.statusCode()).isEqualTo(400);
                });
    }

    @Test
    void listEndpoints_whenTokenIsForged_throwsValidationException() {
        assertThatThrownBy(() -> aws.sageMaker().listEndpoints(b -> b.nextToken("bm90LWEtdG9rZW4=")))
                .isInstanceOfSatisfying(SageMakerException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
    }

    @Test
    void describeEndpoint_whenServerlessAndAsync_showsTheirConfigs() {
        DescribeEndpointResponse serverless = aws.sageMaker().describeEndpoint(b -> b.endpointName("nlp-serverless"));
        assertThat(serverless.productionVariants().get(0).currentServerlessConfig().memorySizeInMB()).isEqualTo(2048);
        assertThat(serverless.asyncInferenceConfig()).isNull();
        DescribeEndpointResponse async = aws.sageMaker().describeEndpoint(b -> b.endpointName("doc-summarizer-async"));
        assertThat(async.asyncInferenceConfig().outputConfig().s3OutputPath()).startsWith("s3://");
        DescribeEndpointResponse churn = aws.sageMaker().describeEndpoint(b -> b.endpointName("churn-model"));
        assertThat(churn.productionVariants()).hasSize(2);
        assertThat(churn.creationTime()).isBefore(Instant.now().minus(Duration.ofDays(19)));
        assertThat(aws.sageMaker().describeEndpoint(b -> b.endpointName("ads-ctr-v1")).failureReason()).isNotBlank();
    }

    @Test
    void describeEndpoint_whenMissing_throwsValidationExceptionWithAwsMessage() {
        assertThatThrownBy(() -> aws.sageMaker().describeEndpoint(b -> b.endpointName("no-such")))
                .isInstanceOfSatisfying(SageMakerException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Could not find endpoint \"arn:aws:sagemaker:us-east-1:123456789012:endpoint/no-such\".");
                });
    }

    @Test
    void describeEndpointConfig_whenShared_describesOneConfigForBothEndpoints() {
        assertThat(aws.sageMaker().describeEndpoint(b -> b.endpointName("legacy-xgb-a")).endpointConfigName())
                .isEqualTo(aws.sageMaker().describeEndpoint(b -> b.endpointName("legacy-xgb-b")).endpointConfigName())
                .isEqualTo("legacy-xgb-config");
        var config = aws.sageMaker().describeEndpointConfig(b -> b.endpointConfigName("legacy-xgb-config"));
        assertThat(config.productionVariants().get(0).instanceTypeAsString()).isEqualTo("ml.m5.large");
        assertThatThrownBy(() -> aws.sageMaker().describeEndpointConfig(b -> b.endpointConfigName("nope")))
                .isInstanceOfSatisfying(SageMakerException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
    }

    @Test
    void deleteEndpoint_whenInService_goesThroughDeletingThenDisappears() throws Exception {
        FleetSpec fleet = FleetLoader.parse("endpoints: [{name: doomed, age: 3d}]", "inline");
        try (SandboxServer own = SandboxServer.start(SandboxOptions.defaults().withFleet(fleet).withTransitionDelay(Duration.ofSeconds(1)));
             SandboxClients c = SandboxClients.of(own)) {
            c.sageMaker().deleteEndpoint(b -> b.endpointName("doomed"));
            assertThat(c.sageMaker().describeEndpoint(b -> b.endpointName("doomed")).endpointStatus()).isEqualTo(EndpointStatus.DELETING);
            assertThatThrownBy(() -> c.sageMaker().deleteEndpoint(b -> b.endpointName("doomed")))
                    .isInstanceOf(SageMakerException.class).hasMessageContaining("in-progress");
            Poll.until(() -> {
                assertThatThrownBy(() -> c.sageMaker().describeEndpoint(b -> b.endpointName("doomed")))
                        .isInstanceOf(SageMakerException.class).hasMessageContaining("Could not find endpoint");
            });
            assertThat(c.sageMaker().listEndpoints(b -> { }).endpoints()).isEmpty();
            // the config stays, so the endpoint can be re-created
            assertThat(c.sageMaker().describeEndpointConfig(b -> b.endpointConfigName("doomed-config")).endpointConfigName())
                    .isEqualTo("doomed-config");
        }
    }

    static final String COMPONENTS = """
            endpoints:
              - name: llm-a
                age: 3d
                variants: [{name: AllTraffic, instanceType: ml.g5.2xlarge, instanceCount: 1}]
                inferenceComponents:
                  - {name: ic-a1, copies: 2}
                  - {name: ic-a2}
                  - {name: ic-a3, status: Creating}
              - name: llm-b
                age: 3d
                variants: [{name: AllTraffic, instanceType: ml.g5.2xlarge, instanceCount: 1}]
                inferenceComponents:
                  - {name: ic-b1, age: 2d}
            """;

    @Test
    void listInferenceComponents_whenPaginatedAndFiltered_returnsEachOnceWithItsEndpoint() {
        try (SandboxServer own = SandboxServer.start(SandboxOptions.defaults()
                .withFleet(FleetLoader.parse(COMPONENTS, "inline")));
             SandboxClients c = SandboxClients.of(own)) {
            List<InferenceComponentSummary> all = c.sageMaker().listInferenceComponentsPaginator(b -> b.maxResults(1))
                    .inferenceComponents().stream().toList();
            assertThat(all).extracting(InferenceComponentSummary::inferenceComponentName)
                    .containsExactlyInAnyOrder("ic-a1", "ic-a2", "ic-a3", "ic-b1");
            // Default order: CreationTime, Descending (ListInferenceComponents API reference).
            assertThat(all.get(0).inferenceComponentName()).as("the newest first").isEqualTo("ic-b1");
            assertThat(c.sageMaker().listInferenceComponents(b -> b.endpointNameEquals("llm-b")).inferenceComponents())
                    .singleElement().satisfies(ic -> {
                        assertThat(ic.endpointName()).isEqualTo("llm-b");
                        assertThat(ic.variantName()).isEqualTo("AllTraffic");
                        assertThat(ic.inferenceComponentStatus()).isEqualTo(InferenceComponentStatus.IN_SERVICE);
                        assertThat(ic.inferenceComponentArn()).endsWith(":inference-component/ic-b1");
                    });
            assertThat(c.sageMaker().listInferenceComponents(b -> b.statusEquals(InferenceComponentStatus.CREATING))
                    .inferenceComponents()).extracting(InferenceComponentSummary::inferenceComponentName)
                    .containsExactly("ic-a3");
            assertThat(c.sageMaker().describeInferenceComponent(b -> b.inferenceComponentName("ic-a1"))
                    .runtimeConfig().currentCopyCount()).isEqualTo(2);
            assertThatThrownBy(() -> c.sageMaker().listInferenceComponents(b -> b.maxResults(101)))
                    .isInstanceOfSatisfying(SageMakerException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
            assertThatThrownBy(() -> c.sageMaker().describeInferenceComponent(b -> b.inferenceComponentName("nope")))
                    .isInstanceOf(SageMakerException.class).hasMessageContaining("Could not find inference component");
        }
    }

    @Test
    void deleteEndpoint_whenItHostsInferenceComponents_isRefusedUntilTheyAreGone() {
        try (SandboxServer own = SandboxServer.start(SandboxOptions.defaults()
                .withFleet(FleetLoader.parse(COMPONENTS, "inline")).withTransitionDelay(Duration.ofSeconds(1)));
             SandboxClients c = SandboxClients.of(own)) {
            assertThatThrownBy(() -> c.sageMaker().deleteEndpoint(b -> b.endpointName("llm-b")))
                    .isInstanceOfSatisfying(SageMakerException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                        assertThat(e.getMessage()).contains("inference component");
                    });
            c.sageMaker().deleteInferenceComponent(b -> b.inferenceComponentName("ic-b1"));
            assertThat(c.sageMaker().describeInferenceComponent(b -> b.inferenceComponentName("ic-b1"))
                    .inferenceComponentStatus()).isEqualTo(InferenceComponentStatus.DELETING);
            // Still there while Deleting: the endpoint is still refused.
            assertThatThrownBy(() -> c.sageMaker().deleteEndpoint(b -> b.endpointName("llm-b")))
                    .isInstanceOf(SageMakerException.class);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!c.sageMaker().listInferenceComponents(b -> b.endpointNameEquals("llm-b")).inferenceComponents().isEmpty()) {
                assertThat(System.nanoTime()).as("component gone within 10 s").isLessThan(deadline);
                Thread.onSpinWait();
            }
            c.sageMaker().deleteEndpoint(b -> b.endpointName("llm-b"));
            assertThat(c.sageMaker().describeEndpoint(b -> b.endpointName("llm-b")).endpointStatus())
                    .isEqualTo(EndpointStatus.DELETING);
            // A component being created cannot be deleted yet.
            assertThatThrownBy(() -> c.sageMaker().deleteInferenceComponent(b -> b.inferenceComponentName("ic-a3")))
                    .isInstanceOfSatisfying(SageMakerException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        }
    }

    @Test
    void stopNotebookInstance_whenInService_stopsAfterTransition() throws Exception {
        aws.sageMaker().stopNotebookInstance(b -> b.notebookInstanceName("dev-alice"));
        assertThat(aws.sageMaker().describeNotebookInstance(b -> b.notebookInstanceName("dev-alice")).notebookInstanceStatus())
                .isEqualTo(NotebookInstanceStatus.STOPPING);
        Poll.until(() -> {
            assertThat(aws.sageMaker().describeNotebookInstance(b -> b.notebookInstanceName("dev-alice")).notebookInstanceStatus())
                    .isEqualTo(NotebookInstanceStatus.STOPPED);
        });
        aws.sageMaker().startNotebookInstance(b -> b.notebookInstanceName("dev-alice"));
        assertThat(aws.sageMaker().describeNotebookInstance(b -> b.notebookInstanceName("dev-alice")).notebookInstanceStatus())
                .isEqualTo(NotebookInstanceStatus.PENDING);
        Poll.until(() -> assertThat(aws.sageMaker().describeNotebookInstance(b -> b.notebookInstanceName("dev-alice"))
                .notebookInstanceStatus()).isEqualTo(NotebookInstanceStatus.IN_SERVICE));
        var described = aws.sageMaker().describeNotebookInstance(b -> b.notebookInstanceName("dev-alice"));
        assertThat(described.lastModifiedTime()).isAfter(Instant.now().minusSeconds(5));
    }

    @Test
    void stopNotebookInstance_whenAlreadyStopped_throwsValidationException() {
        assertThatThrownBy(() -> aws.sageMaker().stopNotebookInstance(b -> b.notebookInstanceName("dev-carol")))
                .isInstanceOfSatisfying(SageMakerException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).startsWith("Status (Stopped) not in ([InService])");
                });
    }

    @Test
    void stopNotebookInstance_whenFlaggedToFail_endsFailedWithReason() throws Exception {
        aws.sageMaker().stopNotebookInstance(b -> b.notebookInstanceName("dev-erin"));
        Poll.until(() -> assertThat(aws.sageMaker().describeNotebookInstance(b -> b.notebookInstanceName("dev-erin"))
                .notebookInstanceStatus()).isEqualTo(NotebookInstanceStatus.FAILED));
        var d = aws.sageMaker().describeNotebookInstance(b -> b.notebookInstanceName("dev-erin"));
        assertThat(d.failureReason()).isNotBlank();
    }

    @Test
    void describeNotebookInstance_whenMissing_throwsRecordNotFound() {
        assertThatThrownBy(() -> aws.sageMaker().describeNotebookInstance(b -> b.notebookInstanceName("ghost")))
                .isInstanceOfSatisfying(SageMakerException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("RecordNotFound");
                });
    }

    @Test
    void listNotebookInstances_whenPaginated_returnsAllSortedByName() {
        List<String> names = new ArrayList<>();
        aws.sageMaker().listNotebookInstancesPaginator(b -> b.maxResults(3)).notebookInstances()
                .forEach(n -> names.add(n.notebookInstanceName()));
        assertThat(names).hasSize(9).isSorted();
        assertThat(aws.sageMaker().listNotebookInstances(b -> b.notebookInstanceLifecycleConfigNameContains("auto-stop"))
                .notebookInstances()).singleElement().satisfies(n -> assertThat(n.notebookInstanceName()).isEqualTo("dev-dan"));
    }

    @Test
    void tags_whenAddedAndDeleted_areReadBackByListTags() {
        String arn = aws.sageMaker().describeEndpoint(b -> b.endpointName("search-ranker")).endpointArn();
        assertThat(aws.sageMaker().listTags(b -> b.resourceArn(arn)).tags())
                .contains(Tag.builder().key("sweeper:protect").value("true").build());
        aws.sageMaker().addTags(b -> b.resourceArn(arn).tags(Tag.builder().key("owner").value("zoe").build()));
        assertThat(aws.sageMaker().listTagsPaginator(b -> b.resourceArn(arn).maxResults(50)).tags().stream().map(Tag::key))
                .contains("owner", "team");
        aws.sageMaker().deleteTags(b -> b.resourceArn(arn).tagKeys("owner"));
        assertThat(aws.sageMaker().listTags(b -> b.resourceArn(arn)).tags()).extracting(Tag::key).doesNotContain("owner");
        assertThatThrownBy(() -> aws.sageMaker().listTags(b -> b.resourceArn(arn).maxResults(10)))
                .isInstanceOf(SageMakerException.class).hasMessageContaining("greater than or equal to 50");
    }

    @Test
    void studio_whenDescribed_showsIdleShutdownSettingsAndApps() {
        assertThat(aws.sageMaker().listDomainsPaginator(b -> b.maxResults(1)).domains()).hasSize(2);
        var domain = aws.sageMaker().describeDomain(b -> b.domainId("d-research01"));
        assertThat(domain.defaultUserSettings().jupyterLabAppSettings().appLifecycleManagement().idleSettings().lifecycleManagement())
                .isEqualTo(LifecycleManagement.ENABLED);
        var bob = aws.sageMaker().describeUserProfile(b -> b.domainId("d-research01").userProfileName("bob"));
        assertThat(bob.userSettings().jupyterLabAppSettings().appLifecycleManagement().idleSettings().lifecycleManagement())
                .isEqualTo(LifecycleManagement.DISABLED);
        assertThat(aws.sageMaker().listUserProfilesPaginator(b -> b.domainIdEquals("d-research01")).userProfiles()).hasSize(2);
        assertThat(aws.sageMaker().listSpacesPaginator(b -> b.maxResults(1)).spaces()).hasSize(4); // bob-archive, with no app, among them
        var lab = aws.sageMaker().describeSpace(b -> b.domainId("d-research01").spaceName("alice-lab"));
        assertThat(lab.spaceSettings().jupyterLabAppSettings().appLifecycleManagement().idleSettings().idleTimeoutInMinutes()).isEqualTo(120);
        assertThat(aws.sageMaker().listAppsPaginator(b -> b.maxResults(2)).apps()).hasSize(11); // with the two Canvas apps
        var app = aws.sageMaker().describeApp(b -> b.domainId("d-research01").userProfileName("alice")
                .appType(AppType.KERNEL_GATEWAY).appName("datascience-1"));
        assertThat(app.resourceSpec().instanceTypeAsString()).isEqualTo("ml.t3.medium");
        assertThat(app.appArn()).isEqualTo("arn:aws:sagemaker:us-east-1:123456789012:app/d-research01/alice/kernelgateway/datascience-1");
        assertThatThrownBy(() -> aws.sageMaker().describeDomain(b -> b.domainId("d-nope")))
                .isInstanceOfSatisfying(SageMakerException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFound"));
    }

    @Test
    void deleteApp_whenInService_goesDeletingThenDeleted() throws Exception {
        aws.sageMaker().deleteApp(b -> b.domainId("d-ops02").userProfileName("carol").appType(AppType.KERNEL_GATEWAY).appName("ops-kernel"));
        assertThat(aws.sageMaker().describeApp(b -> b.domainId("d-ops02").userProfileName("carol").appType(AppType.KERNEL_GATEWAY)
                .appName("ops-kernel")).statusAsString()).isEqualTo("Deleting");
        Poll.until(() -> {
            assertThat(aws.sageMaker().describeApp(b -> b.domainId("d-ops02").userProfileName("carol").appType(AppType.KERNEL_GATEWAY)
                    .appName("ops-kernel")).statusAsString()).isEqualTo("Deleted");
        });
        assertThatThrownBy(() -> aws.sageMaker().describeApp(b -> b.domainId("d-ops02").userProfileName("carol")
                .appType(AppType.KERNEL_GATEWAY).appName("ghost")))
                .isInstanceOfSatisfying(SageMakerException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFound"));
    }

    // ---- CloudWatch ----

    private static MetricDataQuery invocations(String id, String endpoint, String variant, int period) {
        return MetricDataQuery.builder().id(id).metricStat(s -> s.period(period).stat("Sum").metric(Metric.builder()
                .namespace("AWS/SageMaker").metricName("Invocations")
                .dimensions(Dimension.builder().name("EndpointName").value(endpoint).build(),
                        Dimension.builder().name("VariantName").value(variant).build()).build())).build();
    }

    @Test
    void getMetricData_whenWindowIs24h_sumsPerVariant() {
        Instant end = Instant.now();
        GetMetricDataResponse r = aws.cloudWatch().getMetricData(b -> b.startTime(end.minus(Duration.ofHours(24))).endTime(end)
                .metricDataQueries(invocations("champion", "churn-model", "champion", 86400),
                        invocations("challenger", "churn-model", "challenger", 86400),
                        invocations("fraudv1", "fraud-v1", "AllTraffic", 86400),
                        invocations("ghost", "ghost", "AllTraffic", 3600)));
        assertThat(r.metricDataResults()).extracting(MetricDataResult::id).containsExactly("champion", "challenger", "fraudv1", "ghost");
        assertThat(r.metricDataResults()).allSatisfy(m -> assertThat(m.statusCode()).isEqualTo(StatusCode.COMPLETE));
        // an unaligned start is rounded down to the minute, so a second, seconds-long bucket may follow
        assertThat(r.metricDataResults().get(0).values()).isNotEmpty().allSatisfy(v -> assertThat(v).isZero());
        assertThat(r.metricDataResults().get(1).values().stream().mapToDouble(Double::doubleValue).sum()).isBetween(920.0, 1000.0);
        assertThat(r.metricDataResults().get(2).values().stream().mapToDouble(Double::doubleValue).sum()).isZero();
        assertThat(r.metricDataResults().get(3).values()).isEmpty();
    }

    @Test
    void getMetricData_whenHourlyPeriod_returnsNewestFirstAlignedBuckets() {
        Instant end = Instant.now();
        var r = aws.cloudWatch().getMetricData(b -> b.startTime(end.minus(Duration.ofHours(6))).endTime(end)
                .metricDataQueries(invocations("v", "vision-multi", "gpu-t4", 3600)));
        MetricDataResult m = r.metricDataResults().get(0);
        assertThat(m.timestamps()).hasSizeBetween(5, 7);
        assertThat(m.timestamps()).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(m.timestamps()).allSatisfy(t -> assertThat(t.getEpochSecond() % 60).isZero());
        assertThat(m.values()).allSatisfy(v -> assertThat(v).isEqualTo(120.0));
    }

    @Test
    void getMetricData_whenOver500Queries_throwsValidationError() {
        List<MetricDataQuery> queries = IntStream.range(0, 501).mapToObj(i -> invocations("q" + i, "fraud-v2", "AllTraffic", 3600)).toList();
        assertThatThrownBy(() -> aws.cloudWatch().getMetricData(b -> b.startTime(Instant.now().minusSeconds(3600))
                .endTime(Instant.now()).metricDataQueries(queries)))
                .isInstanceOfSatisfying(CloudWatchException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
    }

    @Test
    void getMetricData_whenIdIsInvalidOrDuplicated_throwsInvalidParameterValue() {
        Instant now = Instant.now();
        assertThatThrownBy(() -> aws.cloudWatch().getMetricData(b -> b.startTime(now.minusSeconds(3600)).endTime(now)
                .metricDataQueries(invocations("Bad", "fraud-v2", "AllTraffic", 60))))
                .isInstanceOfSatisfying(CloudWatchException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
        assertThatThrownBy(() -> aws.cloudWatch().getMetricData(b -> b.startTime(now.minusSeconds(3600)).endTime(now)
                .metricDataQueries(invocations("a", "fraud-v2", "AllTraffic", 60), invocations("a", "fraud-v1", "AllTraffic", 60))))
                .isInstanceOf(CloudWatchException.class).hasMessageContaining("not unique");
        assertThatThrownBy(() -> aws.cloudWatch().getMetricData(b -> b.startTime(now.minusSeconds(3600)).endTime(now)
                .metricDataQueries(invocations("a", "fraud-v2", "AllTraffic", 90))))
                .isInstanceOf(CloudWatchException.class).hasMessageContaining("multiple of 60");
    }

    @Test
    void getMetricData_whenMoreThanMaxDatapoints_paginatesWithNextToken() {
        Instant end = Instant.now();
        List<MetricDataResult> all = new ArrayList<>();
        aws.cloudWatch().getMetricDataPaginator(b -> b.startTime(end.minus(Duration.ofDays(3))).endTime(end).maxDatapoints(10)
                        .metricDataQueries(invocations("a", "vision-multi", "gpu-t4", 3600), invocations("b", "vision-multi", "gpu-a10g", 3600)))
                .forEach(p -> all.addAll(p.metricDataResults()));
        int points = all.stream().mapToInt(m -> m.values().size()).sum();
        assertThat(points).isBetween(2 * 71, 2 * 73);
        assertThat(all.stream().filter(m -> m.id().equals("a")).mapToInt(m -> m.values().size()).sum()).isEqualTo(points / 2);
    }

    @Test
    void getMetricStatistics_whenTooManyDatapoints_throwsInvalidParameterCombination() {
        Instant end = Instant.now();
        assertThatThrownBy(() -> aws.cloudWatch().getMetricStatistics(b -> b.namespace("AWS/SageMaker").metricName("Invocations")
                .startTime(end.minus(Duration.ofDays(2))).endTime(end).period(60).statistics(Statistic.SUM)))
                .isInstanceOfSatisfying(CloudWatchException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterCombination");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("exceeds the limit of 1,440");
                });
        var ok = aws.cloudWatch().getMetricStatistics(b -> b.namespace("AWS/SageMaker").metricName("Invocations")
                .dimensions(Dimension.builder().name("EndpointName").value("churn-model").build(),
                        Dimension.builder().name("VariantName").value("challenger").build())
                .startTime(end.minus(Duration.ofDays(1))).endTime(end).period(3600).statistics(Statistic.AVERAGE, Statistic.MAXIMUM));
        assertThat(ok.datapoints()).hasSizeBetween(23, 25).allSatisfy(d -> assertThat(d.average()).isEqualTo(40.0));
    }

    @Test
    void listMetrics_whenFilteredByDimensionName_returnsMatchingSeriesWithRecentData() {
        var metrics = aws.cloudWatch().listMetricsPaginator(b -> b.namespace("AWS/SageMaker").metricName("Invocations")
                .dimensions(DimensionFilter.builder().name("EndpointName").value("vision-multi").build())).metrics();
        assertThat(metrics).hasSize(3);
        // AWS publishes no CloudWatch metrics for notebook instances: the sandbox serves none either.
        var notebooks = aws.cloudWatch().listMetrics(b -> b.namespace("/aws/sagemaker/NotebookInstances"));
        assertThat(notebooks.metrics()).isEmpty();
    }

    @Test
    void putMetricData_whenStored_isReadBackByGetMetricData() {
        Instant now = Instant.now();
        Dimension job = Dimension.builder().name("Job").value("nightly").build();
        aws.cloudWatch().putMetricData(b -> b.namespace("Sweeper/Test").metricData(
                MetricDatum.builder().metricName("Runs").value(2.0).timestamp(now.minusSeconds(120)).dimensions(job).build(),
                MetricDatum.builder().metricName("Runs").value(3.0).timestamp(now.minusSeconds(60)).dimensions(job).build()));
        var r = aws.cloudWatch().getMetricData(b -> b.startTime(now.minusSeconds(3600)).endTime(now.plusSeconds(60))
                .metricDataQueries(MetricDataQuery.builder().id("runs").metricStat(s -> s.period(3600).stat("Sum")
                        .metric(m -> m.namespace("Sweeper/Test").metricName("Runs").dimensions(job))).build()));
        assertThat(r.metricDataResults().get(0).values().stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(5.0);
        assertThatThrownBy(() -> aws.cloudWatch().putMetricData(b -> b.namespace("AWS/SageMaker").metricData(MetricDatum.builder().metricName("X").value(1.0).build())))
                .isInstanceOfSatisfying(CloudWatchException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
    }

    // ---- SNS ----

    @Test
    void publish_whenTopicExists_isRecordedInState() throws Exception {
        String arn = aws.sns().createTopic(b -> b.name("sweeper-alerts")).topicArn();
        assertThat(arn).isEqualTo("arn:aws:sns:us-east-1:123456789012:sweeper-alerts");
        String id = aws.sns().publish(b -> b.topicArn(arn).subject("Idle endpoints").message("fraud-v2 is idle")).messageId();
        assertThat(id).matches("[0-9a-f-]{36}");
        JsonNode messages = state().get("messages");
        assertThat(messages.findValuesAsText("messageId")).contains(id);
        assertThat(aws.sns().listTopicsPaginator().topics()).hasSize(2);
    }

    @Test
    void publish_whenMessageTooLongOrSubjectBad_throwsInvalidParameter() {
        String arn = "arn:aws:sns:us-east-1:123456789012:sweeper-alerts";
        String big = "x".repeat(262_145);
        assertThatThrownBy(() -> aws.sns().publish(b -> b.topicArn(arn).message(big)))
                .isInstanceOfSatisfying(SnsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameter");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Invalid parameter: Message too long");
                });
        assertThat(aws.sns().publish(b -> b.topicArn(arn).message("é".repeat(131_072))).messageId()).isNotBlank();
        assertThatThrownBy(() -> aws.sns().publish(b -> b.topicArn(arn).message("m").subject("line\nbreak")))
                .isInstanceOf(SnsException.class).hasMessageContaining("Subject");
        assertThatThrownBy(() -> aws.sns().publish(b -> b.topicArn(arn + "-nope").message("m")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void subscribe_whenEmail_isListedAsPendingConfirmation() {
        String arn = aws.sns().createTopic(b -> b.name("ops-oncall")).topicArn();
        assertThat(aws.sns().subscribe(b -> b.topicArn(arn).protocol("email").endpoint("ops@example.com")).subscriptionArn())
                .isEqualTo("pending confirmation");
        assertThat(aws.sns().listSubscriptionsByTopicPaginator(b -> b.topicArn(arn)).subscriptions())
                .singleElement().satisfies(s -> assertThat(s.endpoint()).isEqualTo("ops@example.com"));
    }

    // ---- faults, stats ----

    @Test
    void faults_whenThrottledOnce_sdkRetriesAndSucceeds() throws Exception {
        aws.admin("POST", "/_sandbox/reset-stats", null);
        aws.admin("POST", "/_sandbox/faults", "[{\"operation\":\"SageMaker.ListDomains\",\"mode\":\"throttle\",\"count\":2},"
                + "{\"operation\":\"CloudWatch.ListMetrics\",\"mode\":\"error500\",\"count\":1},"
                + "{\"operation\":\"SNS.ListTopics\",\"mode\":\"reset\",\"count\":1}]");
        assertThat(aws.sageMaker().listDomains(b -> { }).domains()).hasSize(2);
        assertThat(aws.cloudWatch().listMetrics(b -> b.namespace("AWS/SageMaker")).metrics()).isNotEmpty();
        assertThat(aws.sns().listTopics().topics()).isNotEmpty();
        JsonNode stats = JSON.readTree(aws.admin("GET", "/_sandbox/stats", null));
        assertThat(stats.at("/calls/SageMaker.ListDomains").asInt()).isEqualTo(3);
        assertThat(stats.at("/calls/CloudWatch.ListMetrics").asInt()).isEqualTo(2);
        assertThat(stats.at("/calls/SNS.ListTopics").asInt()).isEqualTo(2);
    }

    @Test
    void faults_whenAlwaysThrottled_throwsThrottlingException() {
        aws.admin("POST", "/_sandbox/faults", "{\"operation\":\"SageMaker.ListEndpoints\",\"mode\":\"throttle\",\"rate\":1.0}");
        assertThatThrownBy(() -> aws.sageMaker().listEndpoints(b -> { }))
                .isInstanceOfSatisfying(SageMakerException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException"));
        aws.admin("POST", "/_sandbox/faults", "{\"operation\":\"CloudWatch.*\",\"mode\":\"throttle\"}");
        assertThatThrownBy(() -> aws.cloudWatch().listMetrics(b -> { }))
                .isInstanceOfSatisfying(CloudWatchException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling"));
    }

    @Test
    void faults_whenValidationOnOneResource_failsOnlyThatResource() {
        aws.admin("POST", "/_sandbox/faults",
                "{\"operation\":\"SageMaker.DescribeEndpoint\",\"mode\":\"validation\",\"resource\":\"fraud-v1\",\"message\":\"boom\"}");
        assertThat(aws.sageMaker().describeEndpoint(b -> b.endpointName("fraud-v2")).endpointName()).isEqualTo("fraud-v2");
        assertThatThrownBy(() -> aws.sageMaker().describeEndpoint(b -> b.endpointName("fraud-v1")))
                .isInstanceOf(SageMakerException.class).hasMessageContaining("boom");
    }

    @Test
    void faults_whenResetEveryTime_sdkGivesUpWithClientException() {
        aws.admin("POST", "/_sandbox/faults", "{\"operation\":\"SNS.ListTopics\",\"mode\":\"reset\"}");
        assertThatThrownBy(() -> aws.sns().listTopics()).isInstanceOf(SdkClientException.class);
    }

    @Test
    void options_whenThrottleRateIsLow_sdkRetriesToSuccess() {
        try (SandboxServer flaky = SandboxServer.start(SandboxOptions.defaults()
                .withFleetFile(Path.of("config/sample-fleet.yaml")).withThrottleRate(0.1).withSeed(7));
             SandboxClients c = SandboxClients.of(flaky)) {
            for (int i = 0; i < 5; i++) {
                assertThat(c.sageMaker().listEndpointsPaginator(b -> b.maxResults(5)).endpoints()).hasSize(21);
            }
        }
    }
}
