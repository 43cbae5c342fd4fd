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
            assertThat(bySpace.get("eve-lab").path("reasons").toString()).contains("on (user profile eve)");
            assertThat(bySpace.get("dana-lab").path("app").path("idleShutdown").asBoolean())
                    .as("owner without a setting of her own: the domain's DISABLED holds").isFalse();
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
