package dev.sweeper.app.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.sweeper.app.evidence.ActivityEvidence;
import dev.sweeper.core.Evaluation;
import dev.sweeper.core.Evidence;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Kind;
import dev.sweeper.core.MetricsGateway;
import dev.sweeper.core.Policy;
import dev.sweeper.core.Protection;
import dev.sweeper.core.Resource;
import dev.sweeper.core.ResourceKey;
import dev.sweeper.core.SageMakerGateway;
import dev.sweeper.core.Variant;
import dev.sweeper.core.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The re-check just before deleting an endpoint follows the rules of the scan (issue 25, points 1, 2 and 5). */
class EndpointDeleteActionTest {
    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    final SageMakerGateway sm = mock(SageMakerGateway.class);
    final MetricsGateway metrics = mock(MetricsGateway.class);

    EndpointDeleteAction delete() {
        return new EndpointDeleteAction(sm, new ActivityEvidence(() -> metrics), Policy.defaults(), NOW,
                Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(10), EndpointDeleteAction.COMPONENTS_TIMEOUT);
    }

    static Resource endpoint(String name, boolean async, int instances, Boolean componentHost) {
        Instant created = NOW.minus(Duration.ofDays(10));
        Resource listed = new Resource(name, "us-east-1", "arn:aws:sagemaker:us-east-1:123456789012:"
                + "endpoint/" + name, "InService", null, null, created, created, Resource.EndpointShape.listed(), Resource.accountOf("arn:aws:sagemaker:us-east-1:123456789012:"
                + "endpoint/" + name));
        return listed.withEndpoint(new Resource.EndpointShape(name + "-config",
                List.of(new Variant("AllTraffic", "ml.g5.xlarge", instances, false, false, 0)), async, true, null, componentHost),
                "ml.g5.xlarge", instances);
    }

    static Finding idle(Resource r) {
        return new Finding(r, new Evaluation(Verdict.IDLE, List.of("idle"), Evidence.notGathered()), Protection.NONE,
                1.0, null, null, null, null, null);
    }

    /** CloudWatch lists nothing, and answers every query with no datapoints. */
    void silentCloudWatch() {
        when(metrics.listSeries(anyString(), anyString())).thenReturn(List.of());
        when(metrics.fetch(any(), any(), any())).thenAnswer(call -> {
            Map<String, MetricsGateway.Result> results = new HashMap<>();
            call.<List<MetricsGateway.Query>>getArgument(0)
                    .forEach(q -> results.put(q.id(), new MetricsGateway.Result.Values(List.of())));
            return results;
        });
    }

    @Test
    void preflight_whenAnAsyncEndpointHasNothingInCloudWatch_skipsIt() {
        Resource silent = endpoint("async-silent", true, 1, false);
        when(sm.describeEndpoint(any())).thenReturn(silent);
        silentCloudWatch();

        Map<ResourceKey, String> skipped = delete().preflight(List.of(idle(silent)));

        assertThat(skipped).containsKey(silent.key());
        assertThat(skipped.get(silent.key())).contains("could not re-check its use").contains("silence is not zero");
    }

    @Test
    void preflight_whenTheEndpointIsNowScaledToZero_skipsIt() {
        Resource before = endpoint("llm", false, 1, true);
        when(sm.describeEndpoint(any())).thenReturn(endpoint("llm", false, 0, null));
        silentCloudWatch();

        Map<ResourceKey, String> skipped = delete().preflight(List.of(idle(before)));

        assertThat(skipped.get(before.key())).isEqualTo("scaled to zero: no instance billed");
    }

    @Test
    void preflightAndPerform_whenTheConfigNamesItsModel_neverListInferenceComponents() {
        Resource plain = endpoint("plain", false, 1, false);
        // Described again, its config is not read: what the scan found of it stands while the config is the same.
        when(sm.describeEndpoint(any())).thenReturn(endpoint("plain", false, 1, null));
        silentCloudWatch();

        assertThat(delete().preflight(List.of(idle(plain)))).isEmpty();
        assertThat(delete().perform(idle(plain))).startsWith("deleted;");

        verify(sm, never()).listInferenceComponents(any());
        verify(sm).deleteEndpoint("plain");
    }
}
