package dev.sweeper.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sweeper.cli.Environment;
import dev.sweeper.testing.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The handler's failure paths, which call nothing: no sandbox needed. */
class SweeperHandlerTest {
    /** The default audit log goes here, never to the user's own state directory. */
    static final Path STATE = Cli.STATE_DIR;
    final ByteArrayOutputStream log = new ByteArrayOutputStream();
    final SweeperHandler handler = new SweeperHandler(
            new Environment(Map.of("AWS_REGION", "us-east-1", "XDG_STATE_HOME", STATE.toString()), false, false,
                    Clock.systemUTC(), Duration.ofMillis(100)),
            new PrintStream(log, true, StandardCharsets.UTF_8));

    String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    @Test
    void handleRequest_whenUsageError_throwsWithExit2AndTheErrorLine() {
        assertThatThrownBy(() -> handler.handleRequest(
                Map.of("command", "endpoints idle", "args", List.of("--window", "99d")), null))
                .isInstanceOfSatisfying(SweepFailedException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessageContaining("exited 2 (usage or configuration error; nothing was called)")
                .hasMessageContaining("--window");
        assertThat(log()).contains("sweeper endpoints idle --window 99d --output json")
                .contains("error: --window").contains("sweeper exit 2");
    }

    @Test
    void handleRequest_whenUnknownOption_throwsExit2() {
        assertThatThrownBy(() -> handler.handleRequest(
                Map.of("command", "stop-notebooks", "args", List.of("--name-contain", "dev-")), null))
                .isInstanceOfSatisfying(SweepFailedException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessageContaining("--name-contain");
    }

    @Test
    void handleRequest_whenBadEvent_throwsBeforeRunning() {
        assertThatThrownBy(() -> handler.handleRequest(Map.of("source", "aws.events"), null))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("unknown key 'source'");
        assertThat(log()).doesNotContain("sweeper exit");
    }

    @Test
    void lambdaEnvironment_whenNoStateDir_putsTheAuditLogInTmp() {
        assertThat(SweeperHandler.lambdaEnvironment(Map.of("AWS_REGION", "eu-west-1")).env())
                .containsEntry("XDG_STATE_HOME", "/tmp").containsEntry("AWS_REGION", "eu-west-1");
        assertThat(SweeperHandler.lambdaEnvironment(Map.of("XDG_STATE_HOME", "/mnt/efs")).env())
                .containsEntry("XDG_STATE_HOME", "/mnt/efs");
    }

    @Test
    void redacted_whenExternalId_hidesItsValueOnly() {
        assertThat(SweeperHandler.redacted(List.of("scan", "--external-id", "s3cret", "--region", "us-east-1")))
                .containsExactly("scan", "--external-id", "***", "--region", "us-east-1");
        assertThat(SweeperHandler.redacted(List.of("scan", "--external-id=s3cret"))).containsExactly("scan", "--external-id=***");
    }

    @Test
    void meaning_whenEveryCode_isTheHelpText() {
        assertThat(SweeperHandler.meaning(5)).startsWith("refused");
        assertThat(SweeperHandler.meaning(2)).isEqualTo("usage or configuration error; nothing was called");
        assertThat(SweeperHandler.meaning(42)).isEqualTo("unknown exit code");
    }
}
