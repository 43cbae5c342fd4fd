package dev.sweeper.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import org.junit.jupiter.api.Test;

/** The errors AWS really returns for resources that are gone or unreadable (issue 11, point 6). */
class GoneResourcesIT {

    @Test
    void stopNotebooksApply_whenTheNotebookIsGoneBeforeTheStop_skipsItAsGone() throws Exception {
        try (Sandbox sandbox = Sandbox.sampleFleet()) {
            // Deleted after the listing: AWS answers ValidationException "RecordNotFound" from then on.
            sandbox.fault("[{\"operation\":\"SageMaker.DescribeNotebookInstance\",\"mode\":\"validation\","
                    + "\"message\":\"RecordNotFound\",\"resource\":\"\\\"dev-alice\\\"\"},"
                    + "{\"operation\":\"SageMaker.StopNotebookInstance\",\"mode\":\"validation\","
                    + "\"message\":\"RecordNotFound\",\"resource\":\"\\\"dev-alice\\\"\"}]");

            Cli.Run run = sandbox.sweeper("stop-notebooks", "--name-contains", "dev-alice", "--apply");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            JsonNode alice = null;
            for (JsonNode r : run.json().path("resources")) {
                if (r.path("name").asText().equals("dev-alice")) {
                    alice = r;
                }
            }
            assertThat(alice).isNotNull();
            assertThat(alice.path("action").path("outcome").asText()).as(alice.toString()).isEqualTo("skipped");
            assertThat(alice.path("action").path("detail").asText()).contains("no longer exists");
        }
    }

    @Test
    void scanApps_whenOneDomainCannotBeDescribed_losesOnlyThatDomainsApps() throws Exception {
        try (Sandbox sandbox = Sandbox.sampleFleet()) {
            sandbox.fault("{\"operation\":\"SageMaker.DescribeDomain\",\"mode\":\"denied\",\"resource\":\"d-ops02\"}");

            Cli.Run run = sandbox.sweeper("scan", "--kinds", "app");

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
            JsonNode doc = run.json();
            assertThat(doc.path("resources")).as("the other domain's apps are still evaluated").isNotEmpty();
            assertThat(doc.path("resources").toString()).contains("d-research01").doesNotContain("d-ops02");
            assertThat(doc.path("problems").toString()).contains("d-ops02");
        }
    }
}
