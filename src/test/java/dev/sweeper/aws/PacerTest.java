package dev.sweeper.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sweeper.core.RateLimits;
import dev.sweeper.core.RateLimits.Family;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.retries.api.BackoffStrategy;

class PacerTest {
    /** A clock the test moves. */
    static final class FakeClock implements Pacer.OperationPace.Clock {
        long now = 1_000_000_000L;

        @Override
        public long nanoTime() {
            return now;
        }

        void advanceMillis(long ms) {
            now += TimeUnit.MILLISECONDS.toNanos(ms);
        }
    }

    static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    @ParameterizedTest(name = "{0}.{1} -> {2}")
    @CsvSource({
        "SageMaker, ListEndpoints, SAGEMAKER_LIST",
        "SageMaker, ListNotebookInstances, SAGEMAKER_LIST",
        "SageMaker, DescribeEndpoint, SAGEMAKER_DESCRIBE",
        "SageMaker, ListTags, SAGEMAKER_DESCRIBE",
        "SageMaker, CreatePresignedNotebookInstanceUrl, SAGEMAKER_DESCRIBE",
        "SageMaker, DeleteEndpoint, SAGEMAKER_OTHER",
        "SageMaker, StopNotebookInstance, SAGEMAKER_OTHER",
        "CloudWatch, GetMetricData, CLOUDWATCH",
        "CloudWatchLogs, GetLogEvents, LOGS",
        "CloudWatchLogs, FilterLogEvents, LOGS_FILTER",
        "CloudWatchLogs, DescribeLogStreams, LOGS",
        "Sns, Publish, SNS",
        "Resource Groups Tagging API, GetResources, TAGGING",
    })
    void family_whenSdkNames_isTheFamily(String service, String operation, Family expected) {
        assertThat(Pacer.family(service, operation)).isEqualTo(expected);
    }

    @Test
    void family_whenSts_isNotPaced() {
        assertThat(Pacer.family("Sts", "AssumeRole")).isNull();
        assertThat(new Pacer(RateLimits.DEFAULTS).pace("Sts", "AssumeRole")).isNull();
    }

    @Test
    void pace_whenFamilyOff_isNull() {
        Pacer pacer = new Pacer(RateLimits.DEFAULTS.with(RateLimits.parse("cloudwatch=5,sns=1")).with(
                java.util.Map.of(Family.SAGEMAKER_DESCRIBE, 0.0)));

        assertThat(pacer.pace("SageMaker", "DescribeEndpoint")).isNull();
        assertThat(pacer.pace("CloudWatch", "GetMetricData")).isNotNull();
        assertThat(pacer.paces()).isTrue();
        assertThat(new Pacer(RateLimits.DEFAULTS.with(RateLimits.parse("off"))).paces()).isFalse();
    }

    @Test
    void reserve_whenCalledInABurst_spacesRequestsAtTheLimit() {
        FakeClock clock = new FakeClock();
        Pacer.OperationPace pace = new Pacer.OperationPace(10, clock);

        assertThat(ms(pace.reserve())).isZero();
        assertThat(ms(pace.reserve())).isEqualTo(100);
        assertThat(ms(pace.reserve())).isEqualTo(200);
        clock.advanceMillis(1000);
        assertThat(ms(pace.reserve())).isZero(); // no burst saved up while idle beyond one slot
        assertThat(ms(pace.reserve())).isEqualTo(100);
    }

    @Test
    void answered_whenMostAnswersAreThrottles_cutsTheRateButNotBelowTheFloor() {
        FakeClock clock = new FakeClock();
        Pacer.OperationPace pace = new Pacer.OperationPace(100, clock);

        for (int i = 0; i < 200; i++) {
            pace.answered(true);
            clock.advanceMillis(250);
        }

        assertThat(pace.rate()).isLessThan(100).isGreaterThanOrEqualTo(5.0);
    }

    @Test
    void answered_whenThrottlesComeInOneBurst_cutsOnce() {
        FakeClock clock = new FakeClock();
        Pacer.OperationPace pace = new Pacer.OperationPace(100, clock);

        for (int i = 0; i < 30; i++) {
            pace.answered(true); // all at the same instant
        }

        assertThat(pace.rate()).isEqualTo(70.0);
    }

    @Test
    void answered_whenAThirdOfAnswersAreThrottles_keepsTheRate() {
        FakeClock clock = new FakeClock();
        Pacer.OperationPace pace = new Pacer.OperationPace(100, clock);

        for (int i = 0; i < 300; i++) {
            pace.answered(i % 3 == 0); // 33% throttled, spread evenly: another tool's traffic, not ours
            clock.advanceMillis(10);
        }

        assertThat(pace.rate()).isEqualTo(100.0);
    }

    @Test
    void rate_afterThrottlingStops_recoversToTheLimitWithinFiveSeconds() {
        FakeClock clock = new FakeClock();
        Pacer.OperationPace pace = new Pacer.OperationPace(100, clock);
        for (int i = 0; i < 50; i++) {
            pace.answered(true);
            clock.advanceMillis(200);
        }
        double slowed = pace.rate();

        clock.advanceMillis(2000);
        pace.reserve();
        double midway = pace.rate();
        clock.advanceMillis(3000);
        pace.reserve();

        assertThat(slowed).isLessThan(50);
        assertThat(midway).isGreaterThan(slowed).isLessThan(100);
        assertThat(pace.rate()).isEqualTo(100.0);
    }

    @Test
    void backoff_whenNoCallOnThisThread_isTheBaseDelay() {
        Pacer pacer = new Pacer(RateLimits.DEFAULTS);

        BackoffStrategy b = pacer.backoff(attempt -> Duration.ofMillis(42), true);

        assertThat(b.computeDelay(1)).isEqualTo(Duration.ofMillis(42));
    }
}
