package dev.sweeper.app.evidence;

import dev.sweeper.core.AwsCallException;
import dev.sweeper.core.Evaluator;
import dev.sweeper.core.Evidence;
import dev.sweeper.core.Futures;
import dev.sweeper.core.MetricWindow;
import dev.sweeper.core.MetricsGateway;
import dev.sweeper.core.MetricsGateway.Query;
import dev.sweeper.core.MetricsGateway.Result;
import dev.sweeper.core.MetricsGateway.Series;
import dev.sweeper.core.Resource;
import dev.sweeper.core.Variant;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Gathers the activity evidence of many resources in as few CloudWatch calls as possible:
 * ListMetrics says which series exist, one batched GetMetricData reads them over one period that
 * spans the window.
 */
public final class ActivityEvidence {
    public static final String SAGEMAKER_NS = "AWS/SageMaker";
    static final String ENDPOINT_DIM = "EndpointName";
    static final String VARIANT_DIM = "VariantName";
    /**
     * An inference component's invocations: namespace AWS/SageMaker, metric Invocations, dimension
     * InferenceComponentName alone ("Dimensions for endpoint invocation metrics",
     * https://docs.aws.amazon.com/sagemaker/latest/dg/monitoring-cloudwatch.html#cloudwatch-metrics-endpoint-invocation).
     */
    static final String COMPONENT_DIM = "InferenceComponentName";
    private static final Set<String> ENDPOINT_VARIANT = Set.of(ENDPOINT_DIM, VARIANT_DIM);
    /** ListMetrics only returns series that had data in the last two weeks. */
    static final Duration LIST_METRICS_HORIZON = Duration.ofDays(14);

    private final Supplier<MetricsGateway> gateway;
    private MetricsGateway metrics;
    private CompletableFuture<List<Series>> invocationSeries;
    /** The asynchronous endpoints' series as ListMetrics listed them, by metric name: each listed once. */
    private final Map<String, CompletableFuture<List<Series>>> asyncListings = new HashMap<>();

    /** Told of each failed listing (ListMetrics), so that a refusal can be said once, not per endpoint. */
    private volatile java.util.function.Consumer<AwsCallException> listingFailures = e -> { };

    /** Where failed listings are told: a refused ListMetrics is said once for the region. */
    public void onListingFailure(java.util.function.Consumer<AwsCallException> sink) {
        this.listingFailures = sink;
    }

    /** The gateway is asked for only when there is something to check: no client, no call otherwise. */
    public ActivityEvidence(Supplier<MetricsGateway> gateway) {
        this.gateway = gateway;
    }

    private synchronized MetricsGateway metrics() {
        if (metrics == null) {
            metrics = gateway.get();
        }
        return metrics;
    }

    /**
     * Starts reading which Invocations series exist (ListMetrics) on the pool, once, so that it
     * runs while the endpoints are still being listed; {@link #endpointInvocations} then waits for it.
     */
    public synchronized void prefetchInvocationSeries(Executor pool) {
        if (invocationSeries == null) {
            invocationSeries = CompletableFuture.supplyAsync(
                    () -> metrics().listSeries(SAGEMAKER_NS, Evaluator.INVOCATIONS), pool);
            for (String metric : Evaluator.ASYNC_PROCESSED_NAMES) {
                asyncListing(metric, pool);
            }
        }
    }

    /** The metrics an asynchronous endpoint is judged by: requests processed (either spelling) and its backlog. */
    static final List<String> ASYNC_METRICS = List.of(Evaluator.ASYNC_PROCESSED, Evaluator.ASYNC_PROCESSED_ALT,
            Evaluator.ASYNC_BACKLOG);

    /**
     * Every series of that metric ListMetrics lists (namespace AWS/SageMaker), listed once: on the pool when one is
     * given, else here. A failed listing is not kept: the next caller tries again.
     */
    private List<Series> asyncListed(String metric) {
        return Futures.join(asyncListing(metric, null));
    }

