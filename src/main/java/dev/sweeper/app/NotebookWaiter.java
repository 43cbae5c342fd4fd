package dev.sweeper.app;

import dev.sweeper.core.Action.Outcome;
import dev.sweeper.core.AuditLog;
import dev.sweeper.core.AwsCallException;
import dev.sweeper.core.Durations;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Resource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Waits until every notebook the run stopped or started reaches its final status. One that ends
 * {@code Failed}, or is not there before the timeout, becomes a failed action.
 */
public final class NotebookWaiter {
    private final SweepContext ctx;
    private final AuditLog audit;

    public NotebookWaiter(SweepContext ctx, AuditLog audit) {
        this.ctx = ctx;
        this.audit = audit;
    }

    /** The final outcome, in the audit log and on stderr alike (the action runner left that to the wait). */
    private Finding settle(Finding f, Outcome outcome, String detail) {
        Finding settled = f.withAction(f.action().withOutcome(outcome, detail));
        audit.record(settled, settled.action());
        String what = f.action().type() + " " + f.resource().kind().id() + " " + f.resource().name();
        if (outcome == Outcome.FAILED) {
            ctx.log().warn("failed to " + what + ": " + detail);
        } else {
            ctx.log().info("done: " + what);
        }
        return settled;
    }

    /** What the action adds once its change is seen to have succeeded ("; tagged …"), or nothing. */
    private String confirm(ResourceAction action, Finding f) {
        if (action == null) {
            return "";
        }
        try {
            String more = action.confirmed(f);
            return more == null ? "" : "; " + more;
        } catch (AwsCallException ex) {
            ctx.log().warn(f.action().type() + " " + f.resource().kind().id() + " " + f.resource().name()
                    + " done, but what follows it failed: " + ex.getMessage());
            return "; " + ex.getMessage();
        }
    }

    /** The findings with their settled actions, and the notebooks whose end could not be seen. */
    public record Waited(List<Finding> findings, List<String> problems) {
    }

    /** @param targets the status each notebook should end in */
    public Waited await(List<Finding> findings, java.util.function.Function<Finding, String> targets, Duration timeout) {
        return await(findings, targets, timeout, null);
    }

    /**
     * @param targets the status each notebook should end in
     * @param action  the action that requested the changes: told of each one that reached its target
     *                ({@link ResourceAction#confirmed}, which writes the swept tag), before it is said done; null
     *                when nothing waits for that
     */
    Waited await(List<Finding> findings, java.util.function.Function<Finding, String> targets, Duration timeout,
                 ResourceAction action) {
        Map<Integer, String> lastError = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Map<Integer, Finding> pending = new LinkedHashMap<>();
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            if (f.action() != null && f.action().outcome() == Outcome.DONE && targets.apply(f) != null) {
                pending.put(i, f);
            }
        }
        List<Finding> out = new ArrayList<>(findings);
        Instant deadline = ctx.clock().instant().plus(timeout);
        int total = pending.size();
        while (!pending.isEmpty()) {
            for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                Finding f = e.getValue();
                String status;
                String failureReason;
                try {
                    var sageMaker = ctx.gatewaysFor(f.resource().account()).sageMaker(f.resource().region());
                    // The same wait serves MLflow tracking servers: their own describe, their own failed statuses.
                    Optional<Resource> now = f.resource().shape() instanceof Resource.MlflowShape
                            ? sageMaker.describeMlflowServer(f.resource().name())
                            : sageMaker.describeNotebook(f.resource().name());
                    status = now.map(Resource::status).orElse("Deleted");
                    // AWS's own words for a notebook that ended Failed (DescribeNotebookInstance FailureReason);
                    // DescribeMlflowTrackingServer has none.
                    failureReason = now.map(Resource::notebook).map(Resource.NotebookShape::failureReason).orElse(null);
                } catch (AwsCallException ex) {
                    ctx.log().debug("polling " + f.resource().name() + ": " + ex.getMessage());
                    lastError.put(e.getKey(), ex.getMessage());
                    continue; // a failed poll is retried until the deadline
                }
                lastError.remove(e.getKey());
                String target = targets.apply(f);
                if (target.equals(status)) {
                    out.set(e.getKey(), settle(f, Outcome.DONE, f.action().detail() + "; now " + status
                            + confirm(action, f)));
                    it.remove();
                } else if ("Failed".equals(status) || "Deleted".equals(status) || "StopFailed".equals(status)
                        || "StartFailed".equals(status)) {
                    out.set(e.getKey(), settle(f, Outcome.FAILED, "ended " + status + " instead of " + target
                            + (failureReason == null || failureReason.isBlank() ? "" : ": " + failureReason)));
                    it.remove();
                }
            }
            if (pending.isEmpty()) {
                break;
            }
            String what = pending.values().stream().allMatch(f -> f.resource().shape() instanceof Resource.MlflowShape)
                    ? " MLflow tracking servers to be " : " notebooks to be ";
            ctx.log().progress("waiting for " + pending.size() + " of " + total + what
                    + pending.values().stream().map(targets).distinct().sorted().collect(java.util.stream.Collectors.joining(" or ")));
            if (!ctx.clock().instant().isBefore(deadline)) {
                for (var e : pending.entrySet()) {
                    String target = targets.apply(e.getValue());
                    String error = lastError.get(e.getKey());
                    if (error != null) {
                        // The action was carried out; only its end could not be seen. It stays done.
                        Finding f = e.getValue();
                        out.set(e.getKey(), settle(f, Outcome.DONE, f.action().detail()
                                + "; final status not confirmed: " + error));
                        problems.add(f.resource().region() + ": notebook " + f.resource().name()
                                + ": could not confirm it reached " + target + ": " + error);
                    } else {
                        out.set(e.getKey(), settle(e.getValue(), Outcome.FAILED,
                                "not " + target + " within " + Durations.format(timeout)));
                    }
                }
                break;
            }
            try {
                Thread.sleep(ctx.pollInterval().toMillis());
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new Waited(out, problems);
    }
}
