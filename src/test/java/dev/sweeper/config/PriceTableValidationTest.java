package dev.sweeper.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceTableValidationTest {

    @TempDir
    Path dir;

    @Test
    void load_whenTopLevelKeyIsUnknown_namesFileKeyAndValue() throws IOException {
        Path file = write("""
                takenOn: 2026-12-01
                currency: EUR
                """);

        PriceTableException e = loadFailure(file);

        assertThat(e.getMessage())
                .contains(file.toString())
                .contains("key 'currency' = 'EUR'")
                .contains("unknown key");
        assertThat(e.file()).isEqualTo(file.toString());
        assertThat(e.key()).isEqualTo("currency");
        assertThat(e.value()).isEqualTo("EUR");
    }

    @Test
    void load_whenPriceIsNotANumber_namesFileKeyAndValue() throws IOException {
        Path file = write("""
                takenOn: 2026-12-01
                hosting:
                  ml.m5.xlarge: cheap
                """);

        assertThat(loadFailure(file).getMessage())
                .contains(file.toString())
                .contains("key 'hosting.ml.m5.xlarge' = 'cheap'")
                .contains("not a number");
    }

    @Test
    void load_whenPriceIsAQuotedNumber_rejectsIt() throws IOException {
        Path file = write("""
                takenOn: 2026-12-01
                notebook:
                  ml.t3.medium: "0.05"
                """);

        assertThat(loadFailure(file).getMessage())
                .contains("key 'notebook.ml.t3.medium' = '0.05'")
                .contains("not a number");
    }

    @Test
    void load_whenPriceIsNegative_namesFileKeyAndValue() throws IOException {
        Path file = write("""
                takenOn: 2026-12-01
                studio:
                  ml.t3.medium: -0.05
                """);

        assertThat(loadFailure(file).getMessage())
                .contains(file.toString())
                .contains("key 'studio.ml.t3.medium' = '-0.05'")
                .contains("negative");
    }

    @Test
    void load_whenPriceOverflowsToInfinity_rejectsIt() throws IOException {
        Path file = write("""
                takenOn: 2026-12-01
                hosting:
                  ml.m5.xlarge: 1e400
                """);

        assertThat(loadFailure(file).getMessage())
                .contains("key 'hosting.ml.m5.xlarge'")
                .contains("not a finite number");
    }

    @Test
    void load_whenPriceIsYamlInfinity_rejectsIt() throws IOException {
        Path file = write("""
                takenOn: 2026-12-01
                hosting:
                  ml.m5.xlarge: .inf
                """);

        assertThat(loadFailure(file).getMessage()).contains(file.toString()).contains(".inf").contains("line 3");
    }

    @Test
    void load_whenPriceIsEmpty_namesTheKey() throws IOException {
        Path file = write("""
                takenOn: 2026-12-01
                hosting:
                  ml.m5.xlarge:
                """);

        assertThat(loadFailure(file).getMessage())
                .contains("key 'hosting.ml.m5.xlarge' = '(empty)'")
                .contains("not a number");
    }

    @Test
    void load_whenTakenOnIsMissing_saysSo() throws IOException {
        Path file = write("""
                hosting:
                  ml.m5.xlarge: 0.23
                """);

        PriceTableException e = loadFailure(file);

        assertThat(e.getMessage())
                .contains(file.toString())
                .contains("key 'takenOn'")
                .contains("missing");
        assertThat(e.value()).isNull();
    }

    @Test
    void load_whenTakenOnIsNotADate_namesTheValue() throws IOException {
        Path file = write("""
                takenOn: last week
                """);

        assertThat(loadFailure(file).getMessage())
                .contains("key 'takenOn' = 'last week'")
                .contains("YYYY-MM-DD");
    }

    @Test
    void load_whenUsageSectionIsUnknown_namesIt() throws IOException {
        Path file = write("""
                takenOn: 2026-12-01
                training:
                  ml.m5.xlarge: 0.23
                """);

        assertThat(loadFailure(file).getMessage())
                .contains(file.toString())
                .contains("key 'training' = '{\"ml.m5.xlarge\":0.23}'")
                .contains("unknown key");
    }

    @Test
    void load_whenRegionalUsageSectionIsUnknown_namesIt() throws IOException {
        Path file = write("""
                takenOn: 2026-12-01
                regions:
                  eu-west-1:
                    batch:
                      ml.m5.xlarge: 0.26
                """);

        assertThat(loadFailure(file).getMessage())
                .contains("key 'regions.eu-west-1.batch'")
                .contains("unknown usage section");
    }

    @Test
    void load_whenInstanceTypeIsMalformed_namesKeyAndValue() throws IOException {
        Path file = write("""
                takenOn: 2026-12-01
                hosting:
                  m5.xlarge: 0.23
                """);

        assertThat(loadFailure(file).getMessage())
                .contains(file.toString())
                .contains("key 'hosting.m5.xlarge' = '0.23'")
                .contains("not an instance type name");
    }

    @Test
    void load_whenInstanceTypeHasUpperCase_rejectsIt() throws IOException {
        Path file = write("""
                takenOn: 2026-12-01
                hosting:
                  ml.M5.xlarge: 0.23
                """);

        assertThat(loadFailure(file).getMessage())
                .contains("key 'hosting.ml.M5.xlarge'")
                .contains("not an instance type name");
    }

    @Test
    void load_whenSectionIsNotAMapping_namesIt() throws IOException {
        Path file = write("""
                takenOn: 2026-12-01
                hosting: 0.23
                """);

        assertThat(loadFailure(file).getMessage())
                .contains("key 'hosting' = '0.23'")
                .contains("must be a mapping");
    }

    @Test
    void load_whenRegionIsNotARegionCode_namesIt() throws IOException {
        Path file = write("""
                takenOn: 2026-12-01
                region: virginia
                """);

        assertThat(loadFailure(file).getMessage())
                .contains("key 'region' = 'virginia'")
                .contains("not a region code");
    }

    @Test
    void load_whenRegionsRepeatTheTablesOwnRegion_rejectsIt() throws IOException {
        Path file = write("""
                takenOn: 2026-12-01
                region: us-east-1
                regions:
                  us-east-1:
                    hosting:
                      ml.m5.xlarge: 0.2
                """);

        assertThat(loadFailure(file).getMessage())
                .contains("key 'regions.us-east-1'")
                .contains("own region");
    }

    @Test
    void load_whenKeyIsRepeated_rejectsIt() throws IOException {
        Path file = write("""
                takenOn: 2026-12-01
                hosting:
                  ml.m5.xlarge: 0.23
                  ml.m5.xlarge: 0.32
                """);

        assertThat(loadFailure(file).getMessage())
                .contains(file.toString())
                .containsIgnoringCase("duplicate")
                .contains("ml.m5.xlarge");
    }

    @Test
    void load_whenYamlIsBroken_saysWhere() throws IOException {
        Path file = write("""
                takenOn: 2026-12-01
                hosting:
                  ml.m5.xlarge: [0.23
                """);

        assertThat(loadFailure(file).getMessage())
                .contains(file.toString())
                .contains("not valid YAML")
                .contains("line");
    }

    @Test
    void load_whenFileIsEmpty_saysSo() throws IOException {
        Path file = write("");

        assertThat(loadFailure(file).getMessage()).contains(file.toString()).contains("is empty");
    }

    @Test
    void load_whenTopLevelIsNotAMapping_saysSo() throws IOException {
        Path file = write("- ml.m5.xlarge\n");

        assertThat(loadFailure(file).getMessage()).contains("top level must be a mapping");
    }

    @Test
    void load_whenFileDoesNotExist_namesIt() {
        Path file = dir.resolve("nope.yaml");

        assertThat(loadFailure(file).getMessage()).contains(file.toString()).contains("no such file");
    }

    @Test
    void load_whenAnyValidationFails_messageIsOneLine() throws IOException {
        Path file = write("""
                takenOn: 2026-12-01
                hosting:
                  ml.m5.xlarge: |
                    two
                    lines
                """);

        assertThat(loadFailure(file).getMessage()).doesNotContain("\n").doesNotContain("\r");
    }

    @Test
    void load_whenValueIsLong_shortensItInTheMessage() throws IOException {
        Path file = write("takenOn: 2026-12-01\nsource: ok\ncolour: \"" + "x".repeat(500) + "\"\n");

        assertThat(loadFailure(file).getMessage()).hasSizeLessThan(300).contains("...");
    }

    @Test
    void load_whenSectionIsEmpty_acceptsIt() throws IOException {
        Path file = write("""
                takenOn: 2026-12-01
                hosting:
                studio: {}
                """);

        assertThat(PriceTable.load(file).takenOn()).isEqualTo("2026-12-01");
    }

    @Test
    void load_whenPriceIsZero_acceptsIt() throws IOException {
        Path file = write("""
                takenOn: 2026-12-01
                hosting:
                  ml.m5.xlarge: 0
                """);

        assertThat(PriceTable.load(file).hourly(PriceTable.Usage.of("hosting"), "ml.m5.xlarge", null)).hasValue(0.0);
    }

    @Test
    void load_whenNewUsagesArePriced_readsThemWithTheirOwnKeys() throws IOException {
        Path file = write("""
                takenOn: 2026-12-01
                hyperpod:
                  ml.p6-b200.48xlarge: 99
                canvas:
                  workspace: 2.5
                mlflow:
                  Small: 0.6
                storage:
                  notebook: 0.2
                  studio: 0.1
                """);

        PriceTable table = PriceTable.load(file);

        assertThat(table.hourly(PriceTable.Usage.of("hyperpod"), "ml.p6-b200.48xlarge", null)).hasValue(99.0);
        assertThat(table.hourly(PriceTable.Usage.of("canvas"), "workspace", null)).hasValue(2.5);
        assertThat(table.hourly(PriceTable.Usage.of("mlflow"), "Small", null)).hasValue(0.6);
        assertThat(table.perGbMonth("notebook", null)).hasValue(0.2);
        assertThat(table.perGbMonth("studio", "eu-west-1")).hasValue(0.1);
        assertThat(table.unpriced(PriceTable.Usage.of("mlflow"))).as("priced by the file now").doesNotContain("Small")
                .contains("Medium", "Large");
    }

    @Test
    void load_whenStorageKeyIsNotAVolume_namesIt() throws IOException {
        Path file = write("""
                takenOn: 2026-12-01
                storage:
                  ml.m5.xlarge: 0.1
                """);

        assertThat(loadFailure(file).getMessage())
                .contains("key 'storage.ml.m5.xlarge'")
                .contains("notebook or studio");
    }

    @Test
    void load_whenMlflowSizeIsNotATrackingServerSize_namesIt() throws IOException {
        Path file = write("""
                takenOn: 2026-12-01
                mlflow:
                  small: 0.6
                """);

        assertThat(loadFailure(file).getMessage()).contains("key 'mlflow.small'").contains("TrackingServerSize");
    }

    @Test
    void load_whenCanvasKeyIsAnInstanceType_rejectsIt() throws IOException {
        Path file = write("""
                takenOn: 2026-12-01
                canvas:
                  ml.m5.2xlarge: 1.9
                """);

        assertThat(loadFailure(file).getMessage()).contains("key 'canvas.ml.m5.2xlarge'").contains("workspace");
    }

    @Test
    void load_whenANameIsBothPricedAndUnpriced_rejectsIt() throws IOException {
        Path file = write("""
                takenOn: 2026-12-01
                hosting:
                  ml.p5.48xlarge: 50
                unpriced:
                  hosting: [ml.p5.48xlarge]
                """);

        assertThat(loadFailure(file).getMessage())
                .contains("key 'unpriced.hosting' = 'ml.p5.48xlarge'")
                .contains("either priced or unpriced");
    }

    @Test
    void load_whenUnpricedNameIsNotOfItsSection_namesIt() throws IOException {
        Path file = write("""
                takenOn: 2026-12-01
                unpriced:
                  mlflow: [ml.t3.medium]
                """);

        assertThat(loadFailure(file).getMessage()).contains("unpriced.mlflow").contains("ml.t3.medium");
    }

    @Test
    void load_whenUnpricedIsNotAList_saysSo() throws IOException {
        Path file = write("""
                takenOn: 2026-12-01
                unpriced:
                  hosting: ml.p5.48xlarge
                """);

        assertThat(loadFailure(file).getMessage()).contains("unpriced.hosting").contains("must be a list");
    }

    private static PriceTableException loadFailure(Path file) {
        PriceTableException e = catchThrowableOfType(PriceTableException.class, () -> PriceTable.load(file));
        assertThat(e).as("PriceTableException for %s", file).isNotNull();
        return e;
    }

    private Path write(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "prices", ".yaml");
        return Files.writeString(file, yaml);
    }
}
