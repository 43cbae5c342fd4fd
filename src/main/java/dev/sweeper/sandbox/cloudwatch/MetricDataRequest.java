package dev.sweeper.sandbox.cloudwatch;

import static dev.sweeper.sandbox.cloudwatch.CloudWatchApi.instant;
import static dev.sweeper.sandbox.cloudwatch.CloudWatchApi.invalid;
import static dev.sweeper.sandbox.cloudwatch.CloudWatchApi.missing;
import static dev.sweeper.sandbox.cloudwatch.CloudWatchApi.number;

import dev.sweeper.sandbox.protocol.AwsError;
import dev.sweeper.sandbox.protocol.Params;
import dev.sweeper.sandbox.world.MetricStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A GetMetricData request, parsed and validated in the order CloudWatch reports its errors.
 *
 * @param pageKey what a NextToken is bound to: the queries, the time range and the scan order
 */
record MetricDataRequest(List<MetricDataQuery> queries, Instant start, Instant end, boolean descending, long limit,
                         String nextToken, String pageKey) {

    @SuppressWarnings("unchecked")
    static MetricDataRequest parse(Map<String, Object> in, MetricStore metrics, String region) {
        List<Object> queries = Params.list(in, "MetricDataQueries");
        if (!in.containsKey("MetricDataQueries")) {
            throw missing("MetricDataQueries");
        }
        if (queries.size() > CloudWatchApi.MAX_QUERIES) {
            throw new AwsError("ValidationError", 400, "1 validation error detected: Value at 'metricDataQueries' failed to satisfy constraint: Member must have length less than or equal to 500");
        }
        Instant start = instant(in, "StartTime");
        Instant end = instant(in, "EndTime");
        if (start == null) {
            throw missing("StartTime");
        }
        if (end == null) {
            throw missing("EndTime");
        }
        if (!start.isBefore(end)) {
            throw invalid("The parameter StartTime must be less than the parameter EndTime.");
        }
        String scanBy = Params.str(in, "ScanBy");
        if (scanBy != null && !scanBy.equals("TimestampDescending") && !scanBy.equals("TimestampAscending")) {
            throw new AwsError("ValidationError", 400, "1 validation error detected: Value '" + scanBy + "' at 'scanBy' failed to satisfy constraint: Member must satisfy enum value set: [TimestampDescending, TimestampAscending]");
        }
        boolean descending = !"TimestampAscending".equals(scanBy);
        Double maxPoints = number(in, "MaxDatapoints", "MaxDatapoints");
        long limit = maxPoints == null ? CloudWatchApi.MAX_DATAPOINTS : Math.min(CloudWatchApi.MAX_DATAPOINTS, maxPoints.longValue());

        Set<String> ids = new HashSet<>();
        List<MetricDataQuery> parsed = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            parsed.add(MetricDataQuery.parse((Map<String, Object>) queries.get(i), i, ids, metrics, region));
        }
        String key = "GetMetricData" + in.getOrDefault("MetricDataQueries", "") + start + end + scanBy;
        return new MetricDataRequest(parsed, start, end, descending, limit, Params.str(in, "NextToken"), key);
    }
}
