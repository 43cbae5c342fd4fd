package dev.sweeper.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.sweeper.app.evidence.ActivityEvidence;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Gateways;
import dev.sweeper.core.Kind;
import dev.sweeper.core.Log;
import dev.sweeper.core.MetricsGateway;
import dev.sweeper.core.Policy;
import dev.sweeper.core.Resource;
import dev.sweeper.core.ResourceFilter;
import dev.sweeper.core.SageMakerGateway;
import dev.sweeper.core.Variant;
import dev.sweeper.core.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the inspector orders its calls for endpoints: what it overlaps, and what it leaves out. */
class InspectorTest {
    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    static final String REGION = "us-east-1";

    final ExecutorService pool = Executors.newFixedThreadPool(2);
    final SageMakerGateway sm = mock(SageMakerGateway.class);
    final MetricsGateway metrics = mock(MetricsGateway.class);
    final Gateways gateways = mock(Gateways.class);
    final CountDownLatch seriesListed = new CountDownLatch(1);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    static Resource endpoint(String name, Duration age) {
        return new Resource(name, REGION, "arn:aws:sagemaker:us-east-1:123456789012:endpoint/" + name,
                "InService", null, null, NOW.minus(age), NOW.minus(age), Resource.EndpointShape.listed(), Resource.accountOf("arn:aws:sagemaker:us-east-1:123456789012:endpoint/" + name));
    }

    /**
     * Lists two pages. With {@code waitForSeries}, the second page is handed out only once the
     * series have been listed (or after 10 s, which fails the test): proof that the two overlap.
     */
    void listing(List<Resource> first, List<Resource> second, boolean waitForSeries) {
        when(sm.listEndpoints(any())).thenAnswer(call -> {
            Consumer<List<Resource>> eachPage = call.getArgument(0);
            eachPage.accept(first);
            if (waitForSeries) {
                assertThat(seriesListed.await(10, TimeUnit.SECONDS))
                        .as("ListMetrics started before the last page of ListEndpoints").isTrue();
            }
            eachPage.accept(second);
            return Stream.concat(first.stream(), second.stream()).toList();
        });
        when(metrics.listSeries(anyString(), anyString())).thenAnswer(call -> {
            seriesListed.countDown();
            return List.of(); // no series: no endpoint had any invocations
        });
        // Every query answered, with no datapoints (a missing answer would be a failure).
        when(metrics.fetch(any(), any(), any())).thenAnswer(call -> {
            Map<String, MetricsGateway.Result> results = new java.util.HashMap<>();
            call.<List<MetricsGateway.Query>>getArgument(0)
                    .forEach(q -> results.put(q.id(), new MetricsGateway.Result.Values(List.of())));
            return results;
        });
        when(sm.tagsOf(any(), any())).thenCallRealMethod(); // one listTags per ARN
        when(gateways.sageMaker(REGION)).thenReturn(sm);
        when(gateways.metrics(REGION)).thenReturn(metrics);
    }

    Inspection inspect(Policy policy) {
        SweepContext ctx = new SweepContext(gateways, u -> java.util.Optional.of(new dev.sweeper.core.Price(1.0, null)), pool,
                Clock.fixed(NOW, ZoneOffset.UTC), Log.SILENT, Duration.ofSeconds(1), List.of());
        return new Inspector(ctx).inspect(new Inspector.Request(new AccountScope(null, gateways, null), Kind.ENDPOINT,
                REGION, ResourceFilter.ALL, policy, NOW, false, r -> false));
    }

    @Test
    void inspect_whenTheFirstPageHasAnEndpointToCheck_listsSeriesWhileListingTheRest() {
        listing(List.of(endpoint("old", Duration.ofDays(3))), List.of(endpoint("young", Duration.ofHours(1))), true);
        // With no series, "old" had zero invocations: it is described, typed and its tags read.
        when(sm.describeEndpoint(any())).thenAnswer(call -> call.<Resource>getArgument(0).withEndpoint(
                new Resource.EndpointShape("cfg", List.of(new Variant("v", "ml.m5.large", 1, false, false, 0)), false, true, null, null),
                "ml.m5.large", 1));
        when(sm.withInstanceTypes(any())).thenAnswer(call -> call.getArgument(0));
        when(sm.listTags(anyString())).thenReturn(Map.of());

        Inspection result = inspect(Policy.defaults());

        verify(metrics).listSeries(ActivityEvidence.SAGEMAKER_NS, "Invocations");
        assertThat(result.findings()).extracting(f -> f.resource().name() + " " + f.verdict())
                .containsExactly("old IDLE", "young TOO_YOUNG");
    }

    @Test
    void inspect_whenNoEndpointNeedsEvidence_neverAsksCloudWatch() {
        listing(List.of(endpoint("a", Duration.ofHours(1))), List.of(endpoint("b", Duration.ofHours(2))), false);

        Inspection result = inspect(Policy.defaults());

        verify(gateways, never()).metrics(any());
        assertThat(result.findings()).extracting(Finding::verdict).containsOnly(Verdict.TOO_YOUNG);
    }

