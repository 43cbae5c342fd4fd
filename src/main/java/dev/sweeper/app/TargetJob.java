package dev.sweeper.app;

import dev.sweeper.core.Gateways;
import java.util.List;

/**
 * A job whose targets no inspector lists and no evaluator judges (a Studio domain's or user profile's idle-shutdown
 * settings): it lists them itself, region by region, each with its protection decided by the evaluator's rule, and
 * gives the action on them. The engine ({@link Sweeper#run(TargetJob, List, boolean, int)}) does the rest through the
 * one guard, as for every {@link ActionPlan}: dry run, --max-actions, protection, re-check, audit, progress.
 *
 * @param <T> the target, carrying its protection and action
 */
public interface TargetJob<T> {

    /** The matching targets in one region, and what could not be read there (said, never taken for "none"). */
    Listed<T> list(Gateways gateways, String region);

    /** The action on the targets, each in its own region. */
    TargetAction<T> action(Gateways gateways);

    record Listed<T>(List<T> targets, List<String> problems) {
        public Listed {
            targets = List.copyOf(targets);
            problems = List.copyOf(problems);
        }
    }

    /** Every target with its action, the refusal when the cap refused the run, and the problems. */
    record Result<T>(List<T> targets, String refusal, List<String> problems) {
        public Result {
            targets = List.copyOf(targets);
            problems = List.copyOf(problems);
        }
    }
}
