package dev.sweeper.safety;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Registered for every SDK client of the test JVMs (through
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors}). During
 * {@link #recordedDuring}, it records each operation that the sweeper's own adapters
 * ({@code dev.sweeper.aws.*} on the call stack) make, as {@code Service:Operation}. Calls that tests
 * make directly through SDK clients are not recorded: they are not the sweeper's permissions.
 * Nothing is kept between JVMs or builds, and nothing is recorded outside a recording: what a
 * recording holds depends only on what ran inside it, not on which tests ran before.
 *
 * <p>It also counts, per {@code Service.Operation}, the attempts sent and those the server
 * answered with a 2xx: with injected throttling the sandbox counts every attempt, but only a 2xx one
 * changed anything.
 */
public final class SdkOperationRecorder implements ExecutionInterceptor {
    private static final String ADAPTER_PACKAGE = "dev.sweeper.aws.";
    /** The recordings under way (one at a time in practice: the ITs of a JVM run one after another). */
    private static final List<Set<String>> RECORDINGS = new CopyOnWriteArrayList<>();
    private static final Map<String, AtomicInteger> SUCCESSFUL_ATTEMPTS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (!RECORDINGS.isEmpty() && calledFromSweeper()) {
            String operation = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + ":"
                    + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            RECORDINGS.forEach(r -> r.add(operation));
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

    /** Runs the work and gives back, as {@code Service:Operation}, every operation the sweeper made meanwhile. */
    public static Set<String> recordedDuring(Runnable work) {
        Set<String> recording = ConcurrentHashMap.newKeySet();
        RECORDINGS.add(recording);
        try {
            work.run();
        } finally {
            RECORDINGS.remove(recording);
        }
        return new TreeSet<>(recording);
    }

    private static boolean calledFromSweeper() {
        for (StackTraceElement frame : Thread.currentThread().getStackTrace()) {
            if (frame.getClassName().startsWith(ADAPTER_PACKAGE)) {
                return true;
            }
        }
        return false;
    }
}
