package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Amazon Linux 2 notebook instances (issue 25, point 7). AWS: "Starting July 1, 2026, you can no longer create new
 * or restart stopped AL2 notebook instances" (https://docs.aws.amazon.com/sagemaker/latest/dg/nbi-al2.html). So scan
 * shows each notebook's PlatformIdentifier, and no command stops an AL2 notebook silently: it is skipped with the
 * reason unless --include-al2.
 */
class Al2NotebooksIT {
    static final String FLEET = """
            region: us-east-1
            notebooks:
              - {name: lab-al2, platform: notebook-al2-v3}
              - {name: lab-al1, platform: notebook-al1-v1}
              - {name: lab-new, platform: notebook-al2023-v1}
              - {name: lab-default}
            """;

    @Test
    void scan_showsEachNotebooksPlatformAndWarnsOfAl2() {
        try (Sandbox sandbox = Sandbox.fleet(FLEET)) {
            Cli.Run run = sandbox.sweeper("scan", "--kinds", "notebook");

            Map<String, JsonNode> r = run.byName();
            assertThat(r.get("lab-al2").path("platformIdentifier").asText()).isEqualTo("notebook-al2-v3");
            assertThat(r.get("lab-new").path("platformIdentifier").asText()).isEqualTo("notebook-al2023-v1");
            assertThat(r.get("lab-default").path("platformIdentifier").asText()).isEqualTo("notebook-al2023-v1");
            assertThat(r.get("lab-al2").path("reasons").toString())
                    .contains("platform notebook-al2-v3 (Amazon Linux 2): AWS no longer restarts a stopped AL2");
            assertThat(r.get("lab-new").path("reasons").toString()).doesNotContain("no longer restarts");
        }
    }

    @Test
    void stopNotebooks_whenAl2_skipsItWithTheReasonUnlessIncludeAl2() {
        try (Sandbox sandbox = Sandbox.fleet(FLEET)) {
            Cli.Run run = sandbox.sweeper("stop-notebooks", "--name-contains", "lab-", "--apply");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            Map<String, JsonNode> r = run.byName();
            for (String al : new String[] {"lab-al2", "lab-al1"}) {
                assertThat(r.get(al).path("action").path("outcome").asText()).as(al).isEqualTo("skipped");
                assertThat(r.get(al).path("action").path("detail").asText()).as(al)
                        .contains("no longer restarts a stopped").contains("not stopped without --include-al2");
            }
            assertThat(r.get("lab-new").path("action").path("outcome").asText()).isEqualTo("done");
            assertThat(sandbox.calls("SageMaker.StopNotebookInstance")).isEqualTo(2);
            assertThat(status(sandbox, "lab-al2")).isEqualTo("InService");
        }
    }

    @Test
    void stopNotebooks_whenIncludeAl2_plansItAndSaysWhatItMayCost() {
        try (Sandbox sandbox = Sandbox.fleet(FLEET)) {
            Cli.Run run = sandbox.sweeper("stop-notebooks", "--name-contains", "lab-al2", "--include-al2");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            JsonNode a = run.byName().get("lab-al2").path("action");
            assertThat(a.path("outcome").asText()).isEqualTo("planned");
            assertThat(a.path("detail").asText()).contains("--include-al2: platform notebook-al2-v3");
        }
    }

    @Test
    void autostopRestartIdle_whenAl2_isNotRestartedWithoutIncludeAl2() {
        String fleet = """
                region: us-east-1
                notebooks:
                  - {name: idle-al2, platform: notebook-al2-v3, runningFor: 3d, jupyter: {kernels: []}}
                """;
        try (Sandbox sandbox = Sandbox.fleet(fleet)) {
            Cli.Run run = sandbox.sweeper("autostop-notebooks", "--name-contains", "idle-", "--restart-idle");

            assertThat(run.exitCode()).as(run.toString()).isIn(0, 3);
            JsonNode a = run.byName().get("idle-al2").path("action");
            assertThat(a.path("detail").asText()).as(run.toString()).contains("not stopped without --include-al2");
            assertThat(a.path("outcome").asText()).isNotEqualTo("planned");
        }
    }

    /**
     * The sandbox, as AWS: a stopped AL2 notebook cannot be started again until UpdateNotebookInstance moves it to
     * notebook-al2023-v1 (AWS's documented migration).
     */
    @Test
    void sandbox_whenAStoppedAl2NotebookIsStarted_refusesUntilItsPlatformIsUpdated() throws Exception {
        String fleet = """
                region: us-east-1
                notebooks:
                  - {name: old-al2, platform: notebook-al2-v3, status: Stopped}
                """;
        try (Sandbox sandbox = Sandbox.fleet(fleet);
             var sm = software.amazon.awssdk.services.sagemaker.SageMakerClient.builder()
                     .endpointOverride(java.net.URI.create(sandbox.url()))
                     .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                     .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                             software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKID", "secret")))
                     .httpClient(software.amazon.awssdk.http.apache.ApacheHttpClient.create())
                     .build()) {
            assertThatThrownBy(() -> sm.startNotebookInstance(b -> b.notebookInstanceName("old-al2")))
                    .hasMessageContaining("can no longer be started");
            sm.updateNotebookInstance(b -> b.notebookInstanceName("old-al2").platformIdentifier("notebook-al2023-v1"));
            dev.sweeper.testing.Poll.until(() -> assertThat(status(sandbox, "old-al2")).isEqualTo("Stopped"));
            sm.startNotebookInstance(b -> b.notebookInstanceName("old-al2"));
            assertThat(status(sandbox, "old-al2")).isIn("Pending", "InService");
        }
    }

    static String status(Sandbox sandbox, String name) {
        for (JsonNode n : sandbox.state().path("notebooks")) {
            if (n.path("name").asText().equals(name)) {
                return n.path("status").asText();
            }
        }
        return null;
    }
}
