package dev.sweeper.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.sweeper.core.AutostopRollout.Config;
import dev.sweeper.core.LifecycleScript.Autostop;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutostopRolloutTest {
    private static final String CHECKER = "#!/usr/bin/env python3\nprint('checker')\n";
    private static final Autostop HOUR = new Autostop(Duration.ofHours(1), false, null, null, null);
    private static final String TEAM = "#!/bin/bash\nset -e\npip install -q pandas\necho team-ran\nexit 0\n";

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String script(String content) {
        return LifecycleScript.decode(content).orElseThrow();
    }

    @Test
    void target_whenNoConfiguration_isTheSweepersOwnNamedByIdleTime() {
        Config own = AutostopRollout.target(null, CHECKER, HOUR);

        assertThat(own.name()).isEqualTo("sweeper-autostop-60m");
        assertThat(own.onCreate()).isNull();
        assertThat(AutostopRollout.covers(own, HOUR)).isTrue();
        assertThat(AutostopRollout.covers(own, new Autostop(Duration.ofMinutes(90), false, null, null, null))).isFalse();
        assertThat(AutostopRollout.madeBySweeper(own)).isTrue();
        assertThat(AutostopRollout.mergedFrom(own)).isEmpty();
    }

    @Test
    void target_whenTeamConfiguration_keepsItsScriptByteForByteAfterTheInstallerAndItsOnCreate() {
        Config team = new Config("install-extensions", b64(TEAM), b64("#!/bin/bash\necho once\n"));

        Config merged = AutostopRollout.target(team, CHECKER, HOUR);

        assertThat(merged.name()).isEqualTo("sweeper-autostop-60m-install-extensions");
        assertThat(merged.onCreate()).isEqualTo(team.onCreate());
        String onStart = script(merged.onStart());
        assertThat(onStart).startsWith("#!/bin/bash\n").contains(TEAM);
        // The installer comes before the team's script, so the team's `exit` cannot skip it.
        assertThat(onStart.indexOf("crontab -")).isLessThan(onStart.indexOf(TEAM));
        assertThat(AutostopRollout.covers(merged, HOUR)).isTrue();
        assertThat(AutostopRollout.mergedFrom(merged)).contains("install-extensions");
        assertThat(AutostopCoverage.ofOnStart(merged.onStart()).state()).isEqualTo(AutostopCoverage.State.SWEEPER);
    }

    @Test
    void target_whenTeamScriptHasNoShebangOrNoNewline_runsItWithBashAndKeepsItWhole() {
        Config team = new Config("plain", b64("echo no-shebang"), null);

        String onStart = script(AutostopRollout.target(team, CHECKER, HOUR).onStart());

        assertThat(onStart).contains("\necho no-shebang\nSWEEPER_TEAM_ONSTART\n").contains("\n/bin/bash \"$team\"\n");
    }

    @Test
    void target_whenTeamScriptContainsTheDelimiterLine_choosesAnother() {
        String tricky = "#!/bin/bash\ncat <<'SWEEPER_TEAM_ONSTART'\nhi\nSWEEPER_TEAM_ONSTART\n";

        String onStart = script(AutostopRollout.target(new Config("t", b64(tricky), null), CHECKER, HOUR).onStart());

        assertThat(onStart).contains("<<'SWEEPER_TEAM_ONSTART_2'\n" + tricky + "SWEEPER_TEAM_ONSTART_2\n");
    }

    @Test
    void target_whenTeamHasOnlyOnCreate_mergedOnStartIsTheInstaller() {
        Config merged = AutostopRollout.target(new Config("setup", null, b64("echo c")), CHECKER, HOUR);

        assertThat(AutostopRollout.covers(merged, HOUR)).isTrue();
        assertThat(AutostopRollout.mergedFrom(merged)).contains("setup");
        assertThat(merged.onCreate()).isEqualTo(b64("echo c"));
    }

    @Test
    void target_whenMergeExceedsAwsLimit_namesTheLimitAndTheConfiguration() {
        StringBuilder big = new StringBuilder("#!/bin/bash\n");
        Random r = new Random(1);
        while (big.length() < 11_500) {
            big.append("echo ").append(Long.toHexString(r.nextLong())).append('\n');
        }
        Config team = new Config("huge-setup", b64(big.toString()), null);

        assertThatThrownBy(() -> AutostopRollout.target(team, CHECKER, HOUR))
                .hasMessageContaining("'huge-setup'").hasMessageContaining("16384");
    }

    @Test
    void target_whenTeamContentIsNotBase64_refusesToMerge() {
        assertThatThrownBy(() -> AutostopRollout.target(new Config("bad", "%%%", null), CHECKER, HOUR))
                .hasMessageContaining("not base64");
    }

    @Test
    void mergedName_whenLong_staysWithinAwsLimitAndDistinct() {
        String a = "a".repeat(60) + "-one";
        String b = "a".repeat(60) + "-two";

        String na = AutostopRollout.mergedName(a, HOUR);
        String nb = AutostopRollout.mergedName(b, HOUR);

        assertThat(na).hasSizeLessThanOrEqualTo(63).matches("[a-zA-Z0-9](-*[a-zA-Z0-9])*").isNotEqualTo(nb);
        assertThat(AutostopRollout.ownName(new Autostop(Duration.ofSeconds(1830), true, null, null, null)))
                .isEqualTo("sweeper-autostop-1830s-ignore-connections");
    }

    @Test
    void mergedFrom_whenNotMadeBySweeper_isEmpty() {
        String forged = "#!/bin/bash\n# sagemaker-sweeper merged team-config=x\n";
        assertThat(AutostopRollout.mergedFrom(new Config("team-config", b64(forged), null))).isEmpty();
        assertThat(AutostopRollout.madeBySweeper(new Config("sweeper-autostop-x", b64("echo"), null))).isFalse();
    }

    /** The merged script as bash runs it: installer first, the team's exit status is the start's. */
    @Test
    void merged_whenRunByBash_installsFirstAndKeepsTheTeamsExitStatus(@TempDir Path dir) throws Exception {
        assumeThat(Files.isExecutable(Path.of("/bin/bash"))).isTrue();
        String team = "#!/bin/bash\necho \"team-ran $(ls " + dir.resolve("checker") + ")\"\nexit 3\n";
        String onStart = script(AutostopRollout.target(new Config("t", b64(team), null), CHECKER, HOUR).onStart());
        Path file = dir.resolve("onstart.sh");
        Files.writeString(file, onStart);

        ProcessBuilder pb = new ProcessBuilder("/bin/bash", file.toString()).redirectErrorStream(true);
        pb.environment().put("SWEEPER_AUTOSTOP_DIR", dir.resolve("checker").toString());
        pb.environment().put("SWEEPER_AUTOSTOP_LOG", dir.resolve("log").toString());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(p.exitValue()).as(out).isEqualTo(3);
        boolean python = hasPython();
        if (python) {
            assertThat(out).contains("team-ran sweeper_autostop.py");
        } else {
            assertThat(out).contains("team-ran");
        }
    }

    private static boolean hasPython() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/bin/bash", "-c", "command -v python3").start();
        return p.waitFor() == 0;
    }
}
