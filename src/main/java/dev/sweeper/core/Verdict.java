package dev.sweeper.core;

/** What the evidence says about a resource. Only {@link #IDLE} may ever be acted on as idle. */
public enum Verdict {
    IDLE,
    ACTIVE,
    TOO_YOUNG,
    UNKNOWN,
    EXEMPT
}