    private CompletableFuture<List<Series>> asyncListing(String metric, Executor pool) {
        CompletableFuture<List<Series>> mine;
        synchronized (this) {
            CompletableFuture<List<Series>> known = asyncListings.get(metric);
            if (known != null) {
                return known;
            }
            if (pool != null) {
                CompletableFuture<List<Series>> started = CompletableFuture.supplyAsync(
                        () -> metrics().listSeries(SAGEMAKER_NS, metric), pool);
                asyncListings.put(metric, started);
                return started;
            }
            mine = new CompletableFuture<>();
            asyncListings.put(metric, mine);
        }
        // Listed outside the lock: metrics() takes it, and a prefetch on the pool must be able to.
        try {
            mine.complete(metrics().listSeries(SAGEMAKER_NS, metric));
        } catch (RuntimeException e) {
            synchronized (this) {
                asyncListings.remove(metric, mine);
            }
            mine.completeExceptionally(e);
        }
        return mine;
    }

    private List<Series> invocationSeries() {
        CompletableFuture<List<Series>> prefetched;
        synchronized (this) {
            prefetched = invocationSeries;
        }
        if (prefetched == null) {
            return metrics().listSeries(SAGEMAKER_NS, Evaluator.INVOCATIONS);
        }
        return Futures.join(prefetched);
    }

    /** Whether the window is short enough for ListMetrics' absence of a series to prove no data. */
    public static boolean listingCoversWindow(Duration window) {
        return window.compareTo(LIST_METRICS_HORIZON) <= 0;
    }

    /**
     * Invocations summed over every variant of each endpoint. With a window longer than ListMetrics'
     * horizon the endpoints must have been described, so that their variants can be queried directly.
     */
    Map<String, Evidence> endpointInvocations(List<Resource> endpoints, Duration window, Instant now) {
        if (endpoints.isEmpty()) {
            return new LinkedHashMap<>(); // nothing to check: not even a ListMetrics call
        }
        Map<String, List<Series>> seriesByEndpoint = new LinkedHashMap<>();
        endpoints.forEach(e -> seriesByEndpoint.put(e.name(), new ArrayList<>()));
        String note;
        if (listingCoversWindow(window)) {
            List<Series> listed;
            try {
                listed = invocationSeries();
            } catch (AwsCallException e) {
                listingFailures.accept(e);
                return failAll(endpoints, e.getMessage());
            }
            for (Series s : listed) {
                // Kept exactly as listed (dimensions in ListMetrics' order): queried as is.
                List<Series> mine = seriesByEndpoint.get(s.dimension(ENDPOINT_DIM));
                if (mine != null && s.hasDimensions(ENDPOINT_VARIANT)) {
                    mine.add(s);
                }
            }
            note = "no Invocations series in CloudWatch in the last 14 days";
        } else {
            for (Resource e : endpoints) {
                seriesByEndpoint.get(e.name()).addAll(directSeries(e));
            }
            note = null;
        }
        Map<String, Evidence> out = sum(seriesByEndpoint, "Sum", Evaluator.INVOCATIONS, Double::sum, window, now);
        if (note != null) {
            seriesByEndpoint.forEach((name, series) -> {
                if (series.isEmpty()) {
                    out.put(name, new Evidence.Observed(Map.of(Evaluator.INVOCATIONS, 0.0), note));
                }
            });
        }
        return out;
    }

