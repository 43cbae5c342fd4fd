package dev.sweeper.aws;

import dev.sweeper.core.MetricsGateway;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Predicate;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/** {@link MetricsGateway} over the SDK's CloudWatch client, for one region. */
final class CloudWatchAdapter implements MetricsGateway {
    /** GetMetricData takes at most 500 queries per request. */
    static final int MAX_QUERIES = 500;

    private final CloudWatchClient client;
    private final ExecutorService pool;

    CloudWatchAdapter(CloudWatchClient client, ExecutorService pool) {
        this.client = client;
        this.pool = pool;
    }

    @Override
    public List<Series> listSeries(String namespace, String metricName) {
        try {
            return client.listMetricsPaginator(b -> b.namespace(namespace).metricName(metricName)).metrics().stream()
                    // The dimensions stay in the order ListMetrics returned them: the query sends them back so.
                    .map(m -> new Series(m.namespace(), m.metricName(), m.dimensions().stream()
                            .map(d -> new Dimension(d.name(), d.value())).toList()))
                    // "ListMetrics: List the specified metrics" (CloudWatch API reference) names each metric once;
                    // moto's server lists a two-dimension metric once per datapoint put. A series listed twice would
                    // be queried twice and its invocations summed twice: the first listing is kept, whatever the
                    // order of its dimensions in the others.
                    .filter(distinctSeries())
                    .toList();
        } catch (SdkException e) {
            throw Errors.translate("ListMetrics", e);
        }
    }

    private static Predicate<Series> distinctSeries() {
        record Key(String namespace, String metricName, Set<Dimension> dimensions) {
        }
        Set<Key> seen = new HashSet<>();
        return s -> seen.add(new Key(s.namespace(), s.metricName(), Set.copyOf(s.dimensions())));
    }

    @Override
    public Map<String, Result> fetch(List<Query> queries, Instant start, Instant end) {
        Map<String, Result> results = new ConcurrentHashMap<>();
        List<CompletableFuture<Void>> batches = new ArrayList<>();
        for (int i = 0; i < queries.size(); i += MAX_QUERIES) {
            List<Query> batch = queries.subList(i, Math.min(queries.size(), i + MAX_QUERIES));
            batches.add(CompletableFuture.runAsync(() -> results.putAll(fetchBatch(batch, start, end)), pool));
        }
        batches.forEach(CompletableFuture::join);
        return results;
    }

    private Map<String, Result> fetchBatch(List<Query> batch, Instant start, Instant end) {
        Map<String, List<Double>> values = new HashMap<>();
        Map<String, List<Instant>> times = new HashMap<>();
        Map<String, String> failures = new HashMap<>();
        try {
            List<MetricDataQuery> request = batch.stream().map(CloudWatchAdapter::toSdk).toList();
            // The paginator follows NextToken when one request's datapoints span several pages.
            for (GetMetricDataResponse page : client.getMetricDataPaginator(b -> b.metricDataQueries(request)
                    .startTime(start).endTime(end))) {
                for (MetricDataResult r : page.metricDataResults()) {
                    values.computeIfAbsent(r.id(), k -> new ArrayList<>()).addAll(r.values());
                    times.computeIfAbsent(r.id(), k -> new ArrayList<>()).addAll(r.timestamps());
                    if (r.statusCode() == StatusCode.INTERNAL_ERROR || r.statusCode() == StatusCode.FORBIDDEN) {
                        failures.put(r.id(), "GetMetricData answered " + r.statusCodeAsString() + " for this query");
                    }
                }
            }
        } catch (SdkException e) {
            String error = Errors.translate("GetMetricData", e).getMessage();
            Map<String, Result> failed = new HashMap<>();
            batch.forEach(q -> failed.put(q.id(), new Result.Failed(error)));
            return failed;
        }
        Map<String, Result> out = new HashMap<>();
        for (Query q : batch) {
            String failure = failures.get(q.id());
            List<Double> read = values.get(q.id());
            if (failure != null) {
                out.put(q.id(), new Result.Failed(failure));
            } else if (read == null) {
                // No result at all for a query is not "no datapoints": nothing is known of that series.
                out.put(q.id(), new Result.Failed("GetMetricData returned no result for this query"));
            } else {
                List<Instant> at = times.getOrDefault(q.id(), List.of());
                // Timestamps are kept when CloudWatch gave one per value (it always does).
                out.put(q.id(), at.size() == read.size() ? new Result.Values(read, at) : new Result.Values(read));
            }
        }
        return out;
    }

    private static MetricDataQuery toSdk(Query q) {
        List<software.amazon.awssdk.services.cloudwatch.model.Dimension> dims = q.series().dimensions().stream()
                .map(d -> software.amazon.awssdk.services.cloudwatch.model.Dimension.builder().name(d.name()).value(d.value()).build()).toList();
        return MetricDataQuery.builder()
                .id(q.id())
                .returnData(true)
                .metricStat(s -> s.metric(Metric.builder().namespace(q.series().namespace())
                                .metricName(q.series().metricName()).dimensions(dims).build())
                        .period(q.periodSeconds())
                        .stat(q.stat()))
                .build();
    }

}
