package dev.sweeper.app.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sweeper.core.Evidence;
import dev.sweeper.core.Kind;
import dev.sweeper.core.MetricsGateway;
import dev.sweeper.core.NotebookFacts;
import dev.sweeper.core.Policy;
import dev.sweeper.core.Resource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NotebookEvidenceTest {
    static final Instant NOW = Instant.parse("2026-11-28T15:00:00Z");
    static final Duration DAY = Duration.ofHours(24);
    static final Policy.MetricRule GPU = new Policy.MetricRule("Team/Notebooks", "GPUUtilization",
            "NotebookInstanceName", "Maximum", 5);

    final ExecutorService pool = Executors.newFixedThreadPool(4);
    final List<String> logReads = new CopyOnWriteArrayList<>();
    final List<List<MetricsGateway.Query>> fetches = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    static Resource notebook(String name) {
        return new Resource(name, "us-east-1", "arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/"
                + name, "InService", "ml.t3.medium", 1, NOW.minus(Duration.ofDays(9)), NOW.minus(Duration.ofDays(3)), new Resource.NotebookShape(null), Resource.accountOf("arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/"
                + name));
    }

    /** The same log fact for every notebook of a read. */
    static Map<String, NotebookFacts.Log> each(List<String> names, NotebookFacts.Log log) {
        Map<String, NotebookFacts.Log> out = new java.util.LinkedHashMap<>();
        names.forEach(n -> out.put(n, log));
        return out;
    }

    static NotebookFacts.Jupyter quiet() {
        return new NotebookFacts.Jupyter.Read(0, List.of(), List.of());
    }

    static NotebookFacts.Jupyter busy() {
        return new NotebookFacts.Jupyter.Read(1, List.of(new NotebookFacts.Kernel("k", "busy", NOW, 0)), List.of());
    }

    MetricsGateway metrics() {
        return new MetricsGateway() {
            @Override
            public List<Series> listSeries(String namespace, String metricName) {
                throw new AssertionError("the team metric is queried directly, never listed");
            }

            @Override
            public Map<String, Result> fetch(List<Query> queries, Instant start, Instant end) {
                fetches.add(queries);
                return Map.of("n0", new Result.Values(List.of(1.0, 7.5)));
            }
        };
    }

    NotebookEvidence evidence(Map<String, NotebookFacts.Jupyter> servers) {
        return new NotebookEvidence(() -> name -> servers.get(name), () -> (names, since, now) -> {
            logReads.addAll(names);
            return each(names, new NotebookFacts.Log.Read(null));
        }, this::metrics, pool);
    }

    /** Heartbeats by notebook: {max, samples}; one not named has none. */
    MetricsGateway heartbeats(Map<String, double[]> beats) {
        return new MetricsGateway() {
            @Override
            public List<Series> listSeries(String namespace, String metricName) {
                throw new AssertionError("heartbeats are queried directly, never listed");
            }

            @Override
            public Map<String, Result> fetch(List<Query> queries, Instant start, Instant end) {
                fetches.add(queries);
                Map<String, Result> out = new java.util.HashMap<>();
                for (Query q : queries) {
                    double[] b = beats.get(q.series().dimensions().get(0).value());
                    out.put(q.id(), new Result.Values(b == null ? List.of()
                            : List.of(q.stat().equals("Maximum") ? b[0] : b[1])));
                }
                return out;
            }
        };
    }

    @Test
    void gather_whenHeartbeatDecides_probesOnlyTheOthers() {
        List<String> probed = new CopyOnWriteArrayList<>();
        NotebookEvidence signals = new NotebookEvidence(() -> name -> {
            probed.add(name);
            return quiet();
        }, () -> (names, since, now) -> each(names, new NotebookFacts.Log.Read(null)),
                () -> heartbeats(Map.of("busy", new double[] {1, 3}, "idle", new double[] {0, 288},
                        "patchy", new double[] {0, 40})), pool);

        Map<String, Evidence> e = signals.gather(List.of(notebook("busy"), notebook("idle"), notebook("patchy"),
                notebook("none")), Policy.NotebookSignals.defaults(), DAY, NOW);

        assertThat(probed).containsExactlyInAnyOrder("patchy", "none");
        assertThat(fetches).singleElement().satisfies(q -> {
            assertThat(q).hasSize(8);
            assertThat(q.get(0).series()).isEqualTo(MetricsGateway.Series.of("SageMakerSweeper/Notebooks", "Activity",
                    "NotebookInstanceName", "busy"));
            assertThat(q).extracting(MetricsGateway.Query::stat).containsOnly("Maximum", "SampleCount");
        });
        assertThat(((Evidence.Notebook) e.get("busy")).jupyter()).isInstanceOf(NotebookFacts.Jupyter.NotNeeded.class);
        assertThat(((Evidence.Notebook) e.get("idle")).heartbeat()).isEqualTo(new NotebookFacts.Heartbeat.Read(0, 288, 288));
        assertThat(((Evidence.Notebook) e.get("patchy")).jupyter()).isEqualTo(quiet());
        assertThat(((Evidence.Notebook) e.get("none")).heartbeat()).isInstanceOf(NotebookFacts.Heartbeat.NoData.class);
    }

    @Test
    void gather_whenHeartbeatReadFails_stillProbesAndSaysSo() {
        NotebookEvidence signals = new NotebookEvidence(() -> name -> quiet(),
                () -> (names, since, now) -> each(names, new NotebookFacts.Log.Read(null)), () -> new MetricsGateway() {
                    @Override
                    public List<Series> listSeries(String namespace, String metricName) {
                        throw new AssertionError();
                    }

                    @Override
                    public Map<String, Result> fetch(List<Query> queries, Instant start, Instant end) {
                        throw new dev.sweeper.core.AwsCallException("GetMetricData", "AccessDeniedException", "denied",
                                false, null);
                    }
                }, pool);

        Evidence.Notebook nb = (Evidence.Notebook) signals.gather(List.of(notebook("a")),
                Policy.NotebookSignals.defaults(), DAY, NOW).get("a");

        assertThat(nb.jupyter()).isEqualTo(quiet());
        assertThat(nb.heartbeat()).isInstanceOfSatisfying(NotebookFacts.Heartbeat.Failed.class,
                f -> assertThat(f.error()).contains("AccessDeniedException"));
    }

    @Test
    void gather_whenJupyterShowsActivity_readsNoOtherSignal() {
        Map<String, Evidence> e = evidence(Map.of("a", busy())).gather(List.of(notebook("a")),
                new Policy.NotebookSignals(true, false, true, GPU), DAY, NOW);

        assertThat(e.get("a")).isInstanceOfSatisfying(Evidence.Notebook.class, nb -> {
            assertThat(nb.jupyter()).isEqualTo(busy());
            assertThat(nb.log()).isInstanceOf(NotebookFacts.Log.NotChecked.class);
            assertThat(nb.metric()).isInstanceOf(NotebookFacts.Metric.NotConfigured.class);
        });
        assertThat(logReads).isEmpty();
        assertThat(fetches).isEmpty();
    }

    @Test
    void gather_whenQuiet_readsTheLogAndTheMetricInOneBatchWithExactDimensions() {
        Map<String, Evidence> e = evidence(Map.of("a", quiet(), "b", busy())).gather(
                List.of(notebook("a"), notebook("b")), new Policy.NotebookSignals(true, false, true, GPU), DAY, NOW);

        assertThat(logReads).containsExactly("a");
        assertThat(fetches).singleElement().satisfies(q -> assertThat(q).singleElement().satisfies(query -> {
            assertThat(query.series()).isEqualTo(MetricsGateway.Series.of("Team/Notebooks", "GPUUtilization",
                    "NotebookInstanceName", "a"));
            assertThat(query.stat()).isEqualTo("Maximum");
        }));
        assertThat(((Evidence.Notebook) e.get("a")).metric()).isEqualTo(new NotebookFacts.Metric.Value(7.5));
    }

    @Test
    void gather_readsTheLogsOfTheQuietInBatchesOfAHundred_eachAsSoonAsItIsFull() {
        Map<String, NotebookFacts.Jupyter> servers = new java.util.HashMap<>();
        List<Resource> notebooks = new java.util.ArrayList<>();
        for (int i = 0; i < 250; i++) {
            servers.put("nb-" + i, i % 10 == 0 ? busy() : quiet());
            notebooks.add(notebook("nb-" + i));
        }
        List<List<String>> reads = new CopyOnWriteArrayList<>();
        List<Integer> probedBeforeRead = new CopyOnWriteArrayList<>();
        AtomicInteger probes = new AtomicInteger();
        NotebookEvidence signals = new NotebookEvidence(() -> name -> {
            probes.incrementAndGet();
            return servers.get(name);
        }, () -> (names, since, now) -> {
            probedBeforeRead.add(probes.get());
            reads.add(List.copyOf(names));
            return each(names, new NotebookFacts.Log.Read(null));
        }, this::metrics, pool);

        Map<String, Evidence> e = signals.gather(notebooks, new Policy.NotebookSignals(true, false, true, null), DAY,
                NOW);

        assertThat(reads).extracting(List::size).containsExactlyInAnyOrder(100, 100, 25);
        // A full batch is read as soon as its 100 are known, beside the probes still running; the rest after them.
        assertThat(probedBeforeRead.get(0)).isLessThan(250);
        assertThat(probedBeforeRead.get(probedBeforeRead.size() - 1)).isEqualTo(250);
        assertThat(reads.stream().flatMap(List::stream)).doesNotHaveDuplicates().hasSize(225)
                .noneMatch(n -> n.equals("nb-0") || n.equals("nb-10"));
        assertThat(((Evidence.Notebook) e.get("nb-10")).log()).isInstanceOf(NotebookFacts.Log.NotChecked.class);
        assertThat(((Evidence.Notebook) e.get("nb-11")).log()).isEqualTo(new NotebookFacts.Log.Read(null));
    }

    @Test
    void gather_whenOneLogReadThrows_onlyItsBatchLosesTheLog() {
        Map<String, NotebookFacts.Jupyter> servers = new java.util.HashMap<>();
        List<Resource> notebooks = new java.util.ArrayList<>();
        for (int i = 0; i < 150; i++) {
            servers.put("nb-" + i, quiet());
            notebooks.add(notebook("nb-" + i));
        }
        List<String> failedBatch = new CopyOnWriteArrayList<>();
        NotebookEvidence signals = new NotebookEvidence(() -> servers::get, () -> (names, since, now) -> {
            if (names.contains("nb-0")) {
                failedBatch.addAll(names);
                throw new IllegalStateException("FilterLogEvents failed: boom");
            }
            return each(names, new NotebookFacts.Log.Read(null));
        }, this::metrics, pool);

        Map<String, Evidence> e = signals.gather(notebooks, new Policy.NotebookSignals(true, false, true, null), DAY,
                NOW);

        assertThat(failedBatch).isNotEmpty().hasSizeLessThan(150);
        e.forEach((name, evidence) -> assertThat(((Evidence.Notebook) evidence).log()).as(name)
                .isEqualTo(failedBatch.contains(name) ? new NotebookFacts.Log.Failed("FilterLogEvents failed: boom")
                        : new NotebookFacts.Log.Read(null)));
    }

    @Test
    void gather_whenProbeOffAndNoMetric_asksForNoProbeAndNoMetric() {
        NotebookEvidence signals = new NotebookEvidence(() -> {
            throw new AssertionError("no probe when it is turned off");
        }, () -> (names, since, now) -> each(names, new NotebookFacts.Log.NoStream()), this::metrics, pool);

        Map<String, Evidence> e = signals.gather(List.of(notebook("a")), new Policy.NotebookSignals(false, false, true,
                null), DAY, NOW);

        assertThat(((Evidence.Notebook) e.get("a")).jupyter()).isInstanceOf(NotebookFacts.Jupyter.Off.class);
        assertThat(fetches).isEmpty();
    }

    @Test
    void gather_whenProbeThrows_isUnreachableWithoutItsMessage() {
        NotebookEvidence signals = new NotebookEvidence(() -> name -> {
            throw new IllegalStateException("https://nb.notebook.us-east-1.sagemaker.aws?authToken=SECRET");
        }, () -> (names, since, now) -> each(names, new NotebookFacts.Log.NoStream()), this::metrics, pool);

        Evidence e = signals.gather(List.of(notebook("a")), Policy.NotebookSignals.defaults(), DAY, NOW).get("a");

        assertThat(((Evidence.Notebook) e).jupyter()).isEqualTo(
                new NotebookFacts.Jupyter.Unreachable("the probe failed (IllegalStateException)"));
    }

    @Test
    void gather_whenManyNotebooks_probesThemConcurrentlyOnThePool() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        // The first four probes wait for one another (no clock to race): four are then in flight at
        // once, and the pool's size keeps a fifth out. Probes one at a time would never all arrive,
        // and the wait's bound would end with fewer than four seen.
        CountDownLatch firstFour = new CountDownLatch(4);
        NotebookEvidence signals = new NotebookEvidence(() -> name -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            firstFour.countDown();
            try {
                firstFour.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            return busy();
        }, () -> (names, since, now) -> each(names, new NotebookFacts.Log.NoStream()), this::metrics, pool);
        List<Resource> many = java.util.stream.IntStream.range(0, 12).mapToObj(i -> notebook("nb-" + i)).toList();

        signals.gather(many, Policy.NotebookSignals.defaults(), DAY, NOW);

        assertThat(most.get()).as("probes in flight at once: the pool's 4, no more").isEqualTo(4);
    }
}
