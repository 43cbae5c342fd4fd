package dev.sweeper.app;

import dev.sweeper.core.Finding;
import dev.sweeper.core.ResourceKey;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An action that hands each finding to the action chosen for it (the one of its account and region, a schedule's
 * stop or start): every step goes to that action unless the dispatcher overrides it. One place dispatches them all,
 * as {@code ForwardingAction} forwards them all to one wrapped action, so that a step added to
 * {@link ResourceAction} is never lost in a dispatcher that forgot it.
 */
public abstract class DispatchingAction implements ResourceAction {

    /** The action that does this finding's steps. */
    protected abstract ResourceAction to(Finding f);

    @Override
    public String type(Finding f) {
        return to(f).type(f);
    }

    @Override
    public Optional<String> notActionable(Finding f) {
        return to(f).notActionable(f);
    }

    @Override
    public String plannedDetail(Finding f) {
        return to(f).plannedDetail(f);
    }

    /** Each action's preflight over the findings it was chosen for, in the order they were planned. */
    @Override
    public Map<ResourceKey, String> preflight(List<Finding> planned) {
        Map<ResourceAction, List<Finding>> byAction = new IdentityHashMap<>();
        List<ResourceAction> order = new ArrayList<>();
        for (Finding f : planned) {
            ResourceAction action = to(f);
            byAction.computeIfAbsent(action, a -> {
                order.add(a);
                return new ArrayList<>();
            }).add(f);
        }
        Map<ResourceKey, String> out = new LinkedHashMap<>();
        for (ResourceAction action : order) {
            out.putAll(action.preflight(byAction.get(action)));
        }
        return out;
    }

    @Override
    public Optional<String> recheck(Finding f) {
        return to(f).recheck(f);
    }

    @Override
    public String perform(Finding f) {
        return to(f).perform(f);
    }

    @Override
    public String request(Finding f) {
        return to(f).request(f);
    }

    @Override
    public String confirmed(Finding f) {
        return to(f).confirmed(f);
    }
}
