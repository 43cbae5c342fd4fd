package dev.sweeper.app.action;

import dev.sweeper.app.ResourceAction;
import dev.sweeper.core.Finding;
import dev.sweeper.core.ResourceKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An action wrapped around another (the tag re-check, the Amazon Linux 2 guard): every step goes to the wrapped
 * action unless the wrapper overrides it. One place forwards them all, so that a step added to
 * {@link ResourceAction} (as {@code request} and {@code confirmed} were, for --wait) is never lost in a wrapper that
 * forgot it: it would fall back to the interface's default instead of the wrapped action's own.
 */
abstract class ForwardingAction implements ResourceAction {
    protected final ResourceAction action;

    ForwardingAction(ResourceAction action) {
        this.action = action;
    }

    @Override
    public String type() {
        return action.type();
    }

    @Override
    public String type(Finding f) {
        return action.type(f);
    }

    @Override
    public Optional<String> notActionable(Finding f) {
        return action.notActionable(f);
    }

    @Override
    public String plannedDetail(Finding f) {
        return action.plannedDetail(f);
    }

    @Override
    public Map<ResourceKey, String> preflight(List<Finding> planned) {
        return action.preflight(planned);
    }

    @Override
    public Optional<String> recheck(Finding f) {
        return action.recheck(f);
    }

    @Override
    public String perform(Finding f) {
        return action.perform(f);
    }

    @Override
    public String request(Finding f) {
        return action.request(f);
    }

    @Override
    public String confirmed(Finding f) {
        return action.confirmed(f);
    }
}
