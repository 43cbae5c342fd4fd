package dev.sweeper.safety;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Registered for every SDK client of the test JVMs (through
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors}): records each operation
 * that the sweeper's own adapters ({@code dev.sweeper.aws.*} on the call stack) make, as
 * {@code Service:Operation} lines in {@link #FILE}, once each. Calls that tests make directly
 * through SDK clients are not recorded: they are not the sweeper's permissions.
 *
 * <p>It also counts, per {@code Service.Operation}, the attempts the server answered with a 2xx:
 * with injected throttling the sandbox counts every attempt, but only a 2xx one changed anything.
 */
public final class SdkOperationRecorder implements ExecutionInterceptor {
    /** Shared by the Surefire and Failsafe JVMs (they run one after the other, never at once). */
    public static final Path FILE = Path.of("target", "sdk-operations.txt");

    private static final String ADAPTER_PACKAGE = "dev.sweeper.aws.";
    private static final Set<String> RECORDED = new LinkedHashSet<>();
    private static final Map<String, AtomicInteger> SUCCESSFUL_ATTEMPTS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();
    private static boolean loaded;

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (calledFromSweeper()) {
            record(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + ":"
                    + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        }
    }

    /** Called before each attempt is sent, retries included, whether or not anything answers it. */
    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        ATTEMPTS.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new AtomicInteger())
                .incrementAndGet();
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        if (context.httpResponse().isSuccessful()) {
            SUCCESSFUL_ATTEMPTS.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                    + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new AtomicInteger())
                    .incrementAndGet();
        }
    }

    /** How many attempts of {@code Service.Operation} (e.g. {@code SageMaker.DeleteEndpoint}) got a 2xx in this JVM. */
    public static int successfulAttempts(String operation) {
        AtomicInteger n = SUCCESSFUL_ATTEMPTS.get(operation);
        return n == null ? 0 : n.get();
    }

    /**
     * How many attempts of {@code Service.Operation} the SDK clients of this JVM sent, answered or not
     * (a host that cannot be resolved answers none).
     */
    public static int attempts(String operation) {
        AtomicInteger n = ATTEMPTS.get(operation);
        return n == null ? 0 : n.get();
    }

    /** Everything recorded so far, by this JVM and the earlier ones of the build, as {@code Service:Operation}. */
    public static synchronized Set<String> recorded() {
        load();
        return new TreeSet<>(RECORDED);
    }

    private static boolean calledFromSweeper() {
        for (StackTraceElement frame : Thread.currentThread().getStackTrace()) {
            if (frame.getClassName().startsWith(ADAPTER_PACKAGE)) {
                return true;
            }
        }
        return false;
    }

    private static synchronized void record(String operation) {
        load();
        if (RECORDED.add(operation)) {
            try {
                Files.createDirectories(FILE.getParent());
                Files.writeString(FILE, operation + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Takes in what earlier JVMs of the build wrote, so that each line is written once. */
    private static void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        try {
            if (Files.exists(FILE)) {
                Files.readAllLines(FILE, StandardCharsets.UTF_8).stream().map(String::strip)
                        .filter(l -> !l.isEmpty()).forEach(RECORDED::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
