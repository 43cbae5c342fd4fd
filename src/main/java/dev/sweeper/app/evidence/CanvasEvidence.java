package dev.sweeper.app.evidence;

import dev.sweeper.core.Evaluator;
import dev.sweeper.core.Evidence;
import dev.sweeper.core.MetricsGateway;
import dev.sweeper.core.MetricsGateway.Query;
import dev.sweeper.core.MetricsGateway.Result;
import dev.sweeper.core.MetricsGateway.Series;
import dev.sweeper.core.Resource;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads the Canvas apps' TimeSinceLastActive, one query per app, in as few GetMetricData calls as the API allows
 * (the {@link MetricsGateway} batches them). Namespace, metric and dimensions are AWS's, see {@link Evaluator#CANVAS}.
 * Each query asks for the smallest value of each period over the window; the newest period is the evidence.
 */
public final class CanvasEvidence {
    /** CloudWatch keeps 5-minute data for 63 days, hourly data beyond. */
    private static final Duration FIVE_MINUTE_RETENTION = Duration.ofDays(63);

    private final Supplier<MetricsGateway> gateway;

    /** The gateway is asked for only when there is a Canvas app to check. */
    public CanvasEvidence(Supplier<MetricsGateway> gateway) {
        this.gateway = gateway;
    }

    /** The series AWS publishes for this Canvas app's user. */
    static Series series(Resource app) {
        return Series.of(Evaluator.CANVAS_NAMESPACE, Evaluator.CANVAS_METRIC,
                Evaluator.CANVAS_DOMAIN_DIM, app.app().domainId(), Evaluator.CANVAS_USER_DIM, app.app().userProfile());
    }

    /**
     * The evidence of each Canvas app (by its key), read from {@code start} up to {@code now}: the newest datapoint,
     * no signal when there is none, the failure when the query failed.
     */
    public Map<Resource, Evidence> read(List<Resource> apps, Instant start, Instant now) {
        Map<Resource, Evidence> out = new LinkedHashMap<>();
        if (apps.isEmpty()) {
            return out;
        }
        int period = Duration.between(start, now).compareTo(FIVE_MINUTE_RETENTION) > 0 ? 3600 : 300;
        Instant from = Instant.ofEpochSecond(Math.floorDiv(start.getEpochSecond(), period) * period);
        Instant to = now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        List<Query> queries = new ArrayList<>();
        List<Resource> queried = new ArrayList<>();
        for (Resource app : apps) {
            if (app.app() == null || app.app().userProfile() == null) {
                out.put(app, new Evidence.NoSignal("a Canvas app without a user profile has no "
                        + Evaluator.CANVAS_METRIC + " series", null));
                continue;
            }
            queries.add(new Query("c" + queries.size(), series(app), "Minimum", period));
            queried.add(app);
        }
        Map<String, Result> results = queries.isEmpty() ? Map.of() : gateway.get().fetch(queries, from, to);
        for (int i = 0; i < queried.size(); i++) {
            Result r = results.get(queries.get(i).id());
            Evidence e;
            if (r == null) {
                e = new Evidence.Failed("no result for " + Evaluator.CANVAS_METRIC);
            } else if (r instanceof Result.Failed f) {
                e = new Evidence.Failed(f.error());
            } else {
                Result.Values v = (Result.Values) r;
                Result.Point latest = v.latest();
                if (latest != null) {
                    e = new Evidence.CanvasActivity(latest.at(), latest.value(), period);
                } else if (!v.values().isEmpty()) {
                    e = new Evidence.Failed(Evaluator.CANVAS_METRIC + " came back without timestamps");
                } else {
                    e = new Evidence.NoSignal("no " + Evaluator.CANVAS_METRIC + " datapoints (" + Evaluator.CANVAS_NAMESPACE
                            + ", DomainId " + queried.get(i).app().domainId() + ", UserProfileName "
                            + queried.get(i).app().userProfile() + ") since " + start,
                            "Canvas publishes it while the app runs; without it the sweeper cannot tell");
                }
            }
            out.put(queried.get(i), e);
        }
        return out;
    }
}
