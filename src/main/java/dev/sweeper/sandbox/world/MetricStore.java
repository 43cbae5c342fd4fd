package dev.sweeper.sandbox.world;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * CloudWatch's metric data, stored compactly: a series holds repeating rules ("value v every hour
 * since T", evaluated lazily up to now) and sparse points aggregated per minute, so that ten thousand
 * endpoints cost a few objects each rather than 43,200 points a month.
 */
public final class MetricStore {
    public static final long MINUTE = 60;
    public static final long DAY = 86_400;

    /** One statistic set: what CloudWatch keeps per minute. */
    public record Agg(double sum, double count, double min, double max) {
        public static Agg of(double v) {
            return new Agg(v, 1, v, v);
        }

        public Agg plus(Agg o) {
            return new Agg(sum + o.sum, count + o.count, Math.min(min, o.min), Math.max(max, o.max));
        }

        public Agg repeated(long n, double v) {
            return plus(new Agg(v * n, n, v, v));
        }

        public double stat(String stat) {
            return switch (stat) {
                case "Sum" -> sum;
                case "Average" -> sum / count;
                case "Maximum" -> max;
                case "Minimum" -> min;
                case "SampleCount" -> count;
                default -> throw new IllegalArgumentException(stat);
            };
        }
    }

    /**
     * A value published every {@code stepSec} from {@code fromSec} until now: {@code value} at {@code fromSec}, growing
     * by {@code slope} per second after it (0: the same value every time; 1: a count of seconds, such as Canvas's
     * TimeSinceLastActive).
     */
    public record Rule(long fromSec, long stepSec, double value, double slope) {
        public Rule(long fromSec, long stepSec, double value) {
            this(fromSec, stepSec, value, 0);
        }

        public double at(long t) {
            return value + slope * (t - fromSec);
        }
    }

    public static final class Series {
        public final String region;
        public final String namespace;
        public final String name;
        public final SortedMap<String, String> dimensions;
        /** Identity and sort order (ListMetrics sorts by it on every page). */
        public final String key;
        public final List<Rule> rules = new CopyOnWriteArrayList<>();
        public final ConcurrentSkipListMap<Long, Agg> minutes = new ConcurrentSkipListMap<>();

        public Series(String region, String namespace, String name, SortedMap<String, String> dimensions) {
            this.region = region;
            this.namespace = namespace;
            this.name = name;
            this.dimensions = dimensions;
            this.key = key(region, namespace, name, dimensions);
        }

        /** Epoch second of the oldest datapoint, or Long.MAX_VALUE when it has none. */
        public long firstDataAt() {
            long first = minutes.isEmpty() ? Long.MAX_VALUE : minutes.firstKey();
            for (Rule r : rules) {
                first = Math.min(first, r.fromSec());
            }
            return first;
        }

        /** Epoch second of the newest datapoint at or before now, or Long.MIN_VALUE. */
        public long lastDataAt(long nowSec) {
            long last = Long.MIN_VALUE;
            Map.Entry<Long, Agg> e = minutes.floorEntry(nowSec);
            if (e != null) {
                last = e.getKey();
            }
            for (Rule r : rules) {
                if (r.fromSec() <= nowSec) {
                    last = Math.max(last, r.fromSec() + (nowSec - r.fromSec()) / r.stepSec() * r.stepSec());
                }
            }
            return last;
        }
    }

    private final Map<String, Series> series = new ConcurrentHashMap<>();
    /** See {@link SandboxOptions#strictDimensionOrder()}: an emulator's behaviour, not AWS's. */
    private volatile boolean strictDimensionOrder;

    public void strictDimensionOrder(boolean strict) {
        this.strictDimensionOrder = strict;
    }

    /**
     * The dimension names in the order ListMetrics returns them. AWS identifies a metric by the set
     * of its dimensions; the sandbox lists them by name, except in strict mode, where every other
     * series (by a stable hash of its identity) lists them reversed, so that a client that rebuilds
     * the order, whatever order it picks, gets some series wrong.
     */
    public List<String> listedOrder(Series s) {
        List<String> names = new ArrayList<>(s.dimensions.keySet());
        if (strictDimensionOrder && (s.key.hashCode() & 1) == 1) {
            java.util.Collections.reverse(names);
        }
        return names;
    }

