package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * HyperPod clusters end to end (issue 13, point 3) on the sample fleet: listed by scan with their instance groups,
 * UNKNOWN without an age rule, IDLE under hyperpod.max-age from the config, cost unknown without a price, never
 * acted on.
 */
class HyperPodIT {
    @RegisterExtension
    final Sandbox sandbox = Sandbox.perTestSampleFleet();

    @TempDir
    Path dir;

    @Test
    void scan_listsClustersWithInstanceGroupsUnknownVerdictAndUnknownCost() {
        Cli.Run run = sandbox.sweeper("scan", "--kinds", "hyperpod");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode c = run.byName().get("llm-training");
        assertThat(c.path("kind").asText()).isEqualTo("hyperpod");
        assertThat(c.path("verdict").asText()).isEqualTo("UNKNOWN");
        assertThat(c.path("reasons").toString()).contains("no activity signal for HyperPod clusters");
        assertThat(c.path("instanceGroups")).hasSize(2);
        assertThat(c.path("instanceGroups").get(1).path("instanceType").asText()).isEqualTo("ml.g5.8xlarge");
        assertThat(c.path("instanceGroups").get(1).path("currentCount").asInt()).isEqualTo(4);
        // No HyperPod price in the bundled table, but AWS's price list (the sandbox's) has both types: 0.23 + 4 x 3.06.
        assertThat(c.path("hourlyCost").asDouble()).isEqualTo(12.47);
        assertThat(c.path("priceSource").asText()).isEqualTo("aws");
        assertThat(sandbox.calls("SageMaker.ListClusters")).isEqualTo(1);
        assertThat(sandbox.calls("SageMaker.DescribeCluster")).isEqualTo(1);
    }

    @Test
    void scan_whenConfigHasAnAgeRule_isIdleByAgeAndSaysSo() throws Exception {
        Path config = dir.resolve("sweeper.yaml");
        Files.writeString(config, "hyperpod:\n  max-age: 30d\n");

        Cli.Run run = sandbox.sweeper("scan", "--kinds", "hyperpod", "--config", config.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode c = run.byName().get("llm-training");
        assertThat(c.path("verdict").asText()).isEqualTo("IDLE");
        assertThat(c.path("reasons").toString()).contains("an age rule, not observed idleness");
    }

    @Test
    void scan_whenTheAccountHasNoClusters_costsOnlyItsListCall() throws Exception {
        try (Sandbox empty = Sandbox.fleet("region: us-east-1\nnotebooks:\n  - {name: nb-1, status: Stopped}\n")) {
            Cli.Run run = empty.sweeper("scan", "--kinds", "hyperpod");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(empty.totalCalls()).isEqualTo(1);
            assertThat(empty.calls("SageMaker.ListClusters")).isEqualTo(1);
        }
    }

    /**
     * DescribeCluster as botocore's model has it: a flexible group gives InstanceTypeDetails and no InstanceType, a
     * restricted group is in RestrictedInstanceGroups, a group on a training plan carries TrainingPlanArn. Each is
     * read, and the cost counts what bills: the flexible and restricted groups' instances, not the prepaid group's.
     */
    @Test
    void scan_whenFlexibleRestrictedAndTrainingPlanGroups_readsThemAndCostsWhatBills() throws Exception {
        Path prices = dir.resolve("prices.yaml");
        Files.writeString(prices, "takenOn: 2026-12-01\nhyperpod:\n  ml.m5.xlarge: 1\n  ml.g5.8xlarge: 2\n"
                + "  ml.p5.48xlarge: 50\n");
        Path config = dir.resolve("sweeper.yaml");
        Files.writeString(config, "prices: " + prices + "\n");
        String fleet = """
                region: us-east-1
                hyperpodClusters:
                  - name: nova
                    instanceGroups:
                      - {name: controller, instanceType: ml.m5.xlarge, count: 1}
                      - {name: flex, instanceTypes: {ml.g5.8xlarge: 3, ml.m5.xlarge: 2}}
                      - {name: rig, instanceType: ml.m5.xlarge, count: 4, restricted: true}
                      - {name: reserved, instanceType: ml.p5.48xlarge, count: 8, trainingPlan: p5-week}
                """;
        try (Sandbox s = Sandbox.fleet(fleet)) {
            Cli.Run run = s.sweeper("scan", "--kinds", "hyperpod", "--config", config.toString());

            assertThat(run.exitCode()).as(run.toString()).isZero();
            JsonNode c = run.byName().get("nova");
            assertThat(c.path("instanceGroups")).hasSize(4);
            JsonNode flex = c.path("instanceGroups").get(1);
            assertThat(flex.path("instanceType").isNull()).isTrue();
            assertThat(flex.path("instanceTypeDetails").path("ml.g5.8xlarge").asInt()).isEqualTo(3);
            // RestrictedInstanceGroups come after InstanceGroups.
            assertThat(c.path("instanceGroups").get(2).path("trainingPlanArn").asText()).endsWith(":training-plan/p5-week");
            assertThat(c.path("instanceGroups").get(3).path("name").asText()).isEqualTo("rig");
            assertThat(c.path("instanceGroups").get(3).path("restricted").asBoolean()).isTrue();
            // controller 1 + flex (3 x 2 + 2 x 1) + restricted 4 x 1; the training plan's 8 x 50 is prepaid.
            assertThat(c.path("hourlyCost").asDouble()).isEqualTo(13.0);
            assertThat(c.path("reasons").toString()).contains("instance group reserved on a training plan: prepaid, no saving");
        }
    }
}
