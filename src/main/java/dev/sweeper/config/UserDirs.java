package dev.sweeper.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The one rule for every per-user path (config, state): {@code $XDG_*_HOME} when set to an
 * absolute path (the XDG Base Directory spec says a relative one is invalid and must be ignored),
 * else under {@code $HOME} ({@code USERPROFILE} on Windows). Always from the environment the run
 * was given, never from Java's {@code user.home}: that property ignores a changed {@code $HOME},
 * so a test that points {@code $HOME} elsewhere would still write into the real home directory.
 */
public final class UserDirs {
    private UserDirs() {
    }

    /** {@code $HOME}, else {@code USERPROFILE}; empty when neither is set. */
    public static Optional<Path> home(Map<String, String> env) {
        String home = nonBlank(env.get("HOME"));
        if (home == null) {
            home = nonBlank(env.get("USERPROFILE"));
        }
        return Optional.ofNullable(home).map(Path::of);
    }

    /** {@code $XDG_CONFIG_HOME}, else {@code $HOME/.config}. */
    public static Optional<Path> configHome(Map<String, String> env) {
        return xdg(env, "XDG_CONFIG_HOME", ".config");
    }

    /** {@code $XDG_STATE_HOME}, else {@code $HOME/.local/state}. */
    public static Optional<Path> stateHome(Map<String, String> env) {
        return xdg(env, "XDG_STATE_HOME", ".local/state");
    }

    /** Whether {@code variable} is set to a usable (absolute) directory. */
    public static boolean isSet(Map<String, String> env, String variable) {
        String value = nonBlank(env.get(variable));
        return value != null && Path.of(value).isAbsolute();
    }

    /** {@code ~/rest} expanded with {@code $HOME}; any other path unchanged. */
    public static String expandTilde(String path, Map<String, String> env) {
        if (!path.equals("~") && !path.startsWith("~/")) {
            return path;
        }
        Path home = home(env).orElseThrow(() -> new IllegalArgumentException(
                "'" + path + "' starts with ~ but HOME is not set"));
        return path.equals("~") ? home.toString() : home.resolve(path.substring(2)).toString();
    }

    private static Optional<Path> xdg(Map<String, String> env, String variable, String underHome) {
        if (isSet(env, variable)) {
            return Optional.of(Path.of(env.get(variable).trim()));
        }
        return home(env).map(h -> h.resolve(underHome));
    }

    private static String nonBlank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
