package dev.sweeper.app.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sweeper.core.LifecycleScript;
import dev.sweeper.core.LifecycleScript.Autostop;
import dev.sweeper.testing.InstalledChecker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rendered OnStart script, run in bash against a fake {@code crontab} and a temporary directory. */
class AutostopCheckerTest {
    private static final String TEAM_LINE = "0 3 * * * /usr/bin/team-nightly-job";

    @TempDir
    Path dir;
    private Path crontab;

    @BeforeEach
    void fakeTools() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        crontab = dir.resolve("crontab.txt");
        executable(bin.resolve("crontab"), """
                #!/bin/sh
                case "$1" in
                  -l) [ -f "$FAKE_CRONTAB" ] && exec cat "$FAKE_CRONTAB"; echo "no crontab for root" >&2; exit 1 ;;
                  -) [ -n "${FAKE_CRONTAB_BROKEN:-}" ] && exit 1
                     # as crontab does: all of stdin first, then the new table replaces the old
                     cat > "$FAKE_CRONTAB.new" && mv "$FAKE_CRONTAB.new" "$FAKE_CRONTAB" ;;
                  *) exit 2 ;;
                esac
                """);
        executable(bin.resolve("python3"), "#!/bin/sh\nexit 0\n"); // only its path is written into the cron line
    }

    @Test
    void onStart_withTheShippedChecker_fitsAwsLimitWithRoomToSpare() {
        String script = LifecycleScript.onStart(AutostopChecker.source(), new Autostop(Duration.ofHours(1), false, null, null, null));

        assertThat(LifecycleScript.content(script).length()).isLessThanOrEqualTo(LifecycleScript.MAX_CONTENT_CHARS);
        // Room left for a team's own script in a merged configuration: 1.5 KiB since the checker also watches the
        // machine and publishes its heartbeat (it travels gzipped, without its comments) and the installer finds
        // JupyterSystemEnv's python and schedules with a systemd timer (issue 25).
        assertThat(LifecycleScript.MAX_SCRIPT_BYTES - script.getBytes(StandardCharsets.UTF_8).length)
                .isGreaterThanOrEqualTo(1536);
        assertThat(InstalledChecker.source(script)).contains(AutostopChecker.source());
        assertThat(AutostopChecker.source()).startsWith("#!/usr/bin/env python3\n").doesNotContain("\n#")
                .contains("def machine(args, state, now):");
    }

    @Test
    void onStart_runTwice_writesTheCheckerAndOneCronLine() throws Exception {
        Files.writeString(crontab, TEAM_LINE + "\n");
        Path script = script(new Autostop(Duration.ofHours(1), false, null, null, null));

        Result first = bash(script, Map.of());
        Result second = bash(script, Map.of());

        assertThat(first.exit()).as(first.output()).isZero();
        assertThat(second.exit()).as(second.output()).isZero();
        assertThat(first.output()).contains("sagemaker-sweeper: idle checker installed (--idle-seconds 3600), run every 5 "
                + "minutes by cron");
        List<String> lines = Files.readAllLines(crontab);
        assertThat(lines).hasSize(2).first().isEqualTo(TEAM_LINE);
        assertThat(lines.get(1)).startsWith("*/5 * * * * " + dir.resolve("bin/python3") + " "
                + dir.resolve("lib/sweeper_autostop.py") + " --idle-seconds 3600 --log " + dir.resolve("autostop.log"))
                .endsWith(" # sagemaker-sweeper-autostop");
        assertThat(Files.readString(dir.resolve("lib/sweeper_autostop.py"))).isEqualTo(AutostopChecker.source());
        assertThat(Files.isExecutable(dir.resolve("lib/sweeper_autostop.py"))).isTrue();
    }

    @Test
    void cronLine_asCronRunsIt_runsTheCheckerWhichLogsItsDecision() throws Exception {
        Files.delete(dir.resolve("bin/python3")); // the real one this time
        assumeTrue(bash(Files.writeString(dir.resolve("py.sh"), "command -v python3"), Map.of()).exit() == 0,
                "no python3 to run the checker");
        Result installed = bash(script(new Autostop(Duration.ofHours(1), false, null, null, null)), Map.of());
        assertThat(installed.exit()).as(installed.output()).isZero();
        String line = Files.readAllLines(crontab).get(0);
        String command = line.substring("*/5 * * * * ".length());

        // No Jupyter server listens on port 1: the checker must keep the notebook and say why.
        Result run = run(List.of("/bin/sh", "-c", command), Map.of("SWEEPER_AUTOSTOP_JUPYTER_URL", "http://127.0.0.1:1"));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("autostop.log")))
                .matches("(?s)\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ KEEP Jupyter server unreadable, not stopping: "
                        + "GET http://127.0.0.1:1/api/status.*\n");
    }

    @Test
    void onStart_withAnotherIdleTime_replacesTheLine() throws Exception {
        bash(script(new Autostop(Duration.ofHours(1), false, null, null, null)), Map.of());

        Result r = bash(script(new Autostop(Duration.ofHours(2), true, null, null, null)), Map.of());

        assertThat(r.exit()).as(r.output()).isZero();
        List<String> lines = Files.readAllLines(crontab);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("--idle-seconds 7200 --ignore-connections --log");
    }

    @Test
    void onStart_whenNoCrontabYet_createsIt() throws Exception {
        Result r = bash(script(new Autostop(Duration.ofHours(1), false, null, null, null)), Map.of());

        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(Files.readAllLines(crontab)).hasSize(1);
    }

    @Test
    void onStart_whenInstallFails_stillLetsTheNotebookStart() throws Exception {
        // after a team script with set -e, as a merged configuration would run it
        String merged = "#!/bin/bash\nset -e\necho team-setup-done\n"
                + LifecycleScript.installer(AutostopChecker.source(), new Autostop(Duration.ofHours(1), false, null, null, null));
        Path script = Files.writeString(dir.resolve("merged.sh"), merged);

        Result r = bash(script, Map.of("FAKE_CRONTAB_BROKEN", "1"));

        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("team-setup-done")
                .contains(LifecycleScript.NOT_RUNNING + "crontab refused the line")
                .doesNotContain("idle checker installed (");
    }

    // ---- issue 25, point 7: where notebook instances have Python and a scheduler

    /** Amazon Linux 2023 installs no cron: where systemd runs, a timer runs the checker, and an old cron line goes. */
    @Test
    void onStart_whereSystemdRuns_schedulesATimerAndChecksItIsActive() throws Exception {
        Files.writeString(crontab, TEAM_LINE + "\n*/5 * * * * old-checker # sagemaker-sweeper-autostop\n");
        Path units = Files.createDirectories(dir.resolve("units"));
        Path calls = dir.resolve("systemctl.calls");
        executable(dir.resolve("bin/systemctl"), "#!/bin/sh\necho \"$*\" >> " + calls + "\nexit 0\n");

        Result r = bash(script(new Autostop(Duration.ofHours(1), false, null, null, null)), systemd(units));

        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("idle checker installed (--idle-seconds 3600), run every 5 minutes by systemd "
                + "timer sagemaker-sweeper-autostop.timer");
        assertThat(Files.readString(units.resolve("sagemaker-sweeper-autostop.timer")))
                .contains("OnCalendar=*:0/5").contains("WantedBy=timers.target");
        assertThat(Files.readString(units.resolve("sagemaker-sweeper-autostop.service")))
                .contains("ExecStart=/bin/sh -c \"" + dir.resolve("bin/python3") + " " + dir.resolve("lib/sweeper_autostop.py")
                        + " --idle-seconds 3600 --log " + dir.resolve("autostop.log") + " >>" + dir.resolve("autostop.log"));
        assertThat(Files.readAllLines(calls)).containsExactly("daemon-reload",
                "enable --now sagemaker-sweeper-autostop.timer", "is-active --quiet sagemaker-sweeper-autostop.timer");
        assertThat(Files.readAllLines(crontab)).as("the old cron line would run it twice").containsExactly(TEAM_LINE);
    }

    @Test
    void onStart_whenTheTimerIsNotActive_saysTheCheckerIsNotRunning() throws Exception {
        Path units = Files.createDirectories(dir.resolve("units"));
        executable(dir.resolve("bin/systemctl"), "#!/bin/sh\n[ \"$1\" = is-active ] && exit 3\nexit 0\n");

        Result r = bash(script(new Autostop(Duration.ofHours(1), false, null, null, null)), systemd(units));

        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains(LifecycleScript.NOT_RUNNING + "systemd timer sagemaker-sweeper-autostop.timer is "
                        + "not active")
                .doesNotContain("idle checker installed (");
    }

    @Test
    void onStart_whenNeitherSystemdNorCron_saysTheCheckerIsNotRunning() throws Exception {
        Path bin = toolbox("python3");

        Result r = run(List.of("bash", script(new Autostop(Duration.ofHours(1), false, null, null, null)).toString()),
                Map.of("PATH", bin.toString()));

        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains(LifecycleScript.NOT_RUNNING + "neither systemd nor cron schedules it")
                .doesNotContain("idle checker installed (");
    }

    /** The lifecycle PATH may have no python3: AWS's own sample falls back to the JupyterSystemEnv interpreter. */
    @Test
    void onStart_whenNoPython3OnPath_usesJupyterSystemEnvsPython() throws Exception {
        Path bin = toolbox("crontab");
        Path conda = dir.resolve("anaconda3/envs/JupyterSystemEnv/bin/python");
        Files.createDirectories(conda.getParent());
        executable(conda, "#!/bin/sh\nexit 0\n");

        Result r = run(List.of("bash", script(new Autostop(Duration.ofHours(1), false, null, null, null)).toString()),
                Map.of("PATH", bin.toString(), "SWEEPER_AUTOSTOP_CONDA_PYTHON", conda.toString()));

        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("idle checker installed (--idle-seconds 3600), run every 5 minutes by cron");
        assertThat(Files.readString(crontab)).startsWith("*/5 * * * * " + conda + " ");
    }

    @Test
    void onStart_whenNoPythonAtAll_saysTheCheckerIsNotRunning() throws Exception {
        Path bin = toolbox("crontab");

        Result r = run(List.of("bash", script(new Autostop(Duration.ofHours(1), false, null, null, null)).toString()),
                Map.of("PATH", bin.toString(), "SWEEPER_AUTOSTOP_CONDA_PYTHON", dir.resolve("none").toString()));

        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains(LifecycleScript.NOT_RUNNING + "no Python 3");
        assertThat(crontab).doesNotExist();
    }

    /** systemd "running" (its run directory exists) with the unit files written here. */
    private Map<String, String> systemd(Path units) throws IOException {
        return Map.of("SWEEPER_AUTOSTOP_SYSTEMD_RUN", Files.createDirectories(dir.resolve("run-systemd")).toString(),
                "SWEEPER_AUTOSTOP_SYSTEMD_DIR", units.toString());
    }

    /** A PATH of only the tools the installer needs, with these of the fakes in bin/ (and no real python3). */
    private Path toolbox(String... fakes) throws Exception {
        Path box = Files.createDirectories(dir.resolve("toolbox"));
        for (String tool : List.of("bash", "sh", "timeout", "mkdir", "base64", "gzip", "rm", "chmod", "grep", "cat",
                "mv")) {
            String real = new String(new ProcessBuilder("sh", "-c", "command -v " + tool).start().getInputStream()
                    .readAllBytes(), StandardCharsets.UTF_8).trim();
            Files.createSymbolicLink(box.resolve(tool), Path.of(real));
        }
        for (String fake : fakes) {
            Files.createSymbolicLink(box.resolve(fake), dir.resolve("bin").resolve(fake));
        }
        return box;
    }

    private Path script(Autostop autostop) throws IOException {
        return Files.writeString(dir.resolve("on-start-" + autostop.idle().getSeconds() + ".sh"),
                LifecycleScript.onStart(AutostopChecker.source(), autostop));
    }

    private record Result(int exit, String output) {
    }

    private Result bash(Path script, Map<String, String> env) throws Exception {
        return run(List.of("bash", script.toString()), env);
    }

    private Result run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        // The PATH of a lifecycle script on the instance, after our fakes.
        pb.environment().put("PATH", dir.resolve("bin") + ":/sbin:/bin:/usr/sbin:/usr/bin:" + System.getenv("PATH"));
        pb.environment().put("SWEEPER_AUTOSTOP_DIR", dir.resolve("lib").toString());
        pb.environment().put("SWEEPER_AUTOSTOP_LOG", dir.resolve("autostop.log").toString());
        pb.environment().put("FAKE_CRONTAB", crontab.toString());
        // No systemd unless a test says so (this machine's own must not be used).
        pb.environment().put("SWEEPER_AUTOSTOP_SYSTEMD_RUN", dir.resolve("no-systemd").toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue(); // a bound, not a speed target
        return new Result(p.exitValue(), out);
    }

    private static void executable(Path path, String text) throws IOException {
        Files.writeString(path, text);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
