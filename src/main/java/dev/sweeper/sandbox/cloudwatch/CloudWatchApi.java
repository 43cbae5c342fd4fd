package dev.sweeper.sandbox.cloudwatch;

import dev.sweeper.sandbox.protocol.AwsError;
import dev.sweeper.sandbox.protocol.Pages;
import dev.sweeper.sandbox.protocol.Params;
import dev.sweeper.sandbox.world.MetricStore;
import dev.sweeper.sandbox.world.World;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * CloudWatch's metric operations over a protocol-neutral tree (maps, lists, strings, numbers,
 * instants), so that the Query codec (SDK for Java) and the CBOR codec (AWS CLI) share them.
 */
public final class CloudWatchApi {
    /** The Query protocol's XML namespace. */
    public static final String NS = "http://monitoring.amazonaws.com/doc/2010-08-01/";
    /** The JSON 1.0 target prefix and the RPC v2 CBOR service name. */
    public static final String TARGET = "GraniteServiceVersion20100801";
    public static final int MAX_QUERIES = 500;
    public static final int MAX_DATAPOINTS = 100_800;
    public static final int LIST_METRICS_PAGE = 500;
    /** The statistics the sandbox computes (no percentiles). */
    static final Set<String> STATS = Set.of("Sum", "Average", "Maximum", "Minimum", "SampleCount");

    private final World world;

    public CloudWatchApi(World world) {
        this.world = world;
    }

    public static boolean known(String op) {
        return List.of("GetMetricData", "GetMetricStatistics", "ListMetrics", "PutMetricData").contains(op);
    }

    public Map<String, Object> handle(String op, Map<String, Object> in, String region) {
        return switch (op) {
            case "GetMetricData" -> getMetricData(in, region);
            case "GetMetricStatistics" -> getMetricStatistics(in, region);
            case "ListMetrics" -> listMetrics(in, region);
            case "PutMetricData" -> putMetricData(in, region);
            default -> throw new AwsError("InvalidAction", 400, "Could not find operation " + op + " for version 2010-08-01");
        };
    }

    // ---- tree access ----

    public static AwsError invalid(String message) {
        return new AwsError("InvalidParameterValue", 400, message);
    }

    public static AwsError missing(String param) {
        return new AwsError("MissingParameter", 400, "The parameter " + param + " is required.");
    }

