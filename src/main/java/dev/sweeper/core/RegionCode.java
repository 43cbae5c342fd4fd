package dev.sweeper.core;

import java.util.regex.Pattern;

/** An AWS Region code, such as {@code us-east-1} or {@code ap-southeast-5}: the one pattern the sweeper checks them with. */
public final class RegionCode {
    /** A region code, for embedding in a larger pattern (an ARN's region field). */
    public static final String REGEX = "[a-z]{2}(?:-[a-z]+)+-\\d+";
    /** A whole region code. */
    public static final Pattern PATTERN = Pattern.compile(REGEX);

    private RegionCode() {
    }
}
