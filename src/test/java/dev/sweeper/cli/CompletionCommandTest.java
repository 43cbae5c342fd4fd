package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.sweeper.testing.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionCommandTest {
    @TempDir
    Path dir;

    record Shell(int exitCode, String out) {
    }

    Shell run(String shell, Path script, String commands) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(shell, "-c", "source '" + script + "' && " + commands)
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Shell(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    Path script(String shell) throws IOException {
        Cli.Run run = Cli.run("completion", shell);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).isEmpty();
        Path f = dir.resolve("sweeper." + shell);
        Files.writeString(f, run.out());
        return f;
    }

    static String complete(String... words) {
        // What bash sets before calling the completion function; the last word is the one being completed.
        return "COMP_WORDS=(" + String.join(" ", words) + "); COMP_CWORD=" + (words.length - 1)
                + "; _complete_sweeper; echo \"[${COMPREPLY[*]}]\"";
    }

    @Test
    void completion_whenBash_registersForSweeperInBash() throws Exception {
        Shell sh = run("bash", script("bash"), "complete -p sweeper");

        assertThat(sh.exitCode()).as(sh.out()).isZero();
        assertThat(sh.out()).contains("-F _complete_sweeper sweeper");
    }

    @Test
    void completion_whenBash_completesCommandsSubcommandsAndOptions() throws Exception {
        Path script = script("bash");

        assertThat(run("bash", script, complete("sweeper", "endpoints", "''")).out()).contains("[idle]");
        assertThat(run("bash", script, complete("sweeper", "stop-")).out()).contains("[stop-notebooks]");
        assertThat(run("bash", script, complete("sweeper", "config", "''")).out()).contains("[show]");
        assertThat(run("bash", script, complete("sweeper", "completion", "''")).out()).contains("[bash zsh]");
        assertThat(run("bash", script, complete("sweeper", "endpoints", "idle", "--del")).out()).contains("[--delete]");
    }

    @Test
    void completion_whenZsh_printsTheBashcompinitPreambleFirst() throws Exception {
        Cli.Run run = Cli.run("completion", "zsh");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith(CompletionCommand.ZSH_PREAMBLE).contains("complete -F _complete_sweeper");
    }

    @Test
    void completion_whenZshInstalled_registersInZsh() throws Exception {
        assumeThat(Path.of("/bin/zsh")).as("zsh is installed").exists();

        Shell sh = run("zsh", script("zsh"), "complete -p sweeper");

        assertThat(sh.exitCode()).as(sh.out()).isZero();
        assertThat(sh.out()).contains("_complete_sweeper");
    }

    @Test
    void completion_whenUnknownShell_isUsageError() {
        Cli.Run run = Cli.run("completion", "fish");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("fish").contains("bash").contains("zsh");
        assertThat(run.out()).isEmpty();
    }
}
