package dev.sweeper.app.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sweeper.app.evidence.CanvasEvidence;
import dev.sweeper.core.Evaluation;
import dev.sweeper.core.Evidence;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Kind;
import dev.sweeper.core.MetricsGateway;
import dev.sweeper.core.Protection;
import dev.sweeper.core.Resource;
import dev.sweeper.core.ResourceKey;
import dev.sweeper.core.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The re-check before a Canvas app is deleted: its TimeSinceLastActive read again, up to now. */
class AppDeleteActionTest {
    static final Instant NOW = Instant.parse("2026-11-28T15:00:00Z");
    static final Instant WINDOW_START = NOW.minus(Duration.ofHours(24));

    static Finding canvas(String user) {
        Instant created = NOW.minus(Duration.ofDays(5));
        Resource r = new Resource("default", "us-east-1", null, "InService", "ml.t3.medium", 1, created,
                created, new Resource.AppShape("d-1", "Canvas", user, null, null, null, null), null);
        return new Finding(r, new Evaluation(Verdict.IDLE, List.of("idle"), Evidence.notGathered()), Protection.NONE,
                null, null, null, null, null, null);
    }

    /** Answers each user's query with one datapoint 2 minutes old of {@code secondsSinceActive}, or fails it. */
    static final class Metrics implements MetricsGateway {
        final Map<String, MetricsGateway.Result> byUser = new HashMap<>();
        final List<Instant[]> ranges = new ArrayList<>();

        Metrics user(String user, double secondsSinceActive) {
            byUser.put(user, new Result.Values(List.of(secondsSinceActive), List.of(NOW.minusSeconds(120))));
            return this;
        }

        @Override
        public List<Series> listSeries(String namespace, String metricName) {
            throw new AssertionError("no listing needed");
        }

        @Override
        public Map<String, Result> fetch(List<Query> queries, Instant start, Instant end) {
            ranges.add(new Instant[] {start, end});
            Map<String, Result> out = new HashMap<>();
            for (Query q : queries) {
                out.put(q.id(), byUser.getOrDefault(q.series().dimension("UserProfileName"),
                        new Result.Failed("AccessDenied")));
            }
            return out;
        }
    }

    AppDeleteAction action(Metrics metrics) {
        return new AppDeleteAction(null, new CanvasEvidence(() -> metrics), WINDOW_START, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void preflight_whenStillIdle_letsItBeDeleted() {
        Metrics metrics = new Metrics().user("bob", Duration.ofDays(3).getSeconds());

        Map<ResourceKey, String> skip = action(metrics).preflight(List.of(canvas("bob")));

        assertThat(skip).isEmpty();
        // Read from the start of the evaluated window up to now.
        assertThat(metrics.ranges).singleElement().satisfies(r -> {
            assertThat(r[0]).isBeforeOrEqualTo(WINDOW_START);
            assertThat(r[1]).isAfter(NOW);
        });
    }

    @Test
    void preflight_whenTheUserCameBack_skipsIt() {
        Finding bob = canvas("bob");
        Map<ResourceKey, String> skip = action(new Metrics().user("bob", 60)).preflight(List.of(bob));

        assertThat(skip.get(bob.resource().key())).contains("no longer idle (ACTIVE)");
    }

    @Test
    void preflight_whenTheMetricCannotBeRead_skipsIt() {
        Finding bob = canvas("bob");
        Map<ResourceKey, String> skip = action(new Metrics()).preflight(List.of(bob));

        assertThat(skip.get(bob.resource().key())).contains("could not read TimeSinceLastActive: AccessDenied");
    }

    @Test
    void preflight_whenNoCanvasApp_readsNothing() {
        Metrics metrics = new Metrics();
        Instant created = NOW.minus(Duration.ofDays(5));
        Resource kernel = new Resource("k", "us-east-1", null, "InService", "ml.t3.medium", 1, created,
                created, new Resource.AppShape("d-1", "KernelGateway", "bob", null, null, null, null), null);
        Finding f = new Finding(kernel, new Evaluation(Verdict.IDLE, List.of("age"), Evidence.notGathered()),
                Protection.NONE, null, null, null, null, null, null);

        assertThat(action(metrics).preflight(List.of(f))).isEmpty();
        assertThat(metrics.ranges).isEmpty();
    }
}
