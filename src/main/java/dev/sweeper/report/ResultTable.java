package dev.sweeper.report;

import dev.sweeper.core.Action;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Resource;
import dev.sweeper.core.Summary;
import dev.sweeper.core.SweepResult;
import dev.sweeper.core.Verdict;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** {@code --output table}: aligned columns in the order given, then a one-line summary. */
final class ResultTable {
    static final String EMPTY = "No resources matched.";

    private static final List<String> HEADERS = List.of("KIND", "NAME", "REGION", "STATUS", "TYPE\u00d7COUNT",
            "AGE", "VERDICT", "PROT", "COST/H", "ACTION", "REASON");
    private static final int VERDICT_COLUMN = HEADERS.indexOf("VERDICT");
    private static final int NAME_COLUMN = HEADERS.indexOf("NAME");
    private static final int ACTION_COLUMN = HEADERS.indexOf("ACTION");
    private static final int REASON_COLUMN = HEADERS.indexOf("REASON");
    private static final int TYPE_COLUMN = HEADERS.indexOf("TYPE\u00d7COUNT");
    private static final int STATUS_COLUMN = HEADERS.indexOf("STATUS");
    private static final int REGION_COLUMN = HEADERS.indexOf("REGION");
    /**
     * On a narrow terminal the reason gives way first, then the instance types, the name, the
     * action and the status, each down to its minimum, the cut marked with "…"; then a REGION
     * column that says the same on every row is left out (and said once below the table).
     */
    private static final int[] SHRINK = {REASON_COLUMN, TYPE_COLUMN, NAME_COLUMN, ACTION_COLUMN, STATUS_COLUMN};
    private static final int[] MINIMUM = {12, 10, 14, 10, 8};

    private static final String RESET = "\u001b[0m";

    private ResultTable() {
    }

    static void render(SweepResult result, PrintWriter out, RenderOptions opts) {
        if (result.findings().isEmpty()) {
            out.println(EMPTY);
        } else {
            TextTable table = new TextTable(HEADERS, TextTable.right(HEADERS, "AGE", "COST/H"));
            int hidden = 0;
            for (Finding f : result.findings()) {
                if (opts.shown() == null || opts.shown().test(f)) {
                    table.add(row(f, result));
                } else {
                    hidden++;
                }
            }
            boolean color = opts.color();
            List<String> regions = result.findings().stream().map(f -> f.resource().region()).distinct().toList();
            boolean oneRegion = regions.size() == 1 && !severalAccounts(result);
            java.util.Set<Integer> dropped = table.print(out,
                    (column, text) -> color && column == VERDICT_COLUMN ? colour(text) : text, opts.width(),
                    SHRINK, MINIMUM, oneRegion ? new int[] {REGION_COLUMN} : new int[0]);
            if (dropped.contains(REGION_COLUMN)) {
                out.println("(all in " + regions.get(0) + ")");
            }
            out.println();
            if (hidden > 0) {
                out.println(Formats.plural(hidden, "other resource") + " not listed"
                        + (opts.hiddenHint() == null ? "" : " (" + opts.hiddenHint() + ")") + "; the summary counts them.");
            }
            for (PerAccount.Part part : PerAccount.of(result)) {
                out.println("  account " + part.account() + ": " + (part.failure() != null ? "not swept"
                        : summaryLine(part.result())));
            }
            out.println(summaryLine(result));
        }
        if (result.refusal() != null) {
            out.println(result.refusal());
        }
        for (String problem : result.problems()) {
            out.println("! " + problem);
        }
        out.flush();
    }

    private static List<String> row(Finding f, SweepResult result) {
        Resource r = f.resource();
        List<String> cells = new ArrayList<>();
        cells.add(r.kind().id());
        cells.add(Formats.truncate(displayName(r), Integer.MAX_VALUE));
        cells.add(severalAccounts(result) && r.account() != null ? r.account() + "/" + nz(r.region()) : nz(r.region()));
        cells.add(nz(r.status()));
        cells.add(Formats.typeAndCount(r));
        cells.add(Formats.ageText(r, result.evaluatedAt()));
        cells.add(f.verdict().name());
        cells.add(protectedText(f));
        cells.add(costText(f));
        cells.add(actionText(f.action()));
        cells.add(Formats.truncate(reasonText(f), Integer.MAX_VALUE));
        return cells;
    }

