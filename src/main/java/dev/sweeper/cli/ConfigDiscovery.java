package dev.sweeper.cli;

import dev.sweeper.config.UserDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which config file a run reads when {@code --config} is not given: {@code ./sweeper.yaml}, else
 * {@code $XDG_CONFIG_HOME/sweeper/config.yaml} ({@code ~/.config} when XDG_CONFIG_HOME is unset).
 * An explicit {@code --config} always wins, and must exist. The environment is the injected one,
 * never {@code System.getenv()}, so that a test never reads the real user's config.
 */
final class ConfigDiscovery {
    static final Path LOCAL_FILE = Path.of("sweeper.yaml");
    static final String USER_FILE = "sweeper/config.yaml";

    /** The file a run reads, if any, and how it was found. */
    record Located(Path file, String how) {
    }

    private ConfigDiscovery() {
    }

    /** The explicit file, else the first candidate that exists; null when none does. */
    static Located locate(Path explicit, Map<String, String> env, Path workingDir) {
        if (explicit != null) {
            return new Located(explicit, "--config");
        }
        for (Located candidate : candidates(env, workingDir)) {
            if (Files.isRegularFile(candidate.file())) {
                return candidate;
            }
        }
        return null;
    }

    /** Where discovery looks, in order (for messages: "looked in ..."). */
    static List<Located> candidates(Map<String, String> env, Path workingDir) {
        List<Located> out = new ArrayList<>();
        out.add(new Located(workingDir.resolve(LOCAL_FILE), "./" + LOCAL_FILE));
        Located user = userFile(env);
        if (user != null) {
            out.add(user);
        }
        return out;
    }

    /**
     * $XDG_CONFIG_HOME, else $HOME/.config (USERPROFILE on Windows). The XDG spec says a relative
     * XDG_CONFIG_HOME is invalid and must be ignored.
     */
    private static Located userFile(Map<String, String> env) {
        String how = UserDirs.isSet(env, "XDG_CONFIG_HOME") ? "$XDG_CONFIG_HOME/" + USER_FILE : "~/.config/" + USER_FILE;
        return UserDirs.configHome(env).map(dir -> new Located(dir.resolve(USER_FILE), how)).orElse(null);
    }
}