    /**
     * Requests processed by the given endpoints, as far as ListMetrics lists them under either spelling (only
     * asynchronous endpoints publish them: "Alarms and logs for tracking metrics from asynchronous endpoints",
     * https://docs.aws.amazon.com/sagemaker/latest/dg/async-inference-monitor.html). It can only prove use: an
     * endpoint with processed requests needs no DescribeEndpoint to be ACTIVE; one without is judged as before. A
     * failed listing or query gives nothing, so the endpoints take the described path.
     */
    Map<String, Double> listedAsyncProcessed(List<Resource> endpoints, Duration window, Instant now) {
        if (endpoints.isEmpty() || !listingCoversWindow(window)) {
            return Map.of();
        }
        Map<String, List<Series>> byEndpoint = new LinkedHashMap<>();
        endpoints.forEach(e -> byEndpoint.put(e.name(), new ArrayList<>()));
        try {
            for (String metric : Evaluator.ASYNC_PROCESSED_NAMES) {
                for (Series s : asyncListed(metric)) {
                    List<Series> mine = byEndpoint.get(s.dimension(ENDPOINT_DIM));
                    if (mine != null) {
                        mine.add(s);
                    }
                }
            }
        } catch (AwsCallException e) {
            return Map.of();
        }
        byEndpoint.values().removeIf(List::isEmpty);
        Map<String, Double> out = new LinkedHashMap<>();
        sum(byEndpoint, "Sum", Evaluator.ASYNC_PROCESSED, Double::sum, window, now).forEach((name, evidence) -> {
            if (evidence instanceof Evidence.Observed o) {
                o.value(Evaluator.ASYNC_PROCESSED).ifPresent(v -> {
                    if (v > 0) {
                        out.put(name, v);
                    }
                });
            }
        });
        return out;
    }

    /**
     * Invocations of every described variant, production and shadow, queried directly (batched, 500
     * queries a call) rather than as ListMetrics listed them: AWS lists a new series only after up to
     * 15 minutes ("After you create a metric, allow up to 15 minutes for the metric to appear",
     * ListMetrics API reference), so an endpoint first called a minute ago has no listed series.
     */
    public Map<String, Evidence> describedVariantInvocations(List<Resource> described, Duration window, Instant now) {
        Map<String, List<Series>> byEndpoint = new LinkedHashMap<>();
        for (Resource e : described) {
            byEndpoint.put(e.name(), directSeries(e));
        }
        return sum(byEndpoint, "Sum", Evaluator.INVOCATIONS, Double::sum, window, now);
    }

    /**
     * The Invocations series of every described variant and of every inference component the
     * endpoint hosts (as far as they were listed): the endpoint is judged by their sum. A component
     * whose query fails or comes back without a result fails the endpoint, as a variant's does.
     */
    static List<Series> directSeries(Resource e) {
        List<Series> series = new ArrayList<>();
        for (Variant v : e.endpoint().variants()) {
            series.add(Series.of(SAGEMAKER_NS, Evaluator.INVOCATIONS, ENDPOINT_DIM, e.name(), VARIANT_DIM, v.name()));
        }
        if (e.endpoint().components() != null) {
            for (String c : e.endpoint().components()) {
                series.add(Series.of(SAGEMAKER_NS, Evaluator.INVOCATIONS, COMPONENT_DIM, c));
            }
        }
        return series;
    }

