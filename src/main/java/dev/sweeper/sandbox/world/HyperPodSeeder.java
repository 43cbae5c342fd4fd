package dev.sweeper.sandbox.world;

import dev.sweeper.sandbox.fleet.FleetSpec;

/** Seeds HyperPod clusters from the fleet (served by the SageMaker API's HyperPodApi). */
final class HyperPodSeeder {
    private HyperPodSeeder() {
    }

    /** Puts the fleet's HyperPod clusters into the world; called by {@link World#load}, under its lock. */
    static void seed(World w, FleetSpec fleet) {
        String defaultRegion = fleet.region();
        for (FleetSpec.HyperPodCluster h : fleet.hyperpodClusters()) {
            World.Cluster cl = new World.Cluster();
            cl.region = World.or(h.region(), defaultRegion);
            cl.name = h.name();
            // ClusterArn: arn:aws:sagemaker:REGION:ACCOUNT:cluster/ followed by a 12-character id of a-z 0-9.
            String id = Integer.toHexString((cl.region + "/" + cl.name).hashCode());
            cl.arn = w.arn(cl.region, "cluster/" + ("000000000000" + id).substring(id.length()));
            cl.status = World.or(h.status(), "InService");
            cl.created = w.ago(h.age(), "30d");
            for (FleetSpec.InstanceGroup g : h.instanceGroups()) {
                World.ClusterGroup cg = new World.ClusterGroup();
                cg.name = g.name();
                cg.instanceType = g.instanceType();
                if (g.instanceTypes() != null) {
                    cg.instanceTypes.putAll(g.instanceTypes());
                }
                cg.restricted = Boolean.TRUE.equals(g.restricted());
                // TrainingPlanArn: arn:aws:sagemaker:REGION:ACCOUNT:training-plan/NAME.
                cg.trainingPlanArn = g.trainingPlan() == null ? null : w.arn(cl.region, "training-plan/" + g.trainingPlan());
                cg.currentCount = g.count() == null
                        ? (cg.instanceTypes.isEmpty() ? 1 : cg.instanceTypes.values().stream().mapToInt(Integer::intValue).sum())
                        : g.count();
                cg.targetCount = g.targetCount() == null ? cg.currentCount : g.targetCount();
                cg.status = World.or(g.status(), "InService");
                cl.groups.add(cg);
            }
            w.clusters.put(World.key(cl.region, cl.name), cl);
            w.putTags(cl.arn, h.tags());
        }
    }
}
