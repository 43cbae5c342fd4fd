package dev.sweeper.sandbox.cloudwatch;

import dev.sweeper.sandbox.protocol.Pages;
import dev.sweeper.sandbox.world.MetricStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GetMetricData's answer: one page over the flattened (query, datapoint) sequence, at most
 * {@code limit} datapoints, a query cut short marked {@code PartialData}, and a NextToken to go on.
 */
final class MetricDataPage {
    private MetricDataPage() {
    }

    /**
     * @param returned the queries with ReturnData, in request order
     * @param results  each one's datapoints, in scan order
     * @param offset   where in the flattened sequence this page starts (from the NextToken)
     */
    static Map<String, Object> assemble(List<MetricDataQuery> returned, List<List<Map.Entry<Long, MetricStore.Agg>>> results,
                                        long offset, long limit, String pageKey) {
        long pos = 0;
        long emitted = 0;
        List<Object> out = new ArrayList<>();
        boolean more = false;
        for (int i = 0; i < returned.size(); i++) {
            List<Map.Entry<Long, MetricStore.Agg>> points = results.get(i);
            int n = points.size();
            boolean onThisPage = pos + n > offset || (n == 0 && pos >= offset);
            if (!onThisPage) {
                pos += n;
                continue;
            }
            if (emitted >= limit) {
                more = true;
                break;
            }
            int from = (int) Math.max(0, offset - pos);
            int to = (int) Math.min(n, from + (limit - emitted));
            List<Object> timestamps = new ArrayList<>(to - from);
            List<Object> values = new ArrayList<>(to - from);
            for (Map.Entry<Long, MetricStore.Agg> e : points.subList(from, to)) {
                timestamps.add(Instant.ofEpochSecond(e.getKey()));
                values.add(e.getValue().stat(returned.get(i).stat()));
            }
            emitted += to - from;
            pos += n;
            boolean partial = to < n;
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("Id", returned.get(i).id());
            r.put("Label", returned.get(i).label());
            r.put("Timestamps", timestamps);
            r.put("Values", values);
            r.put("StatusCode", partial ? "PartialData" : "Complete");
            out.add(r);
            if (partial) {
                more = true;
                break;
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("MetricDataResults", out);
        if (more) {
            result.put("NextToken", Pages.token(offset + emitted, pageKey));
        }
        result.put("Messages", List.of());
        return result;
    }
}
