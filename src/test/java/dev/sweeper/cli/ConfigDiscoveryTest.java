package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigDiscoveryTest {
    @TempDir
    Path dir;

    Path file(String relative) throws IOException {
        Path f = dir.resolve(relative);
        Files.createDirectories(f.getParent());
        Files.writeString(f, "max-actions: 3\n");
        return f;
    }

    @Test
    void locate_whenExplicit_winsEvenOverALocalFile() throws IOException {
        Path work = dir.resolve("work");
        file("work/sweeper.yaml");
        Path explicit = dir.resolve("elsewhere.yaml");

        ConfigDiscovery.Located l = ConfigDiscovery.locate(explicit, Map.of(), work);

        assertThat(l.file()).isEqualTo(explicit);
        assertThat(l.how()).isEqualTo("--config");
    }

    @Test
    void locate_whenLocalAndUserFiles_prefersTheLocalOne() throws IOException {
        Path local = file("work/sweeper.yaml");
        file("xdg/sweeper/config.yaml");

        ConfigDiscovery.Located l = ConfigDiscovery.locate(null,
                Map.of("XDG_CONFIG_HOME", dir.resolve("xdg").toString()), dir.resolve("work"));

        assertThat(l.file()).isEqualTo(local);
        assertThat(l.how()).isEqualTo("./sweeper.yaml");
    }

    @Test
    void locate_whenOnlyXdgFile_findsIt() throws IOException {
        Path user = file("xdg/sweeper/config.yaml");

        ConfigDiscovery.Located l = ConfigDiscovery.locate(null,
                Map.of("XDG_CONFIG_HOME", dir.resolve("xdg").toString(), "HOME", dir.resolve("home").toString()),
                dir.resolve("work"));

        assertThat(l.file()).isEqualTo(user);
        assertThat(l.how()).isEqualTo("$XDG_CONFIG_HOME/sweeper/config.yaml");
    }

    @Test
    void locate_whenNoXdg_defaultsToHomeDotConfig() throws IOException {
        Path user = file("home/.config/sweeper/config.yaml");

        ConfigDiscovery.Located l = ConfigDiscovery.locate(null, Map.of("HOME", dir.resolve("home").toString()),
                dir.resolve("work"));

        assertThat(l.file()).isEqualTo(user);
        assertThat(l.how()).isEqualTo("~/.config/sweeper/config.yaml");
    }

    @Test
    void locate_whenXdgIsRelative_ignoresItAsTheSpecSays() throws IOException {
        Path user = file("home/.config/sweeper/config.yaml");

        ConfigDiscovery.Located l = ConfigDiscovery.locate(null,
                Map.of("XDG_CONFIG_HOME", "relative/dir", "HOME", dir.resolve("home").toString()), dir.resolve("work"));

        assertThat(l.file()).isEqualTo(user);
    }

    @Test
    void locate_whenNothingExists_isNull() {
        assertThat(ConfigDiscovery.locate(null, Map.of("HOME", dir.toString()), dir)).isNull();
        assertThat(ConfigDiscovery.locate(null, Map.of(), dir)).as("no HOME: only ./sweeper.yaml").isNull();
        assertThat(ConfigDiscovery.candidates(Map.of(), dir)).hasSize(1);
    }

    @Test
    void locate_whenADirectoryHasTheName_skipsIt() throws IOException {
        Files.createDirectories(dir.resolve("work/sweeper.yaml"));

        assertThat(ConfigDiscovery.locate(null, Map.of(), dir.resolve("work"))).isNull();
    }
}
