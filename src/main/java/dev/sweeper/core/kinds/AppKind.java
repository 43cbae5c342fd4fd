package dev.sweeper.core.kinds;

import dev.sweeper.core.AppRule;
import dev.sweeper.core.Evaluation;
import dev.sweeper.core.Evaluator;
import dev.sweeper.core.Evidence;
import dev.sweeper.core.Policy;
import dev.sweeper.core.PriceUsage;
import dev.sweeper.core.PriceUsages;
import dev.sweeper.core.Resource;
import dev.sweeper.core.SageMakerGateway;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * SageMaker Studio apps. Most have no signal the sweeper can read: an age rule ({@code apps.max-age},
 * {@code --max-age}) or nothing ({@link AppRule#app}). Canvas differs, and only here: its apps
 * ({@link Evaluator#isCanvas}) publish TimeSinceLastActive, so they are judged over an activity window of their own
 * (the {@link dev.sweeper.core.Kind#APP} entry of the policy's windows: config {@code canvas.window}) by
 * {@link AppRule#canvas}.
 */
public final class AppKind implements KindDefinition {
    @Override
    public Class<Resource.AppShape> shape() {
        return Resource.AppShape.class;
    }

    @Override
    public String plural() {
        return "Studio apps";
    }

    @Override
    public String heading() {
        return "Studio apps";
    }

    @Override
    public List<Resource> list(SageMakerGateway sm, Listing listing) {
        return sm.listApps(listing.problems());
    }

    /** Canvas apps' TimeSinceLastActive; the other apps have none. */
    /** Canvas's window: the only Studio apps with an activity signal. */
    @Override
    public String windowKey() {
        return "canvas.window";
    }

    @Override
    public String ageRuleKey() {
        return "apps.max-age";
    }

    /** Studio apps by instance type; the Canvas workspace per session-hour. */
    @Override
    public List<PriceUsage.Section> priceSections() {
        return List.of(PriceUsage.Section.byInstanceType("studio"), new PriceUsage.Section("canvas",
                java.util.regex.Pattern.compile("workspace"), "workspace", "workspace: 1.9"));
    }

    @Override
    public Gathering gathering() {
        return Gathering.CANVAS_ACTIVITY;
    }

    /** ListApps gives no ARN: DescribeApp does. */
    @Override
    public Resource withArn(SageMakerGateway sm, Resource listed) {
        return sm.describeApp(listed).orElse(listed);
    }

    /** Canvas apps only: the others are judged without a window. */
    @Override
    public Duration window(Resource r, Policy policy) {
        return Evaluator.isCanvas(r) ? policy.window(r.kind()) : null;
    }

    /** What {@code apps idle} reports as its window: the age rule (Canvas's window is in each Canvas app's reasons). */
    @Override
    public Duration reportedWindow(dev.sweeper.core.Kind kind, Policy policy) {
        return policy.maxAge(kind);
    }

    /** Idle by an age rule only: Canvas apps have a metric. */
    @Override
    public boolean idleByAgeOnly(Resource r) {
        return !Evaluator.isCanvas(r);
    }

    /**
     * A Canvas app bills its workspace instance per session-hour whatever instance type it lists (never free as a
     * {@code system} app is); any other app its instance, at its app type's Studio price; a system app nothing.
     */
    @Override
    public List<Billed> billed(Resource r) {
        if (Evaluator.isCanvas(r)) {
            return List.of(new Billed("canvas", PriceUsages.canvas(r.region()), 1));
        }
        if (Evaluator.SYSTEM_INSTANCE.equals(r.instanceType())) {
            return List.of();
        }
        return List.of(new Billed("studio", r.instanceType() == null ? null
                : PriceUsages.studio(r.app().appType(), r.instanceType(), r.region()),
                r.instanceCount() == null ? 1 : r.instanceCount()));
    }

    @Override
    public Evaluation evaluate(Resource r, Evidence evidence, Policy policy, Instant now) {
        return Evaluator.isCanvas(r) ? AppRule.canvas(r, evidence, window(r, policy), now)
                : AppRule.app(r, evidence, policy.maxAge(r.kind()), now);
    }

    @Override
    public void json(Resource r, Fields json) {
        Resource.AppShape app = r.app();
        json.startObject("app")
                .field("domainId", app.domainId())
                .field("appType", app.appType())
                .field("userProfile", app.userProfile())
                .field("space", app.space())
                .field("idleShutdown", app.idleShutdown())
                // Additive: "on" only where the app's image can honour the settings (see AppShape).
                .field("idleShutdownCoverage", app.idleShutdownCoverage())
                .endObject();
    }
}
