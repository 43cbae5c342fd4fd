package dev.sweeper.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import dev.sweeper.cli.Environment;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Lambda handler end to end: the event in, the real command tree and SDK, the sandbox over HTTP. */
class SweeperHandlerIT {
    @RegisterExtension
    final Sandbox sandbox = Sandbox.perTestSampleFleet();
    /** The default audit log goes here, never to the user's own state directory. */
    static final Path STATE = Cli.STATE_DIR;
    final ByteArrayOutputStream log = new ByteArrayOutputStream();
    // As in Lambda: the region only from AWS_REGION, never from an argument.
    final SweeperHandler handler = new SweeperHandler(
            new Environment(Map.of("AWS_REGION", "us-east-1", "XDG_STATE_HOME", STATE.toString()), false, false,
                    Clock.systemUTC(), Duration.ofMillis(100)),
            new PrintStream(log, true, StandardCharsets.UTF_8));

    @BeforeAll
    static void credentials() {
        // What the execution role gives in Lambda; the sandbox accepts any credentials.
        System.setProperty("aws.accessKeyId", "AKIASWEEPERTESTKEY00");
        System.setProperty("aws.secretAccessKey", "sweeper-test-secret-key-do-not-print");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> invoke(String command, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--endpoint-url", sandbox.url()));
        return (Map<String, Object>) handler.handleRequest(Map.of("command", command, "args", all), context());
    }

    static Context context() {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, a) -> method.getName().equals("getAwsRequestId") ? "req-123" : null);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> byName(Map<String, Object> result) {
        Map<String, Map<String, Object>> out = new HashMap<>();
        for (Object r : (List<Object>) result.get("resources")) {
            Map<String, Object> m = (Map<String, Object>) r;
            out.put((String) m.get("name"), m);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Object outcome(Map<String, Object> resource) {
        Map<String, Object> action = (Map<String, Object>) resource.get("action");
        return action == null ? null : action.get("outcome");
    }

    @Test
    void handleRequest_whenEndpointsIdle_returnsTheJsonResultWithExitCode() {
        // --offline-prices: the bundled table alone, which has no ml.p5.48xlarge price (AWS's list has one).
        Map<String, Object> result = invoke("endpoints idle", "--offline-prices");

        assertThat(result.get("exitCode")).isEqualTo(0);
        assertThat(result.get("command")).isEqualTo("endpoints idle");
        assertThat(result.get("window")).isEqualTo("PT24H");
        Map<String, Map<String, Object>> r = byName(result);
        assertThat(r.get("fraud-v2").get("verdict")).isEqualTo("IDLE");
        assertThat(r.get("fraud-v2").get("region")).as("region from AWS_REGION").isEqualTo("us-east-1");
        assertThat(r).doesNotContainKey("eu-fraud-v2");
        assertThat(result.get("summary")).isInstanceOf(Map.class);
        String logged = log.toString(StandardCharsets.UTF_8);
        assertThat(logged).contains("sweeper endpoints idle --offline-prices --endpoint-url")
                .contains("--output json").contains("(request req-123)").contains("sweeper exit 0")
                .contains("no endpoint price for instance type ml.p5.48xlarge"); // warnings go to the log
    }

    @Test
    void handleRequest_whenNightlyStopIncludingActive_stopsEveryRunningDevNotebook() {
        Map<String, Object> result = invoke("stop-notebooks", "--name-contains", "dev-", "--include-active", "--apply");

        assertThat(result.get("exitCode")).isEqualTo(0);
        assertThat(result.get("dryRun")).isEqualTo(false);
        Map<String, Map<String, Object>> r = byName(result);
        assertThat(outcome(r.get("dev-alice"))).isEqualTo("done");
        assertThat(outcome(r.get("dev-carol"))).as("already stopped").isNull();
        assertThat(sandbox.calls("SageMaker.StopNotebookInstance")).isEqualTo(4);
        assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain("audit log");
    }

    @Test
    void handleRequest_whenFailOnIdle_returnsExit4InsteadOfThrowing() {
        Map<String, Object> result = invoke("endpoints idle", "--fail-on-idle");

        assertThat(result.get("exitCode")).isEqualTo(4);
        assertThat(result.get("exitMeaning")).asString().contains("--fail-on-idle");
        assertThat(byName(result)).containsKey("fraud-v2");
    }

    @Test
    void handleRequest_whenRefusedByMaxActions_returnsExit5AndTouchesNothing() {
        Map<String, Object> result = invoke("stop-notebooks", "--name-contains", "dev-", "--apply", "--max-actions", "1");

        assertThat(result.get("exitCode")).isEqualTo(5);
        assertThat(result.get("refusal")).asString().contains("actions planned");
        assertThat(sandbox.calls("SageMaker.StopNotebookInstance")).isZero();
    }

    @Test
    void handleRequest_whenStartOnlySwept_afterAStop_startsWhatItStopped() {
        invoke("stop-notebooks", "--name-contains", "dev-", "--apply", "--wait");
        Map<String, Object> result = invoke("start-notebooks", "--name-contains", "dev-", "--only-swept", "--apply");

        assertThat(result.get("exitCode")).isIn(0, 3);
        Map<String, Map<String, Object>> r = byName(result);
        assertThat(outcome(r.get("dev-alice"))).isEqualTo("done");
        assertThat(r).as("stopped by its owner, not by the sweeper").doesNotContainKey("dev-carol");
    }
}
