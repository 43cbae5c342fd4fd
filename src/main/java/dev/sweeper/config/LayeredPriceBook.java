package dev.sweeper.config;

import dev.sweeper.core.AwsPriceList;
import dev.sweeper.core.Kind;
import dev.sweeper.core.Log;
import dev.sweeper.core.Price;
import dev.sweeper.core.PriceBook;
import dev.sweeper.core.PriceSource;
import dev.sweeper.core.PriceUsage;
import dev.sweeper.core.PriceUsages;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Prices from their sources in order: a team's own table overrides; then AWS's price list (pricing:GetProducts,
 * cached on disk for a week); then the bundled table; else none ("cost unknown"). Each price says its source.
 *
 * <p>AWS's price list is asked at most once per usage not cached, on threads of its own, started as soon as the
 * resources are listed ({@link #prefetch}) so that it runs in parallel with the scan; a verdict never waits for it
 * (prices are looked up after the evaluation). When it cannot be read (no permission, no network, no prices in the
 * sandbox), the run says so in one warning line and takes the bundled table's prices: never a failure.
 */
public final class LayeredPriceBook implements PriceBook, AutoCloseable {
    /** How long a lookup waits for a GetProducts call already under way, all lookups together. */
    static final Duration WAIT = Duration.ofSeconds(20);

    private final PriceBook team;
    private final AwsPriceList aws;
    private final PriceBook bundled;
    private final PriceCache cache;
    private final Clock clock;
    private final Log log;
    private final ConcurrentHashMap<String, CompletableFuture<OptionalDouble>> fetches = new ConcurrentHashMap<>();
    private final AtomicBoolean warned = new AtomicBoolean();
    private volatile boolean unavailable;
    private volatile long deadlineNanos = Long.MIN_VALUE;
    private ExecutorService threads;

    /**
     * @param team    a team's own table, null when none
     * @param aws     AWS's price list, null when not asked (--offline-prices)
     * @param bundled the bundled table
     * @param cache   where fetched prices are kept, null for none
     */
    public LayeredPriceBook(PriceBook team, AwsPriceList aws, PriceBook bundled, PriceCache cache, Clock clock, Log log) {
        this.team = team;
        this.aws = aws;
        this.bundled = bundled;
        this.cache = cache;
        this.clock = clock;
        this.log = log;
    }

    /**
     * The first layer's price, said to be its own; a table's price borrowed from another region stays borrowed, while
     * AWS's price list always answers for the usage's region itself.
     */
    @Override
    public Optional<Price> price(PriceUsage usage) {
        if (team != null) {
            Optional<Price> own = team.price(usage);
            if (own.isPresent()) {
                return Optional.of(new Price(own.get().usd(), PriceSource.TEAM, own.get().borrowedFrom()));
            }
        }
        if (aws != null && usage.inAwsPriceList()) {
            OptionalDouble listed = await(fetch(usage));
            if (listed.isPresent()) {
                return Optional.of(new Price(listed.getAsDouble(), PriceSource.AWS));
            }
        }
        return bundled.price(usage).map(p -> new Price(p.usd(), PriceSource.BUNDLED, p.borrowedFrom()));
    }

    /** The usage of one instance-hour of this kind and type; null for a kind with no instances (a space). */
    private static PriceUsage instanceUsage(Kind kind, String instanceType, String region) {
        if (instanceType == null) {
            return null; // not described: nothing to price, nothing borrowed
        }
        return switch (kind) {
            case ENDPOINT -> PriceUsages.hosting(instanceType, region);
            case NOTEBOOK -> PriceUsages.notebook(instanceType, region);
            case APP -> PriceUsages.studio(null, instanceType, region);
            case HYPERPOD -> PriceUsages.hyperpod(instanceType, region);
            case MLFLOW -> PriceUsages.mlflow(instanceType, region);
            case SPACE -> null;
        };
    }

    @Override
    public OptionalDouble hourly(Kind kind, String instanceType, String region) {
        PriceUsage u = instanceUsage(kind, instanceType, region);
        return u == null ? OptionalDouble.empty() : usd(price(u));
    }

    @Override
    public OptionalDouble canvasWorkspaceHourly(String region) {
        return usd(price(PriceUsages.canvas(region)));
    }

    @Override
    public OptionalDouble storagePerGbMonth(Kind kind, String region) {
        return switch (kind) {
            case NOTEBOOK -> usd(price(PriceUsages.notebookStorage(region)));
            case SPACE -> usd(price(PriceUsages.spaceStorage(region)));
            default -> OptionalDouble.empty();
        };
    }

    private static OptionalDouble usd(Optional<Price> p) {
        return p.isPresent() ? OptionalDouble.of(p.get().usd()) : OptionalDouble.empty();
    }

    @Override
    public void prefetch(Collection<PriceUsage> usages) {
        if (aws == null) {
            return;
        }
        for (PriceUsage u : usages) {
            if (u.inAwsPriceList() && (team == null || team.price(u).isEmpty())) {
                fetch(u);
            }
        }
    }

    /** The one lookup of a usage in this run: from the cache, else one GetProducts call on a thread of its own. */
    private CompletableFuture<OptionalDouble> fetch(PriceUsage usage) {
        return fetches.computeIfAbsent(usage.region() + "|" + usage.key(), k -> {
            LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
            if (cache != null) {
                Optional<OptionalDouble> cached = cache.get(usage.region(), usage.key(), today);
                if (cached.isPresent()) {
                    return CompletableFuture.completedFuture(cached.get());
                }
            }
            if (unavailable) {
                return CompletableFuture.completedFuture(OptionalDouble.empty());
            }
            return CompletableFuture.supplyAsync(() -> call(usage, today), threads());
        });
    }

    private OptionalDouble call(PriceUsage usage, LocalDate today) {
        if (unavailable) {
            return OptionalDouble.empty();
        }
        try {
            OptionalDouble usd = aws.onDemandUsd(usage);
            if (cache != null) {
                cache.put(usage.region(), usage.key(), usd, today);
            }
            return usd;
        } catch (RuntimeException e) {
            unavailable = true;
            if (warned.compareAndSet(false, true)) {
                log.warn("AWS's price list (pricing:GetProducts) could not be read (" + reason(e) + "): prices come "
                        + "from the bundled table (config/prices.yaml) instead; give the caller pricing:GetProducts, "
                        + "or --offline-prices to not ask");
            }
            return OptionalDouble.empty();
        }
    }

    private OptionalDouble await(CompletableFuture<OptionalDouble> f) {
        if (f.isDone()) {
            return f.getNow(OptionalDouble.empty());
        }
        synchronized (this) {
            if (deadlineNanos == Long.MIN_VALUE) {
                deadlineNanos = System.nanoTime() + WAIT.toNanos();
            }
        }
        long left = deadlineNanos - System.nanoTime();
        try {
            return f.get(Math.max(left, 0), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            if (warned.compareAndSet(false, true)) {
                log.warn("AWS's price list (pricing:GetProducts) did not answer within " + WAIT.toSeconds()
                        + " s: the prices not yet fetched come from the bundled table (config/prices.yaml); "
                        + "--offline-prices does not ask");
            }
            return OptionalDouble.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalDouble.empty();
        } catch (ExecutionException e) {
            return OptionalDouble.empty();
        }
    }

    private static String reason(RuntimeException e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        m = nl >= 0 ? m.substring(0, nl) : m;
        return m.length() > 160 ? m.substring(0, 160) + "..." : m;
    }

    private synchronized ExecutorService threads() {
        if (threads == null) {
            threads = Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "sweeper-prices");
                t.setDaemon(true);
                return t;
            });
        }
        return threads;
    }

    @Override
    public synchronized void close() {
        if (threads != null) {
            threads.shutdownNow();
        }
    }
}
