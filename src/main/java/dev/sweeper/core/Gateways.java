package dev.sweeper.core;

/** Hands out the gateways for a region. Clients behind them are built lazily and reused. */
public interface Gateways extends AutoCloseable {
    SageMakerGateway sageMaker(String region);

    MetricsGateway metrics(String region);

    Notifier notifier(String region);

    @Override
    void close();
}
