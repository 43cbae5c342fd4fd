package dev.sweeper.core;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How many requests a second the sweeper sends at most, per operation, by family of operations.
 * AWS throttles each API operation separately, per account and region, so each operation of a
 * family gets its own allowance at the family's rate. Zero: not paced.
 *
 * @param perSecond the rate of each family (every family present)
 */
public record RateLimits(Map<Family, Double> perSecond) {

    /** Families of AWS operations that share a default rate. */
    public enum Family {
        SAGEMAKER_LIST("sagemaker-list"),
        SAGEMAKER_DESCRIBE("sagemaker-describe"),
        SAGEMAKER_OTHER("sagemaker-other"),
        CLOUDWATCH("cloudwatch"),
        SNS("sns"),
        TAGGING("tagging"),
        LOGS("logs"),
        /** CloudWatch Logs' FilterLogEvents, whose quota is its own (5 a second, against GetLogEvents' 25). */
        LOGS_FILTER("logs-filter");

        private final String id;

        Family(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Optional<Family> byId(String id) {
            return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
        }

        public static String ids() {
            return Arrays.stream(values()).map(Family::id).collect(Collectors.joining(", "));
        }
    }

    /** The highest rate accepted, from a flag or the config. */
    public static final double MAX = 10_000;

    /**
     * The defaults: below what AWS documents or is commonly seen to allow (README, "Rate limits",
     * says where each comes from).
     */
    public static final RateLimits DEFAULTS = new RateLimits(Map.of(
            Family.SAGEMAKER_LIST, 20.0,
            Family.SAGEMAKER_DESCRIBE, 100.0,
            Family.SAGEMAKER_OTHER, 10.0,
            Family.CLOUDWATCH, 20.0,
            Family.SNS, 10.0,
            Family.TAGGING, 10.0,
            // DescribeLogStreams: "a limit of 25 transactions per second"
            // (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeLogStreams.html);
            // GetLogEvents: 25 requests a second per account and region
            // (https://docs.aws.amazon.com/general/latest/gr/cwl_region.html).
            Family.LOGS, 25.0,
            // FilterLogEvents: "5 transactions per second (TPS)/account/Region"
            // (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch_limits_cwl.html).
            Family.LOGS_FILTER, 5.0));

    public RateLimits {
        EnumMap<Family, Double> all = new EnumMap<>(Family.class);
        for (Family f : Family.values()) {
            Double v = perSecond.get(f);
            all.put(f, v == null ? 0.0 : v);
        }
        perSecond = Map.copyOf(all);
    }

    /** Requests a second for each operation of this family; 0 when not paced. */
    public double of(Family family) {
        return perSecond.get(family);
    }

    /** These limits, with the given families' rates replaced. */
    public RateLimits with(Map<Family, Double> overrides) {
        EnumMap<Family, Double> merged = new EnumMap<>(perSecond);
        merged.putAll(overrides);
        return new RateLimits(merged);
    }

    /**
     * Reads a {@code --tps} value: {@code N} (every family), {@code off} (no pacing), or
     * {@code FAMILY=N[,FAMILY=N...]}. N is a positive number of requests a second.
     *
     * @throws IllegalArgumentException with a one-line reason
     */
    public static Map<Family, Double> parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        EnumMap<Family, Double> out = new EnumMap<>(Family.class);
        if (t.equals("off")) {
            Arrays.stream(Family.values()).forEach(f -> out.put(f, 0.0));
            return out;
        }
        if (!t.contains("=")) {
            double n = rate(t, text);
            Arrays.stream(Family.values()).forEach(f -> out.put(f, n));
            return out;
        }
        for (String part : t.split(",")) {
            String[] kv = part.split("=", -1);
            if (kv.length != 2) {
                throw new IllegalArgumentException("'" + part.trim() + "' is not FAMILY=N");
            }
            Family f = Family.byId(kv[0].trim()).orElseThrow(() -> new IllegalArgumentException(
                    "unknown family '" + kv[0].trim() + "' (known: " + Family.ids() + ")"));
            if (out.put(f, rate(kv[1].trim(), part.trim())) != null) {
                throw new IllegalArgumentException("family '" + f.id() + "' given twice");
            }
        }
        return out;
    }

    /** A positive rate, at most {@link #MAX}; {@code what} names it in the error. */
    public static double rate(String number, String what) {
        double n;
        try {
            n = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + what + "' is not a number of requests a second, off, or FAMILY=N");
        }
        return checked(n, what);
    }

    public static double checked(double n, String what) {
        if (!(n > 0 && n <= MAX)) {
            throw new IllegalArgumentException("'" + what + "' must be above 0 and at most " + (long) MAX
                    + " requests a second");
        }
        return n;
    }
}
