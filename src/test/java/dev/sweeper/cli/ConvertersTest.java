package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sweeper.core.Kind;
import dev.sweeper.report.OutputFormat;
import dev.sweeper.report.ReportFormat;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class ConvertersTest {
    @Test
    void formats_whenAnyCaseOrBlanks_convert() {
        assertThat(new Converters.OutputFormats().convert("table")).isEqualTo(OutputFormat.TABLE);
        assertThat(new Converters.OutputFormats().convert("JSON")).isEqualTo(OutputFormat.JSON);
        assertThat(new Converters.OutputFormats().convert(" Csv ")).isEqualTo(OutputFormat.CSV);
        assertThat(new Converters.ReportFormats().convert("Markdown")).isEqualTo(ReportFormat.MARKDOWN);
        assertThat(new Converters.ReportFormats().convert("html")).isEqualTo(ReportFormat.HTML);
    }

    @Test
    void formats_whenUnknown_sayWhatIsAccepted() {
        assertThatThrownBy(() -> new Converters.OutputFormats().convert("yaml"))
                .isInstanceOf(TypeConversionException.class).hasMessage("is not one of table, json, csv");
        assertThatThrownBy(() -> new Converters.ReportFormats().convert("pdf"))
                .hasMessage("is not one of table, markdown, json, csv, html");
    }

    @Test
    void completionCandidates_areTheWordsUsersType() {
        assertThat(new Converters.OutputFormats()).containsExactly("table", "json", "csv");
        assertThat(new Converters.Kinds()).contains("notebook", "endpoint", "app");
        assertThat(new Converters.Window()).contains("24h", "7d");
    }

    @Test
    void kinds_whenPluralOrUnknown_convertOrSayTheKinds() {
        assertThat(new Converters.Kinds().convert("Endpoints")).isEqualTo(Kind.ENDPOINT);
        assertThatThrownBy(() -> new Converters.Kinds().convert("robot"))
                .hasMessageStartingWith("is not a kind (expected one of notebook, endpoint, app");
    }

    @Test
    void window_whenOutOfRangeOrNotADuration_isRejected() {
        assertThat(new Converters.Window().convert("2w")).isEqualTo(Duration.ofDays(14));
        assertThatThrownBy(() -> new Converters.Window().convert("59s")).hasMessage("is out of range (1m to 30d)");
        assertThatThrownBy(() -> new Converters.Window().convert("soon")).hasMessageStartingWith("is not a duration");
        assertThatThrownBy(() -> new Converters.CallTimeout().convert("16m")).hasMessage("is out of range (1s to 15m)");
        assertThat(new Converters.AnyDuration().convert("0s")).isZero();
    }

    @Test
    void idleTimeout_takesWholeMinutesWithinAwsBounds_asADurationOrBareMinutes() {
        Converters.IdleTimeout c = new Converters.IdleTimeout();
        assertThat(c.convert("90").toMinutes()).isEqualTo(90);
        assertThat(c.convert("2h").toMinutes()).isEqualTo(120);
        assertThat(c.convert("525600").toMinutes()).isEqualTo(525_600);
        assertThatThrownBy(() -> c.convert("59")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> c.convert("525601")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> c.convert("3601s")).isInstanceOf(TypeConversionException.class)
                .hasMessage("is not a whole number of minutes");
    }
}
