package dev.sweeper.core;

/** Hourly costs are shown to the cent-and-a-bit; rounding happens once, here. */
public final class Money {
    public static final double HOURS_PER_MONTH = 730;

    private Money() {
    }

    /** A monthly amount, to the cent. */
    public static double cents(double dollars) {
        return Math.round(dollars * 100.0) / 100.0;
    }

    public static double round(double dollars) {
        return Math.round(dollars * 10_000.0) / 10_000.0;
    }
}
