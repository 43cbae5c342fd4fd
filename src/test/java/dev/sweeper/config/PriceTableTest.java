package dev.sweeper.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sweeper.config.PriceTable.Usage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceTableTest {

    private static final Path BUNDLED_FILE = Path.of("config", "prices.yaml");
    /** The families every usage's table was first asked to cover (hosting has each but t3). */
    private static final List<String> CORE_FAMILIES = List.of(
            "t3", "m5", "m6i", "c5", "c6i", "r5", "g4dn", "g5", "g6", "p3", "p4d", "inf2");
    private static final List<String> FAMILIES = List.of(
            "t3", "m5", "m6i", "c5", "c6i", "r5", "g4dn", "g5", "g6", "p3", "p4d", "inf2",
            // added from the [aws] Studio-Notebook data (notebook, Studio) and [fmb] (hosting trn1)
            "m5d", "p3dn", "p4de", "trn1", "trn1n");

    @TempDir
    Path dir;

    @Test
    void hourly_whenHostingTypeIsListed_returnsItsPrice() {
        PriceTable table = PriceTable.bundled();

        assertThat(table.hourly(Usage.of("hosting"), "ml.m5.xlarge", "us-east-1")).hasValue(0.23);
        assertThat(table.hourly(Usage.of("hosting"), "ml.g5.xlarge", "us-east-1")).hasValue(1.4084);
        assertThat(table.hourly(Usage.of("hosting"), "ml.inf2.xlarge", "us-east-1")).hasValue(0.99);
    }

    @Test
    void hourly_whenNotebookTypeIsListed_returnsItsPrice() {
        PriceTable table = PriceTable.bundled();

        assertThat(table.hourly(Usage.of("notebook"), "ml.t3.medium", "us-east-1")).hasValue(0.05);
        assertThat(table.hourly(Usage.of("notebook"), "ml.g4dn.xlarge", "us-east-1")).hasValue(0.7364);
    }

    @Test
    void hourly_whenStudioTypeIsListed_returnsItsPrice() {
        PriceTable table = PriceTable.bundled();

        assertThat(table.hourly(Usage.of("studio"), "ml.t3.medium", "us-east-1")).hasValue(0.05);
        assertThat(table.hourly(Usage.of("studio"), "ml.g5.xlarge", "us-east-1")).hasValue(1.41);
    }

    @Test
    void hourly_whenTypeIsUnknown_isEmpty() {
        PriceTable table = PriceTable.bundled();

        assertThat(table.hourly(Usage.of("hosting"), "ml.z9.enormous", "us-east-1")).isEmpty();
        assertThat(table.hourly(Usage.of("hosting"), null, "us-east-1")).isEmpty();
    }

    @Test
    void hourly_whenTypeIsNotOfferedForThatUsage_isEmpty() {
        PriceTable table = PriceTable.bundled();

        // Real-time endpoints do not run on ml.t3, and Studio apps do not run on ml.inf2.
        assertThat(table.hourly(Usage.of("hosting"), "ml.t3.medium", "us-east-1")).isEmpty();
        assertThat(table.hourly(Usage.of("studio"), "ml.inf2.xlarge", "us-east-1")).isEmpty();
    }

    @Test
    void hourly_whenTypeDiffersOnlyInCase_isEmpty() {
        assertThat(PriceTable.bundled().hourly(Usage.of("hosting"), "ML.M5.XLARGE", "us-east-1")).isEmpty();
    }

    @Test
    void bundled_whenRead_saysWhenAndWhereThePricesWereTaken() {
        PriceTable table = PriceTable.bundled();

        assertThat(table.takenOn()).isEqualTo("2026-12-02");
        assertThat(table.source()).isNotBlank();
        assertThat(table.region()).isEqualTo("us-east-1");
    }

    @Test
    void bundled_whenClasspathResourceIsMissing_readsTheSourceTreeFile() {
        PriceTable fromFile = PriceTable.read(BUNDLED_FILE);
        PriceTable bundled = PriceTable.bundled();

        for (Usage usage : Usage.values()) {
            assertThat(bundled.entries(usage)).isEqualTo(fromFile.entries(usage));
        }
    }

    @Test
    void bundled_whenChecked_hasAHostingEntryForEveryFamilyOfferedForHosting() {
        Map<String, Double> hosting = PriceTable.read(BUNDLED_FILE).entries(Usage.of("hosting"));

        for (String family : CORE_FAMILIES) {
            if (family.equals("t3")) {
                continue; // SageMaker does not offer ml.t3 for real-time endpoints; checked below
            }
            assertThat(hosting.keySet()).as("hosting entries for ml.%s", family)
                    .anyMatch(type -> type.startsWith("ml." + family + "."));
        }
    }

    @Test
    void bundled_whenChecked_coversT3ForNotebooksAndStudioButNotHosting() {
        PriceTable table = PriceTable.read(BUNDLED_FILE);

        assertThat(table.entries(Usage.of("hosting")).keySet()).noneMatch(type -> type.startsWith("ml.t3."));
        assertThat(table.entries(Usage.of("notebook")).keySet()).anyMatch(type -> type.startsWith("ml.t3."));
        assertThat(table.entries(Usage.of("studio")).keySet()).anyMatch(type -> type.startsWith("ml.t3."));
    }

    @Test
    void bundled_whenChecked_hasOnlyPositivePricesBelowOneHundred() {
        PriceTable table = PriceTable.read(BUNDLED_FILE);

        for (Usage usage : Usage.values()) {
            if (usage != Usage.of("hyperpod") && usage != Usage.of("mlflow")) { // nothing sourced: all listed as unpriced
                assertThat(table.entries(usage)).as("%s entries", usage).isNotEmpty();
            }
            table.entries(usage).forEach((type, price) ->
                    assertThat(price).as("%s %s", usage, type).isPositive().isLessThan(100.0));
        }
    }

    @Test
    void bundled_whenChecked_usesOnlyFamiliesItWasAskedToCover() {
        PriceTable table = PriceTable.read(BUNDLED_FILE);

        for (Usage usage : Usage.values()) {
            if (!usage.byInstanceType()) {
                continue;
            }
            assertThat(table.entries(usage).keySet()).as("%s types", usage)
                    .allMatch(type -> FAMILIES.contains(type.split("\\.")[1]));
        }
    }

    /**
     * Every value of the SageMaker API's enum for a usage (botocore's sagemaker model) is either priced or
     * listed in {@code unpriced:}, and nothing else is in either: a new instance type AWS adds shows up here,
     * to be priced from a source or listed as unpriced, never guessed.
     */
    @Test
    void bundled_whenComparedWithTheSageMakerApi_pricesOrListsAsUnpricedEveryInstanceTypeItAccepts() {
        java.util.Optional<dev.sweeper.testing.ServiceModels> models = dev.sweeper.testing.ServiceModels.find();
        org.assertj.core.api.Assumptions.assumeThat(models).as("botocore's service models on this machine").isPresent();
        com.fasterxml.jackson.databind.JsonNode shapes = models.get().model("SageMaker").path("shapes");
        PriceTable table = PriceTable.read(BUNDLED_FILE);
        Map<Usage, String> enums = Map.of(Usage.of("hosting"), "ProductionVariantInstanceType",
                Usage.of("notebook"), "InstanceType", Usage.of("studio"), "AppInstanceType",
                Usage.of("hyperpod"), "ClusterInstanceType", Usage.of("mlflow"), "TrackingServerSize");

        enums.forEach((usage, shape) -> {
            java.util.Set<String> accepted = new java.util.TreeSet<>();
            shapes.path(shape).path("enum").forEach(v -> accepted.add(v.asText()));
            assertThat(accepted).as("enum %s in botocore", shape).isNotEmpty();
            if (usage == Usage.of("studio")) {
                accepted.remove("system"); // the free instance of JupyterServer apps: priced at 0 by design (Costs)
            }
            java.util.Set<String> priced = table.entries(usage).keySet();
            java.util.Set<String> unpriced = table.unpriced(usage);
            assertThat(priced).as("%s: priced and unpriced overlap", usage).doesNotContainAnyElementsOf(unpriced);
            java.util.Set<String> covered = new java.util.TreeSet<>(priced);
            covered.addAll(unpriced);
            assertThat(covered).as("%s: priced or unpriced, exactly the values of %s", usage, shape)
                    .containsExactlyInAnyOrderElementsOf(accepted);
        });
    }

    @Test
    void bundled_whenRead_pricesTheCanvasWorkspaceAndStoragePerGbMonth() {
        PriceTable table = PriceTable.bundled();

        assertThat(table.hourly(Usage.of("canvas"), "workspace", "us-east-1")).hasValue(1.9);
        assertThat(table.perGbMonth("notebook", "us-east-1")).hasValue(0.14);
        assertThat(table.perGbMonth("studio", "us-east-1")).hasValue(0.112);
        assertThat(table.perGbMonth("training", "us-east-1")).isEmpty();
        assertThat(table.unpriced(Usage.of("mlflow"))).containsExactlyInAnyOrder("Small", "Medium", "Large");
    }

    @Test
    void load_whenFileNamesAnEntry_overridesItAndKeepsTheRestFromBundled() throws IOException {
        Path file = write("""
                source: "our enterprise discount"
                takenOn: 2026-12-01
                hosting:
                  ml.m5.xlarge: 0.20
                studio:
                  ml.t3.medium: 0.04
                """);

        PriceTable table = PriceTable.load(file);

        assertThat(table.hourly(Usage.of("hosting"), "ml.m5.xlarge", "us-east-1")).hasValue(0.20);
        assertThat(table.hourly(Usage.of("studio"), "ml.t3.medium", "us-east-1")).hasValue(0.04);
        assertThat(table.hourly(Usage.of("hosting"), "ml.m5.large", "us-east-1")).hasValue(0.115);
        assertThat(table.hourly(Usage.of("notebook"), "ml.t3.medium", "us-east-1")).hasValue(0.05);
        assertThat(table.takenOn()).isEqualTo("2026-12-01");
        assertThat(table.source()).isEqualTo("our enterprise discount");
    }

    @Test
    void load_whenFileAddsAType_makesItKnown() throws IOException {
        Path file = write("""
                takenOn: 2026-12-01
                hosting:
                  ml.m7i.xlarge: 0.2419
                """);

        assertThat(PriceTable.load(file).hourly(Usage.of("hosting"), "ml.m7i.xlarge", "us-east-1")).hasValue(0.2419);
        assertThat(PriceTable.bundled().hourly(Usage.of("hosting"), "ml.m7i.xlarge", "us-east-1")).isEmpty();
    }

    @Test
    void load_whenFileHasNoSource_namesTheFileAsSource() throws IOException {
        Path file = write("takenOn: 2026-12-01\n");

        assertThat(PriceTable.load(file).source()).isEqualTo(file.toString());
    }

    @Test
    void overriddenBy_whenBothNameAnEntry_theOtherWins() throws IOException {
        PriceTable base = PriceTable.read(write("""
                takenOn: 2026-01-01
                hosting:
                  ml.m5.large: 1.0
                  ml.m5.xlarge: 2.0
                """));
        PriceTable other = PriceTable.read(write("""
                takenOn: 2026-02-01
                hosting:
                  ml.m5.xlarge: 3.0
                """));

        PriceTable merged = base.overriddenBy(other);

        assertThat(merged.hourly(Usage.of("hosting"), "ml.m5.xlarge", null)).hasValue(3.0);
        assertThat(merged.hourly(Usage.of("hosting"), "ml.m5.large", null)).hasValue(1.0);
        assertThat(merged.takenOn()).isEqualTo("2026-02-01");
        assertThat(base.hourly(Usage.of("hosting"), "ml.m5.xlarge", null)).as("base unchanged").hasValue(2.0);
    }

    @Test
    void overriddenBy_whenAppliedTwice_givesTheSamePrices() throws IOException {
        Path file = write("""
                takenOn: 2026-12-01
                hosting:
                  ml.m5.xlarge: 0.20
                """);
        PriceTable once = PriceTable.load(file);

        PriceTable twice = PriceTable.bundled().overriddenBy(once);

        for (Usage usage : Usage.values()) {
            assertThat(twice.entries(usage)).isEqualTo(once.entries(usage));
        }
        assertThat(twice.takenOn()).isEqualTo(once.takenOn());
    }

    @Test
    void isRegionFallback_whenRegionHasNoOwnPrices_isTrueAndTableRegionPricesApply() {
        PriceTable table = PriceTable.bundled();

        assertThat(table.isRegionFallback("eu-west-1")).isTrue();
        assertThat(table.hourly(Usage.of("hosting"), "ml.m5.xlarge", "eu-west-1")).hasValue(0.23);
    }

    @Test
    void isRegionFallback_whenRegionIsTheTablesOwn_isFalse() {
        PriceTable table = PriceTable.bundled();

        assertThat(table.isRegionFallback("us-east-1")).isFalse();
        assertThat(table.isRegionFallback(" US-EAST-1 ")).isFalse();
        assertThat(table.isRegionFallback(null)).isFalse();
    }

    @Test
    void hourly_whenRegionHasOwnPrices_usesThemAndFallsBackPerTypeOtherwise() throws IOException {
        Path file = write("""
                takenOn: 2026-12-01
                regions:
                  eu-west-1:
                    hosting:
                      ml.m5.xlarge: 0.26
                """);

        PriceTable table = PriceTable.load(file);

        assertThat(table.isRegionFallback("eu-west-1")).isFalse();
        assertThat(table.hourly(Usage.of("hosting"), "ml.m5.xlarge", "eu-west-1")).hasValue(0.26);
        assertThat(table.hourly(Usage.of("hosting"), "ml.m5.xlarge", "EU-WEST-1")).hasValue(0.26);
        assertThat(table.hourly(Usage.of("hosting"), "ml.m5.xlarge", "us-east-1")).hasValue(0.23);
        assertThat(table.hourly(Usage.of("hosting"), "ml.m5.large", "eu-west-1")).hasValue(0.115);
        assertThat(table.isRegionFallback("ap-south-1")).isTrue();
    }

    @Test
    void borrowedFrom_whenTheRegionHasNoPriceOfItsOwnForTheType_namesTheTablesRegion() throws IOException {
        PriceTable table = PriceTable.load(write("""
                takenOn: 2026-12-01
                regions:
                  eu-west-1:
                    hosting:
                      ml.m5.xlarge: 0.26
                """));

        assertThat(table.borrowedFrom(Usage.of("hosting"), "ml.m5.xlarge", "eu-west-1")).as("its own").isNull();
        assertThat(table.borrowedFrom(Usage.of("hosting"), "ml.m5.large", "eu-west-1")).isEqualTo("us-east-1");
        assertThat(table.borrowedFrom(Usage.of("hosting"), "ml.m5.xlarge", "ap-south-1")).isEqualTo("us-east-1");
        assertThat(table.borrowedFrom(Usage.of("hosting"), "ml.m5.xlarge", "us-east-1")).as("the table's own").isNull();
        assertThat(table.borrowedFrom(Usage.of("hosting"), "ml.nope.xlarge", "ap-south-1")).as("no price at all").isNull();
        assertThat(table.borrowedFrom(Usage.STORAGE, "notebook", "ap-south-1")).isEqualTo("us-east-1");
    }

    @Test
    void tablePriceBook_price_carriesTheRegionItIsBorrowedFrom() throws IOException {
        TablePriceBook book = TablePriceBook.team(PriceTable.load(write("""
                takenOn: 2026-12-01
                regions:
                  eu-west-1:
                    hosting:
                      ml.m5.xlarge: 0.26
                """)));

        assertThat(book.price(dev.sweeper.core.PriceUsages.hosting("ml.m5.xlarge", "eu-west-1")).orElseThrow()
                .borrowedFrom()).as("its own").isNull();
        assertThat(book.price(dev.sweeper.core.PriceUsages.hosting("ml.m5.large", "eu-west-1")).orElseThrow()
                .borrowedFrom()).isEqualTo("us-east-1");
        assertThat(book.price(dev.sweeper.core.PriceUsages.notebookStorage("ap-south-1")).orElseThrow()
                .borrowedFrom()).isEqualTo("us-east-1");
        assertThat(book.price(dev.sweeper.core.PriceUsages.canvas("us-east-1")).orElseThrow().borrowedFrom())
                .as("the table's own region").isNull();
    }

    @Test
    void load_whenFileIsForAnotherRegion_addsItsPricesForThatRegionOnly() throws IOException {
        Path file = write("""
                takenOn: 2026-12-01
                region: eu-central-1
                hosting:
                  ml.m5.xlarge: 0.28
                """);

        PriceTable table = PriceTable.load(file);

        assertThat(table.region()).isEqualTo("us-east-1");
        assertThat(table.hourly(Usage.of("hosting"), "ml.m5.xlarge", "eu-central-1")).hasValue(0.28);
        assertThat(table.hourly(Usage.of("hosting"), "ml.m5.xlarge", "us-east-1")).hasValue(0.23);
        assertThat(table.isRegionFallback("eu-central-1")).isFalse();
    }

    @Test
    void load_whenRegionsNameTheBundledRegion_overrideItsTopLevelPrices() throws IOException {
        Path file = write("""
                takenOn: 2026-12-01
                region: eu-central-1
                regions:
                  us-east-1:
                    notebook:
                      ml.t3.medium: 0.045
                """);

        assertThat(PriceTable.load(file).hourly(Usage.of("notebook"), "ml.t3.medium", "us-east-1"))
                .hasValue(0.045);
    }

    @Test
    void entries_whenRead_keepFractionalPricesExactly() throws IOException {
        PriceTable table = PriceTable.read(write("""
                takenOn: 2026-12-01
                hosting:
                  ml.p4d.24xlarge: 25.2512883
                  ml.m5.large: 1
                """));

        assertThat(table.entries(Usage.of("hosting")).get("ml.p4d.24xlarge")).isCloseTo(25.2512883, within(1e-12));
        assertThat(table.entries(Usage.of("hosting")).get("ml.m5.large")).isEqualTo(1.0);
    }

    private Path write(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "prices", ".yaml");
        return Files.writeString(file, yaml);
    }
}
