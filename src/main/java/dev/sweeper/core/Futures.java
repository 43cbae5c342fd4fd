package dev.sweeper.core;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting for calls made on another thread. */
public final class Futures {
    private Futures() {
    }

    /**
     * The future's value; when its task threw, that exception (an {@link AwsCallException},
     * usually), not the {@link CompletionException} around it, so callers catch what the call throws.
     */
    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }
}
