package dev.sweeper.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sweeper.cli.Environment;
import dev.sweeper.cli.ExitCode;
import dev.sweeper.cli.SweeperCli;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;

/**
 * The sweeper as an AWS Lambda function: the event names a command and its flags, the handler runs
 * the same command tree as the CLI with {@code --output json}, and returns that JSON document as the
 * result, plus {@code exitCode}. Logs and warnings go to stderr, which Lambda sends to CloudWatch Logs.
 *
 * <p>Exit codes: 0, 3 (partial), 4 (idle found) and 5 (refused by --max-actions) are results, since the
 * run produced its JSON document and did what it could; they are returned with {@code exitCode}.
 * 1 (internal error) and 2 (usage or configuration error) are failures: the handler throws, so Lambda
 * marks the invocation failed and alarms on the function's Errors metric fire. A bad event throws
 * {@link InvalidEventException} before anything is called.
 *
 * <p>Region and credentials come from the function's environment (AWS_REGION and the execution
 * role), exactly as on a terminal.
 */
public final class SweeperHandler implements RequestHandler<Map<String, Object>, Object> {
    static final Set<Integer> RESULT_CODES = Set.of(ExitCode.OK.code(), ExitCode.PARTIAL.code(),
            ExitCode.IDLE_FOUND.code(), ExitCode.REFUSED.code());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Environment environment;
    private final PrintStream log;

    /** The constructor Lambda calls: the process environment, logs to stderr. */
    public SweeperHandler() {
        this(lambdaEnvironment(System.getenv()), System.err);
        SweeperCli.silenceSigners();
    }

    public SweeperHandler(Environment environment, PrintStream log) {
        this.environment = environment;
        this.log = log;
    }

    /**
     * The function's environment. Lambda's file system is read-only but for /tmp, so the default audit
     * log ($XDG_STATE_HOME/sweeper/audit.jsonl) goes there unless XDG_STATE_HOME says otherwise; it
     * lasts only as long as the execution environment, which is why config/lambda.yaml sets
     * SWEEPER_AUDIT_LOG to its CloudWatch Logs audit group.
     */
    static Environment lambdaEnvironment(Map<String, String> processEnv) {
        Map<String, String> env = new HashMap<>(processEnv);
        env.putIfAbsent("XDG_STATE_HOME", "/tmp");
        return new Environment(Map.copyOf(env), false, false, Clock.systemUTC(), Duration.ofSeconds(10));
    }

    @Override
    public Object handleRequest(Map<String, Object> event, Context context) {
        LambdaEvent parsed = LambdaEvent.parse(event);
        StringWriter stdout = new StringWriter();
        StringWriter stderrCopy = new StringWriter();
        PrintWriter stderr = new PrintWriter(new Tee(log, stderrCopy), true);
        CommandLine cli = SweeperCli.commandLine(new PrintWriter(stdout, true), stderr, environment);
        List<String> argv = parsed.argv(cli);

        String request = context == null ? "" : " (request " + context.getAwsRequestId() + ")";
        log.println("sweeper " + String.join(" ", redacted(argv)) + request);
        int code = cli.execute(argv.toArray(String[]::new));
        stderr.flush();
        log.println("sweeper exit " + code + ": " + meaning(code));
        log.flush();

        if (!RESULT_CODES.contains(code)) {
            throw new SweepFailedException(code, "sweeper " + String.join(" ", parsed.command()) + " exited " + code
                    + " (" + meaning(code) + "): " + lastLines(stderrCopy.toString()));
        }
        Map<String, Object> document;
        try {
            document = JSON.readValue(stdout.toString(), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new SweepFailedException(ExitCode.INTERNAL.code(), "sweeper " + String.join(" ", parsed.command())
                    + " exited " + code + " but its output is not one JSON document: " + e.getOriginalMessage());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("exitCode", code);
        result.put("exitMeaning", meaning(code));
        result.putAll(document);
        return result;
    }

    /** The arguments as logged: an external ID is a shared secret between accounts, so it is not logged. */
    static List<String> redacted(List<String> argv) {
        List<String> out = new ArrayList<>(argv);
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).equals("--external-id") && i + 1 < out.size()) {
                out.set(i + 1, "***");
            } else if (out.get(i).startsWith("--external-id=")) {
                out.set(i, "--external-id=***");
            }
        }
        return out;
    }

    static String meaning(int code) {
        return ExitCode.of(code).map(ExitCode::meaning).orElse("unknown exit code");
    }

    /** The end of stderr: where the error line is. */
    private static String lastLines(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        List<String> tail = lines.subList(Math.max(0, lines.size() - 3), lines.size());
        return tail.isEmpty() ? "(nothing on stderr)" : String.join("; ", tail);
    }

    /** Writes stderr to the log as it comes, and keeps a copy for the error message. */
    private static final class Tee extends Writer {
        private final PrintStream log;
        private final StringWriter copy;

        Tee(PrintStream log, StringWriter copy) {
            this.log = log;
            this.copy = copy;
        }

        @Override
        public void write(char[] buf, int off, int len) {
            log.print(new String(buf, off, len));
            copy.write(buf, off, len);
        }

        @Override
        public void flush() {
            log.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }
}
