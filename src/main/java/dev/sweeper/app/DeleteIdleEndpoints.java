package dev.sweeper.app;

import dev.sweeper.core.Finding;
import dev.sweeper.core.Kind;
import dev.sweeper.core.Verdict;

/** {@code endpoints idle --delete}: deletes IDLE endpoints, after a re-check of their use up to now. */
final class DeleteIdleEndpoints implements ActionPlan {
    @Override
    public String verb() {
        return "delete";
    }

    @Override
    public boolean selects(Finding f) {
        return f.resource().kind() == Kind.ENDPOINT && f.verdict() == Verdict.IDLE;
    }

    @Override
    public ResourceAction action(Deps d) {
        return new EndpointDelete(d.gateways().sageMaker(d.region()),
                new ActivityEvidence(() -> d.gateways().metrics(d.region())), d.policy(), d.evaluatedAt(), d.ctx().clock());
    }
}
