package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Tags of idle resources are read in bulk (GetResources), or per resource where that is denied. */
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
            long idle = bulk.values().stream().filter(v -> v.startsWith("IDLE/")).count();
            assertThat(sandbox.calls("SageMaker.ListTags")).isEqualTo((int) idle);
            assertThat(sandbox.calls("Tagging.GetResources")).isEqualTo(1);
            assertThat(run.err().lines().filter(l -> l.contains("tag:GetResources is not allowed")).count())
                    .as(run.err()).isEqualTo(1);
            assertThat(run.json().path("problems")).isEmpty();
        }
    }
}
