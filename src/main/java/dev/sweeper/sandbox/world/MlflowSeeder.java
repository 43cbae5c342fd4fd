package dev.sweeper.sandbox.world;

import dev.sweeper.sandbox.fleet.FleetSpec;

/** Seeds MLflow tracking servers from the fleet (served by the SageMaker API's MlflowApi). */
final class MlflowSeeder {
    private MlflowSeeder() {
    }

    /** Puts the fleet's MLflow tracking servers into the world; called by {@link World#load}, under its lock. */
    static void seed(World w, FleetSpec fleet) {
        String defaultRegion = fleet.region();
        for (FleetSpec.MlflowTrackingServer m : fleet.mlflowTrackingServers()) {
            World.MlflowServer sv = new World.MlflowServer();
            sv.region = World.or(m.region(), defaultRegion);
            sv.name = m.name();
            sv.arn = w.arn(sv.region, "mlflow-tracking-server/" + m.name());
            sv.size = m.size() == null ? "Small" : m.size();
            sv.status = m.status() == null ? "Created" : m.status();
            sv.mlflowVersion = m.mlflowVersion() == null ? "2.16.2" : m.mlflowVersion();
            sv.created = w.ago(m.age(), "30d");
            sv.lastModified = m.runningFor() != null ? w.ago(m.runningFor(), null) : sv.created;
            w.mlflowServers.put(World.key(sv.region, sv.name), sv);
            w.putTags(sv.arn, m.tags());
        }
    }
}
