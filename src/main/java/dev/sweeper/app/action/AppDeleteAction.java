package dev.sweeper.app.action;

import dev.sweeper.app.ResourceAction;
import dev.sweeper.app.evidence.CanvasEvidence;
import dev.sweeper.core.Evaluator;
import dev.sweeper.core.Evidence;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Resource;
import dev.sweeper.core.ResourceKey;
import dev.sweeper.core.SageMakerGateway;
import dev.sweeper.core.Verdict;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Deletes a Studio app; the user's files in the space or home directory stay. */
public final class AppDeleteAction implements ResourceAction {
    private final SageMakerGateway sageMaker;
    private final CanvasEvidence canvas;
    private final Instant windowStart;
    private final Clock clock;

    /**
     * {@code windowStart}: where the evaluated window of Canvas apps began; a Canvas app is re-read from there up
     * to the moment before its deletion.
     */
    public AppDeleteAction(SageMakerGateway sageMaker, CanvasEvidence canvas, Instant windowStart, Clock clock) {
        this.sageMaker = sageMaker;
        this.canvas = canvas;
        this.windowStart = windowStart;
        this.clock = clock;
    }

    /**
     * Just before deleting, a Canvas app's TimeSinceLastActive is read again from the start of the evaluated window
     * up to now (one batched call for all of them): a user who came back since the scan, stale or missing data, or a
     * failed read skips it. Other Studio apps have no signal to re-read.
     */
    @Override
    public Map<ResourceKey, String> preflight(List<Finding> planned) {
        List<Resource> apps = new ArrayList<>();
        // Only an app chosen for being IDLE is re-checked; one taken in by --include-active was chosen whatever its use.
        planned.stream().filter(f -> f.verdict() == Verdict.IDLE).map(Finding::resource).filter(Evaluator::isCanvas)
                .forEach(apps::add);
        Map<ResourceKey, String> changed = new HashMap<>();
        if (apps.isEmpty()) {
            return changed;
        }
        Instant present = clock.instant();
        canvas.read(apps, windowStart, present).forEach((app, evidence) -> {
            List<String> reasons = new ArrayList<>();
            Verdict now = evidence instanceof Evidence.CanvasActivity a
                    ? Evaluator.canvasActivity(a, windowStart, present, reasons) : Verdict.UNKNOWN;
            if (now != Verdict.IDLE) {
                String why = !reasons.isEmpty() ? String.join("; ", reasons)
                        : evidence instanceof Evidence.Failed f ? "could not read " + Evaluator.CANVAS_METRIC
                        + ": " + f.error()
                        : evidence instanceof Evidence.NoSignal n ? n.why() : "no " + Evaluator.CANVAS_METRIC;
                changed.put(app.key(), "re-checked before deleting, no longer idle (" + now.name() + "): " + why);
            }
        });
        return changed;
    }

    @Override
    public String type() {
        return "delete";
    }

    @Override
    public String plannedDetail(Finding f) {
        Resource.AppShape a = f.resource().app();
        return "would delete " + a.appType() + " app of " + a.owner() + " in domain " + a.domainId()
                + " (its files stay; the user can start it again from Studio)";
    }

    @Override
    public Optional<String> recheck(Finding f) {
        Optional<Resource> now = sageMaker.describeApp(f.resource());
        if (now.isEmpty()) {
            return Optional.of("no longer exists");
        }
        if (!Evaluator.IN_SERVICE.equals(now.get().status())) {
            return Optional.of("status is now " + now.get().status());
        }
        return Optional.empty();
    }

    @Override
    public String perform(Finding f) {
        sageMaker.deleteApp(f.resource());
        return "deleting";
    }
}
