package dev.sweeper.safety;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sweeper.testing.Sandbox;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the packaged jar as a real subprocess, with credentials in its environment, for every
 * command, verbosely, and checks that no byte of stdout or stderr carries a credential or a
 * request signature.
 */
class SecretsIT {
    static final Path JAR = Path.of("target", "sweeper.jar");
    static final String KEY_ID = "AKIAFAKESWEEPERKEY42";
    static final String SECRET = "fakeSecretKeyShouldNeverBePrinted0123456789";
    static final String TOKEN = "FakeSessionTokenNeverPrintIQoJb3JpZ2luX2VjEHAaCXVzLWVhc3QtMSJHMEUCIQDsweeper";
    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:sweeper-alerts";
    static final String TRACE = "-Dorg.slf4j.simpleLogger.defaultLogLevel=trace";
    static final Pattern SIGNATURE = Pattern.compile("Signature=[0-9a-fA-F]{8,}");
    static final Pattern AUTHORIZATION = Pattern.compile("(?i)authorization\\s*[:=]\\s*\\S");
    /**
     * A notebook's presigned URL and the session it opens are credentials (full access to the
     * notebook): its token, the URL itself (the sandbox serves it under /_jupyter/) and its cookies.
     */
    static final Pattern PRESIGNED = Pattern.compile("authToken|AuthorizedUrl|/_jupyter/|sandbox-jupyter-session|_xsrf");
    static final long TIMEOUT_SECONDS = 120;

    @TempDir
    static Path home;

    /** Each (command, trace) run once, whichever test asks first: a run of the jar takes seconds. */
    static final Map<String, Output> RUNS = new ConcurrentHashMap<>();

    @BeforeAll
    static void jarIsBuilt() {
        assertThat(JAR).as("built by the package phase before Failsafe runs").isRegularFile();
    }

    /** One command line (without the sandbox's endpoint); {@code fault} is injected first when not null. */
    record Command(String label, String fault, List<String> args) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Command command(String... args) {
        return new Command(String.join(" ", args), null, List.of(args));
    }

