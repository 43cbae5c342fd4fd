package dev.sweeper.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sweeper.core.LifecycleScript.Autostop;
import dev.sweeper.testing.InstalledChecker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LifecycleScriptTest {
    private static final String CHECKER = "#!/usr/bin/env python3\nprint('checker')\n";
    private static final Autostop HOUR = new Autostop(Duration.ofHours(1), false, null, null, null);

    @Test
    void onStart_whenRendered_carriesTheIdleTimeInTheMarkerAndTheCronLine() {
        String script = LifecycleScript.onStart(CHECKER, new Autostop(Duration.ofMinutes(45), true, null, null, null));

        assertThat(script).startsWith("#!/bin/bash\n")
                .contains("# sagemaker-sweeper autostop v1 idle-seconds=2700 ignore-connections=true\n")
                .contains("sweeper_autostop.py --idle-seconds 2700 --ignore-connections --log $l\"");
        assertThat(InstalledChecker.source(script)).contains(CHECKER);
    }

    @Test
    void onStart_whenRendered_boundsItsOwnRunFarInsideAwsFiveMinutes() {
        String script = LifecycleScript.onStart(CHECKER, HOUR);

        assertThat(script).contains("\ntimeout 60 /bin/bash -eu <<'SWEEPER_AUTOSTOP_INSTALL' || echo ");
        assertThat(LifecycleScript.INSTALL_TIMEOUT).isLessThan(LifecycleScript.MAX_RUN.dividedBy(4));
        // nothing that waits on the network
        assertThat(script).doesNotContain("curl").doesNotContain("wget").doesNotContain("pip ");
    }

    @Test
    void onStart_whenRenderedTwice_isTheSameScript() {
        // The same configuration gives the same bytes: a configuration already attached is recognised as is.
        assertThat(LifecycleScript.onStart(CHECKER, HOUR)).isEqualTo(LifecycleScript.onStart(CHECKER, HOUR));
    }

    @Test
    void installed_whenScriptIsOurs_readsTheIdleTimeBack() {
        String script = LifecycleScript.onStart(CHECKER, new Autostop(Duration.ofMinutes(90), false, null, null, null));

        assertThat(LifecycleScript.installed(script)).contains(new Autostop(Duration.ofMinutes(90), false, null, null, null));
        // as a merged configuration would carry it: after a team's script
        assertThat(LifecycleScript.installed("#!/bin/bash\nset -e\npip install x\n"
                + LifecycleScript.installer(CHECKER, HOUR))).contains(HOUR);
    }

    @Test
    void installer_whenThresholdsDifferFromTheCheckersDefaults_passesOnlyThoseAndReadsThemBack() {
        Autostop custom = new Autostop(Duration.ofHours(1), false, 40, LifecycleScript.DEFAULT_GPU_PERCENT, "jovyan");
        String script = LifecycleScript.onStart(CHECKER, custom);

        assertThat(script).contains("sweeper_autostop.py --idle-seconds 3600 --cpu-percent 40 --process-user jovyan"
                + " --log $l\"").doesNotContain("--gpu-percent");
        assertThat(LifecycleScript.installed(script)).contains(custom).isNotEqualTo(java.util.Optional.of(HOUR));
        // the defaults given are as none given: the same script, byte for byte, as before thresholds existed
        assertThat(LifecycleScript.onStart(CHECKER, new Autostop(Duration.ofHours(1), false,
                LifecycleScript.DEFAULT_CPU_PERCENT, LifecycleScript.DEFAULT_GPU_PERCENT, LifecycleScript.DEFAULT_PROCESS_USER)))
                .isEqualTo(LifecycleScript.onStart(CHECKER, HOUR)).doesNotContain("-percent").doesNotContain("--process-user");
        assertThat(AutostopRollout.ownName(custom)).startsWith(AutostopRollout.ownName(HOUR) + "-")
                .isNotEqualTo(AutostopRollout.ownName(HOUR));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101"})
    void autostop_whenPercentOutOfRange_isRefused(String percent) {
        assertThatThrownBy(() -> new Autostop(Duration.ofHours(1), false, Integer.valueOf(percent), null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from 1 to 100");
        assertThatThrownBy(() -> new Autostop(Duration.ofHours(1), false, null, null, "x; reboot"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Linux user name");
    }

    @Test
    void installed_whenNoCheckerOrEdited_isEmpty() {
        assertThat(LifecycleScript.installed("#!/bin/bash\npip install pandas\n")).isEmpty();
        assertThat(LifecycleScript.installed(null)).isEmpty();
        String script = LifecycleScript.onStart(CHECKER, HOUR);
        // the marker left but the cron line changed by hand: it no longer says what is installed
        assertThat(LifecycleScript.installed(script.replace("--idle-seconds 3600", "--idle-seconds 60"))).isEmpty();
        assertThat(LifecycleScript.installed(script.replace("v1 idle-seconds", "v9 idle-seconds"))).isEmpty();
    }

    @Test
    void content_whenScriptFits_isItsBase64() {
        String script = LifecycleScript.onStart(CHECKER, HOUR);

        String content = LifecycleScript.content(script);

        assertThat(content.length()).isLessThanOrEqualTo(LifecycleScript.MAX_CONTENT_CHARS);
        assertThat(LifecycleScript.decode(content)).contains(script);
    }

    @Test
    void content_whenScriptExceedsAwsLimit_failsNamingIt() {
        String script = "#!/bin/bash\n" + "#".repeat(LifecycleScript.MAX_SCRIPT_BYTES);

        assertThatThrownBy(() -> LifecycleScript.content(script)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the lifecycle script is 12300 bytes, 16400 characters in base64: AWS allows at most 16384"
                        + " characters of base64 per script (12288 bytes), NotebookInstanceLifecycleHook.Content");
    }

    @Test
    void content_whenScriptEmpty_failsNamingAwsMinimum() {
        assertThatThrownBy(() -> LifecycleScript.content("")).hasMessageContaining("at least 1 character");
    }

    @Test
    void content_whenScriptExactlyAtTheLimit_fits() {
        String script = "#".repeat(LifecycleScript.MAX_SCRIPT_BYTES);

        assertThat(LifecycleScript.content(script)).hasSize(LifecycleScript.MAX_CONTENT_CHARS);
    }

    @Test
    void onStart_whenCheckerTooLargeEvenCompressed_failsNamingTheLimit() {
        byte[] noise = new byte[12_000];
        new Random(18).nextBytes(noise); // incompressible
        String checker = Base64.getEncoder().encodeToString(noise);

        assertThatThrownBy(() -> LifecycleScript.onStart(checker, HOUR))
                .hasMessageContaining("AWS allows at most 16384 characters of base64 per script");
    }

    @Test
    void decode_whenNotBase64_isEmpty() {
        assertThat(LifecycleScript.decode("not base64!")).isEmpty();
        assertThat(LifecycleScript.decode("%%%%eA==")).isEmpty();
        assertThat(LifecycleScript.decode("eA\n==")).contains("x");
        assertThat(LifecycleScript.decode(Base64.getEncoder().encodeToString("x".getBytes(StandardCharsets.UTF_8))))
                .contains("x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT9M59S", "PT168H1S", "PT1H0.5S", "PT0S"})
    void autostop_whenIdleOutOfBounds_fails(String iso) {
        assertThatThrownBy(() -> new Autostop(Duration.parse(iso), false, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the idle time before a notebook stops itself must be whole seconds from 10m to 7d");
    }
}
