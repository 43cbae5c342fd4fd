package dev.sweeper.core;

import java.time.Duration;
import java.time.Instant;

/**
 * The running-and-old-enough gate, in one place: a resource judged over an activity window (an endpoint, a notebook,
 * a Canvas app) is judged only while it runs, and only once it has run for at least its window; younger, the
 * evidence cannot show idleness yet (TOO_YOUNG). The inspector asks here which resources need evidence, the
 * evaluator which are too young: the two cannot disagree.
 */
public final class ActivityGate {
    private ActivityGate() {
    }

    /** The activity window of the resource's kind, from the policy; null for a kind judged without one. */
    public static Duration window(Resource r, Policy policy) {
        return r.kind().definition().window(r, policy);
    }

    /** Whether it runs (and bills), so that its use must be judged: an endpoint being updated still serves. */
    public static boolean runs(Resource r) {
        return r.kind().definition().runs(r);
    }

    /** How long it has run: a notebook since its last start (a stop ends its use), anything else since its creation. */
    public static Duration age(Resource r, Instant now) {
        return Duration.between(r.kind().definition().since(r), now);
    }

    /** Whether it has run for less than its window (false for a kind without one). */
    public static boolean tooYoung(Resource r, Policy policy, Instant now) {
        return tooYoung(age(r, now), window(r, policy));
    }

    /** Whether a resource of this age is too young for this window (never without a window). */
    public static boolean tooYoung(Duration age, Duration window) {
        return window != null && age.compareTo(window) < 0;
    }

    /** Whether its evidence is needed: it has a window, runs, and has run for at least the window. */
    public static boolean needsEvidence(Resource r, Policy policy, Instant now) {
        return window(r, policy) != null && runs(r) && !tooYoung(r, policy, now);
    }
}
