package dev.sweeper.sandbox;

import dev.sweeper.sandbox.fleet.FleetSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to run the sandbox. Exactly one fleet source is used: {@code fleet} (already parsed) wins over
 * {@code fleetFile}, which wins over {@code synthetic}; with none, the sandbox starts empty.
 *
 * @param port            0 picks a free port
 * @param latencyMs       added to every API request
 * @param throttleRate    share of API requests answered with the service's throttling error
 * @param failRate        share of API requests answered with a 500
 * @param transitionDelay how long Stopping, Pending, Deleting last
 * @param seed            seed of the fault randomness (and of the synthetic fleet)
 * @param tps             per-operation requests per second before throttling; 0 = unlimited
 * @param listMetricsLag  how long a new metric series stays out of ListMetrics (GetMetricData serves it at once)
 * @param strictDimensionOrder GetMetricData matches a series only when its dimensions come in the order
 *     ListMetrics returned them. AWS itself matches the set of dimensions; some emulators match the
 *     order given, and this mode reproduces them so that a sweeper that reorders dimensions is caught.
 * @param deny            operations ({@code Service.Operation}, as the stats name them) answered as IAM answers a
 *     call no policy allows: {@code AccessDeniedException} (or the service's own code for it)
 */
public record SandboxOptions(
        int port,
        Path fleetFile,
        FleetSpec fleet,
        Synthetic synthetic,
        long latencyMs,
        double throttleRate,
        double failRate,
        Duration transitionDelay,
        long seed,
        double tps,
        Duration listMetricsLag,
        boolean strictDimensionOrder,
        java.util.List<String> deny) {

    /** AWS: "After you create a metric, allow up to 15 minutes for the metric to appear" in ListMetrics. */
    public static final Duration DEFAULT_LIST_METRICS_LAG = Duration.ofMinutes(15);

    public static final long DEFAULT_SEED = 20_240_901L;

    /** Size of a generated fleet. */
    public record Synthetic(int endpoints, int notebooks, int apps) {
        public Synthetic {
            if (endpoints < 0 || notebooks < 0 || apps < 0) {
                throw new IllegalArgumentException("synthetic fleet sizes must not be negative");
            }
        }
    }

    public SandboxOptions {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (latencyMs < 0) {
            throw new IllegalArgumentException("latency must not be negative");
        }
        checkRate("throttle rate", throttleRate);
        checkRate("fail rate", failRate);
        transitionDelay = transitionDelay == null ? Duration.ofSeconds(2) : transitionDelay;
        if (transitionDelay.isNegative()) {
            throw new IllegalArgumentException("transition delay must not be negative");
        }
        if (tps < 0) {
            throw new IllegalArgumentException("tps must not be negative");
        }
        listMetricsLag = listMetricsLag == null ? DEFAULT_LIST_METRICS_LAG : listMetricsLag;
        if (listMetricsLag.isNegative()) {
            throw new IllegalArgumentException("ListMetrics lag must not be negative");
        }
        deny = deny == null ? java.util.List.of() : java.util.List.copyOf(deny);
    }

    private static void checkRate(String what, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(what + " must be between 0 and 1, got " + rate);
        }
    }

    public static SandboxOptions defaults() {
        return new SandboxOptions(0, null, null, null, 0, 0, 0, Duration.ofSeconds(2), DEFAULT_SEED, 0, DEFAULT_LIST_METRICS_LAG, false,
                java.util.List.of());
    }

    public SandboxOptions withPort(int p) {
        return new SandboxOptions(p, fleetFile, fleet, synthetic, latencyMs, throttleRate, failRate, transitionDelay, seed, tps, listMetricsLag, strictDimensionOrder, deny);
    }

    public SandboxOptions withFleetFile(Path f) {
        return new SandboxOptions(port, f, fleet, synthetic, latencyMs, throttleRate, failRate, transitionDelay, seed, tps, listMetricsLag, strictDimensionOrder, deny);
    }

    public SandboxOptions withFleet(FleetSpec f) {
        return new SandboxOptions(port, fleetFile, f, synthetic, latencyMs, throttleRate, failRate, transitionDelay, seed, tps, listMetricsLag, strictDimensionOrder, deny);
    }

    public SandboxOptions withSynthetic(Synthetic s) {
        return new SandboxOptions(port, fleetFile, fleet, s, latencyMs, throttleRate, failRate, transitionDelay, seed, tps, listMetricsLag, strictDimensionOrder, deny);
    }

    public SandboxOptions withLatencyMs(long ms) {
        return new SandboxOptions(port, fleetFile, fleet, synthetic, ms, throttleRate, failRate, transitionDelay, seed, tps, listMetricsLag, strictDimensionOrder, deny);
    }

    public SandboxOptions withThrottleRate(double r) {
        return new SandboxOptions(port, fleetFile, fleet, synthetic, latencyMs, r, failRate, transitionDelay, seed, tps, listMetricsLag, strictDimensionOrder, deny);
    }

    public SandboxOptions withFailRate(double r) {
        return new SandboxOptions(port, fleetFile, fleet, synthetic, latencyMs, throttleRate, r, transitionDelay, seed, tps, listMetricsLag, strictDimensionOrder, deny);
    }

    public SandboxOptions withTransitionDelay(Duration d) {
        return new SandboxOptions(port, fleetFile, fleet, synthetic, latencyMs, throttleRate, failRate, d, seed, tps, listMetricsLag, strictDimensionOrder, deny);
    }

    public SandboxOptions withSeed(long s) {
        return new SandboxOptions(port, fleetFile, fleet, synthetic, latencyMs, throttleRate, failRate, transitionDelay, s, tps, listMetricsLag, strictDimensionOrder, deny);
    }

    public SandboxOptions withTps(double t) {
        return new SandboxOptions(port, fleetFile, fleet, synthetic, latencyMs, throttleRate, failRate, transitionDelay, seed, t, listMetricsLag, strictDimensionOrder, deny);
    }

    public SandboxOptions withListMetricsLag(Duration lag) {
        return new SandboxOptions(port, fleetFile, fleet, synthetic, latencyMs, throttleRate, failRate, transitionDelay,
                seed, tps, lag, strictDimensionOrder, deny);
    }

    public SandboxOptions withStrictDimensionOrder(boolean strict) {
        return new SandboxOptions(port, fleetFile, fleet, synthetic, latencyMs, throttleRate, failRate, transitionDelay,
                seed, tps, listMetricsLag, strict, deny);
    }

    public SandboxOptions withDeny(java.util.List<String> operations) {
        return new SandboxOptions(port, fleetFile, fleet, synthetic, latencyMs, throttleRate, failRate, transitionDelay,
                seed, tps, listMetricsLag, strictDimensionOrder, operations);
    }

    /** The services the sandbox serves, as {@code Service.Operation} names them (stats, fault rules, {@code --deny}). */
    public static final java.util.Set<String> SERVICES = java.util.Set.of("SageMaker", "CloudWatch", "Logs", "Tagging",
            "SNS", "STS");

    /**
     * Parses {@code Service.Operation[,Service.Operation...]} (e.g. {@code SageMaker.ListInferenceComponents}): the
     * operations to deny.
     *
     * @throws IllegalArgumentException with a one-line message for a bad entry
     */
    public static java.util.List<String> parseDeny(String spec) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String part : spec.split(",")) {
            String op = part.trim();
            int dot = op.indexOf('.');
            if (dot <= 0 || dot == op.length() - 1 || !op.substring(dot + 1).matches("[A-Z][A-Za-z0-9]*")) {
                throw new IllegalArgumentException("--deny: '" + op + "' is not Service.Operation (e.g."
                        + " SageMaker.ListInferenceComponents)");
            }
            if (!SERVICES.contains(op.substring(0, dot))) {
                throw new IllegalArgumentException("--deny: unknown service '" + op.substring(0, dot) + "' in '" + op
                        + "' (one of " + String.join(", ", new java.util.TreeSet<>(SERVICES)) + ")");
            }
            out.add(op);
        }
        return out;
    }

    /**
     * Parses {@code endpoints=N,notebooks=N,apps=N} (any subset, any order; missing sizes are 0).
     *
     * @throws IllegalArgumentException with a one-line message for a bad spec
     */
    public static Synthetic parseSynthetic(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("synthetic fleet spec is empty; expected endpoints=N,notebooks=N,apps=N");
        }
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("bad synthetic fleet part '" + p + "'; expected endpoints=N,notebooks=N,apps=N");
            }
            String key = p.substring(0, eq).trim();
            if (!key.equals("endpoints") && !key.equals("notebooks") && !key.equals("apps")) {
                throw new IllegalArgumentException("unknown synthetic fleet key '" + key + "'; expected endpoints, notebooks or apps");
            }
            if (sizes.containsKey(key)) {
                throw new IllegalArgumentException("synthetic fleet key '" + key + "' given twice");
            }
            int n;
            try {
                n = Integer.parseInt(p.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("synthetic fleet size for '" + key + "' is not a number: '" + p.substring(eq + 1).trim() + "'");
            }
            if (n < 0 || n > 100_000) {
                throw new IllegalArgumentException("synthetic fleet size for '" + key + "' must be 0..100000, got " + n);
            }
            sizes.put(key, n);
        }
        return new Synthetic(sizes.getOrDefault("endpoints", 0), sizes.getOrDefault("notebooks", 0), sizes.getOrDefault("apps", 0));
    }
}
