package dev.sweeper.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MetricWindowTest {
    static final Instant NOW = Instant.parse("2026-11-28T15:00:30Z");

    @Test
    void covering_whenDay_isOnePeriodOfWholeMinutesSpanningTheWindow() {
        MetricWindow w = MetricWindow.covering(Duration.ofHours(24), NOW);

        assertThat(w.start()).isEqualTo(Instant.parse("2026-11-27T15:00:00Z"));
        assertThat(w.end()).isAfterOrEqualTo(NOW);
        assertThat(w.periodSeconds() % 60).isZero();
        assertThat(w.start().plusSeconds(w.periodSeconds())).isEqualTo(w.end());
    }

    @Test
    void covering_whenOlderThanFifteenDays_alignsToFiveMinutes() {
        MetricWindow w = MetricWindow.covering(Duration.ofDays(30), NOW);

        assertThat(w.periodSeconds() % 300).isZero();
        assertThat(w.start().getEpochSecond() % 300).isZero();
        assertThat(w.start()).isBeforeOrEqualTo(NOW.minus(Duration.ofDays(30)));
        assertThat(w.end()).isAfterOrEqualTo(NOW);
    }

    @Test
    void covering_whenFifteenDaysExactly_staysAtOneMinute() {
        MetricWindow w = MetricWindow.covering(Duration.ofDays(15), NOW);

        assertThat(w.start()).isBeforeOrEqualTo(NOW.minus(Duration.ofDays(15)));
        assertThat(w.periodSeconds() % 60).isZero();
    }
}
