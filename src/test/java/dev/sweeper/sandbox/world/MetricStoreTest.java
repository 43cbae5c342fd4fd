package dev.sweeper.sandbox.world;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sweeper.sandbox.cloudwatch.CloudWatchApi;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MetricStoreTest {
    private static final long NOW = 1_700_000_000L / 3600 * 3600; // on the hour
    private final MetricStore store = new MetricStore();

    private MetricStore.Series series() {
        return store.find("us-east-1", "AWS/SageMaker", "Invocations", Map.of("EndpointName", "e"));
    }

    @Test
    void aggregate_whenHourlyRule_countsOnePointPerHourPerBucket() {
        store.addRule("us-east-1", "AWS/SageMaker", "Invocations", Map.of("EndpointName", "e"), new MetricStore.Rule(NOW - 3 * 86_400, 3600, 2.0));
        TreeMap<Long, MetricStore.Agg> day = MetricStore.aggregate(series(), NOW - 86_400, NOW, 86_400, NOW);
        assertThat(day).hasSize(1);
        assertThat(day.firstEntry().getValue().sum()).isEqualTo(48.0);
        assertThat(day.firstEntry().getValue().count()).isEqualTo(24.0);
        TreeMap<Long, MetricStore.Agg> hours = MetricStore.aggregate(series(), NOW - 6 * 3600, NOW, 3600, NOW);
        assertThat(hours).hasSize(6).allSatisfy((t, a) -> assertThat(a.stat("Average")).isEqualTo(2.0));
    }

    @Test
    void aggregate_whenCountingRule_givesEachPeriodItsSmallestLargestAndSum() {
        // TimeSinceLastActive: 0 an hour ago, one more per second, published every minute.
        store.addRule("us-east-1", "AWS/SageMaker", "Invocations", Map.of("EndpointName", "e"),
                new MetricStore.Rule(NOW - 3600, 60, 0, 1));
        TreeMap<Long, MetricStore.Agg> fives = MetricStore.aggregate(series(), NOW - 3600, NOW, 300, NOW);

        assertThat(fives).hasSize(12);
        MetricStore.Agg last = fives.lastEntry().getValue();
        assertThat(fives.lastKey()).isEqualTo(NOW - 300);
        assertThat(last.stat("Minimum")).isEqualTo(3300.0);
        assertThat(last.stat("Maximum")).isEqualTo(3540.0);
        assertThat(last.stat("Sum")).isEqualTo(3300.0 + 3360 + 3420 + 3480 + 3540);
        // Sparser than the period: each point at its own value.
        TreeMap<Long, MetricStore.Agg> minutes = MetricStore.aggregate(series(), NOW - 120, NOW, 60, NOW);
        assertThat(minutes.values()).extracting(a -> a.stat("Minimum")).containsExactly(3480.0, 3540.0);
    }

    @Test
    void aggregate_whenRuleDenserThanPeriod_countsArithmetically() {
        store.addRule("us-east-1", "AWS/SageMaker", "Invocations", Map.of("EndpointName", "e"), new MetricStore.Rule(NOW - 86_400, 60, 1.0));
        TreeMap<Long, MetricStore.Agg> day = MetricStore.aggregate(series(), NOW - 86_400, NOW, 86_400, NOW);
        assertThat(day.firstEntry().getValue().stat("SampleCount")).isEqualTo(1440.0);
        assertThat(day.firstEntry().getValue().stat("Sum")).isEqualTo(1440.0);
    }

    @Test
    void aggregate_whenSparsePoints_mergesPerMinuteAndRespectsBounds() {
        Map<String, String> dims = Map.of("EndpointName", "e");
        store.put("us-east-1", "AWS/SageMaker", "Invocations", dims, Instant.ofEpochSecond(NOW - 100), MetricStore.Agg.of(3));
        store.put("us-east-1", "AWS/SageMaker", "Invocations", dims, Instant.ofEpochSecond(NOW - 90), MetricStore.Agg.of(5));
        store.put("us-east-1", "AWS/SageMaker", "Invocations", dims, Instant.ofEpochSecond(NOW - 7200), MetricStore.Agg.of(7));
        TreeMap<Long, MetricStore.Agg> hour = MetricStore.aggregate(series(), NOW - 3600, NOW, 3600, NOW);
        assertThat(hour).hasSize(1);
        MetricStore.Agg agg = hour.firstEntry().getValue();
        assertThat(agg.sum()).isEqualTo(8.0);
        assertThat(agg.max()).isEqualTo(5.0);
        assertThat(agg.min()).isEqualTo(3.0);
    }

    @Test
    void aggregate_whenDataOlderThanRetentionOfPeriod_dropsIt() {
        Map<String, String> dims = Map.of("EndpointName", "e");
        long old = NOW - 20 * 86_400;
        store.put("us-east-1", "AWS/SageMaker", "Invocations", dims, Instant.ofEpochSecond(old), MetricStore.Agg.of(1));
        assertThat(MetricStore.aggregate(series(), old - 600, old + 600, 60, NOW)).isEmpty();
        assertThat(MetricStore.aggregate(series(), old - 600, old + 600, 300, NOW)).hasSize(1);
        assertThat(MetricStore.retained(500 * 86_400L, 3600)).isFalse();
    }

    @Test
    void alignStart_whenOld_roundsToCoarserClock() {
        assertThat(CloudWatchApi.alignStart(NOW - 3600 + 17, 60, NOW)).isEqualTo(NOW - 3600);
        assertThat(CloudWatchApi.alignStart(NOW - 20 * 86_400 + 170, 300, NOW) % 300).isZero();
        assertThat(CloudWatchApi.alignStart(NOW - 70 * 86_400 + 1700, 3600, NOW) % 3600).isZero();
    }

    @Test
    void lastDataAt_whenRuleContinues_isTheLatestStep() {
        store.addRule("us-east-1", "AWS/SageMaker", "Invocations", Map.of("EndpointName", "e"), new MetricStore.Rule(NOW - 86_400, 3600, 1));
        assertThat(series().lastDataAt(NOW + 1800)).isEqualTo(NOW);
    }
}
