package dev.sweeper.core;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a notebook instance stops itself when idle, read from its lifecycle configuration's
 * {@code OnStart} script: the sweeper's checker (with its idle time), AWS's sample {@code autostop.py}
 * (https://github.com/aws-samples/amazon-sagemaker-notebook-instance-lifecycle-config-samples, idle time
 * from {@code --time} or {@code IDLE_TIME=}), none, or a script that cannot be read. Pure: the scan and
 * the report give it the {@code Content} they described.
 *
 * @param idle the idle time before the notebook stops itself; null when not covered or not known
 */
public record AutostopCoverage(State state, Duration idle, boolean ignoreConnections, String detail) {

    public enum State {
        /** The sweeper's checker is installed: {@code idle} says after how long. */
        SWEEPER,
        /** AWS's sample autostop.py (or a copy of it) is installed; {@code idle} when the script says it. */
        AWS_SAMPLE,
        /** Nothing in the script stops the notebook. */
        NONE,
        /** The script could not be read, or carries the sweeper's marker but was edited. */
        UNKNOWN,
        /** The sweeper's checker is configured, but its installer said at the last start that it is not running. */
        NOT_RUNNING
    }

    private static final Pattern AWS_SAMPLE = Pattern.compile("(?<!sweeper_)autostop\\.py");
    private static final Pattern AWS_TIME = Pattern.compile("--time[ =]+(\\d{1,9})\\b|\\bIDLE_TIME=\"?(\\d{1,9})\\b");

    /** A notebook with no lifecycle configuration at all. */
    public static AutostopCoverage noConfiguration() {
        return new AutostopCoverage(State.NONE, null, false, "no lifecycle configuration");
    }

    /**
     * @param onStartContent the configuration's {@code OnStart} hook {@code Content} (base64), as
     *     {@code DescribeNotebookInstanceLifecycleConfig} returns it; null or blank when it has none
     */
    public static AutostopCoverage ofOnStart(String onStartContent) {
        if (onStartContent == null || onStartContent.isBlank()) {
            return new AutostopCoverage(State.NONE, null, false, "the lifecycle configuration has no OnStart script");
        }
        Optional<String> script = LifecycleScript.decode(onStartContent);
        if (script.isEmpty()) {
            return new AutostopCoverage(State.UNKNOWN, null, false, "the OnStart script is not base64");
        }
        return ofScript(script.get());
    }

    /** The same, from the script's text. */
    public static AutostopCoverage ofScript(String script) {
        Optional<LifecycleScript.Autostop> ours = LifecycleScript.installed(script);
        if (ours.isPresent()) {
            return new AutostopCoverage(State.SWEEPER, ours.get().idle(), ours.get().ignoreConnections(),
                    "the sweeper's idle checker, " + Durations.format(ours.get().idle()));
        }
        if (script.contains(LifecycleScript.MARKER_PREFIX)) {
            return new AutostopCoverage(State.UNKNOWN, null, false,
                    "the OnStart script carries the sweeper's checker but was edited: its idle time cannot be read");
        }
        if (AWS_SAMPLE.matcher(script).find()) {
            Matcher m = AWS_TIME.matcher(script);
            Duration idle = m.find() ? Duration.ofSeconds(Long.parseLong(m.group(1) != null ? m.group(1) : m.group(2))) : null;
            return new AutostopCoverage(State.AWS_SAMPLE, idle, script.contains("--ignore-connections"),
                    "AWS's sample autostop.py" + (idle == null ? ", idle time not found" : ", " + Durations.format(idle)));
        }
        return new AutostopCoverage(State.NONE, null, false, "the OnStart script installs no idle checker");
    }

    /** The sweeper's checker, configured here, that its installer could not install or schedule: {@code why}. */
    public AutostopCoverage notRunning(String why) {
        return new AutostopCoverage(State.NOT_RUNNING, idle, ignoreConnections, "the sweeper's idle checker is configured "
                + "but its installer wrote at the last start: " + why);
    }

    /** Whether the notebook stops itself when idle, by either checker. */
    public boolean covered() {
        return state == State.SWEEPER || state == State.AWS_SAMPLE;
    }
}
