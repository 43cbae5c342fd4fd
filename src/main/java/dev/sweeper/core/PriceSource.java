package dev.sweeper.core;

/**
 * Where a price comes from, in the order they are consulted: a team's own price table (the config's
 * {@code prices:} or {@code --prices}) overrides AWS's price list, which overrides the table bundled with the
 * sweeper. As JSON {@code priceSource}: {@code team}, {@code aws}, {@code bundled}.
 */
public enum PriceSource {
    TEAM("team"),
    AWS("aws"),
    BUNDLED("bundled");

    private final String id;

    PriceSource(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /**
     * The source a figure built from several prices is said to have: the least authoritative among them (a
     * bundled price in the sum makes the sum a bundled estimate). Null when none is known.
     */
    public static PriceSource weakest(PriceSource a, PriceSource b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return rank(a) <= rank(b) ? a : b;
    }

    private static int rank(PriceSource s) {
        return switch (s) {
            case BUNDLED -> 0;
            case TEAM -> 1;
            case AWS -> 2;
        };
    }
}
