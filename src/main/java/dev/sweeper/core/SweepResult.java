package dev.sweeper.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything one command found and did, ready to render.
 *
 * @param problems  failures that are not about one resource (a region that failed, a
 *                  notification that could not be sent); any makes the run partial
 * @param refusal   non-null when the action cap refused the whole run
 */
public record SweepResult(String command, boolean dryRun, Instant evaluatedAt, Duration window,
                          List<Finding> findings, List<String> problems, String refusal) {
    public SweepResult {
        findings = List.copyOf(findings);
        problems = List.copyOf(problems);
    }

    public Summary summary() {
        return Summary.of(findings);
    }

    /** Some evidence could not be gathered, or an action failed, or something else went wrong. */
    public boolean isPartial() {
        return !problems.isEmpty() || findings.stream().anyMatch(f ->
                f.evaluation().evidence() instanceof Evidence.Failed
                        // a notebook left UNKNOWN because a call for its signals failed
                        || (f.verdict() == Verdict.UNKNOWN && f.evaluation().evidence() instanceof Evidence.Notebook nb
                        && nb.failedCall())
                        || (f.action() != null && f.action().outcome() == Action.Outcome.FAILED));
    }

    /** Unprotected idle resources still left: one this run deleted or stopped is gone. */
    public boolean hasUnprotectedIdle() {
        return findings.stream().anyMatch(f -> f.isSweepable()
                && (f.action() == null || f.action().outcome() != Action.Outcome.DONE));
    }
}
