package dev.sweeper.report;

import dev.sweeper.core.Finding;
import dev.sweeper.core.SweepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The result account by account, when several were swept (or one could not be): each account's own findings as a
 * result of their own, or why it could not be swept. Accounts in id order.
 */
final class PerAccount {
    /** How the sweeper reports an account it could not reach (app.Sweeper: "account ID: why"). */
    private static final Pattern FAILED = Pattern.compile("^account (\\d{12}): (.*)$");

    /** One account: its part of the result, and why it could not be swept (null when it was). */
    record Part(String account, SweepResult result, String failure) {
    }

    private PerAccount() {
    }

    /** Empty unless the run reached more than one account or failed to reach one. */
    static List<Part> of(SweepResult result) {
        Map<String, List<Finding>> byAccount = new TreeMap<>();
        for (Finding f : result.findings()) {
            if (f.resource().account() != null) {
                byAccount.computeIfAbsent(f.resource().account(), k -> new ArrayList<>()).add(f);
            }
        }
        Map<String, String> failures = new TreeMap<>();
        for (String problem : result.problems()) {
            Matcher m = FAILED.matcher(problem);
            if (m.matches() && !byAccount.containsKey(m.group(1))) {
                failures.put(m.group(1), m.group(2));
            }
        }
        if (byAccount.size() + failures.size() < 2 && failures.isEmpty()) {
            return List.of();
        }
        TreeMap<String, Part> parts = new TreeMap<>();
        byAccount.forEach((id, findings) -> parts.put(id, new Part(id, new SweepResult(result.command(),
                result.dryRun(), result.evaluatedAt(), result.window(), findings, List.of(), null), null)));
        failures.forEach((id, why) -> parts.put(id, new Part(id, new SweepResult(result.command(), result.dryRun(),
                result.evaluatedAt(), result.window(), List.of(), List.of(), null), why)));
        return new ArrayList<>(parts.values());
    }
}