    /**
     * Asynchronous endpoints publish no Invocations ("Alarms and logs for tracking metrics from asynchronous
     * endpoints", https://docs.aws.amazon.com/sagemaker/latest/dg/async-inference-monitor.html): requests processed
     * and the backlog tell whether anyone used them. AWS's page spells the first {@code InvocationsProcesssed},
     * public code queries {@code InvocationsProcessed}, some with {@code VariantName}: every series CloudWatch lists
     * for the endpoint under either spelling is read, as listed, with the backlog's; and, since a new series is
     * listed only after up to 15 minutes, each spelling per endpoint and per variant is queried directly too.
     * <p>Silence is not zero: when CloudWatch lists no processed and no backlog series for the endpoint (in the
     * last two weeks) and no query returned a datapoint, nothing is known: {@link Evidence.NoSignal}, never IDLE.
     * Only a series that is listed, or returned datapoints, with none above zero in the window reads as zero.
     */
    public Map<String, Evidence> asyncActivity(List<Resource> endpoints, Duration window, Instant now) {
        if (endpoints.isEmpty()) {
            return new LinkedHashMap<>();
        }
        Map<String, List<Series>> listedBy = new LinkedHashMap<>();
        endpoints.forEach(e -> listedBy.put(e.name(), new ArrayList<>()));
        for (String metric : ASYNC_METRICS) {
            List<Series> listed;
            try {
                listed = asyncListed(metric);
            } catch (AwsCallException e) {
                listingFailures.accept(e);
                return failAll(endpoints, "could not list which " + metric + " series exist: " + e.getMessage());
            }
            for (Series s : listed) {
                List<Series> mine = listedBy.get(s.dimension(ENDPOINT_DIM));
                if (mine != null) {
                    mine.add(s);
                }
            }
        }
        MetricWindow range = MetricWindow.covering(window, now);
        List<Query> queries = new ArrayList<>();
        Map<String, String> owner = new HashMap<>();
        for (Resource e : endpoints) {
            // Listed series first, exactly as listed; then the direct ones whose dimensions none of them has.
            List<Series> series = new ArrayList<>(listedBy.get(e.name()));
            List<Series> direct = new ArrayList<>();
            for (String metric : Evaluator.ASYNC_PROCESSED_NAMES) {
                direct.add(Series.of(SAGEMAKER_NS, metric, ENDPOINT_DIM, e.name()));
                for (Variant v : e.endpoint().variants()) {
                    direct.add(Series.of(SAGEMAKER_NS, metric, ENDPOINT_DIM, e.name(), VARIANT_DIM, v.name()));
                }
            }
            direct.add(Series.of(SAGEMAKER_NS, Evaluator.ASYNC_BACKLOG, ENDPOINT_DIM, e.name()));
            for (Series d : direct) {
                if (series.stream().noneMatch(s -> sameSeries(s, d))) {
                    series.add(d);
                }
            }
            for (Series s : series) {
                String id = "q" + queries.size();
                boolean backlog = s.metricName().equals(Evaluator.ASYNC_BACKLOG);
                queries.add(new Query(id, s, backlog ? "Maximum" : "Sum", range.periodSeconds()));
                owner.put(id, e.name());
            }
        }
        Map<String, Result> results = metrics().fetch(queries, range.start(), range.end());
        Map<String, AsyncFold> folds = new LinkedHashMap<>();
        endpoints.forEach(e -> folds.put(e.name(), new AsyncFold()));
        for (Query q : queries) {
            folds.get(owner.get(q.id())).add(q.series(), results.get(q.id()));
        }
        Map<String, Evidence> out = new LinkedHashMap<>();
        for (Resource e : endpoints) {
            out.put(e.name(), folds.get(e.name()).evidence(!listedBy.get(e.name()).isEmpty()));
        }
        return out;
    }

    /** Whether two series are the same one: same metric, same dimensions in any order (as CloudWatch matches them). */
    private static boolean sameSeries(Series a, Series b) {
        return a.namespace().equals(b.namespace()) && a.metricName().equals(b.metricName())
                && new java.util.HashSet<>(a.dimensions()).equals(new java.util.HashSet<>(b.dimensions()));
    }

    /**
     * One asynchronous endpoint's queries, folded. Requests processed are summed within one spelling and one set of
     * dimensions (per endpoint, or over its variants), and the largest of those sums is kept: the same requests
     * published under two names or two sets of dimensions are not counted twice. The backlog is a maximum.
     */
    private static final class AsyncFold {
        private final Map<String, Double> processed = new LinkedHashMap<>();
        private final Set<String> withData = new java.util.LinkedHashSet<>();
        private double backlog;
        private boolean backlogData;
        private String failure;

        void add(Series s, Result r) {
            if (r == null) {
                failure = "no result for " + s.metricName();
            } else if (r instanceof Result.Failed f) {
                failure = f.error();
            } else if (r instanceof Result.Values v) {
                boolean backlogSeries = s.metricName().equals(Evaluator.ASYNC_BACKLOG);
                String group = s.metricName() + (s.dimension(VARIANT_DIM) == null ? "" : " per variant");
                for (double d : v.values()) {
                    if (backlogSeries) {
                        backlog = Math.max(backlog, d);
                        backlogData = true;
                    } else {
                        processed.merge(group, d, Double::sum);
                        withData.add(s.metricName());
                    }
                }
                if (!backlogSeries) {
                    processed.putIfAbsent(group, 0.0);
                }
            }
        }

