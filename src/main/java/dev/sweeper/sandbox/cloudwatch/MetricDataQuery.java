package dev.sweeper.sandbox.cloudwatch;

import static dev.sweeper.sandbox.cloudwatch.CloudWatchApi.STATS;
import static dev.sweeper.sandbox.cloudwatch.CloudWatchApi.dimensionNames;
import static dev.sweeper.sandbox.cloudwatch.CloudWatchApi.dimensions;
import static dev.sweeper.sandbox.cloudwatch.CloudWatchApi.invalid;
import static dev.sweeper.sandbox.cloudwatch.CloudWatchApi.missing;
import static dev.sweeper.sandbox.cloudwatch.CloudWatchApi.number;

import dev.sweeper.sandbox.protocol.Params;
import dev.sweeper.sandbox.world.MetricStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** One member of GetMetricData's {@code MetricDataQueries}, a MetricStat over one series, and its evaluation. */
record MetricDataQuery(String id, String label, boolean returnData, MetricStore.Series series, long period, String stat) {
    private static final Pattern ID = Pattern.compile("^[a-z][a-zA-Z0-9_]*$");

    /**
     * Parses and validates member {@code index} (0-based) of the request.
     *
     * @param ids the ids of the members before it; this one's is added
     */
    static MetricDataQuery parse(Map<String, Object> q, int index, Set<String> ids, MetricStore metrics, String region) {
        String param = "MetricDataQueries.member." + (index + 1);
        String id = Params.str(q, "Id");
        if (id == null) {
            throw missing(param + ".Id");
        }
        if (!ID.matcher(id).matches() || id.length() > 255) {
            throw invalid("The value " + id + " for parameter " + param + ".Id is not valid. The first character must be a lower case letter, and the others must be letters, numbers or underscores.");
        }
        if (!ids.add(id)) {
            throw invalid("The values for parameter id in MetricDataQueries are not unique.");
        }
        if (q.get("Expression") != null) {
            throw invalid("The sandbox does not evaluate metric math: parameter " + param + ".Expression (use MetricStat).");
        }
        Map<String, Object> stat = Params.map(q, "MetricStat");
        if (stat == null) {
            throw invalid("Exactly one of MetricStat and Expression must be set in " + param + ".");
        }
        Map<String, Object> metric = Params.map(stat, "Metric");
        if (metric == null || Params.str(metric, "MetricName") == null || Params.str(metric, "Namespace") == null) {
            throw missing(param + ".MetricStat.Metric");
        }
        Double period = number(stat, "Period", param + ".MetricStat.Period");
        if (period == null) {
            throw missing(param + ".MetricStat.Period");
        }
        long p = period.longValue();
        if (p <= 0 || (p % 60 != 0 && !(p == 1 || p == 5 || p == 10 || p == 20 || p == 30))) {
            throw invalid("The parameter " + param + ".MetricStat.Period must be 1, 5, 10, 20, 30, 60, or any multiple of 60.");
        }
        String s = Params.str(stat, "Stat");
        if (s == null) {
            throw missing(param + ".MetricStat.Stat");
        }
        if (!STATS.contains(s)) {
            throw invalid("The sandbox supports the statistics " + STATS + "; " + param + ".MetricStat.Stat was " + s + ".");
        }
        Map<String, String> dims = dimensions(Params.list(metric, "Dimensions"), param + ".MetricStat.Metric.Dimensions");
        MetricStore.Series series = metrics.find(region, Params.str(metric, "Namespace"), Params.str(metric, "MetricName"), dims,
                dimensionNames(Params.list(metric, "Dimensions")));
        String label = Params.str(q, "Label") != null ? Params.str(q, "Label") : Params.str(metric, "MetricName");
        Object rd = q.get("ReturnData");
        boolean returnData = rd == null || Boolean.parseBoolean(rd.toString());
        return new MetricDataQuery(id, label, returnData, series, p, s);
    }

    /** The query's datapoints from {@code start} (aligned as CloudWatch aligns it) to {@code end}, in scan order. */
    List<Map.Entry<Long, MetricStore.Agg>> evaluate(Instant start, Instant end, long nowSec, boolean descending) {
        long s = CloudWatchApi.alignStart(start.getEpochSecond(), period, nowSec);
        TreeMap<Long, MetricStore.Agg> buckets = MetricStore.aggregate(series, s, end.getEpochSecond(), period, nowSec);
        return new ArrayList<>(descending ? buckets.descendingMap().entrySet() : buckets.entrySet());
    }
}
