package dev.sweeper.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the Python tests of the on-instance idle checker ({@code src/test/python}) so that {@code mvn verify}
 * runs them too. Skipped only where no {@code python3} can be started.
 */
class AutostopPythonTest {

    @Test
    void pythonTests_whenRun_allPass() throws Exception {
        assumeTrue(python3Available(), "python3 is not installed: the checker's Python tests are skipped");

        Process p = new ProcessBuilder("python3", "-m", "unittest", "discover", "-s", "src/test/python", "-v")
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // A bound, not a speed target: the tests take about a second.
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("python3 -m unittest finished").isTrue();

        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("OK");
    }

    private static boolean python3Available() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && Path.of("src/test/python").toFile().isDirectory();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
