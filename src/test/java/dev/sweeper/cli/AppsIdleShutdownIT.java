package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeDomainResponse;

/**
 * `apps idle-shutdown` end to end (issue 13, point 2): SageMaker's idle shutdown turned on for JupyterLab and Code
 * Editor in domains' default settings or in user profiles, through the real SDK against the sandbox: dry run,
 * apply (and scan then sees it on), protection, --max-actions, the audit log's old settings, and --undo.
 */
class AppsIdleShutdownIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final software.amazon.awssdk.auth.credentials.AwsCredentialsProvider CREDS =
            software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                    software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIDSANDBOX", "sandbox-secret"));

    static final String FLEET = """
            region: us-east-1
            domains:
              - id: d-off01
                name: locked
                age: 90d
                idleShutdown: false
                userProfiles:
                  - {name: dana}
                  - {name: eve, idleShutdown: true}
                  - {name: frank, idleShutdown: false, tags: {"sweeper:protect": "true"}}
                spaces:
                  - {name: team-space}
                  - {name: dana-lab, owner: dana}
                apps:
                  - {type: JupyterLab, name: default, space: team-space, instanceType: ml.m5.large, age: 3d}
                  - {type: JupyterLab, name: default, space: dana-lab, instanceType: ml.m5.large, age: 3d}
              - id: d-guard02
                name: guarded
                idleShutdown: false
                tags: {"sweeper:protect": "true"}
              - id: d-on03
                name: open
                idleShutdown: true
                idleTimeoutMinutes: 120
            """;

    @RegisterExtension
    final Sandbox sandbox = Sandbox.perTestFleet(FLEET);

    @TempDir
    Path dir;
    Path audit;

    @BeforeEach
    void start() {
        audit = dir.resolve("audit.jsonl");
    }

    Cli.Run sweeper(String... args) {
        return sandbox.sweeper(audit, args);
    }

    static Map<String, JsonNode> changes(Cli.Run run) throws Exception {
        Map<String, JsonNode> out = new HashMap<>();
        JSON.readTree(run.out()).path("changes").forEach(c -> out.put(c.path("name").asText(), c));
        return out;
    }

    List<JsonNode> auditLines() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        if (Files.exists(audit)) {
            for (String line : Files.readAllLines(audit)) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    /** The apps' idle shutdown as scan reports it, by space. */
    Map<String, Boolean> scanBySpace() {
        Cli.Run run = sandbox.sweeper("scan", "--kinds", "app");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        Map<String, Boolean> out = new HashMap<>();
        run.json().path("resources").forEach(r -> out.put(r.path("app").path("space").asText(),
                r.path("app").path("idleShutdown").asBoolean()));
        return out;
    }

    DescribeDomainResponse domain(String id) {
        try (SageMakerClient sm = SageMakerClient.builder().endpointOverride(URI.create(sandbox.url()))
                .region(Region.US_EAST_1).credentialsProvider(CREDS)
                .build()) {
            return sm.describeDomain(b -> b.domainId(id));
        }
    }

    @Test
    void domains_dryRun_plansTheUnprotectedDomainThatIsOff_andChangesNothing() throws Exception {
        Cli.Run run = sweeper("apps", "idle-shutdown", "--domains", "--all");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Map<String, JsonNode> c = changes(run);
        assertThat(c).containsOnlyKeys("locked", "guarded", "open");
        assertThat(c.get("locked").path("outcome").asText()).isEqualTo("planned");
        assertThat(c.get("locked").path("detail").asText())
                .contains("after 60 min for JupyterLab and CodeEditor").contains("was JupyterLab DISABLED");
        assertThat(c.get("guarded").path("outcome").asText()).isEqualTo("skipped");
        assertThat(c.get("guarded").path("detail").asText()).contains("protected: tagged sweeper:protect=true");
        assertThat(c.get("open").path("outcome").asText()).isEqualTo("skipped");
        assertThat(c.get("open").path("detail").asText()).contains("already on");
        assertThat(sandbox.calls("SageMaker.UpdateDomain")).isZero();
        assertThat(scanBySpace()).containsEntry("team-space", false);
    }

    @Test
    void domains_apply_turnsItOn_scanSeesIt_otherSettingsKept_andTheAuditHasTheOldSettings() throws Exception {
        var roleBefore = domain("d-off01").defaultUserSettings().executionRole();

        Cli.Run run = sweeper("apps", "idle-shutdown", "--domains", "--name-contains", "lock", "--timeout", "2h",
                "--apply");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(changes(run).get("locked").path("outcome").asText()).isEqualTo("done");
        assertThat(sandbox.calls("SageMaker.UpdateDomain")).isEqualTo(1);
        var after = domain("d-off01").defaultUserSettings();
        assertThat(after.jupyterLabAppSettings().appLifecycleManagement().idleSettings().lifecycleManagementAsString())
                .isEqualTo("ENABLED");
        assertThat(after.jupyterLabAppSettings().appLifecycleManagement().idleSettings().idleTimeoutInMinutes())
                .isEqualTo(120);
        assertThat(after.codeEditorAppSettings().appLifecycleManagement().idleSettings().lifecycleManagementAsString())
                .isEqualTo("ENABLED");
        assertThat(after.executionRole()).isEqualTo(roleBefore);
        // The shared space follows its domain; the private one its owner dana, who has no setting of her own.
        assertThat(scanBySpace()).containsEntry("team-space", true).containsEntry("dana-lab", true);

        JsonNode done = auditLines().stream().filter(l -> l.path("outcome").asText().equals("done")).findFirst()
                .orElseThrow();
        assertThat(done.path("kind").asText()).isEqualTo("domain");
        assertThat(done.path("action").asText()).isEqualTo("enable-idle-shutdown");
        assertThat(done.path("before").path("JupyterLab").path("LifecycleManagement").asText()).isEqualTo("DISABLED");
        assertThat(done.path("after").path("JupyterLab").path("IdleTimeoutInMinutes").asInt()).isEqualTo(120);
        assertThat(auditLines()).anyMatch(l -> l.path("reason").asText().startsWith("attempting:"));
    }

    @Test
    void userProfiles_apply_changesOnlyProfilesWhereItIsOff_neverTheProtectedOne_andUndoGivesTheOldSettingsBack()
            throws Exception {
        Cli.Run run = sweeper("apps", "idle-shutdown", "--user-profiles", "--all", "--apply");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Map<String, JsonNode> c = changes(run);
        assertThat(c.get("dana").path("outcome").asText()).isEqualTo("done");
        assertThat(c.get("eve").path("outcome").asText()).isEqualTo("skipped");
        assertThat(c.get("eve").path("detail").asText()).contains("already on");
        assertThat(c.get("frank").path("outcome").asText()).isEqualTo("skipped");
        assertThat(c.get("frank").path("detail").asText()).contains("protected");
        assertThat(sandbox.calls("SageMaker.UpdateUserProfile")).isEqualTo(1);
        // dana-lab follows its owner dana, now ENABLED; the shared space still follows the domain's DISABLED.
        assertThat(scanBySpace()).containsEntry("dana-lab", true).containsEntry("team-space", false);

        Cli.Run undoDry = sweeper("apps", "idle-shutdown", "--user-profiles", "--all", "--undo");
        assertThat(undoDry.exitCode()).as(undoDry.toString()).isZero();
        assertThat(changes(undoDry)).containsOnlyKeys("dana");
        assertThat(changes(undoDry).get("dana").path("outcome").asText()).isEqualTo("planned");
        assertThat(scanBySpace()).containsEntry("dana-lab", true);

        Cli.Run undo = sweeper("apps", "idle-shutdown", "--user-profiles", "--all", "--undo", "--apply");
        assertThat(undo.exitCode()).as(undo.toString()).isZero();
        JsonNode restored = changes(undo).get("dana");
        assertThat(restored.path("outcome").asText()).isEqualTo("done");
        assertThat(restored.path("detail").asText()).contains("becomes DISABLED");
        assertThat(scanBySpace()).containsEntry("dana-lab", false);

        Cli.Run again = sweeper("apps", "idle-shutdown", "--user-profiles", "--all", "--undo");
        assertThat(again.exitCode()).as("nothing left to undo").isEqualTo(2);
    }

    @Test
    void maxActions_whenMorePlanned_refusesTheWholeRun() throws Exception {
        Cli.Run run = sweeper("apps", "idle-shutdown", "--user-profiles", "--all", "--apply", "--max-actions", "0");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(5);
        assertThat(run.err()).contains("more than --max-actions 0");
        assertThat(sandbox.calls("SageMaker.UpdateUserProfile")).isZero();
        assertThat(auditLines()).anyMatch(l -> l.path("reason").asText().startsWith("refused:"));
        assertThat(scanBySpace()).containsEntry("dana-lab", false);
    }

    @Test
    void withoutAFilterOrAll_andWithABadTimeout_exitsTwoBeforeAnyCall() {
        Cli.Run noScope = sweeper("apps", "idle-shutdown", "--domains", "--apply");
        Cli.Run tooShort = sweeper("apps", "idle-shutdown", "--domains", "--all", "--timeout", "30m");
        Cli.Run tooLong = sweeper("apps", "idle-shutdown", "--domains", "--all", "--timeout", "525601");
        Cli.Run noLevel = sweeper("apps", "idle-shutdown", "--all");

        assertThat(noScope.exitCode()).as(noScope.toString()).isEqualTo(2);
        assertThat(noScope.err()).contains("--all");
        assertThat(tooShort.exitCode()).as(tooShort.toString()).isEqualTo(2);
        assertThat(tooShort.err()).contains("out of range");
        assertThat(tooLong.exitCode()).as(tooLong.toString()).isEqualTo(2);
        assertThat(noLevel.exitCode()).as(noLevel.toString()).isEqualTo(2);
        assertThat(sandbox.totalCalls()).isZero();
    }

    @Test
    void sandbox_refusesATimeoutOutsideAwsBounds_asValidationException() {
        try (SageMakerClient sm = SageMakerClient.builder().endpointOverride(URI.create(sandbox.url()))
                .region(Region.US_EAST_1).credentialsProvider(CREDS)
                .build()) {
            var e = org.assertj.core.api.Assertions.catchThrowableOfType(
                    software.amazon.awssdk.services.sagemaker.model.SageMakerException.class,
                    () -> sm.updateDomain(b -> b.domainId("d-off01")
                    .defaultUserSettings(u -> u.jupyterLabAppSettings(j -> j.appLifecycleManagement(
                            a -> a.idleSettings(i -> i.lifecycleManagement("ENABLED").idleTimeoutInMinutes(59)))))));
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
            assertThat(e.getMessage()).contains("greater than or equal to 60");
            var missing = org.assertj.core.api.Assertions.catchThrowableOfType(
                    software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException.class,
                    () -> sm.updateUserProfile(b -> b.domainId("d-off01").userProfileName("nobody")));
            assertThat(missing).isNotNull();
        }
        assertThat(domain("d-off01").defaultUserSettings().jupyterLabAppSettings().appLifecycleManagement()
                .idleSettings().lifecycleManagementAsString()).isEqualTo("DISABLED");
    }
}