    public static Double number(Map<String, Object> m, String key, String param) {
        Object v = m.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString());
        } catch (NumberFormatException e) {
            throw invalid("The value " + v + " for parameter " + param + " is not a number.");
        }
    }

    public static Instant instant(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Instant i) {
            return i;
        }
        if (v instanceof Number n) {
            return Instant.ofEpochMilli(Math.round(n.doubleValue() * 1000));
        }
        try {
            return Instant.parse(v.toString());
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(v.toString()).toInstant();
            } catch (DateTimeParseException e2) {
                throw invalid("The parameter " + key + " must be a valid ISO-8601 timestamp.");
            }
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, String> dimensions(List<Object> dims, String param) {
        Map<String, String> out = new TreeMap<>();
        if (dims.size() > 30) {
            throw invalid("The collection " + param + " must not have a size greater than 30.");
        }
        for (Object o : dims) {
            Map<String, Object> d = (Map<String, Object>) o;
            String name = Params.str(d, "Name");
            String value = Params.str(d, "Value");
            if (name == null || value == null) {
                throw missing(param + ".Name/Value");
            }
            out.put(name, value);
        }
        return out;
    }

    /** The dimension names of a request, in the order given. */
    @SuppressWarnings("unchecked")
    public static List<String> dimensionNames(List<Object> dims) {
        List<String> names = new ArrayList<>();
        for (Object o : dims) {
            names.add(Params.str((Map<String, Object>) o, "Name"));
        }
        return names;
    }

    // ---- GetMetricData ----

    /** CloudWatch rounds an unaligned start down according to how old it is. */
    public static long alignStart(long startSec, long period, long nowSec) {
        long age = nowSec - startSec;
        long unit = age > 63 * MetricStore.DAY ? 3600 : age > 15 * MetricStore.DAY ? 300 : 60;
        if (period < 60) {
            unit = period;
        }
        return Math.floorDiv(startSec, unit) * unit;
    }

    /** Parsing, per-query evaluation and the paged answer live in MetricDataRequest, MetricDataQuery and MetricDataPage. */
    private Map<String, Object> getMetricData(Map<String, Object> in, String region) {
        MetricDataRequest request = MetricDataRequest.parse(in, world.metrics, region);
        long nowSec = world.now().getEpochSecond();
        List<MetricDataQuery> returned = new ArrayList<>();
        List<List<Map.Entry<Long, MetricStore.Agg>>> results = new ArrayList<>();
        for (MetricDataQuery q : request.queries()) {
            if (q.returnData()) {
                results.add(q.evaluate(request.start(), request.end(), nowSec, request.descending()));
                returned.add(q);
            }
        }
        long offset = Pages.offset(request.nextToken(), request.pageKey(),
                () -> new AwsError("InvalidNextToken", 400, "The service couldn't process the NextToken."));
        return MetricDataPage.assemble(returned, results, offset, request.limit(), request.pageKey());
    }

    // ---- GetMetricStatistics ----

    private Map<String, Object> getMetricStatistics(Map<String, Object> in, String region) {
        for (String p : List.of("Namespace", "MetricName", "StartTime", "EndTime", "Period")) {
            if (in.get(p) == null) {
                throw missing(p);
            }
        }
        Instant start = instant(in, "StartTime");
        Instant end = instant(in, "EndTime");
        long period = number(in, "Period", "Period").longValue();
        if (period <= 0 || (period % 60 != 0 && !(period == 1 || period == 5 || period == 10 || period == 20 || period == 30))) {
            throw invalid("The parameter Period must be 1, 5, 10, 20, 30, 60, or any multiple of 60.");
        }
        if (!start.isBefore(end)) {
            throw new AwsError("InvalidParameterCombination", 400, "The parameter StartTime must be less than the parameter EndTime.");
        }
        List<String> stats = new ArrayList<>();
        for (Object o : Params.list(in, "Statistics")) {
            String s = o.toString();
            if (!STATS.contains(s)) {
                throw invalid("The parameter Statistics.member." + (stats.size() + 1) + " must be a value in the set [ SampleCount, Average, Sum, Minimum, Maximum ].");
            }
            stats.add(s);
        }
        if (stats.isEmpty() && Params.list(in, "ExtendedStatistics").isEmpty()) {
            throw new AwsError("MissingParameter", 400, "The parameter Statistics or ExtendedStatistics must be specified.");
        }
        if (!Params.list(in, "ExtendedStatistics").isEmpty()) {
            throw invalid("The sandbox does not compute ExtendedStatistics (percentiles).");
        }
        long nowSec = world.now().getEpochSecond();
        long s = alignStart(start.getEpochSecond(), period, nowSec);
        long requested = (end.getEpochSecond() - s + period - 1) / period;
        if (requested > 1440) {
            throw new AwsError("InvalidParameterCombination", 400, String.format(
                    "You have requested up to %,d datapoints, which exceeds the limit of 1,440. You may reduce the datapoints requested by increasing Period, or decreasing the time range.",
                    requested));
        }
        Map<String, String> dims = dimensions(Params.list(in, "Dimensions"), "Dimensions");
        MetricStore.Series series = world.metrics.find(region, Params.str(in, "Namespace"), Params.str(in, "MetricName"), dims);
        List<Object> datapoints = new ArrayList<>();
        String unit = Params.str(in, "Unit");
        MetricStore.aggregate(series, s, end.getEpochSecond(), period, nowSec).forEach((t, agg) -> {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("Timestamp", Instant.ofEpochSecond(t));
            for (String st : List.of("SampleCount", "Average", "Sum", "Minimum", "Maximum")) {
                if (stats.contains(st)) {
                    d.put(st, agg.stat(st));
                }
            }
            d.put("Unit", unit != null ? unit : "None");
            datapoints.add(d);
        });
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("Label", Params.str(in, "MetricName"));
        result.put("Datapoints", datapoints);
        return result;
    }

    // ---- ListMetrics ----

    @SuppressWarnings("unchecked")
    private Map<String, Object> listMetrics(Map<String, Object> in, String region) {
        String namespace = Params.str(in, "Namespace");
        String name = Params.str(in, "MetricName");
        List<Object> filters = Params.list(in, "Dimensions");
        String recently = Params.str(in, "RecentlyActive");
        if (recently != null && !recently.equals("PT3H")) {
            throw new AwsError("ValidationError", 400, "1 validation error detected: Value '" + recently + "' at 'recentlyActive' failed to satisfy constraint: Member must satisfy enum value set: [PT3H]");
        }
        long nowSec = world.now().getEpochSecond();
        // real ListMetrics only knows metrics with data in the last two weeks
        long since = nowSec - (recently != null ? Duration.ofHours(3).getSeconds() : 14 * MetricStore.DAY);
        List<MetricStore.Series> matching = new ArrayList<>();
        for (MetricStore.Series s : world.metrics.list(region)) {
            if ((namespace != null && !namespace.equals(s.namespace)) || (name != null && !name.equals(s.name))) {
                continue;
            }
            boolean ok = true;
            for (Object f : filters) {
                Map<String, Object> df = (Map<String, Object>) f;
                String fn = Params.str(df, "Name");
                String fv = Params.str(df, "Value");
                if (!s.dimensions.containsKey(fn) || (fv != null && !fv.equals(s.dimensions.get(fn)))) {
                    ok = false;
                    break;
                }
            }
            // AWS: "After you create a metric, allow up to 15 minutes for the metric to appear. To see
            // metric statistics sooner, use GetMetricData or GetMetricStatistics." (ListMetrics API reference)
            boolean discoverable = s.firstDataAt() <= nowSec - world.listMetricsLag.getSeconds();
            if (ok && discoverable && s.lastDataAt(nowSec) >= since) {
                matching.add(s);
            }
        }
        matching.sort(Comparator.comparing((MetricStore.Series s) -> s.key));
        String key = "ListMetrics" + namespace + name + filters + recently;
        Pages.Page<MetricStore.Series> page = Pages.page(matching, Params.str(in, "NextToken"), LIST_METRICS_PAGE, key,
                () -> new AwsError("InvalidParameterValue", 400, "Invalid NextToken"));
        List<Object> metrics = new ArrayList<>();
        for (MetricStore.Series s : page.items()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Namespace", s.namespace);
            m.put("MetricName", s.name);
            List<Object> dims = new ArrayList<>();
            for (String k : world.metrics.listedOrder(s)) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("Name", k);
                d.put("Value", s.dimensions.get(k));
                dims.add(d);
            }
            m.put("Dimensions", dims);
            metrics.add(m);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("Metrics", metrics);
        result.put("NextToken", page.nextToken());
        return result;
    }

    // ---- PutMetricData ----

    @SuppressWarnings("unchecked")
    private Map<String, Object> putMetricData(Map<String, Object> in, String region) {
        String namespace = Params.str(in, "Namespace");
        if (namespace == null) {
            throw missing("Namespace");
        }
        if (namespace.startsWith("AWS/")) {
            throw invalid("The value AWS/ for parameter Namespace is invalid.");
        }
        List<Object> data = Params.list(in, "MetricData");
        if (data.size() > 1000) {
            throw invalid("The collection MetricData must not have a size greater than 1000.");
        }
        Instant now = world.now();
        List<Runnable> writes = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            Map<String, Object> d = (Map<String, Object>) data.get(i);
            String param = "MetricData.member." + (i + 1);
            String name = Params.str(d, "MetricName");
            if (name == null) {
                throw missing(param + ".MetricName");
            }
            Map<String, String> dims = dimensions(Params.list(d, "Dimensions"), param + ".Dimensions");
            Instant at = instant(d, "Timestamp");
            at = at == null ? now : at;
            if (at.isBefore(now.minus(Duration.ofDays(14))) || at.isAfter(now.plus(Duration.ofHours(2)))) {
                throw invalid("The parameter " + param + ".Timestamp must specify a time no more than two weeks in the past and two hours in the future.");
            }
            Instant when = at;
            Double value = number(d, "Value", param + ".Value");
            Map<String, Object> sv = Params.map(d, "StatisticValues");
            List<Object> values = Params.list(d, "Values");
            if (value != null) {
                MetricStore.Agg agg = MetricStore.Agg.of(value);
                writes.add(() -> world.metrics.put(region, namespace, name, dims, when, agg));
            } else if (sv != null) {
                MetricStore.Agg agg = new MetricStore.Agg(number(sv, "Sum", param + ".StatisticValues.Sum"),
                        number(sv, "SampleCount", param + ".StatisticValues.SampleCount"),
                        number(sv, "Minimum", param + ".StatisticValues.Minimum"), number(sv, "Maximum", param + ".StatisticValues.Maximum"));
                writes.add(() -> world.metrics.put(region, namespace, name, dims, when, agg));
            } else if (!values.isEmpty()) {
                List<Object> counts = Params.list(d, "Counts");
                for (int j = 0; j < values.size(); j++) {
                    double v = Double.parseDouble(values.get(j).toString());
                    double c = j < counts.size() ? Double.parseDouble(counts.get(j).toString()) : 1;
                    MetricStore.Agg agg = new MetricStore.Agg(v * c, c, v, v);
                    writes.add(() -> world.metrics.put(region, namespace, name, dims, when, agg));
                }
            } else {
                throw new AwsError("MissingParameter", 400, "The parameter " + param + ".Value is required.");
            }
        }
        writes.forEach(Runnable::run);
        return null;
    }
}
