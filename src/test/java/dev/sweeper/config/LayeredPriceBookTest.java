package dev.sweeper.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sweeper.core.AwsCallException;
import dev.sweeper.core.AwsPriceList;
import dev.sweeper.core.Log;
import dev.sweeper.core.Price;
import dev.sweeper.core.PriceBook;
import dev.sweeper.core.PriceSource;
import dev.sweeper.core.PriceUsage;
import dev.sweeper.core.PriceUsages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayeredPriceBookTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    /** AWS's list as a map from usage type to price, counting calls per usage. */
    static final class FakeList implements AwsPriceList {
        final Map<String, Double> prices;
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        RuntimeException failure;

        FakeList(Map<String, Double> prices) {
            this.prices = prices;
        }

        @Override
        public OptionalDouble onDemandUsd(PriceUsage usage) {
            calls.computeIfAbsent(usage.key(), k -> new AtomicInteger()).incrementAndGet();
            if (failure != null) {
                throw failure;
            }
            String type = usage.filters().stream().filter(t -> t.field().equals("usagetype")).findFirst().orElseThrow()
                    .value();
            Double p = prices.get(type);
            return p == null ? OptionalDouble.empty() : OptionalDouble.of(p);
        }

        int total() {
            return calls.values().stream().mapToInt(AtomicInteger::get).sum();
        }
    }

    static final class Warnings implements Log {
        final List<String> lines = new ArrayList<>();

        @Override
        public synchronized void warn(String message) {
            lines.add(message);
        }

        @Override
        public void info(String message) {
        }

        @Override
        public void debug(String message) {
        }
    }

    static PriceBook table(String section, String item, double usd, PriceSource source) {
        return new PriceBook() {

            @Override
            public Optional<Price> price(PriceUsage u) {
                return u.section().equals(section) && u.item().equals(item) ? Optional.of(new Price(usd, source))
                        : Optional.empty();
            }
        };
    }

    @Test
    void price_takesTheTeamsTableFirst_thenAws_thenTheBundledTable() {
        FakeList aws = new FakeList(Map.of("USE1-Host:ml.m5.xlarge", 0.23, "USE1-Host:ml.c5.xlarge", 0.204));
        PriceBook team = table("hosting", "ml.m5.xlarge", 0.2, PriceSource.TEAM);
        PriceBook bundled = table("hosting", "ml.g5.xlarge", 1.4, PriceSource.BUNDLED);
        try (LayeredPriceBook book = new LayeredPriceBook(team, aws, bundled, null, CLOCK, new Warnings())) {
            assertThat(book.price(PriceUsages.hosting("ml.m5.xlarge", "us-east-1")))
                    .contains(new Price(0.2, PriceSource.TEAM));
            assertThat(book.price(PriceUsages.hosting("ml.c5.xlarge", "us-east-1")))
                    .contains(new Price(0.204, PriceSource.AWS));
            assertThat(book.price(PriceUsages.hosting("ml.g5.xlarge", "us-east-1")))
                    .contains(new Price(1.4, PriceSource.BUNDLED));
            assertThat(book.price(PriceUsages.hosting("ml.p5.48xlarge", "us-east-1"))).isEmpty();
            assertThat(aws.calls).doesNotContainKey("hosting:ml.m5.xlarge");
        }
    }

    @Test
    void price_borrowedFrom_isTheGivingLayersWord() {
        FakeList aws = new FakeList(Map.of("EU-Host:ml.c5.xlarge", 0.23));
        PriceBook bundled = new PriceBook() {

            @Override
            public Optional<Price> price(PriceUsage usage) {
                return Optional.of(new Price(0.2, null, "us-east-1"));
            }
        };
        try (LayeredPriceBook book = new LayeredPriceBook(null, aws, bundled, null, CLOCK, new Warnings())) {
            assertThat(book.price(PriceUsages.hosting("ml.m5.xlarge", "eu-west-1")))
                    .as("the bundled table priced it with us-east-1's price")
                    .contains(new Price(0.2, PriceSource.BUNDLED, "us-east-1"));
            assertThat(book.price(PriceUsages.hosting("ml.c5.xlarge", "eu-west-1")))
                    .as("AWS's list answers for the region itself").contains(new Price(0.23, PriceSource.AWS, null));
        }
    }

    @Test
    void price_asksAwsAtMostOncePerUsage_andAWarmCacheNotAtAll() {
        FakeList aws = new FakeList(Map.of("USE1-Host:ml.m5.xlarge", 0.23));
        PriceCache cache = new PriceCache(dir);
        try (LayeredPriceBook book = new LayeredPriceBook(null, aws, table("x", "y", 0, null), cache, CLOCK,
                new Warnings())) {
            book.prefetch(List.of(PriceUsages.hosting("ml.m5.xlarge", "us-east-1"),
                    PriceUsages.hosting("ml.m5.xlarge", "us-east-1")));
            for (int i = 0; i < 3; i++) {
                assertThat(book.price(PriceUsages.hosting("ml.m5.xlarge", "us-east-1"))).isPresent();
                assertThat(book.price(PriceUsages.hosting("ml.zz.xlarge", "us-east-1"))).isEmpty();
            }
        }
        assertThat(aws.total()).isEqualTo(2);
        FakeList again = new FakeList(Map.of());
        try (LayeredPriceBook book = new LayeredPriceBook(null, again, table("x", "y", 0, null),
                new PriceCache(dir), CLOCK, new Warnings())) {
            assertThat(book.price(PriceUsages.hosting("ml.m5.xlarge", "us-east-1")))
                    .contains(new Price(0.23, PriceSource.AWS));
            assertThat(book.price(PriceUsages.hosting("ml.zz.xlarge", "us-east-1"))).as("known absent").isEmpty();
        }
        assertThat(again.total()).as("a warm cache").isZero();
    }

    @Test
    void cache_isRefreshedAfterAWeek() {
        PriceCache cache = new PriceCache(dir);
        LocalDate fetched = LocalDate.parse("2026-11-20");
        cache.put("us-east-1", "hosting:ml.m5.xlarge", OptionalDouble.of(0.23), fetched);
        assertThat(cache.get("us-east-1", "hosting:ml.m5.xlarge", fetched.plusDays(7))).isPresent();
        assertThat(cache.get("us-east-1", "hosting:ml.m5.xlarge", fetched.plusDays(8))).isEmpty();
        assertThat(new PriceCache(dir).get("us-east-1", "hosting:ml.m5.xlarge", fetched)).isPresent();
        assertThat(new PriceCache(dir).get("eu-west-1", "hosting:ml.m5.xlarge", fetched)).isEmpty();
    }

    @Test
    void price_whenThePriceListCannotBeRead_warnsOnceAndUsesTheBundledTable() {
        FakeList aws = new FakeList(Map.of());
        aws.failure = new AwsCallException("GetProducts", "AccessDeniedException", "not authorized", false, null);
        Warnings log = new Warnings();
        PriceBook bundled = new PriceBook() {

            @Override
            public Optional<Price> price(PriceUsage u) {
                return Optional.of(new Price(1.0, PriceSource.BUNDLED));
            }
        };
        try (LayeredPriceBook book = new LayeredPriceBook(null, aws, bundled, new PriceCache(dir), CLOCK, log)) {
            for (String type : List.of("ml.m5.large", "ml.m5.xlarge", "ml.c5.xlarge")) {
                assertThat(book.price(PriceUsages.hosting(type, "us-east-1")))
                        .contains(new Price(1.0, PriceSource.BUNDLED));
            }
        }
        assertThat(log.lines).hasSize(1);
        assertThat(log.lines.get(0)).contains("pricing:GetProducts").contains("--offline-prices");
        assertThat(aws.total()).as("no more calls once refused").isEqualTo(1);
        assertThat(new PriceCache(dir).size()).as("a refusal is not cached").isZero();
    }

    @Test
    void directory_isXdgCacheElseHomeCache_andTmpInLambda() {
        assertThat(PriceCache.directory(Map.of("XDG_CACHE_HOME", "/x/cache"), "/home/u")).isEqualTo(Path.of("/x/cache/sweeper"));
        assertThat(PriceCache.directory(Map.of(), "/home/u")).isEqualTo(Path.of("/home/u/.cache/sweeper"));
        assertThat(PriceCache.directory(Map.of("AWS_LAMBDA_FUNCTION_NAME", "sweeper", "XDG_CACHE_HOME", "/x"), "/home/u"))
                .isEqualTo(Path.of("/tmp/sweeper"));
    }

    @Test
    void usages_selectOneProductByRegionAndUsageType_andNeverAskWhatIsNotEstablished() {
        assertThat(PriceUsages.hosting("ml.m5.xlarge", "eu-west-1").filters()).containsExactly(
                new PriceUsage.Term("regionCode", "eu-west-1"), new PriceUsage.Term("usagetype", "EU-Host:ml.m5.xlarge"));
        assertThat(PriceUsages.studio("JupyterLab", "ml.t3.medium", "us-east-1").filters())
                .contains(new PriceUsage.Term("usagetype", "USE1-Studio:JupyterLab-ml.t3.medium"));
        assertThat(dev.sweeper.core.kinds.HyperPodKind.usage("ml.g5.8xlarge", "ap-south-1").filters())
                .contains(new PriceUsage.Term("usagetype", "APS3-Cluster:ml.g5.8xlarge"));
        assertThat(PriceUsages.mlflow("Small", "us-east-1").inAwsPriceList()).isFalse();
        assertThat(PriceUsages.provisionedConcurrency("us-east-1").inAwsPriceList()).isFalse();
        assertThat(PriceUsages.hosting("ml.m5.xlarge", "xx-nowhere-1").inAwsPriceList()).isFalse();
    }
}
