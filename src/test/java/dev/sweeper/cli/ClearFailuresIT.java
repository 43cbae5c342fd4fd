package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 17, item 3: a failure says what failed, in one line, quickly. */
class ClearFailuresIT {

    @Test
    void endpointsIdle_whenServerIsNotAws_saysTheHttpStatusAndTheStartOfTheBody() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "<html><body><h1>404 Not Found</h1><hr>nginx/1.25.3</body></html>"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            Cli.Run run = Cli.run("endpoints", "idle", "--region", "us-east-1", "--output", "json",
                    "--endpoint-url", "http://127.0.0.1:" + server.getAddress().getPort());

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
            assertThat(run.err()).as(run.toString()).contains("HTTP 404").contains("404 Not Found");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void scan_whenProfileHasNoCredentials_exits2InOneLineAndCallsNothing() throws Exception {
        Path aws = Path.of(System.getenv("HOME"), ".aws");
        Files.createDirectories(aws);
        Files.writeString(aws.resolve("config"), "[profile sweeper-no-keys]\nregion = us-east-1\n");
        try (Sandbox sandbox = Sandbox.sampleFleet()) {
            Cli.Run run = Cli.run("scan", "--profile", "sweeper-no-keys", "--endpoint-url", sandbox.url(),
                    "--output", "json");

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
            List<String> lines = run.err().lines().toList();
            assertThat(lines).as(run.toString()).hasSize(1);
            assertThat(lines.get(0)).startsWith("error: no AWS credentials").contains("sweeper-no-keys")
                    .contains("--profile").contains("aws configure");
            assertThat(run.out()).isEmpty();
            assertThat(sandbox.totalCalls()).isZero();
        } finally {
            Files.delete(aws.resolve("config"));
        }
    }

    @Test
    void scan_whenHttpsToAPlainHttpPort_failsAtTheHandshakeCheckBeforeAnyCall() {
        try (Sandbox sandbox = Sandbox.sampleFleet()) {
            String https = sandbox.url().replace("http://", "https://");
            String port = String.valueOf(java.net.URI.create(https).getPort());
            int attemptsBefore = dev.sweeper.safety.SdkOperationRecorder.attempts("SageMaker.ListEndpoints");

            Cli.Run run = Cli.run("scan", "--region", "us-east-1", "--endpoint-url", https, "--output", "json");

            // The one TLS handshake before the run (bounded by its own 3 s) said it: bad input, exit 2, one
            // line, and no AWS call was sent to wait out its call timeout on a port that never speaks TLS.
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
            List<String> lines = run.err().lines().toList();
            assertThat(lines).as(run.toString()).hasSize(1);
            assertThat(lines.get(0)).startsWith("error: --endpoint-url " + https).contains("TLS").contains(port)
                    .contains("plain http://");
            assertThat(run.out()).isEmpty();
            assertThat(dev.sweeper.safety.SdkOperationRecorder.attempts("SageMaker.ListEndpoints") - attemptsBefore)
                    .as("ListEndpoints attempts").isZero();
            assertThat(sandbox.totalCalls()).isZero();
        }
    }

    @Test
    void sandbox_whenPortInUse_exits2WithOneLine() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Cli.Run run = Cli.run("sandbox", "--port", String.valueOf(busy.getLocalPort()));

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
            List<String> lines = run.err().lines().toList();
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0)).startsWith("error: ").contains(String.valueOf(busy.getLocalPort()))
                    .contains("in use");
        }
    }
}
