package dev.sweeper.core;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which lifecycle configuration gives a notebook instance the sweeper's idle checker, and what it holds
 * (issue 18): the sweeper's own ({@code sweeper-autostop-60m}, the installer alone) for a notebook without
 * one, or a merge for a notebook with a team's configuration, which runs the team's {@code OnStart}
 * unchanged and keeps its {@code OnCreate} as it is. The team's configuration is never changed: the merge is
 * a new configuration whose name and first lines say which one it came from, so that it can be undone.
 *
 * <p>The installer runs first, right after the shebang, and the team's script after it from a file of its
 * own, with its own interpreter: a team script that ends with {@code exit} (or fails under {@code set -e})
 * cannot skip the installer, and its exit status is still the start's. Pure: scripts in, scripts out.
 */
public final class AutostopRollout {
    /** Every configuration the sweeper creates starts with this: no team's configuration is ever taken for one. */
    public static final String PREFIX = "sweeper-autostop-";
    static final int MAX_NAME = 63;
    private static final String MERGED_MARKER = "# sagemaker-sweeper merged team-config=";
    private static final Pattern MERGED = Pattern.compile("^# sagemaker-sweeper merged team-config=([a-zA-Z0-9-]{1,63})$",
            Pattern.MULTILINE);
    private static final String TEAM_HEREDOC = "SWEEPER_TEAM_ONSTART";

    private AutostopRollout() {
    }

    /** A lifecycle configuration as described: its hooks' base64 {@code Content}, null when a hook is absent. */
    public record Config(String name, String onStart, String onCreate) {
    }

    /** The sweeper's own configuration for this idle time: e.g. {@code sweeper-autostop-60m}. */
    public static String ownName(LifecycleScript.Autostop autostop) {
        long s = autostop.idle().getSeconds();
        String idle = s % 60 == 0 ? s / 60 + "m" : s + "s";
        String thresholds = autostop.thresholdArgs();
        return PREFIX + idle + (autostop.ignoreConnections() ? "-ignore-connections" : "")
                + (thresholds.isEmpty() ? "" : String.format("-%08x", thresholds.hashCode()));
    }

    /**
     * The merge of a team's configuration with this idle time: the own name and the team's, within AWS's 63
     * characters (a shortened team name gets a hash of the whole, so two long names never meet).
     */
    public static String mergedName(String team, LifecycleScript.Autostop autostop) {
        String base = ownName(autostop) + "-";
        if (base.length() + team.length() <= MAX_NAME) {
            return base + team;
        }
        String hash = String.format("%08x", team.hashCode());
        String cut = team.substring(0, MAX_NAME - base.length() - hash.length() - 1).replaceAll("-+$", "");
        return base + cut + "-" + hash;
    }

    /** Whether a configuration (null: none) already installs the sweeper's checker with exactly these settings. */
    public static boolean covers(Config config, LifecycleScript.Autostop autostop) {
        if (config == null || config.onStart() == null) {
            return false;
        }
        return LifecycleScript.decode(config.onStart()).flatMap(LifecycleScript::installed)
                .filter(autostop::equals).isPresent();
    }

    /**
     * The team's configuration a configuration of the sweeper's was made from: empty for the sweeper's own
     * (nothing was attached before it) and for any configuration the sweeper did not make.
     */
    public static Optional<String> mergedFrom(Config config) {
        if (config == null || !config.name().startsWith(PREFIX) || config.onStart() == null) {
            return Optional.empty();
        }
        return LifecycleScript.decode(config.onStart()).flatMap(script -> {
            Matcher m = MERGED.matcher(script);
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        });
    }

    /** Whether the sweeper made this configuration (its own or a merge): only those are undone. */
    public static boolean madeBySweeper(Config config) {
        return config != null && config.name().startsWith(PREFIX) && config.onStart() != null
                && LifecycleScript.decode(config.onStart()).flatMap(LifecycleScript::installed).isPresent();
    }

    /**
     * The configuration to create and attach.
     *
     * @param team the team's configuration, or null when the notebook has none
     * @throws IllegalArgumentException when the team's script is not base64, or the merge does not fit AWS's
     *     16384 characters of base64 (the message names the limit and the configuration)
     */
    public static Config target(Config team, String checkerSource, LifecycleScript.Autostop autostop) {
        if (team == null) {
            return new Config(ownName(autostop), LifecycleScript.content(LifecycleScript.onStart(checkerSource, autostop)),
                    null);
        }
        String onStart;
        if (team.onStart() == null) {
            onStart = "#!/bin/bash\n" + MERGED_MARKER + team.name() + "\n"
                    + LifecycleScript.installer(checkerSource, autostop);
        } else {
            String script = LifecycleScript.decode(team.onStart()).orElseThrow(() -> new IllegalArgumentException(
                    "the OnStart script of lifecycle configuration '" + team.name() + "' is not base64: it cannot be merged"));
            onStart = merged(team.name(), script, checkerSource, autostop);
        }
        try {
            return new Config(mergedName(team.name(), autostop), LifecycleScript.content(onStart), team.onCreate());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("lifecycle configuration '" + team.name() + "' merged with the idle checker: "
                    + e.getMessage(), e);
        }
    }

    /** The merged {@code OnStart}: installer first, then the team's script, byte for byte, as it ran before. */
    static String merged(String teamName, String teamScript, String checkerSource, LifecycleScript.Autostop autostop) {
        String delimiter = TEAM_HEREDOC;
        for (int i = 2; ("\n" + teamScript + "\n").contains("\n" + delimiter + "\n"); i++) {
            delimiter = TEAM_HEREDOC + "_" + i;
        }
        // A script with a shebang runs with its own interpreter; one without runs with bash, as before.
        String run = teamScript.startsWith("#!") ? "\"$team\"" : "/bin/bash \"$team\"";
        return "#!/bin/bash\n"
                + MERGED_MARKER + teamName + "\n"
                + LifecycleScript.installer(checkerSource, autostop)
                + "# The OnStart script of lifecycle configuration '" + teamName + "', unchanged, run as before; its exit\n"
                + "# status is the start's.\n"
                + "team=\"$(mktemp /tmp/sweeper-team-onstart.XXXXXX)\"\n"
                + "cat > \"$team\" <<'" + delimiter + "'\n"
                + teamScript + (teamScript.endsWith("\n") ? "" : "\n")
                + delimiter + "\n"
                + "chmod 700 \"$team\"\n"
                + run + "\n"
                + "status=$?\n"
                + "rm -f \"$team\"\n"
                + "exit $status\n";
    }

    /** Bytes of a script, as AWS counts them before base64. */
    static int bytes(String script) {
        return script.getBytes(StandardCharsets.UTF_8).length;
    }
}
