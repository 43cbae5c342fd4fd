package dev.sweeper.app;

import dev.sweeper.core.Gateways;
import dev.sweeper.core.PriceBook;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;

/**
 * What every use case needs: the AWS gateways, prices, the bounded pool for concurrent calls, the
 * clock, a log, and how often to poll while waiting for a state change.
 */
public record SweepContext(Gateways gateways, PriceBook prices, ExecutorService pool, Clock clock, Log log,
                           Duration pollInterval) {
}
