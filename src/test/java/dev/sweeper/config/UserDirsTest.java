package dev.sweeper.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UserDirsTest {
    static Stream<Arguments> stateHomes() {
        return Stream.of(
                Arguments.of(Map.of("XDG_STATE_HOME", "/x/state", "HOME", "/h"), "/x/state"),
                Arguments.of(Map.of("XDG_STATE_HOME", "relative/state", "HOME", "/h"), "/h/.local/state"),
                Arguments.of(Map.of("XDG_STATE_HOME", "  ", "HOME", "/h"), "/h/.local/state"),
                Arguments.of(Map.of("HOME", "/h"), "/h/.local/state"),
                Arguments.of(Map.of("USERPROFILE", "/u"), "/u/.local/state"),
                Arguments.of(Map.of(), null));
    }

    @ParameterizedTest
    @MethodSource("stateHomes")
    void stateHome_whenEnvironment_followsXdgThenHome(Map<String, String> env, String expected) {
        assertThat(UserDirs.stateHome(env).map(Path::toString).orElse(null)).isEqualTo(expected);
    }

    static Stream<Arguments> configHomes() {
        return Stream.of(
                Arguments.of(Map.of("XDG_CONFIG_HOME", "/x/conf", "HOME", "/h"), "/x/conf"),
                Arguments.of(Map.of("XDG_CONFIG_HOME", "conf", "HOME", "/h"), "/h/.config"),
                Arguments.of(Map.of("HOME", "/h"), "/h/.config"),
                Arguments.of(Map.of(), null));
    }

    @ParameterizedTest
    @MethodSource("configHomes")
    void configHome_whenEnvironment_followsXdgThenHome(Map<String, String> env, String expected) {
        assertThat(UserDirs.configHome(env).map(Path::toString).orElse(null)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void expandTilde_whenHomeSet_usesItNotUserHome() {
        assertThat(UserDirs.expandTilde("~/a/b.jsonl", Map.of("HOME", "/h"))).isEqualTo("/h/a/b.jsonl");
        assertThat(UserDirs.expandTilde("/abs/~x", Map.of())).isEqualTo("/abs/~x");
        assertThatThrownBy(() -> UserDirs.expandTilde("~/a", Map.of())).hasMessageContaining("HOME is not set");
    }
}