    static Stream<Command> commands() {
        return Stream.of(
                command("scan"),
                command("scan", "--output", "table"),
                command("endpoints", "idle", "--delete", "--all"),
                command("endpoints", "idle", "--delete", "--all", "--apply"),
                command("endpoints", "idle", "--notify", "--topic-arn", TOPIC),
                command("apps", "idle", "--max-age", "1d", "--delete", "--all", "--apply"),
                command("stop-notebooks", "--name-contains", "dev-", "--apply"),
                command("stop-notebooks", "--all", "--idle-only", "--apply", "--max-actions", "50"),
                command("scan", "--kinds", "notebook", "--output", "csv"),
                command("start-notebooks", "--all", "--apply"),
                command("report", "--format", "table"),
                command("report", "--format", "markdown"),
                command("report", "--format", "json"),
                command("report", "--format", "csv"),
                command("report", "--format", "html"),
                new Command("scan, every call failing with a 500", "{\"operation\":\"*\",\"mode\":\"error500\",\"rate\":1.0}",
                        List.of("scan")),
                new Command("scan, every presigned notebook URL failing with a 500",
                        "{\"operation\":\"SageMaker.CreatePresignedNotebookInstanceUrl\",\"mode\":\"error500\",\"rate\":1.0}",
                        List.of("scan", "--kinds", "notebook")),
                new Command("endpoints idle --delete --apply, deletes rejected",
                        "{\"operation\":\"SageMaker.DeleteEndpoint\",\"mode\":\"validation\",\"rate\":1.0,"
                                + "\"message\":\"Injected refusal\"}",
                        List.of("endpoints", "idle", "--delete", "--all", "--apply")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void run_whenVerbose_printsNoCredentialOrSignature(Command c) throws Exception {
        Output o = runJar(c, false);

        assertNoCredential(o, KEY_ID);
        assertNoCredential(o, SECRET);
        assertNoCredential(o, TOKEN);
        assertNoSignature(o);
        assertNoPresignedUrl(o);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void run_whenSdkTraceLogging_printsNoPresignedNotebookUrl(Command c) throws Exception {
        Output o = runJar(c, true);

        assertNoPresignedUrl(o);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void run_whenAnyCommand_writesNoPresignedNotebookUrlToAnyFile(Command c) throws Exception {
        runJar(c, false);
        runJar(c, true);

        // The audit log (XDG_STATE_HOME is under the runs' HOME) and anything else the runs wrote there.
        if (c.args().contains("--apply")) {
            assertThat(home.resolve("state/sweeper/audit.jsonl")).as("an acting run writes the audit log").isRegularFile();
        }
        List<String> leaks = new ArrayList<>();
        try (Stream<Path> files = java.nio.file.Files.walk(home)) {
            for (Path f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                java.nio.file.Files.readAllLines(f, StandardCharsets.UTF_8).stream()
                        .filter(l -> PRESIGNED.matcher(l).find()).forEach(l -> leaks.add(f + ": " + l));
            }
        }
        assertThat(leaks).as("files carrying a presigned notebook URL or its session").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void run_whenSdkTraceLogging_printsNoKeyIdSecretOrSignature(Command c) throws Exception {
        Output o = runJar(c, true);

        assertThat(o.err()).as("trace logging is on").contains("TRACE");
        assertNoCredential(o, KEY_ID);
        assertNoCredential(o, SECRET);
        assertNoSignature(o);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void run_whenSdkTraceLogging_printsNoSessionToken(Command c) throws Exception {
        Output o = runJar(c, true);

        assertNoCredential(o, TOKEN);
    }

    record Output(int exitCode, String out, String err) {
        String all() {
            return out + "\n" + err;
        }
    }

    private static Output runJar(Command c, boolean trace) throws Exception {
        String key = c.label() + (trace ? " [trace]" : "");
        Output cached = RUNS.get(key);
        if (cached != null) {
            return cached;
        }
        try (Sandbox sandbox = Sandbox.sampleFleet()) {
            Output o = runJar(c, trace, sandbox);
            RUNS.put(key, o);
            return o;
        }
    }

    private static Output runJar(Command c, boolean trace, Sandbox sandbox) throws Exception {
        if (c.fault() != null) {
            sandbox.fault(c.fault());
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Faster start-up only; nothing that changes what is logged.
        cmd.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        if (trace) {
            cmd.add(TRACE);
        }
        cmd.addAll(List.of("-jar", JAR.toString()));
        cmd.addAll(c.args());
        cmd.addAll(List.of("-v", "--endpoint-url", sandbox.url()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.clear(); // no AWS_PROFILE, AWS_CONFIG_FILE, ... from the machine running the tests
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", home.toString());
        env.put("XDG_STATE_HOME", home.resolve("state").toString()); // the audit log, where the file test reads it
        env.put("AWS_ACCESS_KEY_ID", KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET);
        env.put("AWS_SESSION_TOKEN", TOKEN);
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_CONFIG_FILE", home.resolve("no-aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-aws-credentials").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(c + ": the sweeper did not finish within " + TIMEOUT_SECONDS + "s");
        }
        Output o = new Output(p.exitValue(), new String(out.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8),
                new String(err.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8));
        // The run itself must have worked (or failed as the fault asked): otherwise nothing was tested.
        assertThat(o.exitCode()).as(c + "\n" + tail(o.err())).isIn(0, 3);
        assertThat(o.out()).as("a result on stdout").isNotBlank();
        return o;
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            return buf.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertNoCredential(Output o, String secret) {
        assertThat(leakingLines(o.all(), secret)).as("lines printing " + secret).isEmpty();
    }

    private static void assertNoPresignedUrl(Output o) {
        List<String> lines = o.all().lines().filter(l -> PRESIGNED.matcher(l).find())
                .map(l -> l.length() > 300 ? l.substring(0, 300) : l).toList();
        assertThat(lines).as("lines printing a presigned notebook URL, its token or its session").isEmpty();
    }

    private static void assertNoSignature(Output o) {
        List<String> lines = o.all().lines()
                .filter(l -> SIGNATURE.matcher(l).find() || AUTHORIZATION.matcher(l).find()).toList();
        assertThat(lines).as("lines printing a SigV4 signature or an Authorization header").isEmpty();
    }

    private static List<String> leakingLines(String text, String secret) {
        return text.lines().filter(l -> l.contains(secret)).map(l -> l.length() > 300 ? l.substring(0, 300) : l)
                .toList();
    }

    private static String tail(String s) {
        return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
    }
}
