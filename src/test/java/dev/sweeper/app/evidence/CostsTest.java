package dev.sweeper.app.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sweeper.core.Evaluator;
import dev.sweeper.core.Kind;
import dev.sweeper.core.Log;
import dev.sweeper.core.Price;
import dev.sweeper.core.PriceBook;
import dev.sweeper.core.PriceSource;
import dev.sweeper.core.PriceUsage;
import dev.sweeper.core.Resource;
import dev.sweeper.core.Variant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Storage that outlives compute: size × price per GB-month, whatever the status; unknown stays null. */
class CostsTest {
    static final Instant T = Instant.parse("2026-11-01T00:00:00Z");

    final List<String> warnings = new ArrayList<>();
    final Log log = new Log() {
        @Override
        public void warn(String message) {
            warnings.add(message);
        }

        @Override
        public void info(String message) {
        }

        @Override
        public void debug(String message) {
        }
    };

    /** ml.t3.large at $0.10/h; notebook ML storage $0.14 and Studio EBS $0.112 per GB-month. */
    final PriceBook prices = u -> "storage".equals(u.section())
            ? Optional.of(new Price("notebook".equals(u.item()) ? 0.14 : 0.112, null))
            : "ml.t3.large".equals(u.item()) ? Optional.of(new Price(0.1, null)) : Optional.empty();

    @Test
    void hourly_whenNoPriceForTheType_warnsOnceNamingThePriceTableOption() {
        Costs costs = new Costs(prices, log);
        Resource odd = new Resource("nb", "us-east-1", null, "InService", "ml.odd.large", 1, T, T, new Resource.NotebookShape(null), null);

        assertThat(costs.hourly(odd)).isNull();
        assertThat(costs.hourly(odd)).isNull();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("ml.odd.large").contains("prices: FILE in the config")
                .contains("--prices FILE");
    }

    @Test
    void borrowedFrom_whenTheBookPricesTheRegionAtAnothersPrice_saysWhoseOnceAWarning() {
        PriceBook borrowing = new PriceBook() {

            @Override
            public Optional<Price> price(PriceUsage usage) {
                return Optional.of(new Price(0.1, PriceSource.BUNDLED,
                        "us-east-1".equals(usage.region()) ? null : "us-east-1"));
            }
        };
        Costs costs = new Costs(borrowing, log);
        Resource eu = new Resource("nb", "eu-west-1", null, "InService", "ml.t3.large", 1, T, T, new Resource.NotebookShape(null), null);
        Resource us = new Resource("nb", "us-east-1", null, "InService", "ml.t3.large", 1, T, T, new Resource.NotebookShape(null), null);

        assertThat(costs.borrowedFrom(eu)).isEqualTo("us-east-1");
        assertThat(costs.borrowedFrom(eu)).isEqualTo("us-east-1");
        assertThat(costs.hourlyPriced(eu).borrowedFrom()).as("collected with the source").isEqualTo("us-east-1");
        assertThat(costs.borrowedFrom(us)).isNull();
        assertThat(costs.borrowedFrom(eu.withStatus("Stopped"))).as("nothing priced, nothing borrowed").isNull();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("eu-west-1").contains("regions: eu-west-1:");
    }

    static Resource notebook(String status, Integer gb) {
        return new Resource("nb", "us-east-1", null, status, "ml.t3.large", 1, T, T,
                new Resource.NotebookShape(null, null, gb, null, null), null);
    }

    static Resource space(Integer gb) {
        return space("InService", gb);
    }

    static Resource space(String status, Integer gb) {
        return new Resource("shared", "us-east-1", null, status, null, null, T, T, new Resource.SpaceShape("d-1", null, "Shared", "JupyterLab", gb), null);
    }

    static Resource app() {
        return new Resource("default", "us-east-1", null, "InService", "ml.t3.large", 1, T, T,
                new Resource.AppShape("d-1", "JupyterLab", null, "shared", true, "space", null), null);
    }

    @Test
    void storageMonthly_whenNotebookIsStopped_isItsVolumeTimesThePricePerGbMonth() {
        Costs costs = new Costs(prices, log);

        assertThat(costs.hourly(notebook("Stopped", 50))).as("no compute while stopped").isEqualTo(0.0);
        assertThat(costs.storageMonthly(notebook("Stopped", 50))).isEqualTo(7.0);
    }

    @Test
    void storageMonthly_whenNotebookRuns_isBilledToo() {
        Costs costs = new Costs(prices, log);

        assertThat(costs.hourly(notebook("InService", 5))).isEqualTo(0.1);
        assertThat(costs.storageMonthly(notebook("InService", 5))).isEqualTo(0.7);
    }

