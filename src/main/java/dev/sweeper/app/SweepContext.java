package dev.sweeper.app;

import dev.sweeper.core.Gateways;
import dev.sweeper.core.Log;
import dev.sweeper.core.PriceBook;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * What every use case needs: the caller's own gateways and the accounts to sweep, prices, the
 * bounded pool for concurrent calls, the clock, a log, and how often to poll while waiting for a
 * state change.
 *
 * @param lanes a new pool for each inspection (a kind in a region), where the gateways bound the
 *              calls in flight themselves: then one kind's calls waiting for their turn under a rate
 *              limit never queue another kind's behind them. Null: every inspection uses {@code pool}.
 */
public record SweepContext(Gateways gateways, PriceBook prices, ExecutorService pool, Clock clock, Log log,
                           Duration pollInterval, List<AccountScope> accounts, Supplier<ExecutorService> lanes) {
    public SweepContext {
        accounts = List.copyOf(accounts);
    }

    public SweepContext(Gateways gateways, PriceBook prices, ExecutorService pool, Clock clock, Log log,
                        Duration pollInterval, List<AccountScope> accounts) {
        this(gateways, prices, pool, clock, log, pollInterval, accounts, null);
    }

    /** The same, its calls on this pool. */
    public SweepContext withPool(ExecutorService other) {
        return new SweepContext(gateways, prices, other, clock, log, pollInterval, accounts, lanes);
    }

    /** The accounts to sweep: those given, or the caller's own. */
    public List<AccountScope> scopes() {
        return accounts.isEmpty() ? List.of(new AccountScope(null, gateways, null)) : accounts;
    }

    /** The gateways of an account being swept (the caller's own for an unknown account). */
    public Gateways gatewaysFor(String accountId) {
        return accounts.stream().filter(a -> a.accountId() != null && a.accountId().equals(accountId))
                .map(AccountScope::gateways).findFirst().orElse(gateways);
    }
}