        Evidence evidence(boolean listed) {
            if (failure != null) {
                return new Evidence.Failed(failure);
            }
            if (!listed && withData.isEmpty() && !backlogData) {
                return new Evidence.NoSignal("asynchronous endpoint: CloudWatch lists no " + Evaluator.ASYNC_PROCESSED
                        + ", " + Evaluator.ASYNC_PROCESSED_ALT + " or " + Evaluator.ASYNC_BACKLOG + " series for it"
                        + " (in the last 14 days) and none has a datapoint in the window: silence is not zero",
                        "check that the endpoint publishes its asynchronous-inference metrics to CloudWatch");
            }
            double n = processed.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
            Map<String, Double> values = new LinkedHashMap<>();
            values.put(Evaluator.ASYNC_PROCESSED, n);
            values.put(Evaluator.ASYNC_BACKLOG, backlog);
            String read = withData.isEmpty() ? "no " + Evaluator.ASYNC_PROCESSED + "/" + Evaluator.ASYNC_PROCESSED_ALT
                    + " datapoints" : "read as " + String.join(" and ", withData);
            return new Evidence.Observed(values, read);
        }
    }

    /** Counters: a series with no datapoints in the window counts as zero. */
    private Map<String, Evidence> sum(Map<String, List<Series>> byResource, String stat, String metric,
                                      BinaryOperator<Double> combine, Duration window, Instant now) {
        return aggregate(byResource, stat, metric, combine, window, now, new HashMap<>());
    }

    /**
     * Queries every series and folds each resource's values into one. Resources none of whose
     * series returned a datapoint are put in {@code noData}. Any failed query fails its resource.
     */
    private Map<String, Evidence> aggregate(Map<String, List<Series>> byResource, String stat, String metric,
                                            BinaryOperator<Double> combine, Duration window, Instant now,
                                            Map<String, Set<String>> noData) {
        MetricWindow range = MetricWindow.covering(window, now);
        List<Query> queries = new ArrayList<>();
        Map<String, String> owner = new HashMap<>();
        byResource.forEach((name, series) -> {
            for (Series s : series) {
                String id = "q" + queries.size();
                queries.add(new Query(id, s, stat, range.periodSeconds()));
                owner.put(id, name);
            }
        });
        Map<String, Result> results = queries.isEmpty() ? Map.of() : metrics().fetch(queries, range.start(), range.end());
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, String> failures = new HashMap<>();
        Map<String, Boolean> sawData = new HashMap<>();
        byResource.keySet().forEach(name -> values.put(name, 0.0));
        for (Query q : queries) {
            String name = owner.get(q.id());
            Result r = results.get(q.id());
            if (r == null) {
                failures.put(name, "no result for " + metric);
            } else if (r instanceof Result.Failed f) {
                failures.put(name, f.error());
            } else if (r instanceof Result.Values v) {
                for (double d : v.values()) {
                    values.merge(name, d, combine);
                    sawData.put(name, true);
                }
            }
        }
        Map<String, Evidence> out = new LinkedHashMap<>();
        for (String name : byResource.keySet()) {
            if (failures.containsKey(name)) {
                out.put(name, new Evidence.Failed(failures.get(name)));
            } else {
                if (!sawData.containsKey(name)) {
                    noData.put(name, Set.of());
                }
                out.put(name, new Evidence.Observed(Map.of(metric, values.get(name)), null));
            }
        }
        return out;
    }

    private static Map<String, Evidence> failAll(List<Resource> resources, String error) {
        return resources.stream().collect(Collectors.toMap(Resource::name, r -> new Evidence.Failed(error),
                (a, b) -> a, LinkedHashMap::new));
    }
}
