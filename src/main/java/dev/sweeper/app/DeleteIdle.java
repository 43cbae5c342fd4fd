package dev.sweeper.app;

import dev.sweeper.core.Finding;
import dev.sweeper.core.Kind;
import java.util.function.Function;

/**
 * {@code endpoints idle --delete}, {@code apps idle --delete}: deletes resources of one kind, IDLE ones (or with
 * {@code --include-active} any, by the rule for acting).
 */
final class DeleteIdle implements ActionPlan {
    private final Kind kind;
    private final Function<Deps, ResourceAction> deletion;

    DeleteIdle(Kind kind, Function<Deps, ResourceAction> deletion) {
        this.kind = kind;
        this.deletion = deletion;
    }

    /**
     * Endpoints are deleted after a re-check of their use up to now; their inference components first,
     * polled until gone.
     */
    static DeleteIdle endpoints() {
        return new DeleteIdle(Kind.ENDPOINT, d -> new EndpointDelete(d.gateways().sageMaker(d.region()),
                new ActivityEvidence(() -> d.gateways().metrics(d.region())), d.policy(), d.evaluatedAt(),
                d.ctx().clock(), d.ctx().pollInterval(), EndpointDelete.COMPONENTS_TIMEOUT));
    }

    static DeleteIdle apps() {
        return new DeleteIdle(Kind.APP, d -> new AppDelete(d.gateways().sageMaker(d.region()),
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
