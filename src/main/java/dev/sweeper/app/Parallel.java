package dev.sweeper.app;

import dev.sweeper.core.Futures;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/** Runs independent calls on the bounded pool and keeps the input order. */
public final class Parallel {
    private Parallel() {
    }

    public static <T, R> List<R> map(List<T> items, Function<T, R> fn, ExecutorService pool) {
        if (items.size() <= 1) {
            return items.stream().map(fn).toList();
        }
        List<CompletableFuture<R>> futures = new ArrayList<>(items.size());
        for (T item : items) {
            futures.add(CompletableFuture.supplyAsync(() -> fn.apply(item), pool));
        }
        List<R> out = new ArrayList<>(items.size());
        for (CompletableFuture<R> f : futures) {
            out.add(Futures.join(f));
        }
        return out;
    }
}