    /**
     * The series a query names with its dimensions in this order: in strict mode only when the order
     * is the one ListMetrics gave; otherwise by the set, as AWS does.
     */
    public Series find(String region, String namespace, String name, Map<String, String> dims, List<String> order) {
        Series s = find(region, namespace, name, dims);
        if (s != null && strictDimensionOrder && !listedOrder(s).equals(order)) {
            return null;
        }
        return s;
    }

    public static String key(String region, String namespace, String name, Map<String, String> dims) {
        StringBuilder sb = new StringBuilder(region).append('|').append(namespace).append('|').append(name);
        new TreeMap<>(dims).forEach((k, v) -> sb.append('|').append(k).append('=').append(v));
        return sb.toString();
    }

    public Series series(String region, String namespace, String name, Map<String, String> dims) {
        return series.computeIfAbsent(key(region, namespace, name, dims),
                k -> new Series(region, namespace, name, new TreeMap<>(dims)));
    }

    public Series find(String region, String namespace, String name, Map<String, String> dims) {
        return series.get(key(region, namespace, name, dims));
    }

    public Collection<Series> all() {
        return series.values();
    }

    public int size() {
        return series.size();
    }

    public void addRule(String region, String namespace, String name, Map<String, String> dims, Rule rule) {
        series(region, namespace, name, dims).rules.add(rule);
    }

    public void put(String region, String namespace, String name, Map<String, String> dims, Instant at, Agg agg) {
        long minute = Math.floorDiv(at.getEpochSecond(), MINUTE) * MINUTE;
        series(region, namespace, name, dims).minutes.merge(minute, agg, Agg::plus);
    }

    /** The resolution CloudWatch still holds for data of this age (retention rules). */
    public static boolean retained(long ageSec, long period) {
        if (ageSec > 455 * DAY) {
            return false;
        }
        if (ageSec > 63 * DAY) {
            return period % 3600 == 0;
        }
        if (ageSec > 15 * DAY) {
            return period % 300 == 0;
        }
        return true;
    }

    /**
     * Aggregates a series into period buckets starting at {@code startSec}: bucket i covers
     * [start + i*period, start + (i+1)*period). Only buckets with data appear.
     */
    public static TreeMap<Long, Agg> aggregate(Series s, long startSec, long endSec, long period, long nowSec) {
        TreeMap<Long, Agg> buckets = new TreeMap<>();
        long upper = Math.min(endSec, nowSec + 1);
        if (s == null || upper <= startSec) {
            return buckets;
        }
        for (Map.Entry<Long, Agg> e : s.minutes.subMap(startSec, true, upper, false).entrySet()) {
            long t = e.getKey();
            if (retained(nowSec - t, period)) {
                long b = startSec + (t - startSec) / period * period;
                buckets.merge(b, e.getValue(), Agg::plus);
            }
        }
        for (Rule r : s.rules) {
            long first = r.fromSec() >= startSec ? r.fromSec()
                    : r.fromSec() + ceilDiv(startSec - r.fromSec(), r.stepSec()) * r.stepSec();
            if (r.stepSec() >= period) {
                for (long t = first; t < upper; t += r.stepSec()) {
                    if (retained(nowSec - t, period)) {
                        long b = startSec + (t - startSec) / period * period;
                        buckets.merge(b, Agg.of(r.at(t)), Agg::plus);
                    }
                }
            } else {
                // many points per bucket: count them arithmetically
                for (long b = startSec + (first - startSec) / period * period; b < upper; b += period) {
                    long lo = Math.max(b, first);
                    long hi = Math.min(b + period, upper);
                    if (lo >= hi || !retained(nowSec - lo, period)) {
                        continue;
                    }
                    long k0 = ceilDiv(lo - first, r.stepSec());
                    long n = ceilDiv(hi - first, r.stepSec()) - k0;
                    if (n > 0) {
                        // An arithmetic sequence: its ends are its extremes, its sum n times their mean.
                        double a = r.at(first + k0 * r.stepSec());
                        double z = r.at(first + (k0 + n - 1) * r.stepSec());
                        Agg add = new Agg((a + z) / 2 * n, n, Math.min(a, z), Math.max(a, z));
                        buckets.merge(b, add, Agg::plus);
                    }
                }
            }
        }
        return buckets;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    public List<Series> list(String region) {
        List<Series> out = new ArrayList<>();
        for (Series s : series.values()) {
            if (s.region.equals(region)) {
                out.add(s);
            }
        }
        return out;
    }
}
