package dev.sweeper.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    @ParameterizedTest
    @CsvSource({"90s,PT1M30S", "30m,PT30M", "24h,PT24H", "7d,PT168H", "PT24H,PT24H", "pt2h,PT2H", "1m,PT1M",
        "30d,PT720H", "2w,PT336H", "1W,PT168H"})
    void parseWindow_whenValid_parses(String text, String iso) {
        assertThat(Durations.parseWindow(text)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = {"59s", "31d", "0m", "PT0S", "P31D", "5w"})
    void parseWindow_whenOutOfRange_fails(String text) {
        assertThatThrownBy(() -> Durations.parseWindow(text)).hasMessageContaining("out of range");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "24", "1y", "-5m", "5 m", "1.5h", "2 w"})
    void parse_whenMalformed_fails(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"PT24H,24h", "PT168H,7d", "PT36H,36h", "PT50H,2d2h", "PT1H30M,1h30m", "PT45S,45s", "PT10M1S,10m", "PT9M5S,9m5s",
        "PT0S,0s"})
    void format_whenDuration_isShort(String iso, String text) {
        assertThat(Durations.format(Duration.parse(iso))).isEqualTo(text);
    }
}
