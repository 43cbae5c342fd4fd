package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which setting decides whether SageMaker shuts a Studio app down when idle (AWS's IdleSettings:
 * LifecycleManagement activates it per app type, for the domain and per user profile; a space only
 * sets its own timeout), read through the real SDK from the sandbox.
 */
class StudioIdleShutdownIT {

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
                spaces:
                  - {name: team-space, idleShutdown: true, idleTimeoutMinutes: 120}
                  - {name: eve-lab, owner: eve}
                  - {name: dana-lab, idleShutdown: true, idleTimeoutMinutes: 90, owner: dana}
                apps:
                  - {type: JupyterLab, name: default, space: team-space, instanceType: ml.m5.large, age: 3d}
                  - {type: JupyterLab, name: default, space: eve-lab, instanceType: ml.m5.large, age: 3d}
                  - {type: JupyterLab, name: default, space: dana-lab, instanceType: ml.m5.large, age: 3d}
            """;

    @Test
    void scan_whenTheDomainDisablesIt_aSpaceTimeoutDoesNotTurnItOn_butAnOwnersProfileDoes() {
        try (Sandbox sandbox = Sandbox.fleet(FLEET)) {
            Cli.Run run = sandbox.sweeper("scan", "--kinds", "app");

            assertThat(run.exitCode()).as(run.err()).isZero();
            Map<String, JsonNode> bySpace = bySpace(run);
            assertThat(bySpace.get("team-space").path("app").path("idleShutdown").asBoolean())
                    .as("a shared space's own timeout, in a domain where idle shutdown is DISABLED").isFalse();
            assertThat(bySpace.get("team-space").path("reasons").toString()).contains("off (domain locked)");
            assertThat(bySpace.get("eve-lab").path("app").path("idleShutdown").asBoolean())
                    .as("a private space follows its owner's profile, which ENABLES it").isTrue();
            assertThat(bySpace.get("eve-lab").path("reasons").toString()).contains("on, image unverified (user profile eve)");
            assertThat(bySpace.get("dana-lab").path("app").path("idleShutdown").asBoolean())
                    .as("owner without a setting of her own: the domain's DISABLED holds").isFalse();
        }
    }

    /**
     * AWS: idle shutdown needs SageMaker Distribution 2.0 or newer; a custom image needs SMD 2.0+ as its base or the
     * activity-monitor extension, which cannot be seen from outside. So "on" only where the image can honour it.
     */
    @Test
    void scan_whenSettingsOn_saysOnOnlyWhereTheAppsImageCanHonourIt() {
        String fleet = """
                region: us-east-1
                domains:
                  - id: d-img01
                    name: research
                    idleShutdown: true
                    spaces:
                      - {name: new-smd}
                      - {name: old-smd}
                      - {name: custom}
                      - {name: unversioned}
                    apps:
                      - {type: JupyterLab, space: new-smd, instanceType: ml.m5.large, image: "sagemaker-distribution-cpu:2.1.0"}
                      - {type: JupyterLab, space: old-smd, instanceType: ml.m5.large, image: "sagemaker-distribution-cpu:1.9.1"}
                      - {type: CodeEditor, space: custom, instanceType: ml.m5.large, image: "team-r-image:3"}
                      - {type: JupyterLab, space: unversioned, instanceType: ml.m5.large}
                """;
        try (Sandbox sandbox = Sandbox.fleet(fleet)) {
            Cli.Run run = sandbox.sweeper("scan", "--kinds", "app");

            assertThat(run.exitCode()).as(run.err()).isZero();
            Map<String, JsonNode> bySpace = bySpace(run);
            assertThat(bySpace.get("new-smd").path("app").path("idleShutdownCoverage").asText()).isEqualTo("on");
            assertThat(bySpace.get("new-smd").path("reasons").toString()).contains("Studio idle shutdown is on");
            assertThat(bySpace.get("old-smd").path("app").path("idleShutdownCoverage").asText())
                    .isEqualTo("settings on, image cannot honour it");
            assertThat(bySpace.get("old-smd").path("reasons").toString()).contains("1.9.1: idle shutdown needs 2.0 or newer");
            assertThat(bySpace.get("custom").path("app").path("idleShutdownCoverage").asText())
                    .isEqualTo("settings on, image unverified");
            assertThat(bySpace.get("custom").path("reasons").toString()).contains("custom image team-r-image");
            assertThat(bySpace.get("unversioned").path("app").path("idleShutdownCoverage").asText())
                    .isEqualTo("settings on, image unverified");
            for (JsonNode r : bySpace.values()) {
                assertThat(r.path("app").path("idleShutdown").asBoolean()).as("the settings themselves").isTrue();
            }
        }
    }

    private static Map<String, JsonNode> bySpace(Cli.Run run) {
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode r : run.json().path("resources")) {
            out.put(r.path("app").path("space").asText(), r);
        }
        return out;
    }
}
