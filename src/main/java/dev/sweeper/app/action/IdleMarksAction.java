package dev.sweeper.app.action;

import dev.sweeper.app.ResourceAction;
import dev.sweeper.app.SweepRequest;
import dev.sweeper.core.Durations;
import dev.sweeper.core.Finding;
import dev.sweeper.core.ResourceKey;
import dev.sweeper.core.SageMakerGateway;
import dev.sweeper.core.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Mark now, act later. Each IDLE resource is tagged {@code sweeper:idle-since} with the time it was
 * first seen idle (a mark already there is kept); a marked resource found ACTIVE loses its mark, so
 * that a resource used during the grace period starts over; and the removal (delete, stop), when
 * one was asked for, is taken only on resources marked at least the grace period ago and IDLE now.
 * UNKNOWN, TOO_YOUNG and EXEMPT resources keep whatever mark they have: missing evidence is no use.
 */
public final class IdleMarksAction implements ResourceAction {
    public static final String TAG = "sweeper:idle-since";

    public enum Move {
        MARK,
        UNMARK,
        /** Marked, the grace period not over yet: nothing now, said with when. */
        WAIT,
        ACT,
        NONE
    }

    private final SageMakerGateway sageMaker;
    private final ResourceAction removal;
    private final Map<String, Map<String, String>> tagsByArn;
    private final SweepRequest.Marking marking;
    private final Instant now;

    /** @param removal the delete or stop; null when the run only marks */
    public IdleMarksAction(SageMakerGateway sageMaker, ResourceAction removal, Map<String, Map<String, String>> tagsByArn,
              SweepRequest.Marking marking, Instant now) {
        this.sageMaker = sageMaker;
        this.removal = removal;
        this.tagsByArn = tagsByArn;
        this.marking = marking;
        this.now = now;
    }

    /** When the resource was first seen idle, by its tag; null when unmarked or the tag is not a time. */
    static Instant markOf(Finding f, Map<String, Map<String, String>> tagsByArn) {
        Map<String, String> tags = f.resource().arn() == null ? null : tagsByArn.get(f.resource().arn());
        String v = tags == null ? null : tags.get(TAG);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean parses(String v) {
        try {
            Instant.parse(v);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    static boolean hasTag(Finding f, Map<String, Map<String, String>> tagsByArn) {
        Map<String, String> tags = f.resource().arn() == null ? null : tagsByArn.get(f.resource().arn());
        return tags != null && tags.containsKey(TAG);
    }

    public static Move move(Finding f, Map<String, Map<String, String>> tagsByArn, SweepRequest.Marking marking,
                     boolean acts, Instant now) {
        Instant since = markOf(f, tagsByArn);
        if (f.verdict() == Verdict.ACTIVE) {
            return hasTag(f, tagsByArn) && marking.mark() ? Move.UNMARK : Move.NONE;
        }
        if (f.verdict() != Verdict.IDLE) {
            return Move.NONE;
        }
        if (since == null) {
            // An action waiting for a mark that old (--grace) starts the clock now: never marked is no
            // reason to do, and say, nothing.
            return marking.mark() || acts ? Move.MARK : Move.NONE;
        }
        if (acts && !since.plus(marking.grace()).isAfter(now)) {
            return Move.ACT;
        }
        return Move.WAIT;
    }

    private Move move(Finding f) {
        return move(f, tagsByArn, marking, removal != null, now);
    }

    private String what() {
        return removal == null ? "act (with --delete or stop-notebooks --idle-only, and --apply)"
                : removal.type();
    }

    @Override
    public String type() {
        return removal == null ? "mark" : removal.type();
    }

    @Override
    public String type(Finding f) {
        return switch (move(f)) {
            case MARK, WAIT -> "mark";
            case UNMARK -> "unmark";
            case ACT, NONE -> removal == null ? "mark" : removal.type(f);
        };
    }

    @Override
    public Optional<String> notActionable(Finding f) {
        if (move(f) == Move.WAIT) {
            Instant since = markOf(f, tagsByArn);
            Instant due = since.plus(marking.grace());
            return Optional.of("idle since " + since + " (" + TAG + "); " + what() + " from " + due
                    + " (in " + Durations.format(Duration.between(now, due).truncatedTo(ChronoUnit.MINUTES)
                    .plusMinutes(1)) + ") if still IDLE then");
        }
        return move(f) == Move.ACT ? removal.notActionable(f) : Optional.empty();
    }

    @Override
    public String plannedDetail(Finding f) {
        return switch (move(f)) {
            case MARK -> "would tag " + TAG + "=" + stamp() + "; " + what() + " from " + now.plus(marking.grace())
                    + " if still IDLE then";
            case UNMARK -> "in use again: would remove " + TAG;
            default -> "idle since " + markOf(f, tagsByArn) + ", longer than --grace " + Durations.format(marking.grace())
                    + "; " + removal.plannedDetail(f);
        };
    }

    private String stamp() {
        return now.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    @Override
    public Map<ResourceKey, String> preflight(List<Finding> planned) {
        return removal == null ? Map.of()
                : removal.preflight(planned.stream().filter(f -> move(f) == Move.ACT).toList());
    }

    @Override
    public Optional<String> recheck(Finding f) {
        return move(f) == Move.ACT ? removal.recheck(f) : Optional.empty();
    }

    @Override
    public String perform(Finding f) {
        return act(f, false);
    }

    /** The removal, with its finishing touches left for {@link #confirmed} (a wait follows). */
    @Override
    public String request(Finding f) {
        return act(f, true);
    }

    @Override
    public String confirmed(Finding f) {
        return move(f) == Move.ACT ? removal.confirmed(f) : null;
    }

    private String act(Finding f, boolean waited) {
        switch (move(f)) {
            case MARK -> {
                // Only where no mark is: the first sighting stays the one the grace period counts from.
                Map<String, String> current = sageMaker.listTags(f.resource().arn());
                if (current.containsKey(TAG) && parses(current.get(TAG))) {
                    return "already marked " + TAG + "=" + current.get(TAG);
                }
                sageMaker.addTags(f.resource().arn(), Map.of(TAG, stamp()));
                return "tagged " + TAG + "=" + stamp() + "; " + what() + " from " + now.plus(marking.grace())
                        + " if still IDLE then";
            }
            case UNMARK -> {
                sageMaker.deleteTags(f.resource().arn(), List.of(TAG));
                return "in use again: removed " + TAG;
            }
            default -> {
                String done = waited ? removal.request(f) : removal.perform(f);
                if ("delete".equals(removal.type(f))) {
                    return done; // its tags go with it
                }
                try {
                    sageMaker.deleteTags(f.resource().arn(), List.of(TAG));
                } catch (dev.sweeper.core.AwsCallException e) {
                    // Deleted resources take their tags with them; a stopped notebook keeps the stale mark.
                    return done;
                }
                return done;
            }
        }
    }
}