    @Test
    void inspect_whenTheWindowOutreachesListMetrics_doesNotListSeries() {
        listing(List.of(endpoint("a", Duration.ofDays(30))), List.of(), false);
        when(sm.describeEndpoint(any())).thenAnswer(call -> call.<Resource>getArgument(0).withEndpoint(
                new Resource.EndpointShape("cfg", List.of(new Variant("v", "ml.m5.large", 1, false, false, 0)), false, true, null, null),
                "ml.m5.large", 1));

        inspect(Policy.defaults().withWindow(Duration.ofDays(20)));

        // ListMetrics only sees the last two weeks: the variant is queried directly instead.
        verify(metrics, never()).listSeries(anyString(), anyString());
        verify(metrics).fetch(any(), any(), any());
    }

    static Resource notebook(String name) {
        return new Resource(name, REGION, "arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/"
                + name, "InService", "ml.t3.medium", 1, NOW.minus(Duration.ofDays(9)), NOW.minus(Duration.ofDays(3)), new Resource.NotebookShape(null), Resource.accountOf("arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/"
                + name));
    }

    @Test
    void inspect_whenNotebooksAreDescribed_probesThemMeanwhileOnAnotherLane() {
        // A describe is answered only once a probe has started (or after 10 s, which fails the
        // test): describing every notebook before the first probe, as a scan did, would not pass.
        CountDownLatch probing = new CountDownLatch(1);
        when(gateways.sageMaker(REGION)).thenReturn(sm);
        when(sm.listNotebooks()).thenReturn(List.of(notebook("a"), notebook("b"), notebook("c")));
        // Every resource's tags are read in bulk, whatever its verdict: none here.
        when(sm.tagsOf(any(), any())).thenReturn(new SageMakerGateway.TagsRead(Map.of(), Map.of()));
        when(sm.describeNotebook(anyString())).thenAnswer(call -> {
            assertThat(probing.await(10, TimeUnit.SECONDS)).as("a probe started while describing").isTrue();
            return java.util.Optional.of(notebook(call.getArgument(0)));
        });
        when(gateways.jupyter(REGION)).thenReturn(name -> {
            probing.countDown();
            return new dev.sweeper.core.NotebookFacts.Jupyter.Read(1, List.of(new dev.sweeper.core.NotebookFacts.Kernel(
                    "k", "busy", NOW, 0)), List.of());
        });
        List<ExecutorService> lanes = new java.util.concurrent.CopyOnWriteArrayList<>();
        SweepContext ctx = new SweepContext(gateways, u -> java.util.Optional.of(new dev.sweeper.core.Price(1.0, null)), pool,
                Clock.fixed(NOW, ZoneOffset.UTC), Log.SILENT, Duration.ofSeconds(1), List.of(), () -> {
                    ExecutorService lane = Executors.newFixedThreadPool(2);
                    lanes.add(lane);
                    return lane;
                });

        Inspection inspection = new Inspector(ctx).inspect(new Inspector.Request(new AccountScope(null, gateways, null),
                Kind.NOTEBOOK, REGION, ResourceFilter.ALL, Policy.defaults(), NOW, true, r -> false));

        assertThat(inspection.findings()).extracting(f -> f.resource().name() + " " + f.verdict())
                .containsExactly("a ACTIVE", "b ACTIVE", "c ACTIVE");
        verify(sm, org.mockito.Mockito.times(3)).describeNotebook(anyString());
        assertThat(lanes).singleElement().satisfies(lane -> assertThat(lane.isShutdown()).isTrue());
    }

    static Resource app(String profile, String arnSuffix) {
        return new Resource("default", REGION, arnSuffix == null ? null
                : "arn:aws:sagemaker:us-east-1:123456789012:app/d-1/" + profile + "/jupyterserver/default",
                "InService", "system", null, NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(30)), new Resource.AppShape("d-1", "JupyterServer", profile, null, null, null, null), Resource.accountOf(arnSuffix == null ? null
                : "arn:aws:sagemaker:us-east-1:123456789012:app/d-1/" + profile + "/jupyterserver/default"));
    }

    @Test
    void inspect_whenAppsShareAName_readsEachOnesOwnTags() {
        // Every user's JupyterServer app is called "default": one is protected, the other not.
        when(gateways.sageMaker(REGION)).thenReturn(sm);
        when(sm.listApps(any())).thenReturn(List.of(app("alice", null), app("bob", null)));
        when(sm.describeApp(any())).thenAnswer(call -> {
            Resource listed = call.getArgument(0);
            return java.util.Optional.of(app(listed.app().userProfile(), "arn"));
        });
        String alice = app("alice", "arn").arn();
        String bob = app("bob", "arn").arn();
        when(sm.tagsOf(any(), any())).thenReturn(new SageMakerGateway.TagsRead(
                Map.of(alice, Map.of("sweeper:protect", "true"), bob, Map.of()), Map.of()));
        SweepContext ctx = new SweepContext(gateways, u -> java.util.Optional.of(new dev.sweeper.core.Price(1.0, null)), pool,
                Clock.fixed(NOW, ZoneOffset.UTC), Log.SILENT, Duration.ofSeconds(1), List.of());

        Inspection inspection = new Inspector(ctx).inspect(new Inspector.Request(new AccountScope(null, gateways, null),
                Kind.APP, REGION, ResourceFilter.ALL, Policy.defaults(), NOW, false, r -> true));

        assertThat(inspection.findings()).extracting(f -> f.resource().app().userProfile() + "=" + f.isProtected())
                .containsExactly("alice=true", "bob=false");
    }
}
