package dev.sweeper.sandbox.faults;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Decides, per API request, whether to answer with an injected fault. Runtime rules (from
 * {@code POST /_sandbox/faults}) come first, then the per-operation rate limit, then the random
 * throttle and failure rates. All randomness comes from one seeded {@link Random}, so runs repeat.
 */
public final class Faults {
    /**
     * {@code DENIED}: the account or region refuses the caller (a region not enabled); {@code ACCESS_DENIED}: IAM
     * refuses this one operation (no policy allows it, or an SCP denies it).
     */
    public enum Mode { ERROR500, THROTTLE, HANG, RESET, VALIDATION, DENIED, ACCESS_DENIED }

    /**
     * A runtime rule. {@code operation} is {@code *}, {@code Service.*} or {@code Service.Operation};
     * {@code resource}, when set, must appear in the request body; {@code count}, when set, limits how
     * many times the rule fires; {@code region}, when set, limits it to requests signed for that region.
     */
    public record Rule(String operation, Mode mode, double rate, long hangMs, String resource, Integer count, String message,
                String region) {
        public Rule(String operation, Mode mode, double rate, long hangMs, String resource, Integer count, String message) {
            this(operation, mode, rate, hangMs, resource, count, message, null);
        }
    }

    public record Decision(Mode mode, long hangMs, String message) {
    }

    private static final class Active {
        public final Rule rule;
        public int remaining;

        public Active(Rule rule) {
            this.rule = rule;
            this.remaining = rule.count() == null ? Integer.MAX_VALUE : rule.count();
        }
    }

    private static final class Bucket {
        public double tokens;
        public long lastNanos;
    }

    private final Random random;
    private final double throttleRate;
    private final double failRate;
    private final double tps;
    private final List<Active> rules = new ArrayList<>();
    private final Map<String, Bucket> buckets = new HashMap<>();

    public Faults(long seed, double throttleRate, double failRate, double tps) {
        this.random = new Random(seed);
        this.throttleRate = throttleRate;
        this.failRate = failRate;
        this.tps = tps;
    }

    public synchronized void add(Rule rule) {
        rules.add(new Active(rule));
    }

    public synchronized void clear() {
        rules.clear();
    }

    public synchronized List<Rule> rules() {
        return rules.stream().map(a -> a.rule).toList();
    }

    public synchronized Decision decide(String operation, String body) {
        return decide(operation, body, null);
    }

    public synchronized Decision decide(String operation, String body, String region) {
        for (Iterator<Active> it = rules.iterator(); it.hasNext(); ) {
            Active a = it.next();
            Rule r = a.rule;
            if (!matches(r.operation(), operation) || (r.resource() != null && (body == null || !body.contains(r.resource())))
                    || (r.region() != null && !r.region().equals(region))) {
                continue;
            }
            if (r.rate() >= 1.0 || random.nextDouble() < r.rate()) {
                if (--a.remaining <= 0) {
                    it.remove();
                }
                return new Decision(r.mode(), r.hangMs(), r.message());
            }
        }
        if (tps > 0 && !take(operation)) {
            return new Decision(Mode.THROTTLE, 0, null);
        }
        if (throttleRate > 0 && random.nextDouble() < throttleRate) {
            return new Decision(Mode.THROTTLE, 0, null);
        }
        if (failRate > 0 && random.nextDouble() < failRate) {
            return new Decision(Mode.ERROR500, 0, null);
        }
        return null;
    }

    private static boolean matches(String pattern, String operation) {
        if (pattern == null || pattern.equals("*")) {
            return true;
        }
        if (pattern.endsWith(".*")) {
            return operation.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.equals(operation);
    }

    /** Token bucket per operation: {@code tps} tokens a second, burst of {@code max(1, tps)}. */
    private boolean take(String operation) {
        long now = System.nanoTime();
        Bucket b = buckets.computeIfAbsent(operation, k -> {
            Bucket nb = new Bucket();
            nb.tokens = Math.max(1, tps);
            nb.lastNanos = now;
            return nb;
        });
        b.tokens = Math.min(Math.max(1, tps), b.tokens + (now - b.lastNanos) / 1e9 * tps);
        b.lastNanos = now;
        if (b.tokens >= 1) {
            b.tokens -= 1;
            return true;
        }
        return false;
    }

    public static Mode mode(String name) {
        return switch (name == null ? "" : name) {
            case "error500" -> Mode.ERROR500;
            case "throttle" -> Mode.THROTTLE;
            case "hang" -> Mode.HANG;
            case "reset" -> Mode.RESET;
            case "validation" -> Mode.VALIDATION;
            case "denied" -> Mode.DENIED;
            case "access-denied" -> Mode.ACCESS_DENIED;
            default -> throw new IllegalArgumentException("unknown fault mode '" + name
                    + "' (error500, throttle, hang, reset, validation, denied, access-denied)");
        };
    }
}
