package dev.sweeper.app;

import dev.sweeper.core.Finding;
import dev.sweeper.core.Kind;
import dev.sweeper.core.Verdict;

/** {@code apps idle --delete}: deletes IDLE Studio apps. */
final class DeleteIdleApps implements ActionPlan {
    @Override
    public String verb() {
        return "delete";
    }

    @Override
    public boolean selects(Finding f) {
        return f.resource().kind() == Kind.APP && f.verdict() == Verdict.IDLE;
    }

    @Override
    public ResourceAction action(Deps d) {
        return new AppDelete(d.gateways().sageMaker(d.region()));
    }
}
