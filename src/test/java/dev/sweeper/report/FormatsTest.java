package dev.sweeper.report;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class FormatsTest {

    @Test
    void hourly_whenAnyAmount_isToTheCentAsEveryMoneyFigure() {
        assertThat(Formats.hourly(0.0464)).isEqualTo("$0.05");
        assertThat(Formats.hourly(0.46)).isEqualTo("$0.46");
        assertThat(Formats.hourly(0.5)).isEqualTo("$0.50");
        assertThat(Formats.hourly(0.115)).isEqualTo("$0.12");
        assertThat(Formats.hourly(0.0)).isEqualTo("$0.00");
        assertThat(Formats.hourly(1.3849)).isEqualTo("$1.38");
        assertThat(Formats.hourly(2.0)).isEqualTo("$2.00");
        assertThat(Formats.hourly(1234.5)).isEqualTo("$1,234.50");
    }

    @Test
    void hourly_whenNotZeroButBelowACent_neverReadsAsNothing() {
        assertThat(Formats.hourly(0.004)).isEqualTo("<$0.01");
        assertThat(Formats.monthly(0.001)).isEqualTo("<$0.01");
    }

    @Test
    void total_whenSomePartHasNoKnownPrice_saysItLeavesItOut() {
        assertThat(Formats.total(1.38, 3, 0)).isEqualTo("$1.38");
        assertThat(Formats.total(1.38, 3, 1)).isEqualTo("$1.38 + ?");
        assertThat(Formats.total(0.0, 0, 2)).as("nothing known is not $0.00").isEqualTo("?");
        assertThat(Formats.monthlyTotal(1007.4, 1, 1)).isEqualTo("$1,007.40 + ?");
    }

    @Test
    void sourceMark_saysThePriceSourceWhereItIsNotAws() {
        assertThat(Formats.sourceMark(dev.sweeper.core.PriceSource.AWS)).isEmpty();
        assertThat(Formats.sourceMark(null)).isEmpty();
        assertThat(Formats.sourceMark(dev.sweeper.core.PriceSource.BUNDLED)).isEqualTo(" (bundled)");
        assertThat(Formats.sourceMark(dev.sweeper.core.PriceSource.TEAM)).isEqualTo(" (team)");
    }

    @Test
    void hourly_whenUnknown_isQuestionMark() {
        assertThat(Formats.hourly(null)).isEqualTo("?");
        assertThat(Formats.monthly(null)).isEqualTo("?");
    }

    @Test
    void monthly_whenAnyAmount_showsCentsWithThousandsSeparators() {
        assertThat(Formats.monthly(33.872)).isEqualTo("$33.87");
        assertThat(Formats.monthly(12345.6)).isEqualTo("$12,345.60");
        assertThat(Formats.monthly(0.0)).isEqualTo("$0.00");
    }

    @Test
    void number_whenDollars_isPlainAndRoundedOnce() {
        assertThat(Formats.number(0.46).toPlainString()).isEqualTo("0.46");
        assertThat(Formats.number(2).toPlainString()).isEqualTo("2.0");
        assertThat(Formats.number(0.0001).toPlainString()).isEqualTo("0.0001");
        assertThat(Formats.number(0.123456).toPlainString()).isEqualTo("0.1235");
        assertThat(Formats.number(1460).toPlainString()).isEqualTo("1460.0");
    }

    @Test
    void span_whenWholeHoursUpToTwoDays_staysInHours() {
        assertThat(Formats.span(Duration.ofHours(24))).isEqualTo("24h");
        assertThat(Formats.span(Duration.ofHours(48))).isEqualTo("48h");
        assertThat(Formats.span(Duration.ofDays(7))).isEqualTo("7d");
        assertThat(Formats.span(Duration.ofMinutes(90))).isEqualTo("1h30m");
    }

    @Test
    void truncate_whenLong_cutsWithEllipsisOnOneLine() {
        assertThat(Formats.truncate("abcdef", 4)).isEqualTo("abc\u2026");
        assertThat(Formats.truncate("a\nb", 10)).isEqualTo("a b");
        assertThat(Formats.truncate(null, 4)).isEmpty();
    }
}
