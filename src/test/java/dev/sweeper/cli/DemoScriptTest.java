package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Issue 17, item 8: the demo's Maven writes no colour or reset codes. */
class DemoScriptTest {
    static final Path DEMO = Path.of("scripts/demo.sh");

    @Test
    void demo_whenItBuilds_runsMavenThroughTheColourlessFunction() throws Exception {
        List<String> mvnLines = Files.readAllLines(DEMO).stream().map(String::strip)
                .filter(l -> !l.startsWith("#") && l.matches(".*\\bmvn\\b.*")).toList();
        assertThat(mvnLines).isNotEmpty().allMatch(l -> l.startsWith("mvn_quiet") || l.startsWith("mvn_quiet()"));
        assertThat(mvnLines).anyMatch(l -> l.startsWith("mvn_quiet()") && l.contains(" -B ")
                && l.contains("-Dstyle.color=never") && l.contains("jansi.noreset=true"));
    }

    @Test
    void demoMaven_whenRunQuiet_printsNoEscapeCodes() throws Exception {
        String realHome = System.getProperty("sweeper.test.realHome");
        Path repo = Path.of(realHome == null ? "" : realHome, ".m2", "repository");
        assumeTrue(Files.isDirectory(repo), "needs the local Maven repository, to run Maven offline");
        // The demo's own function, on a phase that builds nothing.
        String script = "source <(grep '^mvn_quiet()' scripts/demo.sh); mvn_quiet -o -Dmaven.repo.local=" + repo
                + " validate";
        Process p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).as("escape codes in: " + output.replace("\u001b", "ESC")).doesNotContain("\u001b");
    }
}
