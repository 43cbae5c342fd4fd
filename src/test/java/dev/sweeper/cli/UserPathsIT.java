package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sweeper.audit.JsonlAuditLog;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, item 2: every per-user path comes from $XDG_*, then $HOME, of the environment the run
 * is given, never from Java's user.home; and no test touches the real home directory.
 */
class UserPathsIT {
    @RegisterExtension
    static final Sandbox sandbox = Sandbox.perTestSampleFleet();

    static Cli.Run run(Map<String, String> env, String... args) {
        return Cli.run(new Environment(env, false, false, Clock.systemUTC(), Duration.ofMillis(100)),
                sandbox.args(args));
    }

    @Test
    void testJvm_whenForkedByMaven_hasEveryPerUserPathUnderTarget() {
        Path target = Path.of("target").toAbsolutePath().normalize();
        String realHome = System.getProperty("sweeper.test.realHome");
        assertThat(realHome).as("the pom passes the real home, to compare").isNotBlank();
        for (String variable : new String[] {"HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"}) {
            assertThat(Path.of(System.getenv(variable)).normalize()).as(variable).startsWithRaw(target);
        }
        assertThat(Path.of(System.getProperty("user.home")).normalize()).startsWithRaw(target);
        Path audit = JsonlAuditLog.defaultPath(System.getenv());
        assertThat(audit.normalize()).startsWithRaw(target);
        assertThat(audit.normalize().startsWith(Path.of(realHome).resolve(".local"))).as("under the real home").isFalse();
    }

    @Test
    void stopNotebooks_whenOnlyHomeIsSet_writesTheDefaultAuditLogUnderThatHome(@TempDir Path home) throws Exception {
        Cli.Run run = run(Map.of("HOME", home.toString()), "stop-notebooks", "--name-contains", "dev-");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Path audit = home.resolve(".local/state/sweeper/audit.jsonl");
        assertThat(audit).as("the audit log under $HOME, not under user.home").exists();
        assertThat(Files.readAllLines(audit)).isNotEmpty().allMatch(l -> l.contains("\"command\":\"stop-notebooks\""));
    }

    @Test
    void stopNotebooks_whenXdgStateHomeIsSet_writesTheAuditLogThere(@TempDir Path dir) {
        Path state = dir.resolve("state");
        // The price cache follows XDG_CACHE_HOME the same way: with both set, nothing is written under $HOME.
        Cli.Run run = run(Map.of("HOME", dir.resolve("home").toString(), "XDG_STATE_HOME", state.toString(),
                "XDG_CACHE_HOME", dir.resolve("cache").toString()), "stop-notebooks", "--name-contains", "dev-");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(state.resolve("sweeper/audit.jsonl")).exists();
        assertThat(dir.resolve("home")).doesNotExist();
    }

    @Test
    void stopNotebooks_whenNeitherXdgNorHome_exits2AskingForAuditLog() {
        Cli.Run run = run(Map.of(), "stop-notebooks", "--name-contains", "dev-");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("error: ").contains("--audit-log").doesNotContain("\n");
    }

    @Test
    void configAuditLog_whenTilde_expandsWithTheRunsHome(@TempDir Path home) throws Exception {
        Path config = Files.writeString(home.resolve("sweeper.yaml"), "audit-log: ~/logs/audit.jsonl\n");

        Cli.Run run = run(Map.of("HOME", home.toString()), "stop-notebooks", "--name-contains", "dev-",
                "--config", config.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(home.resolve("logs/audit.jsonl")).exists();
    }
}
