package dev.sweeper.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The filters of a command that can act on what they match, with {@code --all}: one with no filter at all would reach
 * every resource of its kind in every region swept, and that must be said with {@code --all}, not happen by omission.
 * The name and tag filters are {@link FilterOptions}' (shared, described once); {@code --all} is listed with each
 * command's own options.
 */
final class FilterOrAllOptions extends FilterOptions {
    @Option(names = "--all", description = "Allow a run with no filter: every one in the region (it never widens the "
            + "verdicts).")
    boolean all;

    /**
     * Refuses (exit 2) a run with no filter and no {@code --all}. Checked for dry runs too, so that a dry run never
     * succeeds where the same command with --apply is refused.
     *
     * @param reach      what the command would do, e.g. "stop-notebooks with no filter would stop every InService notebook"
     * @param narrowed   one of the command's own narrowing flags (--idle-only, --only-swept) was given
     * @param narrowing  those flags' names, offered in the error besides the name and tag filters
     */
    void requireFilterOrAll(String reach, List<String> regions, boolean narrowed, List<String> narrowing) {
        if (all || narrowed || !isEmpty()) {
            return;
        }
        List<String> flags = new ArrayList<>(List.of("--name-contains", "--name-regex", "--tag"));
        flags.addAll(narrowing);
        String offered = String.join(", ", flags.subList(0, flags.size() - 1)) + " or " + flags.get(flags.size() - 1);
        throw new UsageException(reach + " in " + String.join(", ", regions) + ": give " + offered
                + ", or --all if that is what you mean");
    }
}
