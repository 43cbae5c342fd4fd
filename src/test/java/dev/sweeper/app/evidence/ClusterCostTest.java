package dev.sweeper.app.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sweeper.core.Kind;
import dev.sweeper.core.Log;
import dev.sweeper.core.Price;
import dev.sweeper.core.PriceBook;
import dev.sweeper.core.PriceSource;
import dev.sweeper.core.PriceUsage;
import dev.sweeper.core.Resource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** A HyperPod cluster's cost over every instance group it has (issue 25, point 7). */
class ClusterCostTest {
    static final Instant CREATED = Instant.parse("2026-11-20T00:00:00Z");

    /** ml.m5.xlarge 1.0, ml.g5.8xlarge 2.0, ml.p5.48xlarge 50.0; nothing else. */
    static final PriceBook PRICES = new PriceBook() {
        @Override
        public OptionalDouble hourly(Kind kind, String instanceType, String region) {
            return switch (instanceType) {
                case "ml.m5.xlarge" -> OptionalDouble.of(1.0);
                case "ml.g5.8xlarge" -> OptionalDouble.of(2.0);
                case "ml.p5.48xlarge" -> OptionalDouble.of(50.0);
                default -> OptionalDouble.empty();
            };
        }
    };

    static Resource cluster(Resource.InstanceGroup... groups) {
        return new Resource(Kind.HYPERPOD, "llm", "us-east-1", null, "InService", null, 1, CREATED, CREATED, null, null,
                null, null, new Resource.ClusterShape(List.of(groups)));
    }

    @Test
    void hourly_whenRestrictedInstanceGroup_countsItsInstances() {
        Double cost = new Costs(PRICES, Log.SILENT).hourly(cluster(
                new Resource.InstanceGroup("controller", "ml.m5.xlarge", 1, 1),
                new Resource.InstanceGroup("nova", "ml.p5.48xlarge", 2, 2, Map.of(), true, null)));

        assertThat(cost).isEqualTo(101.0);
    }

    @Test
    void hourly_whenGroupGivesInstanceTypeDetailsInsteadOfInstanceType_countsEachTypesInstances() {
        Double cost = new Costs(PRICES, Log.SILENT).hourly(cluster(
                new Resource.InstanceGroup("flex", null, 5, 5, Map.of("ml.g5.8xlarge", 3, "ml.m5.xlarge", 2), false,
                        null)));

        assertThat(cost).isEqualTo(8.0);
    }

    @Test
    void hourly_whenGroupOnTrainingPlan_isPrepaidAndSavesNothing() {
        String plan = "arn:aws:sagemaker:us-east-1:123456789012:training-plan/p5-week";
        Double cost = new Costs(PRICES, Log.SILENT).hourly(cluster(
                new Resource.InstanceGroup("controller", "ml.m5.xlarge", 1, 1),
                new Resource.InstanceGroup("workers", "ml.p5.48xlarge", 4, 4, Map.of(), false, plan)));

        assertThat(cost).isEqualTo(1.0);
    }

    @Test
    void hourly_whenGroupHasInstancesButNoTypeAtAll_isUnknownNotZero() {
        Double cost = new Costs(PRICES, Log.SILENT).hourly(cluster(
                new Resource.InstanceGroup("flex", null, 3, 3)));

        assertThat(cost).isNull();
    }

    @Test
    void hourlyPriced_whenAFlexibleGroupsTypeIsPricedAtAnotherRegions_saysWhoseWithTheSource() {
        // A table with eu-west-1 prices of its own for ml.m5.xlarge only: ml.g5.8xlarge is priced at us-east-1's.
        PriceBook table = new PriceBook() {
            @Override
            public OptionalDouble hourly(Kind kind, String instanceType, String region) {
                return PRICES.hourly(kind, instanceType, region);
            }

            @Override
            public Optional<Price> price(PriceUsage usage) {
                return PRICES.price(usage).map(p -> new Price(p.usd(), PriceSource.BUNDLED,
                        "ml.g5.8xlarge".equals(usage.item()) ? "us-east-1" : null));
            }
        };
        Resource eu = new Resource(Kind.HYPERPOD, "llm", "eu-west-1", null, "InService", null, 1, CREATED, CREATED,
                null, null, null, null, new Resource.ClusterShape(List.of(
                        new Resource.InstanceGroup("controller", "ml.m5.xlarge", 1, 1),
                        new Resource.InstanceGroup("flex", null, 5, 5, Map.of("ml.g5.8xlarge", 3, "ml.m5.xlarge", 2),
                                false, null))));

        Costs costs = new Costs(table, Log.SILENT);
        Costs.Priced priced = costs.hourlyPriced(eu);

        assertThat(priced.usd()).isEqualTo(9.0);
        assertThat(priced.source()).isEqualTo(PriceSource.BUNDLED);
        assertThat(priced.borrowedFrom()).as("the flexible group's ml.g5.8xlarge").isEqualTo("us-east-1");
        assertThat(costs.borrowedFrom(eu)).as("what the finding's priceRegion says").isEqualTo("us-east-1");
    }

    @Test
    void hourlyPriced_whenOnlyAPrepaidGroupsTypeWouldBeBorrowed_borrowsNothing() {
        PriceBook table = new PriceBook() {
            @Override
            public OptionalDouble hourly(Kind kind, String instanceType, String region) {
                return PRICES.hourly(kind, instanceType, region);
            }

            @Override
            public Optional<Price> price(PriceUsage usage) {
                return PRICES.price(usage).map(p -> new Price(p.usd(), PriceSource.BUNDLED,
                        "ml.p5.48xlarge".equals(usage.item()) ? "us-east-1" : null));
            }
        };
        String plan = "arn:aws:sagemaker:eu-west-1:123456789012:training-plan/p5-week";
        Resource eu = new Resource(Kind.HYPERPOD, "llm", "eu-west-1", null, "InService", null, 1, CREATED, CREATED,
                null, null, null, null, new Resource.ClusterShape(List.of(
                        new Resource.InstanceGroup("controller", "ml.m5.xlarge", 1, 1),
                        new Resource.InstanceGroup("workers", "ml.p5.48xlarge", 4, 4, Map.of(), false, plan))));

        assertThat(new Costs(table, Log.SILENT).hourlyPriced(eu).borrowedFrom())
                .as("the figure uses no price of the prepaid group").isNull();
    }
}
