package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A sweeping command reads the discovered config file, and --config beats it. */
class ConfigDiscoveryIT {

    @TempDir
    Path dir;

    @RegisterExtension
    final Sandbox sandbox = Sandbox.perTestSampleFleet();

    Path write(String relative, String yaml) throws Exception {
        Path f = dir.resolve(relative);
        Files.createDirectories(f.getParent());
        Files.writeString(f, yaml);
        return f;
    }

    static Set<String> names(Cli.Run run) throws Exception {
        assertThat(run.exitCode()).as(run.toString()).isZero();
        Set<String> out = new HashSet<>();
        for (JsonNode r : run.json().path("resources")) {
            out.add(r.path("name").asText());
        }
        return out;
    }

    @Test
    void endpointsIdle_whenUserConfigHasRegions_sweepsThoseRegions() throws Exception {
        write("home/.config/sweeper/config.yaml", "regions: [eu-west-1]\n");

        Cli.Run run = Cli.run(Map.of("HOME", dir.resolve("home").toString(), "AWS_REGION", "us-east-1"),
                "endpoints", "idle", "--endpoint-url", sandbox.url(), "--output", "json");

        assertThat(names(run)).containsExactly("eu-fraud-v2");
    }

    @Test
    void endpointsIdle_whenExplicitConfig_winsOverTheUserConfig() throws Exception {
        write("xdg/sweeper/config.yaml", "regions: [eu-west-1]\n");
        Path explicit = write("explicit.yaml", "regions: [us-east-1]\n");

        Cli.Run run = Cli.run(Map.of("XDG_CONFIG_HOME", dir.resolve("xdg").toString()),
                "endpoints", "idle", "--endpoint-url", sandbox.url(), "--output", "json", "--config", explicit.toString());

        assertThat(names(run)).contains("fraud-v2").doesNotContain("eu-fraud-v2");
    }

    @Test
    void endpointsIdle_whenDiscoveredConfigInvalid_exits2BeforeAnyCall() throws Exception {
        Path user = write("xdg/sweeper/config.yaml", "max-actions: lots\n");
        sandbox.resetStats();

        Cli.Run run = Cli.run(Map.of("XDG_CONFIG_HOME", dir.resolve("xdg").toString()),
                "endpoints", "idle", "--endpoint-url", sandbox.url(), "--region", "us-east-1", "--output", "json");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains(user.toString()).contains("max-actions");
        assertThat(sandbox.totalCalls()).isZero();
    }
}
