package dev.sweeper.core;

import java.util.Locale;

/** What was asked of a resource, and what came of it. */
public record Action(String type, Outcome outcome, String detail) {

    public enum Outcome {
        PLANNED, DONE, SKIPPED, FAILED;

        /** The lower-case word the JSON and the tables use. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Action withOutcome(Outcome newOutcome, String newDetail) {
        return new Action(type, newOutcome, newDetail);
    }
}
