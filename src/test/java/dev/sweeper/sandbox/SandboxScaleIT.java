package dev.sweeper.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;

class SandboxScaleIT {

    @Test
    void synthetic_whenLargeFleet_listsEverythingAndAnswers500QueriesInOneCall() {
        Runtime rt = Runtime.getRuntime();
        try (SandboxServer server = SandboxServer.start(SandboxOptions.defaults()
                .withSynthetic(SandboxOptions.parseSynthetic("endpoints=10000,notebooks=5000,apps=2000")));
             SandboxClients aws = SandboxClients.of(server)) {
            System.gc();
            assertThat((rt.totalMemory() - rt.freeMemory()) / (1024 * 1024)).isLessThan(400);
            assertThat(aws.sageMaker().listEndpointsPaginator(b -> b.maxResults(100)).endpoints().stream().count()).isEqualTo(10_000);
            List<String> names = aws.sageMaker().listEndpoints(b -> b.maxResults(100)).endpoints().stream().map(e -> e.endpointName()).toList();
            List<MetricDataQuery> queries = IntStream.range(0, 500).mapToObj(i -> MetricDataQuery.builder().id("q" + i)
                    .metricStat(s -> s.period(86_400).stat("Sum").metric(m -> m.namespace("AWS/SageMaker").metricName("Invocations")
                            .dimensions(Dimension.builder().name("EndpointName").value(names.get(i % names.size())).build(),
                                    Dimension.builder().name("VariantName").value("AllTraffic").build())))
                    .build()).toList();
            Instant end = Instant.now();
            var r = aws.cloudWatch().getMetricData(b -> b.startTime(end.minus(Duration.ofDays(14))).endTime(end).metricDataQueries(queries));
            // All 500 answered in one page, each complete (how fast is scripts/bench.sh's: its scans of the
            // 10,000-endpoint fleet send GetMetricData in batches of 500).
            assertThat(r.metricDataResults()).extracting(m -> m.id())
                    .containsExactlyInAnyOrderElementsOf(queries.stream().map(MetricDataQuery::id).toList());
            assertThat(r.metricDataResults()).allSatisfy(m -> assertThat(m.statusCodeAsString()).isEqualTo("Complete"));
            assertThat(r.nextToken()).isNull();
        }
    }
}
