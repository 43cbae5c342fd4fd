package dev.sweeper.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The CloudWatch calls the use cases make, in one region. */
public interface MetricsGateway {

    /** A series: namespace, metric name and its exact dimensions. */
    record Series(String namespace, String metricName, Map<String, String> dimensions) {
        public Series {
            dimensions = Map.copyOf(dimensions);
        }
    }

    /** One query: a series, a statistic over periods of {@code periodSeconds}. Ids are unique per call. */
    record Query(String id, Series series, String stat, int periodSeconds) {
    }

    /** The datapoints a query returned, or why it failed. */
    sealed interface Result {
        record Values(List<Double> values) implements Result {
            public Values {
                values = List.copyOf(values);
            }
        }

        record Failed(String error) implements Result {
        }
    }

    /**
     * Every series of that metric that had data in the last two weeks (ListMetrics' horizon),
     * read to the last page. Throws {@link AwsCallException} on failure.
     */
    List<Series> listSeries(String namespace, String metricName);

    /**
     * Runs the queries in as few GetMetricData calls as the API allows. Never throws for a failed
     * call: the queries it carried come back as {@link Result.Failed}.
     */
    Map<String, Result> fetch(List<Query> queries, Instant start, Instant end);
}
