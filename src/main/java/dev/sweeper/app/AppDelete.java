package dev.sweeper.app;

import dev.sweeper.core.Evaluator;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Resource;
import dev.sweeper.core.SageMakerGateway;
import java.util.Optional;

/** Deletes a Studio app; the user's files in the space or home directory stay. */
final class AppDelete implements ResourceAction {
    private final SageMakerGateway sageMaker;

    AppDelete(SageMakerGateway sageMaker) {
        this.sageMaker = sageMaker;
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
