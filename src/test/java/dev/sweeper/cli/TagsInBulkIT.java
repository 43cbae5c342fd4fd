package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Tags of every resource are read in bulk (GetResources), or per resource where that is denied. */
class TagsInBulkIT {

    /** name -> verdict/protected, for every endpoint. */
    static Map<String, String> outcomes(Cli.Run run) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode r : run.json().path("resources")) {
            out.put(r.path("name").asText(), r.path("verdict").asText() + "/" + r.path("protected").asText());
        }
        return out;
    }

    @Test
    void endpointsIdle_whenGetResourcesAllowed_readsTagsInOneCallNotOnePerEndpoint() throws Exception {
        try (Sandbox sandbox = Sandbox.sampleFleet()) {
            Cli.Run run = sandbox.sweeper("endpoints", "idle");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(sandbox.calls("Tagging.GetResources")).isEqualTo(1);
            assertThat(sandbox.calls("SageMaker.ListTags")).isZero();
            assertThat(outcomes(run)).containsEntry("search-ranker", "IDLE/true");
            assertThat(run.err()).doesNotContain("tag:GetResources");
        }
    }

    @Test
    void scan_readsEveryResourcesTagsInBulk_soEachSaysItsAccountAndWhetherItIsProtected() throws Exception {
        try (Sandbox sandbox = Sandbox.sampleFleet()) {
            Cli.Run run = sandbox.sweeper("scan");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            for (JsonNode r : run.json().path("resources")) {
                String what = r.path("kind").asText() + " " + r.path("name").asText();
                assertThat(r.path("account").asText()).as(what).isEqualTo("123456789012");
                assertThat(r.path("protected").isBoolean()).as(what + ": protected, whatever its verdict").isTrue();
            }
            // An MLflow tracking server that is not idle, tagged sweeper:protect: read all the same.
            assertThat(outcomes(run)).containsEntry("prod-model-registry", "UNKNOWN/true");
            // Apps and spaces are listed without an ARN: it is made from their domain's, never described for.
            assertThat(sandbox.calls("SageMaker.DescribeApp")).isZero();
            assertThat(sandbox.calls("SageMaker.ListTags")).isZero();
            // One GetResources per kind of the region (each under 100 ARNs), never one call per resource.
            assertThat(sandbox.calls("Tagging.GetResources")).isEqualTo(6);
        }
    }

    @Test
    void scan_whenStudioAppsAndSpacesAreTagged_findsTheirTagsByTheArnsMadeFromTheirDomain() throws Exception {
        java.nio.file.Path fleet = java.nio.file.Files.createTempFile("fleet", ".yaml");
        java.nio.file.Files.writeString(fleet, """
                region: us-east-1
                account: "123456789012"
                domains:
                  - id: d-tagged01
                    name: tagged
                    age: 100d
                    userProfiles:
                      - {name: alice}
                    spaces:
                      - {name: Kept, ebsVolumeSizeInGb: 10, tags: {"sweeper:protect": "true"}}
                      - {name: plain, ebsVolumeSizeInGb: 10}
                    apps:
                      - {type: JupyterLab, name: default, space: Kept, instanceType: ml.t3.medium, age: 2d, tags: {"sweeper:protect": "true"}}
                      - {type: KernelGateway, name: Mixed-Case-1, userProfile: alice, instanceType: ml.t3.medium, age: 2d, tags: {"sweeper:protect": "true"}}
                      - {type: KernelGateway, name: plain-kernel, userProfile: alice, instanceType: ml.t3.medium, age: 2d}
                """);
        try (Sandbox sandbox = Sandbox.start(dev.sweeper.sandbox.SandboxOptions.defaults().withFleetFile(fleet))) {
            Cli.Run run = sandbox.sweeper("scan", "--kinds", "app,space");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            Map<String, String> prot = new TreeMap<>();
            for (JsonNode r : run.json().path("resources")) {
                prot.put(r.path("kind").asText() + " " + r.path("name").asText(), r.path("protected").asText());
                assertThat(r.path("account").asText()).isEqualTo("123456789012");
            }
            assertThat(prot).containsEntry("space Kept", "true").containsEntry("space plain", "false")
                    .containsEntry("app default", "true").containsEntry("app Mixed-Case-1", "true")
                    .containsEntry("app plain-kernel", "false");
            assertThat(sandbox.calls("SageMaker.DescribeApp")).isZero();
            assertThat(sandbox.calls("Tagging.GetResources")).isEqualTo(2);
        }
    }

    @Test
    void endpointsIdle_whenGetResourcesDenied_fallsBackToListTagsWithOneWarningAndTheSameOutcomes() throws Exception {
        Map<String, String> bulk;
        try (Sandbox sandbox = Sandbox.sampleFleet()) {
            Cli.Run run = sandbox.sweeper("endpoints", "idle");
            assertThat(run.exitCode()).as(run.toString()).isZero();
            bulk = outcomes(run);
        }
        try (Sandbox sandbox = Sandbox.sampleFleet()) {
            sandbox.fault("{\"operation\":\"Tagging.GetResources\",\"mode\":\"denied\",\"rate\":1.0}");

            Cli.Run run = sandbox.sweeper("endpoints", "idle");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(outcomes(run)).isEqualTo(bulk);
            // Every endpoint listed, idle or not: each says whether it is protected.
            assertThat(sandbox.calls("SageMaker.ListTags")).isEqualTo(bulk.size());
            assertThat(sandbox.calls("Tagging.GetResources")).isEqualTo(1);
            assertThat(run.err().lines().filter(l -> l.contains("tag:GetResources is not allowed")).count())
                    .as(run.err()).isEqualTo(1);
            assertThat(run.json().path("problems")).isEmpty();
        }
    }
}
