package dev.sweeper.app.evidence;

import java.util.Map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sweeper.core.Kind;
import dev.sweeper.core.Log;
import dev.sweeper.core.PriceBook;
import dev.sweeper.core.Price;
import java.util.Optional;
import dev.sweeper.core.Resource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class CanvasCostTest {
    static final Instant CREATED = Instant.parse("2026-11-20T00:00:00Z");

    static Resource canvas(String instanceType, String status) {
        return new Resource("default", "us-east-1", null, status, instanceType, 1, CREATED, CREATED, new Resource.AppShape("d-1", "Canvas", "alice", null, null, null, null), null);
    }

    /** Prices every instance type at 1.0; the Canvas workspace at {@code workspace} (null: no price). */
    static PriceBook prices(Double workspace) {
        return u -> !"canvas".equals(u.section()) ? Optional.of(new Price(1.0, null))
                : workspace == null ? Optional.empty() : Optional.of(new Price(workspace, null));
    }

    static final class Warnings implements Log {
        final List<String> warned = new ArrayList<>();

        @Override
        public void warn(String message) {
            warned.add(message);
        }

        @Override
        public void info(String message) {
        }

        @Override
        public void debug(String message) {
        }
    }

    @Test
    void hourly_whenCanvasAppOnSystem_isTheWorkspacePriceNeverFree() {
        Costs costs = new Costs(prices(1.9), Log.SILENT);

        assertThat(costs.hourly(canvas("system", "InService"))).isEqualTo(1.9);
    }

    @Test
    void hourly_whenCanvasApp_isTheWorkspacePriceNotItsInstanceTypes() {
        Costs costs = new Costs(prices(1.9), Log.SILENT);

        assertThat(costs.hourly(canvas("ml.t3.medium", "InService"))).isEqualTo(1.9);
    }

    @Test
    void hourly_whenNoCanvasPrice_isUnknownWithOneWarning() {
        Warnings log = new Warnings();
        Costs costs = new Costs(prices(null), log);

        assertThat(costs.hourly(canvas("system", "InService"))).isNull();
        assertThat(costs.hourly(canvas("ml.t3.medium", "InService"))).isNull();
        assertThat(log.warned).singleElement().asString().contains("no price for the Canvas workspace instance");
    }

    @Test
    void hourly_whenHyperPodCluster_isTheSumOverItsGroupsOfCountTimesPrice() {
        Costs costs = new Costs(prices(null), Log.SILENT);
        Resource cluster = new Resource("llm", "us-east-1", null, "InService", null, 5, CREATED, CREATED, new Resource.ClusterShape(List.of(
                        new Resource.InstanceGroup("controller", "ml.m5.xlarge", 1, 1, Map.of(), false, null),
                        new Resource.InstanceGroup("workers", "ml.g5.8xlarge", 4, 4, Map.of(), false, null),
                        new Resource.InstanceGroup("spare", "ml.g5.8xlarge", 0, 0, Map.of(), false, null))), null);

        assertThat(costs.hourly(cluster)).isEqualTo(5.0);
    }

    @Test
    void hourly_whenHyperPodClusterNotDescribedOrUnpriced_isUnknown() {
        Warnings log = new Warnings();
        Costs costs = new Costs(u -> Optional.empty(), log);
        Resource listed = new Resource("llm", "us-east-1", null, "InService", null, null, CREATED,
                CREATED, Resource.ClusterShape.listed(), null);
        Resource described = new Resource("llm", "us-east-1", null, "InService", null, 1, CREATED,
                CREATED, new Resource.ClusterShape(List.of(
                        new Resource.InstanceGroup("w", "ml.g5.8xlarge", 1, 1, Map.of(), false, null))), null);

        assertThat(costs.hourly(listed)).isNull();
        assertThat(costs.hourly(described)).isNull();
        assertThat(log.warned).singleElement().asString().contains("no hyperpod price for instance type ml.g5.8xlarge");
    }

    @Test
    void hourly_whenCanvasAppDeleted_isZero() {
        Costs costs = new Costs(prices(null), Log.SILENT);

        assertThat(costs.hourly(canvas("system", "Deleted"))).isEqualTo(0.0);
    }
}
