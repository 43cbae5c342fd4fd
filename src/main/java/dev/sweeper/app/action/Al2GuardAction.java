package dev.sweeper.app.action;

import dev.sweeper.app.ResourceAction;
import dev.sweeper.core.AwsCallException;
import dev.sweeper.core.Finding;
import dev.sweeper.core.NotebookPlatforms;
import dev.sweeper.core.SageMakerGateway;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * No command stops an Amazon Linux 1 or 2 notebook instance silently: AWS no longer restarts a stopped one (see
 * {@link NotebookPlatforms}). Around any action, a stop (or a restart, which begins with one) of a notebook on such
 * a platform is skipped with the reason, in a dry run too, unless the user said {@code --include-al2}; with it, the
 * plan still says what the stop may cost. The platform comes from DescribeNotebookInstance (scan describes every
 * notebook; otherwise each notebook about to be stopped is described here, once); one whose platform cannot be read
 * is not stopped either: its action fails with the call's error (an API error is never a reason to act, and never a
 * quiet skip), after one more try just before acting.
 */
public final class Al2GuardAction extends ForwardingAction {
    private final SageMakerGateway sageMaker;
    private final boolean includeAl2;
    /** The platform of each notebook this run had to describe ("" when AWS gave none), or the failure. */
    private final Map<String, Object> platforms = new ConcurrentHashMap<>();

    public Al2GuardAction(ResourceAction action, SageMakerGateway sageMaker, boolean includeAl2) {
        super(action);
        this.sageMaker = sageMaker;
        this.includeAl2 = includeAl2;
    }

    private static boolean stops(String type) {
        return "stop".equals(type) || AutostopInstallAction.RESTART_TYPE.equals(type);
    }

    /** Whether this finding's action stops a notebook (a stop, or a restart, which begins with one). */
    private boolean stopsANotebook(Finding f) {
        return f.resource().notebook() != null && stops(action.type(f));
    }

    /** The notebook's platform ("" when AWS gave none), or the failure to read it; described once a run. */
    private Object platform(Finding f) {
        String known = f.resource().platformIdentifier();
        return known != null ? known : platforms.computeIfAbsent(f.resource().name(), name -> {
            try {
                return sageMaker.describeNotebook(name).map(d -> d.platformIdentifier() == null ? ""
                        : d.platformIdentifier()).orElse("");
            } catch (AwsCallException e) {
                return e;
            }
        });
    }

    /** The warning for this finding's stop; empty when it stops nothing or its platform is not AL1/AL2. */
    private Optional<String> warning(Finding f) {
        if (!stopsANotebook(f)) {
            return Optional.empty();
        }
        Object p = platform(f);
        if (p instanceof AwsCallException e) {
            return Optional.of("platform unknown (DescribeNotebookInstance failed: " + e.getMessage() + "); a stopped "
                    + "Amazon Linux 2 notebook may not start again");
        }
        return NotebookPlatforms.warning((String) p);
    }

    @Override
    public Optional<String> notActionable(Finding f) {
        Optional<String> own = action.notActionable(f);
        if (own.isPresent() || includeAl2) {
            return own;
        }
        if (stopsANotebook(f) && platform(f) instanceof AwsCallException) {
            return own; // not a reason to skip: the re-check just before acting reads it again, and fails if it must
        }
        return warning(f).map(w -> w + ": not stopped without " + NotebookPlatforms.INCLUDE_FLAG);
    }

    @Override
    public String plannedDetail(Finding f) {
        String detail = action.plannedDetail(f);
        return includeAl2 ? warning(f).map(w -> detail + " (" + NotebookPlatforms.INCLUDE_FLAG + ": " + w + ")")
                .orElse(detail) : detail;
    }




    @Override
    public Optional<String> recheck(Finding f) {
        Optional<String> own = action.recheck(f);
        if (own.isPresent() || includeAl2 || !stopsANotebook(f)) {
            return own;
        }
        if (platform(f) instanceof AwsCallException) {
            platforms.remove(f.resource().name()); // one more try, now
            if (platform(f) instanceof AwsCallException e) {
                throw e; // the action fails with the call's error: never stopped on a guess
            }
        }
        return warning(f).map(w -> w + ": not stopped without " + NotebookPlatforms.INCLUDE_FLAG);
    }



}
