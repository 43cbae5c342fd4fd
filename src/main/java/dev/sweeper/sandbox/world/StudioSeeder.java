package dev.sweeper.sandbox.world;

import dev.sweeper.sandbox.fleet.FleetSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Seeds Studio domains with their user profiles, spaces and apps from the fleet (served by the SageMaker API's
 * StudioApi and StudioSettingsApi), and the activity series a running Canvas app publishes to CloudWatch.
 */
final class StudioSeeder {
    private StudioSeeder() {
    }

    /**
     * Puts the fleet's Studio domains, user profiles, spaces and apps into the world; called by {@link World#load}, under its lock.
     */
    static void seed(World w, FleetSpec fleet) {
        String defaultRegion = fleet.region();
        for (FleetSpec.Domain d : fleet.domains()) {
            World.Domain dom = new World.Domain();
            dom.region = World.or(d.region(), defaultRegion);
            dom.id = d.id();
            dom.name = World.or(d.name(), d.id());
            dom.arn = w.arn(dom.region, "domain/" + d.id());
            dom.created = w.ago(d.age(), "90d");
            dom.idleShutdown = d.idleShutdown();
            dom.idleTimeoutMinutes = d.idleTimeoutMinutes() == null ? 60 : d.idleTimeoutMinutes();
            w.putTags(dom.arn, d.tags());
            if (d.userProfiles() != null) {
                for (FleetSpec.UserProfile p : d.userProfiles()) {
                    World.UserProfile up = new World.UserProfile();
                    up.name = p.name();
                    up.arn = w.arn(dom.region, "user-profile/" + dom.id + "/" + p.name());
                    up.created = p.age() != null ? w.ago(p.age(), null) : dom.created;
                    up.idleShutdown = p.idleShutdown();
                    dom.profiles.put(up.name, up);
                    w.putTags(up.arn, p.tags());
                }
            }
            if (d.spaces() != null) {
                for (FleetSpec.Space s : d.spaces()) {
                    World.Space sp = new World.Space();
                    sp.name = s.name();
                    sp.arn = w.arn(dom.region, "space/" + dom.id + "/" + s.name());
                    sp.created = s.age() != null ? w.ago(s.age(), null) : dom.created;
                    sp.idleShutdown = s.idleShutdown();
                    sp.idleTimeoutMinutes = s.idleTimeoutMinutes() == null ? 60 : s.idleTimeoutMinutes();
                    sp.owner = s.owner();
                    sp.ebsVolumeSizeInGb = s.ebsVolumeSizeInGb() == null ? 5 : s.ebsVolumeSizeInGb();
                    sp.status = s.status() == null ? "InService" : s.status();
                    dom.spaces.put(sp.name, sp);
                    w.putTags(sp.arn, s.tags());
                }
            }
            if (d.apps() != null) {
                for (FleetSpec.App a : d.apps()) {
                    World.App app = new World.App();
                    app.region = dom.region;
                    app.domainId = dom.id;
                    app.userProfile = a.userProfile();
                    app.space = a.space();
                    app.type = a.type();
                    app.name = World.or(a.name(), "default");
                    if (a.image() != null) {
                        int colon = a.image().indexOf(':');
                        app.image = colon < 0 ? a.image() : a.image().substring(0, colon);
                        app.imageVersion = colon < 0 ? null : a.image().substring(colon + 1);
                    }
                    String owner = a.space() != null ? a.space() : a.userProfile();
                    app.arn = w.arn(dom.region, "app/" + dom.id + "/" + owner + "/" + app.type + "/" + app.name);
                    app.instanceType = World.or(a.instanceType(), "JupyterServer".equals(app.type) ? "system" : "ml.t3.medium");
                    app.status = World.or(a.status(), "InService");
                    app.created = w.ago(a.age(), "1d");
                    app.lastActivity = a.lastActivity() != null ? w.ago(a.lastActivity(), null) : w.start.minusSeconds(120);
                    dom.apps.add(app);
                    w.putTags(app.arn, a.tags());
                    if ("Canvas".equals(app.type) && "InService".equals(app.status) && app.userProfile != null) {
                        publishCanvasActivity(w, app);
                    }
                }
            }
            w.domains.put(World.key(dom.region, dom.id), dom);
        }
    }

    /**
     * A running Canvas app publishes, every minute, the seconds since its user was last active (its fleet
     * {@code lastActivity}): metric TimeSinceLastActive in the namespace /aws/sagemaker/Canvas/AppActivity with the
     * dimensions DomainId and UserProfileName, as AWS describes it in "Optimizing costs for Amazon SageMaker Canvas
     * with automatic shutdown of idle apps"
     * (https://aws.amazon.com/blogs/machine-learning/optimizing-costs-for-amazon-sagemaker-canvas-with-automatic-shutdown-of-idle-apps/;
     * its templates, github.com/aws-samples/sagemaker-canvas-auto-shutdown-on-idle, query exactly that series). AWS
     * does not say how often; the sandbox publishes every minute from the app's creation (or the user's last activity,
     * if later), counting up from the last activity, and goes on doing so while it runs.
     */
    private static void publishCanvasActivity(World w, World.App app) {
        Instant from = app.lastActivity.isAfter(app.created) ? app.lastActivity : app.created;
        double at = Duration.between(app.lastActivity, from).getSeconds();
        w.metrics.addRule(app.region, World.CANVAS_NAMESPACE, "TimeSinceLastActive",
                Map.of("DomainId", app.domainId, "UserProfileName", app.userProfile),
                new MetricStore.Rule(from.getEpochSecond(), MetricStore.MINUTE, at, 1));
    }
}
