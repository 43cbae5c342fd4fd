package dev.sweeper.app.evidence;

import dev.sweeper.app.Parallel;
import dev.sweeper.core.Evidence;
import dev.sweeper.core.JupyterProbe;
import dev.sweeper.core.MetricWindow;
import dev.sweeper.core.MetricsGateway;
import dev.sweeper.core.MetricsGateway.Query;
import dev.sweeper.core.MetricsGateway.Result;
import dev.sweeper.core.MetricsGateway.Series;
import dev.sweeper.core.NotebookFacts;
import dev.sweeper.core.NotebookFacts.Heartbeat;
import dev.sweeper.core.NotebookFacts.Jupyter;
import dev.sweeper.core.NotebookFacts.Log;
import dev.sweeper.core.NotebookFacts.Metric;
import dev.sweeper.core.NotebookLogs;
import dev.sweeper.core.Policy;
import dev.sweeper.core.Resource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * Gathers the activity signals of notebook instances: the Jupyter server of each (concurrently,
 * on the bounded pool, each probe bounded by its timeouts), the jupyter.log of those whose server
 * did not already show activity (in bulk: one read per 100 of them, each read as soon as its 100
 * are known), and the team's own metric (one batch) where configured and still needed. Gateways
 * are asked for only when a signal is read.
 */
public final class NotebookEvidence {
    private final Supplier<JupyterProbe> jupyter;
    private final Supplier<NotebookLogs> logs;
    private final Supplier<MetricsGateway> metrics;
    private final ExecutorService pool;

    public NotebookEvidence(Supplier<JupyterProbe> jupyter, Supplier<NotebookLogs> logs, Supplier<MetricsGateway> metrics,
                     ExecutorService pool) {
        this.jupyter = jupyter;
        this.logs = logs;
        this.metrics = metrics;
        this.pool = pool;
    }

    private record Partial(Jupyter jupyter, Log log) {
    }

    public Map<String, Evidence> gather(List<Resource> notebooks, Policy.NotebookSignals config, Duration window,
                                 Instant now) {
        Map<String, Evidence> out = new LinkedHashMap<>();
        if (notebooks.isEmpty()) {
            return out;
        }
        // The checkers' heartbeats first, in bulk: a notebook whose heartbeat decides needs no probe. The
        // team's metric, when configured, comes in the same batch (one GetMetricData per 500 queries).
        List<String> names = notebooks.stream().map(Resource::name).toList();
        Map<String, Metric> team = new LinkedHashMap<>();
        Map<String, Heartbeat> heartbeats = config.heartbeat()
                ? heartbeats(names, config.metric(), team, window, now) : Map.of();
        Map<String, Metric> teamMetric = config.heartbeat() && config.metric() != null ? team : null;
        JupyterProbe probe = config.jupyterProbe() ? jupyter.get() : null;
        NotebookLogs logReader = config.jupyterLog() ? logs.get() : null;
        Instant since = now.minus(window);
        // jupyter.log, in bulk, for the notebooks whose server showed no activity: one read (one FilterLogEvents) per
        // 100 of them. A probe that completes a batch reads it on its own thread, beside the other probes, so that
        // only the last, partial batch waits for the probes to end.
        LogBatches batches = new LogBatches(logReader, since, now);
        List<Jupyter> servers = Parallel.map(notebooks, n -> {
            if (heartbeats.get(n.name()) instanceof Heartbeat.Read hb && hb.decides()) {
                return new Jupyter.NotNeeded();
            }
            Jupyter j = probe == null ? new Jupyter.Off() : probe(probe, n.name());
            boolean active = j instanceof Jupyter.Read r
                    && NotebookFacts.jupyterActivity(r, window, now, config.ignoreConnections()).isPresent();
            if (!active) {
                batches.add(n.name());
            }
            return j;
        }, pool);
        Map<String, Log> logFacts = batches.rest();
        List<Partial> partial = new ArrayList<>();
        for (int i = 0; i < notebooks.size(); i++) {
            partial.add(new Partial(servers.get(i), logFacts.getOrDefault(notebooks.get(i).name(), new Log.NotChecked())));
        }

        Map<String, Metric> metricFacts = new LinkedHashMap<>();
        if (config.metric() != null) {
            List<String> undecided = new ArrayList<>();
            for (int i = 0; i < notebooks.size(); i++) {
                Partial p = partial.get(i);
                if (p.jupyter() instanceof Jupyter.NotNeeded) {
                    continue;
                }
                boolean active = (p.jupyter() instanceof Jupyter.Read r
                        && NotebookFacts.jupyterActivity(r, window, now, config.ignoreConnections()).isPresent())
                        || NotebookFacts.logActive(p.log(), window, now);
                if (!active) {
                    undecided.add(notebooks.get(i).name());
                }
            }
            if (teamMetric != null) {
                for (String name : undecided) {
                    metricFacts.put(name, teamMetric.get(name));
                }
            } else {
                metricFacts.putAll(metric(config.metric(), undecided, window, now));
            }
        }
        for (int i = 0; i < notebooks.size(); i++) {
            String name = notebooks.get(i).name();
            Partial p = partial.get(i);
            out.put(name, new Evidence.Notebook(p.jupyter(), p.log(),
                    metricFacts.getOrDefault(name, new Metric.NotConfigured()),
                    heartbeats.getOrDefault(name, new Heartbeat.Off())));
        }
        return out;
    }