    /** {@code ?} only when no price is known; {@code -} when the cost was not looked up. */
    static String costText(Finding f) {
        if (f.hourlyCost() != null) {
            return Formats.hourly(f.hourlyCost()) + Formats.sourceMark(f.priceSource());
        }
        return Formats.costNotLookedUp(f) ? "-" : "?";
    }

    /** A failed action's reason first: it is what the reader must act on; else the verdict's. */
    static String reasonText(Finding f) {
        if (f.action() != null && f.action().outcome() == Action.Outcome.FAILED && f.action().detail() != null) {
            return f.action().type() + " failed: " + f.action().detail();
        }
        return Formats.firstReason(f);
    }

    /** {@code yes}, {@code no}, or {@code -} when it was not decided (tags not read). */
    static String protectedText(Finding f) {
        Boolean p = f.protection() == null ? null : f.protection().isProtected();
        return p == null ? "-" : p ? "yes" : "no";
    }

    private static String actionText(Action a) {
        if (a == null) {
            return "-";
        }
        return a.type() + " (" + (a.outcome() == null ? "?" : a.outcome().id()) + ")";
    }

    /**
     * {@code 12 resources: 3 idle ($1.38/h unprotected), 4 active, 1 too young, 2 unknown,
     * 2 exempt; 1 protected; actions: 2 planned, 0 done, 0 skipped, 0 failed (dry run: add --apply
     * to act)}. The actions part only when something was asked; the dry-run hint only when
     * something was planned in a dry run.
     */
    static String summaryLine(SweepResult result) {
        Summary s = result.summary();
        StringBuilder sb = new StringBuilder();
        sb.append(Formats.plural(s.total(), "resource")).append(": ")
                .append(s.idle()).append(" idle (").append(Formats.hourly(s.idleHourlyCost()))
                .append("/h unprotected), ")
                .append(s.active()).append(" active, ")
                .append(s.tooYoung()).append(" too young, ")
                .append(s.unknown()).append(" unknown, ")
                .append(s.exempt()).append(" exempt; ")
                .append(s.protectedCount()).append(" protected");
        int actions = s.actionsPlanned() + s.actionsDone() + s.actionsSkipped() + s.actionsFailed();
        if (actions > 0) {
            sb.append("; actions: ")
                    .append(s.actionsPlanned()).append(" planned, ")
                    .append(s.actionsDone()).append(" done, ")
                    .append(s.actionsSkipped()).append(" skipped, ")
                    .append(s.actionsFailed()).append(" failed");
            if (result.dryRun() && s.actionsPlanned() > 0) {
                sb.append(" (dry run: add --apply to act)");
            }
            String inUse = InUse.sentence(result);
            if (result.dryRun() && inUse != null) {
                sb.append("; ").append(inUse);
            }
        }
        return sb.toString();
    }

    private static String colour(String verdictText) {
        String code;
        try {
            code = switch (Verdict.valueOf(verdictText)) {
                case IDLE -> "\u001b[1;33m";
                case ACTIVE -> "\u001b[32m";
                case TOO_YOUNG -> "\u001b[36m";
                case UNKNOWN -> "\u001b[35m";
                case EXEMPT -> "\u001b[2m";
            };
        } catch (IllegalArgumentException e) {
            return verdictText;
        }
        return code + verdictText + RESET;
    }

    /** With more than one account swept, each row says whose resource it is. */
    private static boolean severalAccounts(SweepResult result) {
        return result.findings().stream().map(f -> f.resource().account()).filter(java.util.Objects::nonNull)
                .distinct().count() > 1;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /**
     * Studio app names repeat ("default" in every space): the table says whose app it is. Space names repeat across
     * domains: the table says whose domain, and whose space when it is private.
     */
    static String displayName(dev.sweeper.core.Resource r) {
        if (r.app() != null && r.app().owner() != null) {
            return r.name() + " (" + r.app().appType() + ", " + r.app().owner() + ")";
        }
        if (r.space() != null) {
            return r.name() + " (" + r.space().domainId()
                    + (r.space().ownerUserProfile() != null ? ", private to " + r.space().ownerUserProfile() : "") + ")";
        }
        return r.name();
    }
}
