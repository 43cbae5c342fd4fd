package dev.sweeper.cli;

import dev.sweeper.sandbox.SandboxOptions;
import dev.sweeper.sandbox.SandboxServer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = {"Run a local AWS stand-in (SageMaker, CloudWatch, SNS, STS) for trying the sweeper.",
            "It is wire-compatible, listens on 127.0.0.1 only, and runs until killed."})
final class SandboxCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "N", description = "Port to listen on (default: a free one).")
    int port;

    @Option(names = "--fleet", paramLabel = "FILE", description = "Fleet to serve (e.g. config/sample-fleet.yaml).")
    Path fleet;

    @Option(names = "--synthetic", paramLabel = "SPEC",
            description = "A generated fleet: endpoints=N,notebooks=N,apps=N (fixed seed).")
    String synthetic;

    @Option(names = "--latency-ms", paramLabel = "N", description = "Delay every request by N ms.")
    long latencyMs;

    @Option(names = "--throttle-rate", paramLabel = "R", description = "Share of requests answered with throttling (0-1).")
    double throttleRate;

    @Option(names = "--fail-rate", paramLabel = "R", description = "Share of requests answered with a 500 (0-1).")
    double failRate;

    @Option(names = "--tps", paramLabel = "N", description = "Per-operation rate limit; past it, throttling errors.")
    double tps;

    @Option(names = "--transition-delay", paramLabel = "DURATION", converter = Converters.AnyDuration.class,
            description = "How long a stop, start or delete stays in its transitional status (default: 2s).")
    Duration transitionDelay;

    @Option(names = "--list-metrics-lag", paramLabel = "DURATION", converter = Converters.AnyDuration.class,
            description = "How long a new metric series stays out of ListMetrics, as on AWS (default: 15m; 0s: none).")
    Duration listMetricsLag;

    @Option(names = "--strict-dimension-order", description = "Match GetMetricData dimensions in the order "
            + "ListMetrics gave them, as some emulators do (AWS matches the set).")
    boolean strictDimensionOrder;

    @Option(names = "--deny", paramLabel = "OPERATION[,OPERATION...]",
            description = "Answer these operations (Service.Operation, as /_sandbox/stats names them, e.g. "
                    + "SageMaker.ListInferenceComponents) as IAM answers a call no policy allows: AccessDeniedException.")
    String deny;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (fleet != null && synthetic != null) {
            throw new UsageException("give --fleet or --synthetic, not both");
        }
        if (fleet != null && !Files.isReadable(fleet)) {
            throw new UsageException("--fleet " + fleet + ": no such readable file");
        }
        if (port < 0 || port > 65535) {
            throw new UsageException("--port must be from 0 to 65535");
        }
        SandboxOptions options = SandboxOptions.defaults().withPort(port);
        try {
            if (fleet != null) {
                options = options.withFleetFile(fleet);
            }
            if (synthetic != null) {
                options = options.withSynthetic(SandboxOptions.parseSynthetic(synthetic));
            }
            options = options.withLatencyMs(latencyMs).withThrottleRate(throttleRate).withFailRate(failRate)
                    .withTps(tps);
            if (transitionDelay != null) {
                options = options.withTransitionDelay(transitionDelay);
            }
            if (listMetricsLag != null) {
                options = options.withListMetricsLag(listMetricsLag);
            }
            options = options.withStrictDimensionOrder(strictDimensionOrder);
            if (deny != null) {
                options = options.withDeny(SandboxOptions.parseDeny(deny));
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        SandboxServer server;
        try {
            server = SandboxServer.start(options);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            if (e.getCause() instanceof java.net.BindException) {
                throw new UsageException("--port " + port + ": 127.0.0.1:" + port + " is in use (another sandbox?): "
                        + "give another port, or --port 0 for a free one");
            }
            throw e;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("sandbox ready on " + server.endpoint());
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        stopped.await();
        return ExitCode.OK.code();
    }
}
