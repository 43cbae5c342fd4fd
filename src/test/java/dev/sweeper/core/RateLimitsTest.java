package dev.sweeper.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sweeper.core.RateLimits.Family;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateLimitsTest {
    @Test
    void parse_whenOneNumber_setsEveryFamily() {
        RateLimits r = RateLimits.DEFAULTS.with(RateLimits.parse("20"));

        for (Family f : Family.values()) {
            assertThat(r.of(f)).as(f.id()).isEqualTo(20.0);
        }
    }

    @Test
    void parse_whenOff_pacesNothing() {
        RateLimits r = RateLimits.DEFAULTS.with(RateLimits.parse("OFF"));

        for (Family f : Family.values()) {
            assertThat(r.of(f)).as(f.id()).isZero();
        }
    }

    @Test
    void parse_whenFamilies_setsOnlyThose() {
        RateLimits r = RateLimits.DEFAULTS.with(RateLimits.parse("sagemaker-describe=20, cloudwatch=2.5"));

        assertThat(r.of(Family.SAGEMAKER_DESCRIBE)).isEqualTo(20.0);
        assertThat(r.of(Family.CLOUDWATCH)).isEqualTo(2.5);
        assertThat(r.of(Family.SAGEMAKER_LIST)).isEqualTo(RateLimits.DEFAULTS.of(Family.SAGEMAKER_LIST));
    }

    @Test
    void defaults_everyFamilyIsPaced() {
        for (Family f : Family.values()) {
            assertThat(RateLimits.DEFAULTS.of(f)).as(f.id()).isPositive();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "fast|is not a number",
        "0|must be above 0",
        "-3|must be above 0",
        "20000|at most 10000",
        "NaN|is not a number",
        "describe=5|unknown family 'describe'",
        "cloudwatch=5,cloudwatch=6|given twice",
        "cloudwatch|is not a number",
        "cloudwatch=|is not a number",
        "sns=1=2|is not FAMILY=N",
    })
    void parse_whenBad_saysWhy(String text, String message) {
        assertThatThrownBy(() -> RateLimits.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
