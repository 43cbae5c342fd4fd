package dev.sweeper.core;

/** Hands out the gateways for a region. Clients behind them are built lazily and reused. */
public interface Gateways extends AutoCloseable {
    SageMakerGateway sageMaker(String region);

    MetricsGateway metrics(String region);

    Notifier notifier(String region);

    /** Reads notebook instances' Jupyter servers through presigned URLs. */
    JupyterProbe jupyter(String region);

    /** Reads notebook instances' jupyter.log streams. */
    NotebookLogs notebookLogs(String region);

    @Override
    void close();
}
