package dev.sweeper.aws;

import dev.sweeper.core.RateLimits.Family;
import java.util.concurrent.Semaphore;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * {@code --max-concurrency}: at most that many AWS calls in flight at once, across every client,
 * region and account of a run. A call holds its place from the moment its rate slot comes (it runs
 * after the {@link Pacer}) to its answer, retries included; a thread still waiting for its slot
 * holds none. So the calls of one kind that wait their turn under a per-operation limit do not
 * keep another kind's calls from going out (a scan of endpoints and notebooks at 20 requests a
 * second per operation took the sum of the two, not the longer). Listings (one chain of pages per
 * kind and region) are not counted, as the option says.
 */
final class InFlight implements ExecutionInterceptor {
    private static final ExecutionAttribute<Boolean> HELD = new ExecutionAttribute<>("sweeper.inFlight");

    private final Semaphore permits;

    InFlight(int calls) {
        this.permits = new Semaphore(calls, true);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (Pacer.family(service, operation) == Family.SAGEMAKER_LIST) {
            return;
        }
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AbortedException.builder().message("interrupted while waiting to call " + operation).build();
        }
        attributes.putAttribute(HELD, true);
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        release(attributes);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        release(attributes);
    }

    private void release(ExecutionAttributes attributes) {
        if (Boolean.TRUE.equals(attributes.getAttribute(HELD))) {
            attributes.putAttribute(HELD, false);
            permits.release();
        }
    }

    /**
     * Takes a place for requests the SDK does not send (a notebook's own Jupyter server, read over
     * plain HTTP by {@link JupyterHttpProbe}): they count against the same bound, so that
     * --max-concurrency is every request the run has out, whoever sends it. Give it back with
     * {@link #leave()}.
     */
    void enter() throws InterruptedException {
        permits.acquire();
    }

    /** Gives back a place taken with {@link #enter()}. */
    void leave() {
        permits.release();
    }

    /** For tests: whether a caller is waiting for a place. */
    boolean someoneWaits() {
        return permits.hasQueuedThreads();
    }

    /** For tests: places free now. */
    int available() {
        return permits.availablePermits();
    }
}