    @Test
    void storageMonthly_roundsToTheCent() {
        assertThat(new Costs(prices, log).storageMonthly(notebook("Stopped", 333))).isEqualTo(46.62); // 46.62
        assertThat(new Costs(prices, log).storageMonthly(space(7))).isEqualTo(0.78); // 0.784
    }

    @Test
    void storageMonthly_whenASpace_isItsEbsVolumeAndItHasNoCompute() {
        Costs costs = new Costs(prices, log);

        assertThat(costs.storageMonthly(space(100))).isEqualTo(11.2);
        assertThat(costs.hourly(space(100))).as("no compute of its own").isEqualTo(0.0);
        assertThat(costs.storageMonthly(space("Deleting", 100))).as("being deleted").isNull();
    }

    @Test
    void storageMonthly_whenAnAppRunsInASpace_isNotTheApps() {
        Costs costs = new Costs(prices, log);

        assertThat(costs.storageMonthly(app())).as("the space's volume is on the space's row: counted once").isNull();
        assertThat(costs.hourly(app())).isEqualTo(0.1);
    }

    @Test
    void storageMonthly_whenTheVolumeWasNotRead_isNullWithoutAWarning() {
        Costs costs = new Costs(prices, log);

        assertThat(costs.storageMonthly(notebook("Stopped", null))).isNull();
        assertThat(costs.storageMonthly(space(null))).isNull();
        assertThat(warnings).isEmpty();
    }

    @Test
    void storageMonthly_whenNoStoragePriceIsKnown_isNullWithOneWarningPerKind() {
        PriceBook noStorage = u -> "storage".equals(u.section()) ? Optional.empty() : Optional.of(new Price(0.1, null));
        Costs costs = new Costs(noStorage, log);

        assertThat(costs.storageMonthly(notebook("Stopped", 50))).isNull();
        assertThat(costs.storageMonthly(notebook("Stopped", 80))).isNull();
        assertThat(costs.storageMonthly(space(100))).isNull();
        assertThat(warnings).hasSize(2).allMatch(w -> w.startsWith("no storage price for"));
    }

    @Test
    void spaceReason_saysStorageOnlyAndWhatItCosts() {
        assertThat(Evaluator.spaceReason(100, 11.2)).isEqualTo("storage only, $11.20/month (its 100 GB EBS volume)");
        assertThat(Evaluator.spaceReason(null, null)).startsWith("storage only (a space has no compute of its own");
    }

    @Test
    void stoppedReason_saysStorageOnlyAndWhatItCosts() {
        assertThat(Evaluator.stoppedReason(50, 7.0)).isEqualTo("stopped: storage only, $7.00/month (its 50 GB ML storage volume)");
        assertThat(Evaluator.stoppedReason(null, null)).startsWith("stopped: storage only (no compute while stopped");
    }

    @Test
    void hourlyPriced_saysTheLeastAuthoritativeSourceOfItsPrices_andAsksForTheUsageOfEachKind() {
        List<dev.sweeper.core.PriceUsage> asked = new ArrayList<>();
        PriceBook sourced = new PriceBook() {

            @Override
            public java.util.Optional<dev.sweeper.core.Price> price(dev.sweeper.core.PriceUsage u) {
                asked.add(u);
                return java.util.Optional.of(new dev.sweeper.core.Price(u.item().equals("ml.m5.large") ? 0.115 : 0.23,
                        u.item().equals("ml.m5.large") ? dev.sweeper.core.PriceSource.AWS
                                : dev.sweeper.core.PriceSource.BUNDLED));
            }
        };
        Resource endpoint = new Resource("e", "eu-west-1", null, "InService", null, null, T, T,
                new Resource.EndpointShape("cfg", List.of(new Variant("a", "ml.m5.large", 2, false, false, 0),
                        new Variant("b", "ml.m5.xlarge", 1, false, false, 0)), false, true, null, null), null);
        Costs.Priced p = new Costs(sourced, log).hourlyPriced(endpoint);

        assertThat(p.usd()).isEqualTo(0.46);
        assertThat(p.source()).as("one of its prices is the bundled table's").isEqualTo(dev.sweeper.core.PriceSource.BUNDLED);
        assertThat(asked).containsExactly(dev.sweeper.core.PriceUsages.hosting("ml.m5.large", "eu-west-1"),
                dev.sweeper.core.PriceUsages.hosting("ml.m5.xlarge", "eu-west-1"));
    }
}