    /** A probe never fails the sweep: anything unexpected is an unreadable server, never idleness. */
    private static Jupyter probe(JupyterProbe probe, String name) {
        try {
            return probe.probe(name);
        } catch (RuntimeException e) {
            // The class only: an unexpected message might carry the presigned URL.
            return new Jupyter.Unreachable("the probe failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * The notebooks' jupyter.log lines, read {@link NotebookLogs#BATCH} notebooks at a time as their names come in; a
     * reader that throws costs only its batch's notebooks their log signal, and a notebook a reader left out is
     * "could not read".
     */
    private static final class LogBatches {
        private final NotebookLogs reader;
        private final Instant since;
        private final Instant now;
        private final List<String> waiting = new ArrayList<>();
        private final Map<String, Log> read = new java.util.concurrent.ConcurrentHashMap<>();

        LogBatches(NotebookLogs reader, Instant since, Instant now) {
            this.reader = reader;
            this.since = since;
            this.now = now;
        }

        /** Adds a notebook; the caller that fills a batch reads it. */
        void add(String name) {
            if (reader == null) {
                return;
            }
            List<String> full = null;
            synchronized (waiting) {
                waiting.add(name);
                if (waiting.size() >= NotebookLogs.BATCH) {
                    full = List.copyOf(waiting);
                    waiting.clear();
                }
            }
            if (full != null) {
                read(full);
            }
        }

        /** Reads what is left and returns every notebook's log. */
        Map<String, Log> rest() {
            List<String> last;
            synchronized (waiting) {
                last = List.copyOf(waiting);
                waiting.clear();
            }
            if (!last.isEmpty()) {
                read(last);
            }
            return read;
        }

        private void read(List<String> batch) {
            Map<String, Log> got;
            try {
                got = reader.newestLines(batch, since, now);
            } catch (RuntimeException e) {
                got = Map.of();
                batch.forEach(n -> read.put(n, new Log.Failed(e.getMessage() == null ? e.getClass().getSimpleName()
                        : e.getMessage())));
            }
            for (String n : batch) {
                Log log = got.get(n);
                read.putIfAbsent(n, log != null ? log : new Log.Failed("jupyter.log: no answer for this notebook"));
            }
        }
    }

    /**
     * Each notebook's heartbeat from the sweeper's on-instance checker (namespace
     * {@link NotebookFacts#HEARTBEAT_NAMESPACE}, dimension NotebookInstanceName): its highest value and
     * its count over the window, two queries per notebook, read in bulk like every other series.
     */
    private Map<String, Heartbeat> heartbeats(List<String> names, Policy.MetricRule rule, Map<String, Metric> team,
                                              Duration window, Instant now) {
        Map<String, Heartbeat> out = new LinkedHashMap<>();
        MetricWindow range = MetricWindow.covering(window, now);
        List<Query> queries = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Series s = Series.of(NotebookFacts.HEARTBEAT_NAMESPACE, NotebookFacts.HEARTBEAT_METRIC,
                    NotebookFacts.HEARTBEAT_DIMENSION, names.get(i));
            queries.add(new Query("hm" + i, s, "Maximum", range.periodSeconds()));
            queries.add(new Query("hc" + i, s, "SampleCount", range.periodSeconds()));
            if (rule != null) {
                queries.add(new Query("n" + i, Series.of(rule.namespace(), rule.name(), rule.dimension(), names.get(i)),
                        rule.statistic(), range.periodSeconds()));
            }
        }
        Map<String, Result> results;
        try {
            results = metrics.get().fetch(queries, range.start(), range.end());
        } catch (RuntimeException e) {
            names.forEach(n -> out.put(n, new Heartbeat.Failed(e.getMessage())));
            names.forEach(n -> team.put(n, new Metric.Failed(e.getMessage())));
            return out;
        }
        if (rule != null) {
            team.putAll(metricFacts(rule, names, results));
        }
        int expected = Heartbeat.expected(window);
        for (int i = 0; i < names.size(); i++) {
            Result max = results.get("hm" + i);
            Result count = results.get("hc" + i);
            if (max instanceof Result.Failed f) {
                out.put(names.get(i), new Heartbeat.Failed(f.error()));
            } else if (count instanceof Result.Failed f) {
                out.put(names.get(i), new Heartbeat.Failed(f.error()));
            } else if (max instanceof Result.Values m && count instanceof Result.Values c) {
                double samples = c.values().stream().mapToDouble(Double::doubleValue).sum();
                out.put(names.get(i), m.values().isEmpty() || samples == 0 ? new Heartbeat.NoData()
                        : new Heartbeat.Read(m.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow(),
                        (int) Math.round(samples), expected));
            } else {
                out.put(names.get(i), new Heartbeat.Failed("no result for " + NotebookFacts.HEARTBEAT_METRIC));
            }
        }
        return out;
    }

    /** The highest period value of the configured statistic over the window, per notebook, in one batch. */
    private Map<String, Metric> metric(Policy.MetricRule rule, List<String> names, Duration window, Instant now) {
        Map<String, Metric> out = new LinkedHashMap<>();
        if (names.isEmpty()) {
            return out;
        }
        MetricWindow range = MetricWindow.covering(window, now);
        List<Query> queries = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            queries.add(new Query("n" + i, Series.of(rule.namespace(), rule.name(),
                    rule.dimension(), names.get(i)), rule.statistic(), range.periodSeconds()));
        }
        Map<String, Result> results;
        try {
            results = metrics.get().fetch(queries, range.start(), range.end());
        } catch (RuntimeException e) {
            names.forEach(n -> out.put(n, new Metric.Failed(e.getMessage())));
            return out;
        }
        return metricFacts(rule, names, results);
    }

    /** Each notebook's team metric from the results of queries {@code n<i>}. */
    private static Map<String, Metric> metricFacts(Policy.MetricRule rule, List<String> names, Map<String, Result> results) {
        Map<String, Metric> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            Result r = results.get("n" + i);
            if (r instanceof Result.Values v) {
                out.put(names.get(i), v.values().isEmpty() ? new Metric.NoData()
                        : new Metric.Value(v.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow()));
            } else if (r instanceof Result.Failed f) {
                out.put(names.get(i), new Metric.Failed(f.error()));
            } else {
                out.put(names.get(i), new Metric.Failed("no result for " + rule.name()));
            }
        }
        return out;
    }
}
