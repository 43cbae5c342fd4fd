package dev.sweeper.app.job;

import dev.sweeper.app.ActionPlan;
import dev.sweeper.app.ResourceAction;
import dev.sweeper.app.action.AppDeleteAction;
import dev.sweeper.app.action.EndpointDeleteAction;
import dev.sweeper.app.evidence.ActivityEvidence;
import dev.sweeper.app.evidence.CanvasEvidence;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Kind;
import java.util.function.Function;

/**
 * {@code endpoints idle --delete}, {@code apps idle --delete}: deletes resources of one kind, IDLE ones (or with
 * {@code --include-active} any, by the rule for acting).
 */
final class DeleteIdleJob implements ActionPlan {
    private final Kind kind;
    private final Function<Deps, ResourceAction> deletion;

    DeleteIdleJob(Kind kind, Function<Deps, ResourceAction> deletion) {
        this.kind = kind;
        this.deletion = deletion;
    }

    /**
     * Endpoints are deleted after a re-check of their use up to now; their inference components first,
     * polled until gone.
     */
    static DeleteIdleJob endpoints() {
        return new DeleteIdleJob(Kind.ENDPOINT, d -> new EndpointDeleteAction(d.gateways().sageMaker(d.region()),
                new ActivityEvidence(() -> d.gateways().metrics(d.region())), d.policy(), d.evaluatedAt(),
                d.ctx().clock(), d.ctx().pollInterval(), EndpointDeleteAction.COMPONENTS_TIMEOUT));
    }

    static DeleteIdleJob apps() {
        return new DeleteIdleJob(Kind.APP, d -> new AppDeleteAction(d.gateways().sageMaker(d.region()),
                new CanvasEvidence(() -> d.gateways().metrics(d.region())),
                d.evaluatedAt().minus(d.policy().window(Kind.APP)), d.ctx().clock()));
    }

    @Override
    public String verb() {
        return "delete";
    }

    @Override
    public boolean selects(Finding f) {
        return f.resource().kind() == kind;
    }

    @Override
    public boolean removes() {
        return true;
    }

    @Override
    public ResourceAction action(Deps d) {
        return deletion.apply(d);
    }
}
