package dev.sweeper.core;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The time range and period of a metric query that covers a whole window in as few datapoints as
 * CloudWatch allows: one period spanning the window. CloudWatch keeps 1-minute data for 15 days
 * and 5-minute data for 63 days, so a window reaching further back than 15 days gets a period and
 * start aligned to 5 minutes, or the oldest part of the window would come back empty.
 */
public record MetricWindow(Instant start, Instant end, int periodSeconds) {
    static final Duration ONE_MINUTE_RETENTION = Duration.ofDays(15);
    static final Duration FIVE_MINUTE_RETENTION = Duration.ofDays(63);

    public static MetricWindow covering(Duration window, Instant now) {
        Instant end = now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        Instant rawStart = now.minus(window);
        int granularity = 60;
        if (rawStart.isBefore(now.minus(FIVE_MINUTE_RETENTION))) {
            granularity = 3600;
        } else if (rawStart.isBefore(now.minus(ONE_MINUTE_RETENTION))) {
            granularity = 300;
        }
        long startEpoch = Math.floorDiv(rawStart.getEpochSecond(), granularity) * granularity;
        long span = end.getEpochSecond() - startEpoch;
        long period = ((span + granularity - 1) / granularity) * granularity;
        return new MetricWindow(Instant.ofEpochSecond(startEpoch), Instant.ofEpochSecond(startEpoch + period),
                Math.toIntExact(period));
    }
}
