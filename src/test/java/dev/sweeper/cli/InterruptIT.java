package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sweeper.sandbox.SandboxOptions;
import dev.sweeper.testing.Sandbox;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C in the middle of an {@code --apply} run, for real: the jar runs as a process against a sandbox slowed down
 * by latency, gets SIGINT once its first stop is done, and must exit 130 saying what was done, what was left and
 * where the audit log is, with no action started after the signal.
 */
class InterruptIT {
    static final Path JAR = Path.of("target", "sweeper.jar");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @Test
    void stopNotebooks_whenInterruptedMidApply_reportsDoneAndLeftAndExits130() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withFleetFile(Sandbox.SAMPLE_FLEET)
                .withLatencyMs(250))) {
            Path audit = home.resolve("audit.jsonl");
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR.toString(),
                    "stop-notebooks", "--all", "--include-active", "--apply", "--max-actions", "50",
                    "--audit-log", audit.toString(), "--endpoint-url", sandbox.url(), "--region", "us-east-1",
                    "--output", "json"));
            ProcessBuilder pb = new ProcessBuilder(cmd);
            Map<String, String> env = pb.environment();
            env.clear();
            env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
            env.put("HOME", home.toString());
            env.put("AWS_ACCESS_KEY_ID", "AKIASWEEPERTESTKEY00");
            env.put("AWS_SECRET_ACCESS_KEY", "sweeper-test-secret");
            env.put("AWS_CONFIG_FILE", home.resolve("no-aws-config").toString());
            env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-aws-credentials").toString());
            env.put("AWS_EC2_METADATA_DISABLED", "true");
            Process p = pb.start();
            p.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));

            // SIGINT as soon as the first stop is done: the other stops are still to come.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!firstStopDone(audit) && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(p.isAlive()).as("still running after its first stop; stderr: " + (p.isAlive() ? "" : err.get()))
                    .isTrue();
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start().waitFor();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exits after Ctrl-C").isTrue();
            String stderr = err.get(10, TimeUnit.SECONDS);
            out.get(10, TimeUnit.SECONDS);

            assertThat(p.exitValue()).as(stderr).isEqualTo(130);
            assertThat(stderr).contains("interrupted: stop-notebooks stopped after").contains(" done: notebook ")
                    .contains("left, not started: notebook ");
            Matcher m = Pattern.compile("audit log: (\\S+) \\(run (\\S+)\\)").matcher(stderr);
            assertThat(m.find()).as(stderr).isTrue();
            assertThat(Path.of(m.group(1))).isEqualTo(audit.toAbsolutePath());
            String runId = m.group(2);

            List<JsonNode> lines = new ArrayList<>();
            for (String l : Files.readAllLines(audit, StandardCharsets.UTF_8)) {
                lines.add(JSON.readTree(l));
            }
            assertThat(lines).isNotEmpty().allSatisfy(l -> assertThat(l.path("runId").asText()).isEqualTo(runId));
            // What the report calls done is what the log and the sandbox say: nothing was stopped past the signal.
            Set<String> attempted = new LinkedHashSet<>();
            lines.stream().filter(l -> l.path("reason").asText().startsWith("attempting"))
                    .forEach(l -> attempted.add(l.path("name").asText()));
            long stopCalls = sandbox.calls("SageMaker.StopNotebookInstance");
            assertThat(stopCalls).isPositive().isLessThanOrEqualTo(attempted.size());
            long running = 0;
            for (JsonNode n : sandbox.state().path("notebooks")) {
                running += n.path("status").asText().equals("InService") ? 1 : 0;
            }
            assertThat(running).as("the stops left undone").isPositive();
            for (String name : attempted) {
                assertThat(stderr).contains("notebook " + name);
            }
        }
    }

    static boolean firstStopDone(Path audit) throws IOException {
        return Files.exists(audit) && Files.readAllLines(audit, StandardCharsets.UTF_8).stream()
                .anyMatch(l -> l.contains("\"outcome\":\"done\""));
    }

    static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
