package dev.sweeper.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sweeper.core.MetricsGateway.Query;
import dev.sweeper.core.MetricsGateway.Result;
import dev.sweeper.core.MetricsGateway.Series;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsRequest;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/** The adapter against a hand fake of the CloudWatch client interface. */
class CloudWatchAdapterTest {
    static final Instant NOW = Instant.parse("2026-11-28T15:00:00Z");

    /** Lists two series whose dimensions come in different orders; answers only the first query it is sent. */
    static final class FakeCloudWatch implements CloudWatchClient {
        final List<GetMetricDataRequest> sent = new ArrayList<>();
        /** Answer with two datapoints and their timestamps, newest first (CloudWatch's default order). */
        boolean timestamps;
        /** List every series twice, the second time with its dimensions reversed (as moto's server does, once per datapoint). */
        boolean listTwice;

        @Override
        public ListMetricsResponse listMetrics(ListMetricsRequest request) {
            List<Metric> metrics = new ArrayList<>(List.of(
                    metric(dim("EndpointName", "a"), dim("VariantName", "v1")),
                    metric(dim("VariantName", "v2"), dim("EndpointName", "b"))));
            if (listTwice) {
                metrics.add(metric(dim("EndpointName", "a"), dim("VariantName", "v1")));
                metrics.add(metric(dim("EndpointName", "b"), dim("VariantName", "v2")));
            }
            return ListMetricsResponse.builder().metrics(metrics).build();
        }

        @Override
        public GetMetricDataResponse getMetricData(GetMetricDataRequest request) {
            sent.add(request);
            if (timestamps) {
                return GetMetricDataResponse.builder().metricDataResults(MetricDataResult.builder()
                        .id(request.metricDataQueries().get(0).id()).values(7.0, 9.0)
                        .timestamps(NOW.minusSeconds(300), NOW.minusSeconds(600)).statusCode(StatusCode.COMPLETE)
                        .build()).build();
            }
            return GetMetricDataResponse.builder().metricDataResults(MetricDataResult.builder()
                    .id(request.metricDataQueries().get(0).id()).values(4.0).statusCode(StatusCode.COMPLETE).build())
                    .build();
        }

        static Metric metric(Dimension... dims) {
            return Metric.builder().namespace("AWS/SageMaker").metricName("Invocations").dimensions(dims).build();
        }

        static Dimension dim(String name, String value) {
            return Dimension.builder().name(name).value(value).build();
        }

        @Override
        public String serviceName() {
            return "monitoring";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void fetch_whenSeriesWereListed_sendsTheirDimensionsInTheListedOrder() {
        FakeCloudWatch fake = new FakeCloudWatch();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            CloudWatchAdapter adapter = new CloudWatchAdapter(fake, pool);
            List<Series> listed = adapter.listSeries("AWS/SageMaker", "Invocations");
            adapter.fetch(List.of(new Query("q0", listed.get(0), "Sum", 60), new Query("q1", listed.get(1), "Sum", 60)),
                    NOW.minusSeconds(3600), NOW);

            assertThat(fake.sent).hasSize(1);
            assertThat(fake.sent.get(0).metricDataQueries()).extracting(q -> q.metricStat().metric().dimensions())
                    .containsExactly(List.of(FakeCloudWatch.dim("EndpointName", "a"), FakeCloudWatch.dim("VariantName", "v1")),
                            List.of(FakeCloudWatch.dim("VariantName", "v2"), FakeCloudWatch.dim("EndpointName", "b")));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void listSeries_whenListMetricsListsASeriesTwice_keepsItOnceAsFirstListed() {
        FakeCloudWatch fake = new FakeCloudWatch();
        fake.listTwice = true;
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            List<Series> listed = new CloudWatchAdapter(fake, pool).listSeries("AWS/SageMaker", "Invocations");

            assertThat(listed).containsExactly(
                    Series.of("AWS/SageMaker", "Invocations", "EndpointName", "a", "VariantName", "v1"),
                    Series.of("AWS/SageMaker", "Invocations", "VariantName", "v2", "EndpointName", "b"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fetch_whenDatapointsHaveTimestamps_keepsThemSoTheNewestCanBeFound() {
        FakeCloudWatch fake = new FakeCloudWatch();
        fake.timestamps = true;
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            CloudWatchAdapter adapter = new CloudWatchAdapter(fake, pool);
            Map<String, Result> results = adapter.fetch(List.of(new Query("q0",
                    Series.of("/aws/sagemaker/Canvas/AppActivity", "TimeSinceLastActive", "DomainId", "d-1",
                            "UserProfileName", "bob"), "Minimum", 300)), NOW.minusSeconds(3600), NOW);

            Result.Values v = (Result.Values) results.get("q0");
            assertThat(v.timestamps()).containsExactly(NOW.minusSeconds(300), NOW.minusSeconds(600));
            assertThat(v.latest()).isEqualTo(new Result.Point(NOW.minusSeconds(300), 7.0));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fetch_whenAQueryComesBackWithoutAResult_failsThatQuery() {
        FakeCloudWatch fake = new FakeCloudWatch();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            CloudWatchAdapter adapter = new CloudWatchAdapter(fake, pool);
            Map<String, Result> results = adapter.fetch(List.of(
                    new Query("q0", Series.of("AWS/SageMaker", "Invocations", "EndpointName", "a"), "Sum", 60),
                    new Query("q1", Series.of("AWS/SageMaker", "Invocations", "EndpointName", "b"), "Sum", 60)),
                    NOW.minusSeconds(3600), NOW);

            assertThat(results.get("q0")).isEqualTo(new Result.Values(List.of(4.0)));
            assertThat(results.get("q1")).isInstanceOf(Result.Failed.class);
        } finally {
            pool.shutdownNow();
        }
    }
}
