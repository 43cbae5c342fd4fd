package dev.sweeper.aws;

import dev.sweeper.core.RateLimits;
import dev.sweeper.core.RateLimits.Family;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * Client-side pacing: each AWS operation is sent at most at its family's rate
 * ({@link RateLimits}), and throttling answers slow that operation down for a while.
 *
 * <p>The first attempt of a call waits for its slot before the SDK starts the call's timers (so
 * the wait never counts against --call-timeout's attempts); a retry's slot is part of its backoff.
 * Both run on the calling thread, as the synchronous SDK clients do: a thread-local carries the
 * operation from the interceptor to the backoff.
 */
final class Pacer implements ExecutionInterceptor {
    private final RateLimits limits;
    private final Map<String, OperationPace> operations = new ConcurrentHashMap<>();
    private final ThreadLocal<OperationPace> current = new ThreadLocal<>();

    Pacer(RateLimits limits) {
        this.limits = limits;
    }

    RateLimits limits() {
        return limits;
    }

    /** Whether any family is paced. */
    boolean paces() {
        return java.util.Arrays.stream(Family.values()).anyMatch(f -> limits.of(f) > 0);
    }

    /** The family of an operation of a service, as the SDK names them. */
    static Family family(String service, String operation) {
        String s = service == null ? "" : service.toLowerCase(Locale.ROOT);
        // CloudWatch Logs ("CloudWatchLogs") has quotas of its own, apart from CloudWatch's metrics.
        if (s.contains("logs")) {
            return "FilterLogEvents".equals(operation) ? Family.LOGS_FILTER : Family.LOGS;
        }
        if (s.contains("cloudwatch")) {
            return Family.CLOUDWATCH;
        }
        if (s.contains("sns")) {
            return Family.SNS;
        }
        if (s.contains("tagging")) {
            return Family.TAGGING;
        }
        if (!s.contains("sagemaker")) {
            return null; // STS: a handful of calls per run
        }
        // ListTags reads one resource, like a Describe: it goes with them, not with the listings.
        // So does CreatePresignedNotebookInstanceUrl, once per notebook probed: it changes nothing
        // (the console's "Open" calls it on every click), and with the actions' 10 a second it alone
        // set the pace of a scan (1,000 notebooks: 90 s against a floor of 12 s).
        if (operation.startsWith("Describe") || operation.equals("ListTags")
                || operation.equals("CreatePresignedNotebookInstanceUrl")) {
            return Family.SAGEMAKER_DESCRIBE;
        }
        if (operation.startsWith("List")) {
            return Family.SAGEMAKER_LIST;
        }
        return Family.SAGEMAKER_OTHER;
    }

    /** The pace of this operation, or null when it is not paced. */
    OperationPace pace(String service, String operation) {
        Family f = family(service, operation);
        if (f == null || limits.of(f) <= 0) {
            return null;
        }
        return operations.computeIfAbsent(service + "." + operation, k -> new OperationPace(limits.of(f)));
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        OperationPace pace = pace(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        current.set(pace);
        if (pace != null) {
            sleep(pace.reserve());
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        OperationPace pace = current.get();
        if (pace != null) {
            pace.answered(false);
        }
        current.remove();
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        current.remove();
    }

    /**
     * A retry's backoff: {@code base}'s delay, and at least the wait for the operation's next slot.
     * {@code throttled}: the SDK uses it for throttling answers only, so each call is one throttle.
     */
    BackoffStrategy backoff(BackoffStrategy base, boolean throttled) {
        return attempt -> {
            Duration delay = base.computeDelay(attempt);
            OperationPace pace = current.get();
            if (pace == null) {
                return delay;
            }
            if (throttled) {
                pace.answered(true);
            }
            long slot = pace.reserve();
            return slot > delay.toNanos() ? Duration.ofNanos(slot) : delay;
        };
    }

    private static void sleep(long nanos) {
        if (nanos <= 0) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One operation's pace. Requests are spaced 1/rate apart. When most of the recent answers are
     * throttles, the rate is cut by 30% (at most once per 200 ms, so a burst of throttles from one
     * moment counts once); it grows back linearly to the limit within 5 s. It never goes below a
     * twentieth of the limit (1 a second at least), so throttling slows a run, never stalls it.
     *
     * <p>Why "most": AWS throttles per account, so other tools' traffic and bursts make some
     * throttles that the sweeper's own rate did not cause; slowing down on every one of them is
     * what made the SDK's adaptive mode collapse to a call a second. A share of throttles above
     * {@link #CUT_SHARE} is what sending faster than the operation's allowance looks like.
     */
    static final class OperationPace {
        static final double CUT_SHARE = 0.4;
        static final double CUT_FACTOR = 0.7;
        static final long CUT_INTERVAL = TimeUnit.MILLISECONDS.toNanos(200);
        static final double RECOVERY_SECONDS = 5;
        private static final int WINDOW = 30;

        private final double limit;
        private final double floor;
        private double rate;
        private long nextFree;
        private long lastUpdate;
        private long lastCut;
        private final boolean[] recent = new boolean[WINDOW];
        private int seen;
        private int throttles;
        private final Clock clock;

        interface Clock {
            long nanoTime();
        }

        OperationPace(double limit) {
            this(limit, System::nanoTime);
        }

        OperationPace(double limit, Clock clock) {
            this.limit = limit;
            this.floor = Math.min(limit, Math.max(1, limit / 20));
            this.rate = limit;
            this.clock = clock;
            this.lastUpdate = clock.nanoTime();
            this.nextFree = lastUpdate;
            this.lastCut = lastUpdate - CUT_INTERVAL;
        }

        /** Takes the next slot; how long to wait for it, in nanoseconds. */
        synchronized long reserve() {
            long now = clock.nanoTime();
            recover(now);
            long slot = Math.max(now, nextFree);
            nextFree = slot + (long) (1e9 / rate);
            return slot - now;
        }

        /** Records an answer: throttled or not. Slows down when throttles are most of the recent answers. */
        synchronized void answered(boolean throttled) {
            long now = clock.nanoTime();
            recover(now);
            int i = seen++ % WINDOW;
            if (seen > WINDOW && recent[i]) {
                throttles--;
            }
            recent[i] = throttled;
            if (throttled) {
                throttles++;
                int n = Math.min(seen, WINDOW);
                if (n >= 5 && throttles > CUT_SHARE * n && now - lastCut >= CUT_INTERVAL) {
                    rate = Math.max(floor, rate * CUT_FACTOR);
                    lastCut = now;
                }
            }
        }

        synchronized double rate() {
            return rate;
        }

        private void recover(long now) {
            if (rate < limit) {
                rate = Math.min(limit, rate + (now - lastUpdate) / 1e9 * limit / RECOVERY_SECONDS);
            }
            lastUpdate = now;
        }
    }
}
