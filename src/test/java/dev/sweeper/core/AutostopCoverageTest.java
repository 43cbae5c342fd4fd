package dev.sweeper.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sweeper.core.AutostopCoverage.State;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AutostopCoverageTest {
    private static final String CHECKER = "print('checker')\n";

    private static String b64(String script) {
        return Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void ofOnStart_whenSweeperScript_isCoveredWithItsIdleTime() {
        String script = LifecycleScript.onStart(CHECKER, new LifecycleScript.Autostop(Duration.ofMinutes(45), true, null, null, null));

        AutostopCoverage c = AutostopCoverage.ofOnStart(LifecycleScript.content(script));

        assertThat(c.state()).isEqualTo(State.SWEEPER);
        assertThat(c.idle()).isEqualTo(Duration.ofMinutes(45));
        assertThat(c.ignoreConnections()).isTrue();
        assertThat(c.covered()).isTrue();
        assertThat(c.detail()).isEqualTo("the sweeper's idle checker, 45m");
    }

    @Test
    void ofOnStart_whenMergedAfterATeamScript_isCovered() {
        String merged = "#!/bin/bash\nset -e\npip install pandas\n"
                + LifecycleScript.installer(CHECKER, new LifecycleScript.Autostop(Duration.ofHours(2), false, null, null, null));

        assertThat(AutostopCoverage.ofOnStart(b64(merged)).idle()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void ofOnStart_whenAwsSample_isCoveredWithItsTime() {
        String sample = """
                #!/bin/bash
                set -e
                IDLE_TIME=3600
                wget https://raw.githubusercontent.com/aws-samples/amazon-sagemaker-notebook-instance-lifecycle-config-samples/master/scripts/auto-stop-idle/autostop.py
                (crontab -l 2>/dev/null; echo "*/5 * * * * /usr/bin/python $PWD/autostop.py --time $IDLE_TIME --ignore-connections >> /var/log/jupyter.log") | crontab -
                """;

        AutostopCoverage c = AutostopCoverage.ofOnStart(b64(sample));

        assertThat(c.state()).isEqualTo(State.AWS_SAMPLE);
        assertThat(c.idle()).isEqualTo(Duration.ofHours(1));
        assertThat(c.ignoreConnections()).isTrue();
        assertThat(c.covered()).isTrue();
        assertThat(AutostopCoverage.ofScript("python3 autostop.py --time 1800").idle()).isEqualTo(Duration.ofMinutes(30));
        assertThat(AutostopCoverage.ofScript("python3 autostop.py").detail()).isEqualTo("AWS's sample autostop.py, idle time not found");
    }

    @Test
    void ofOnStart_whenNoChecker_isNotCovered() {
        AutostopCoverage c = AutostopCoverage.ofOnStart(b64("#!/bin/bash\npip install pandas\n"));

        assertThat(c.state()).isEqualTo(State.NONE);
        assertThat(c.covered()).isFalse();
        assertThat(c.idle()).isNull();
        assertThat(AutostopCoverage.ofOnStart(null).state()).isEqualTo(State.NONE);
        assertThat(AutostopCoverage.noConfiguration().detail()).isEqualTo("no lifecycle configuration");
    }

    @Test
    void ofOnStart_whenUnreadableOrEdited_isUnknown() {
        assertThat(AutostopCoverage.ofOnStart("%%% not base64").state()).isEqualTo(State.UNKNOWN);
        String edited = LifecycleScript.onStart(CHECKER, new LifecycleScript.Autostop(Duration.ofHours(1), false, null, null, null))
                .replace("--idle-seconds 3600", "--idle-seconds 600");

        AutostopCoverage c = AutostopCoverage.ofScript(edited);

        assertThat(c.state()).isEqualTo(State.UNKNOWN);
        assertThat(c.covered()).isFalse();
    }
}
