package dev.sweeper.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The notebook instance lifecycle configuration that installs the sweeper's idle checker
 * ({@code sweeper_autostop.py}): the {@code OnStart} script that finds a Python 3 (on the lifecycle PATH, else
 * the JupyterSystemEnv interpreter), writes the checker to disk and schedules it every 5 minutes: with a systemd
 * timer where systemd runs (Amazon Linux 2023, the default notebook platform, installs no cron), else with a line in
 * root's crontab, replacing any line it wrote before (a restart, or the same script run twice, leaves exactly one);
 * it checks that the checker is scheduled, and says in the lifecycle log when it is not ({@link #NOT_RUNNING}); and
 * the reading back of which checker and idle time a script carries.
 *
 * <p>AWS's limits, from the {@code NotebookInstanceLifecycleHook} reference
 * (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_NotebookInstanceLifecycleHook.html) and
 * botocore's model of it: a hook's {@code Content} is the base64 of the script, at most 16384 characters
 * ({@code NotebookInstanceLifecycleConfigContent} max 16384), so a script is at most 12288 bytes; and a
 * script that runs longer than 5 minutes fails the notebook's start. The checker travels gzip-compressed
 * (a third of its size) so that a team's own script has room beside it, and the installer makes no network
 * call and starts nothing in the foreground (cron runs the checker later): it takes well under a second.
 * The installer never fails the start: a notebook that does not start is worse than one not covered.
 *
 * <p>Pure: the checker's source is given, nothing is read or written.
 */
public final class LifecycleScript {
    /** Characters of base64 a hook's {@code Content} may hold (botocore: NotebookInstanceLifecycleConfigContent). */
    public static final int MAX_CONTENT_CHARS = 16384;
    /** Bytes of script that fit in {@link #MAX_CONTENT_CHARS} characters of base64. */
    public static final int MAX_SCRIPT_BYTES = MAX_CONTENT_CHARS / 4 * 3;
    /** How long AWS lets a lifecycle script run before the notebook fails to start. */
    public static final Duration MAX_RUN = Duration.ofMinutes(5);
    /** Below two runs of the checker (every 5 minutes) a notebook would be stopped between two cells. */
    public static final Duration MIN_IDLE = Duration.ofMinutes(10);
    public static final Duration MAX_IDLE = Duration.ofDays(7);
    /** Where the installer writes the checker and its log, unless the environment says otherwise (tests). */
    public static final String CHECKER_DIR = "/usr/local/lib/sagemaker-sweeper";
    /** On the notebook's own volume, so the reason for a stop survives the stop. */
    public static final String LOG_PATH = "/home/ec2-user/SageMaker/.sweeper-autostop.log";

    static final String CRON_TAG = "# sagemaker-sweeper-autostop";
    /**
     * What the installer writes to the lifecycle log (CloudWatch Logs, {@code <name>/LifecycleConfigOnStart}) when
     * it could not install or schedule the checker, followed by why.
     */
    public static final String NOT_RUNNING = "sagemaker-sweeper: idle checker not running: ";
    static final String MARKER_PREFIX = "# sagemaker-sweeper autostop v";
    private static final int VERSION = 1;
    private static final String HEREDOC = "SWEEPER_AUTOSTOP_CHECKER";
    private static final String INSTALL = "SWEEPER_AUTOSTOP_INSTALL";
    /** The installer's own bound, far inside {@link #MAX_RUN}: it leaves the team's script the rest. */
    static final Duration INSTALL_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern MARKER = Pattern.compile(
            "^# sagemaker-sweeper autostop v(\\d+) idle-seconds=(\\d+) ignore-connections=(true|false)$",
            Pattern.MULTILINE);

    private LifecycleScript() {
    }

    /** The checker's own defaults for its machine signals (sweeper_autostop.py's --cpu-percent, --gpu-percent, --process-user). */
    public static final int DEFAULT_CPU_PERCENT = 25;
    public static final int DEFAULT_GPU_PERCENT = 10;
    public static final String DEFAULT_PROCESS_USER = "ec2-user";
    /** A Linux user name (useradd's NAME_REGEX without the trailing $), which is also safe in the installer's shell. */
    public static final Pattern PROCESS_USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    private static final Pattern THRESHOLD_ARGS = Pattern.compile(
            "((?: --(?:cpu|gpu)-percent \\d{1,3}| --process-user [a-z_][a-z0-9_-]{0,31})*) --log");

    /**
     * What a script installs: the sweeper's checker, with this idle time and machine thresholds (null: the
     * checker's default; a default given is kept as null, so a script with defaults reads back equal).
     */
    public record Autostop(Duration idle, boolean ignoreConnections, Integer cpuPercent, Integer gpuPercent,
                           String processUser) {
        public Autostop {
            checkIdle(idle);
            cpuPercent = checkPercent("CPU", cpuPercent, DEFAULT_CPU_PERCENT);
            gpuPercent = checkPercent("GPU", gpuPercent, DEFAULT_GPU_PERCENT);
            if (processUser != null && !PROCESS_USER.matcher(processUser).matches()) {
                throw new IllegalArgumentException("the checker's process user must be a Linux user name (" + PROCESS_USER
                        + "), not '" + processUser + "'");
            }
            processUser = DEFAULT_PROCESS_USER.equals(processUser) ? null : processUser;
        }

        /** The checker's options for the thresholds that differ from its defaults ("" when none does). */
        public String thresholdArgs() {
            return (cpuPercent == null ? "" : " --cpu-percent " + cpuPercent)
                    + (gpuPercent == null ? "" : " --gpu-percent " + gpuPercent)
                    + (processUser == null ? "" : " --process-user " + processUser);
        }
    }

    private static Integer checkPercent(String what, Integer percent, int dflt) {
        if (percent != null && (percent < 1 || percent > 100)) {
            throw new IllegalArgumentException("the checker's " + what + " threshold must be a percent from 1 to 100, not "
                    + percent);
        }
        return percent == null || percent == dflt ? null : percent;
    }

    /** A whole {@code OnStart} script: the installer alone. */
    public static String onStart(String checkerSource, Autostop autostop) {
        String script = "#!/bin/bash\n" + installer(checkerSource, autostop);
        checkSize(script);
        return script;
    }

    /**
     * The installer as a block that can follow another script: it runs in a shell of its own (nothing it sets
     * leaks, and {@code set -e} before it cannot make it fail the start) and ends with status 0.
     */
    public static String installer(String checkerSource, Autostop autostop) {
        long seconds = autostop.idle().getSeconds();
        String args = "--idle-seconds " + seconds + (autostop.ignoreConnections() ? " --ignore-connections" : "")
                + autostop.thresholdArgs();
        // Kept short (every byte here is one less for a team's script in a merged configuration), so the why is
        // here: a lifecycle script's PATH is /sbin:bin:/usr/sbin:/usr/bin (AWS, NotebookInstanceLifecycleHook), and
        // AWS's own auto-stop sample falls back to JupyterSystemEnv's python; Amazon Linux 2023, the default notebook
        // platform, installs no cron (Amazon Linux points to systemd timers), so a timer where systemd runs, cron
        // only where there is no systemd; the last line checks that cron has the line (or that systemd runs it).
        return """
                # sagemaker-sweeper autostop v%d idle-seconds=%d ignore-connections=%s
                # SageMaker Sweeper's idle checker: stops this notebook after %s idle%s. Log: %s
                timeout %d /bin/bash -eu <<'%s' || echo "%sinstaller failed" >&2
                d="${SWEEPER_AUTOSTOP_DIR:-%s}"; l="${SWEEPER_AUTOSTOP_LOG:-%s}"; t='%s'; p=; c=
                no() { echo "%s$1" >&2; exit 0; }
                for x in "$(command -v python3 || :)" "${SWEEPER_AUTOSTOP_CONDA_PYTHON:-/home/ec2-user/anaconda3/envs/JupyterSystemEnv/bin/python}"; do
                  [ -z "$p" ] && [ -x "$x" ] && "$x" -c 'import sys; sys.exit(sys.version_info < (3, 6))' 2>/dev/null && p=$x || :
                done
                [ -n "$p" ] || no "no Python 3"
                mkdir -p "$d"
                base64 -d <<'%s' | gzip -dc > "$d/sweeper_autostop.py"
                %s
                %s
                chmod 755 "$d/sweeper_autostop.py"
                r="$p $d/sweeper_autostop.py %s --log $l"
                if [ -d "${SWEEPER_AUTOSTOP_SYSTEMD_RUN:-/run/systemd/system}" ] && command -v systemctl >/dev/null; then
                  u=sagemaker-sweeper-autostop; f="${SWEEPER_AUTOSTOP_SYSTEMD_DIR:-/etc/systemd/system}/$u"; h="systemd timer $u.timer"
                  printf '[Service]\nType=oneshot\nExecStart=/bin/sh -c "%%s >>%%s 2>&1"\n' "$r" "$l" > "$f.service"
                  printf '[Timer]\\nOnCalendar=*:0/5\\n[Install]\\nWantedBy=timers.target\\n' > "$f.timer"
                  systemctl daemon-reload && systemctl enable --now $u.timer && systemctl is-active --quiet $u.timer || no "$h is not active"
                else
                  h=cron; c="*/5 * * * * $r >>$l 2>&1 $t"
                fi
                if command -v crontab >/dev/null; then { crontab -l 2>/dev/null | grep -vF "$t" || :; [ -z "$c" ] || echo "$c"; } | crontab - || [ -z "$c" ] || no "crontab refused the line"; fi
                [ -z "$c" ] || crontab -l 2>/dev/null | grep -qF "$c" || no "neither systemd nor cron schedules it"
                echo "sagemaker-sweeper: idle checker installed (%s), run every 5 minutes by $h"
                %s
                """.formatted(VERSION, seconds, autostop.ignoreConnections(), Durations.format(autostop.idle()),
                autostop.ignoreConnections() ? " (open browser tabs ignored)" : "", LOG_PATH, INSTALL_TIMEOUT.getSeconds(),
                INSTALL, NOT_RUNNING, CHECKER_DIR, LOG_PATH, CRON_TAG, NOT_RUNNING, HEREDOC, gzipBase64(checkerSource),
                HEREDOC, args, args, INSTALL);
    }

    /**
     * The hook's {@code Content}: the script in base64.
     *
     * @throws IllegalArgumentException naming AWS's limit when the script does not fit
     */
    public static String content(String script) {
        checkSize(script);
        return Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8));
    }

    /** The script a hook's {@code Content} holds; empty when it is not base64. */
    public static Optional<String> decode(String content) {
        try {
            // Strict but for line breaks: the MIME decoder would skip any character it does not know.
            return Optional.of(new String(Base64.getDecoder().decode(content.replaceAll("\\s", "")),
                    StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The sweeper's checker a script installs, read back from the marker line and the cron line that
     * carries the same idle time; empty when it installs none (or was edited so that they disagree).
     */
    public static Optional<Autostop> installed(String script) {
        if (script == null) {
            return Optional.empty();
        }
        Matcher m = MARKER.matcher(script);
        if (!m.find() || Integer.parseInt(m.group(1)) != VERSION) {
            return Optional.empty();
        }
        long seconds = Long.parseLong(m.group(2));
        boolean ignore = Boolean.parseBoolean(m.group(3));
        String args = "sweeper_autostop.py --idle-seconds " + seconds + (ignore ? " --ignore-connections" : "");
        Matcher t = Pattern.compile(Pattern.quote(args) + THRESHOLD_ARGS.pattern()).matcher(script);
        if (!t.find() || !script.contains("| crontab -")) {
            return Optional.empty();
        }
        Integer cpu = null;
        Integer gpu = null;
        String user = null;
        String[] words = t.group(1).strip().split(" ");
        for (int i = 0; i + 1 < words.length; i += 2) {
            switch (words[i]) {
                case "--cpu-percent" -> cpu = Integer.valueOf(words[i + 1]);
                case "--gpu-percent" -> gpu = Integer.valueOf(words[i + 1]);
                default -> user = words[i + 1];
            }
        }
        try {
            return Optional.of(new Autostop(Duration.ofSeconds(seconds), ignore, cpu, gpu, user));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static void checkIdle(Duration idle) {
        if (idle == null || idle.getNano() != 0 || idle.compareTo(MIN_IDLE) < 0 || idle.compareTo(MAX_IDLE) > 0) {
            throw new IllegalArgumentException("the idle time before a notebook stops itself must be whole seconds from "
                    + Durations.format(MIN_IDLE) + " to " + Durations.format(MAX_IDLE) + ", not "
                    + (idle == null ? "missing" : Durations.format(idle)));
        }
    }

    private static void checkSize(String script) {
        if (script == null || script.isEmpty()) {
            throw new IllegalArgumentException("the lifecycle script is empty: AWS requires at least 1 character of"
                    + " Content (NotebookInstanceLifecycleHook.Content)");
        }
        int bytes = script.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_SCRIPT_BYTES) {
            int chars = (bytes + 2) / 3 * 4;
            throw new IllegalArgumentException("the lifecycle script is " + bytes + " bytes, " + chars
                    + " characters in base64: AWS allows at most " + MAX_CONTENT_CHARS
                    + " characters of base64 per script (" + MAX_SCRIPT_BYTES
                    + " bytes), NotebookInstanceLifecycleHook.Content");
        }
    }

    private static String gzipBase64(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
        // Long lines: each line break is a byte of the script; base64 -d takes any length.
        return Base64.getMimeEncoder(1024, new byte[] {'\n'}).encodeToString(bytes.toByteArray());
    }
}
