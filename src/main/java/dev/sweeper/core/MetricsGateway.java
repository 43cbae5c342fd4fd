package dev.sweeper.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The CloudWatch calls the use cases make, in one region. */
public interface MetricsGateway {

    /** One dimension of a series. */
    record Dimension(String name, String value) {
    }

    /**
     * A series: namespace, metric name and its exact dimensions, as an ordered list. A series read
     * from ListMetrics keeps the dimensions in the order ListMetrics returned them, and is queried
     * with exactly that list: never rebuilt from a map, whose iteration order is arbitrary.
     */
    record Series(String namespace, String metricName, List<Dimension> dimensions) {
        public Series {
            dimensions = List.copyOf(dimensions);
        }

        /** A series named by alternating dimension names and values, in that order. */
        public static Series of(String namespace, String metricName, String... namesAndValues) {
            if (namesAndValues.length % 2 != 0) {
                throw new IllegalArgumentException("dimension names and values come in pairs");
            }
            List<Dimension> dims = new ArrayList<>();
            for (int i = 0; i < namesAndValues.length; i += 2) {
                dims.add(new Dimension(namesAndValues[i], namesAndValues[i + 1]));
            }
            return new Series(namespace, metricName, dims);
        }

        /** The value of the named dimension, or null when the series has no such dimension. */
        public String dimension(String name) {
            for (Dimension d : dimensions) {
                if (d.name().equals(name)) {
                    return d.value();
                }
            }
            return null;
        }

        /** Whether the series' dimensions are exactly these names, in any order. */
        public boolean hasDimensions(Set<String> names) {
            return dimensions.size() == names.size()
                    && dimensions.stream().allMatch(d -> names.contains(d.name()));
        }
    }

    /** One query: a series, a statistic over periods of {@code periodSeconds}. Ids are unique per call. */
    record Query(String id, Series series, String stat, int periodSeconds) {
    }

    /** The datapoints a query returned, or why it failed. */
    sealed interface Result {
        /**
         * The datapoints, each value at the start of its period; {@code timestamps} parallel to {@code values}
         * when the caller kept them (empty otherwise: callers that only fold the values need no times).
         */
        record Values(List<Double> values, List<Instant> timestamps) implements Result {
            public Values {
                values = List.copyOf(values);
                timestamps = List.copyOf(timestamps);
                if (!timestamps.isEmpty() && timestamps.size() != values.size()) {
                    throw new IllegalArgumentException("timestamps and values differ in number");
                }
            }

            public Values(List<Double> values) {
                this(values, List.of());
            }

            /** The newest datapoint, or null when there is none or no timestamps were kept. */
            public Point latest() {
                Point latest = null;
                for (int i = 0; i < timestamps.size(); i++) {
                    if (latest == null || timestamps.get(i).isAfter(latest.at())) {
                        latest = new Point(timestamps.get(i), values.get(i));
                    }
                }
                return latest;
            }
        }

        /** One datapoint: the start of its period and its value. */
        record Point(Instant at, double value) {
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
