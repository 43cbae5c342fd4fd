package dev.sweeper.app;

import dev.sweeper.core.AwsCallException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The result of one AWS call among many made at once: its value, or the error it failed with. A
 * failure is kept, not thrown, so that it can become that one resource's evidence or problem.
 */
public sealed interface Attempt<T> {
    record Done<T>(T value) implements Attempt<T> {
    }

    record Failed<T>(AwsCallException error) implements Attempt<T> {
    }

    /** The value transformed, a failure kept as it is. */
    default <R> Attempt<R> map(Function<T, R> fn) {
        if (this instanceof Done<T> done) {
            return new Done<>(fn.apply(done.value()));
        }
        return new Failed<>(((Failed<T>) this).error());
    }

    static <T> Attempt<T> of(Supplier<T> call) {
        try {
            return new Done<>(call.get());
        } catch (AwsCallException e) {
            return new Failed<>(e);
        }
    }
}
