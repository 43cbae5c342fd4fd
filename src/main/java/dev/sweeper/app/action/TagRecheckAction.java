package dev.sweeper.app.action;

import dev.sweeper.app.ResourceAction;
import dev.sweeper.core.Evaluator;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Policy;
import dev.sweeper.core.Protection;
import dev.sweeper.core.Resource;
import dev.sweeper.core.SageMakerGateway;
import java.util.Optional;

/**
 * An action whose re-check also reads the resource's tags again, with ListTags, just before it
 * acts: the scan read them in bulk through the Resource Groups Tagging API, which is eventually
 * consistent (a protect tag added minutes ago may not show there yet).
 */
public final class TagRecheckAction extends ForwardingAction {
    private final SageMakerGateway sageMaker;
    private final Policy policy;

    public TagRecheckAction(ResourceAction action, SageMakerGateway sageMaker, Policy policy) {
        super(action);
        this.sageMaker = sageMaker;
        this.policy = policy;
    }






    @Override
    public Optional<String> recheck(Finding f) {
        Optional<String> changed = action.recheck(f);
        if (changed.isPresent()) {
            return changed;
        }
        Resource r = f.resource();
        if (r.arn() == null) {
            // Apps are listed without an ARN; describing one gives it.
            r = sageMaker.describeApp(r).orElse(null);
            if (r == null) {
                return Optional.of("no longer exists");
            }
        }
        Protection now = Evaluator.protection(r, sageMaker.listTags(r.arn()), policy);
        return Boolean.TRUE.equals(now.isProtected()) ? Optional.of("protected now: " + now.reason()) : Optional.empty();
    }



}
