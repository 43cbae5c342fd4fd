package dev.sweeper.sandbox.world;

import dev.sweeper.sandbox.fleet.FleetSpec;

/** Seeds notebook instances and their lifecycle configurations from the fleet (served by SageMaker's NotebooksApi). */
final class NotebookSeeder {
    private NotebookSeeder() {
    }

    /**
     * Puts the fleet's lifecycle configurations and notebook instances into the world; called by {@link World#load}, under its lock.
     */
    static void seed(World w, FleetSpec fleet) {
        String defaultRegion = fleet.region();
        for (FleetSpec.LifecycleConfig c : fleet.lifecycleConfigs()) {
            w.putLifecycleConfig(World.or(c.region(), defaultRegion), c.name(), World.base64(c.onStart()), World.base64(c.onCreate()),
                    w.ago(c.age(), "30d"));
        }
        for (FleetSpec.Notebook n : fleet.notebooks()) {
            World.Notebook nb = new World.Notebook();
            nb.region = World.or(n.region(), defaultRegion);
            nb.name = n.name();
            nb.arn = w.arn(nb.region, "notebook-instance/" + n.name());
            nb.instanceType = World.or(n.instanceType(), "ml.t3.medium");
            nb.status = World.or(n.status(), "InService");
            nb.created = w.ago(n.age(), "30d");
            nb.lastModified = n.runningFor() != null ? w.ago(n.runningFor(), null) : nb.created;
            nb.lifecycleConfig = n.lifecycleConfig();
            nb.failTransition = Boolean.TRUE.equals(n.failTransition());
            nb.volumeSizeInGB = n.volumeSizeInGB() == null ? 5 : n.volumeSizeInGB();
            nb.platform = World.or(n.platform(), "notebook-al2023-v1");
            nb.failureReason = "Failed".equals(nb.status) ? World.or(n.failureReason(), "ResourceLimitExceeded: The account-level service limit was exceeded.") : null;
            w.notebooks.put(World.key(nb.region, nb.name), nb);
            w.putTags(nb.arn, n.tags());
        }
    }
}
