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
    static final String NOTHING_LISTED = "No resources listed, and not because there are none: what could not be "
            + "listed or read is below.";

    private static final List<String> HEADERS = List.of("KIND", "NAME", "REGION", "STATUS", "TYPE\u00d7COUNT",
            "AGE", "AUTOSTOP", "VERDICT", "PROT", "COST/H", "ACTION", "REASON");
    private static final int VERDICT_COLUMN = HEADERS.indexOf("VERDICT");
    private static final int NAME_COLUMN = HEADERS.indexOf("NAME");
    private static final int ACTION_COLUMN = HEADERS.indexOf("ACTION");
    private static final int REASON_COLUMN = HEADERS.indexOf("REASON");
    private static final int TYPE_COLUMN = HEADERS.indexOf("TYPE\u00d7COUNT");
    private static final int STATUS_COLUMN = HEADERS.indexOf("STATUS");
    private static final int REGION_COLUMN = HEADERS.indexOf("REGION");
    private static final int KIND_COLUMN = HEADERS.indexOf("KIND");
    private static final int AGE_COLUMN = HEADERS.indexOf("AGE");
    private static final int AUTOSTOP_COLUMN = HEADERS.indexOf("AUTOSTOP");
    private static final int PROT_COLUMN = HEADERS.indexOf("PROT");
    /**
     * On a narrow terminal, columns that say the same on every row go first (KIND and REGION are then
     * said once below the table; an ACTION column of "-" says nothing), then the instance types,
     * the age and PROT, then the reason and the name are cut, marked with "…". STATUS, VERDICT, the
     * cost and the ACTION are never cut.
     */
    private static final int[] LOW_VALUE = {TYPE_COLUMN, AUTOSTOP_COLUMN, AGE_COLUMN, PROT_COLUMN};
    private static final int[] SHRINK = {REASON_COLUMN, NAME_COLUMN};
    private static final int[] COMFORT = {28, 20};

    private static final String RESET = "\u001b[0m";

    private ResultTable() {
    }

    static void render(SweepResult result, PrintWriter out, RenderOptions opts) {
        if (result.findings().isEmpty()) {
            // An empty result with problems is not an empty account: it says what could not be read.
            out.println(result.problems().isEmpty() ? EMPTY : NOTHING_LISTED);
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
            // ACTION and AUTOSTOP go only when they say nothing ("-"); KIND and REGION are said once below.
            List<Integer> same = new ArrayList<>(List.of(KIND_COLUMN, PROT_COLUMN));
            if (oneRegion) {
                same.add(REGION_COLUMN);
            }
            if (result.findings().stream().allMatch(f -> f.action() == null)) {
                same.add(ACTION_COLUMN);
            }
            if (result.findings().stream().allMatch(f -> autostopText(f.resource()).equals("-"))) {
                same.add(AUTOSTOP_COLUMN);
            }
            int[] uniform = same.stream().mapToInt(Integer::intValue).toArray();
            java.util.Set<Integer> dropped = table.print(out,
                    (column, text) -> color && column == VERDICT_COLUMN ? colour(text) : text, opts.width(),
                    new TextTable.Fit(uniform, LOW_VALUE, SHRINK, COMFORT));
            String kind = dropped.contains(KIND_COLUMN) ? table.only(KIND_COLUMN) : null;
            String region = dropped.contains(REGION_COLUMN) ? regions.get(0) : null;
            if (kind != null || region != null) {
                out.println("(all " + (kind == null ? "" : Formats.kindPlural(kind) + (region == null ? "" : ", "))
                        + (region == null ? "" : "in " + region) + ")");
            }
            if (result.findings().stream().anyMatch(ResultTable::deletesAnEndpoint)) {
                println(out, opts, "(a deleted endpoint's config and model stay: its re-create command is in its action "
                        + "detail, in --output json and in the audit log)");
            }
            // What a "-" or "?" in COST/H means, and whose prices a marked one is: under the table, above the summary.
            String legend = costLegend(result.findings().stream()
                    .filter(f -> opts.shown() == null || opts.shown().test(f)).toList());
            String borrowed = Formats.borrowedNote(result.findings());
            if (legend != null || borrowed != null) {
                out.println();
            }
            if (legend != null) {
                out.println(legend);
            }
            if (borrowed != null) {
                out.println(borrowed);
            }
            out.println();
            if (hidden > 0) {
                println(out, opts, Formats.plural(hidden, "other resource") + " not listed"
                        + (opts.hiddenHint() == null ? "" : " (" + opts.hiddenHint() + ")") + "; the summary counts them.");
            }
            for (PerAccount.Part part : PerAccount.of(result)) {
                println(out, opts, "  account " + part.account() + ": " + (part.failure() != null ? "not swept"
                        : summaryLine(part.result())));
            }
            println(out, opts, summaryLine(result));
        }
        if (result.refusal() != null) {
            println(out, opts, result.refusal());
        }
        for (String problem : result.problems()) {
            println(out, opts, "! " + problem);
        }
        out.flush();
    }

    private static final java.util.regex.Pattern DUE =
            java.util.regex.Pattern.compile("\\b([\\w-]+) from (\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z)\\b");

    /** A mark's "delete from 7 Dec 20:56 UTC": what will be done and from when; null for other actions. */
    static String due(Action a) {
        if (!"mark".equals(a.type()) || a.detail() == null) {
            return null;
        }
        java.util.regex.Matcher m = DUE.matcher(a.detail());
        return m.find() ? m.group(1) + " from " + Formats.readableTimes(m.group(2)) : null;
    }

    private static boolean deletesAnEndpoint(Finding f) {
        return f.resource().endpoint() != null && f.action() != null
                && f.action().type().equals("delete") && f.action().detail() != null
                && f.action().detail().contains("re-create")
                && (f.action().outcome() == Action.Outcome.PLANNED || f.action().outcome() == Action.Outcome.DONE);
    }

    /** A sentence, wrapped to the terminal's width (continuation lines indented by two). */
    private static void println(PrintWriter out, RenderOptions opts, String text) {
        out.println(Formats.wrap(text, opts.width()));
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
        cells.add(autostopText(r));
        cells.add(f.verdict().name());
        cells.add(protectedText(f));
        cells.add(costText(f));
        cells.add(actionText(f.action()));
        cells.add(Formats.truncate(reasonText(f), Integer.MAX_VALUE));
        return cells;
    }

    /**
     * Whether a notebook stops itself when idle: {@code 1h} (the sweeper's checker, after an hour idle),
     * {@code sample 2h} (AWS's autostop.py), {@code off}, {@code not running} (configured, but its lifecycle log says
     * the checker could not be installed or scheduled), {@code ?} (its script could not be read); {@code -}
     * for other kinds and where it was not read.
     */
    static String autostopText(Resource r) {
        dev.sweeper.core.AutostopCoverage c = r.notebook() == null ? null : r.notebook().autostop();
        if (c == null) {
            return "-";
        }
        String idle = c.idle() == null ? "" : dev.sweeper.core.Durations.format(c.idle());
        return switch (c.state()) {
            case SWEEPER -> idle.isEmpty() ? "on" : idle;
            case AWS_SAMPLE -> ("sample " + idle).trim();
            case NONE -> "off";
            case NOT_RUNNING -> "not running"; // configured, but the lifecycle log says the checker did not start
            case UNKNOWN -> "?";
        };
    }

    /**
     * {@code -} when nothing is billed (stopped, serverless, a system app); {@code ?} when the cost is not known (no
     * price for its type, or not looked up: an active endpoint during endpoints idle). The legend below the table
     * says which is which.
     */
    static String costText(Finding f) {
        if (f.hourlyCost() != null) {
            if (f.hourlyCost() == 0.0) {
                return NOTHING_BILLED;
            }
            // A price borrowed from another region says so: marked, and the note below the table says whose.
            return Formats.hourly(f.hourlyCost()) + (f.priceRegion() != null ? Formats.BORROWED_MARK : "")
                    + Formats.sourceMark(f.priceSource());
        }
        return UNKNOWN_COST;
    }

    static final String NOTHING_BILLED = "-";
    static final String UNKNOWN_COST = "?";

    /** The legend of the COST/H column, when it shows a {@code -} or a {@code ?}; null when it shows neither. */
    static String costLegend(List<Finding> shown) {
        boolean none = false, unknown = false, notLookedUp = false;
        for (Finding f : shown) {
            String c = costText(f);
            none |= NOTHING_BILLED.equals(c);
            unknown |= UNKNOWN_COST.equals(c);
            notLookedUp |= UNKNOWN_COST.equals(c) && Formats.costNotLookedUp(f);
        }
        if (!none && !unknown) {
            return null;
        }
        // Short enough for an 80-column terminal.
        List<String> parts = new ArrayList<>();
        if (none) {
            parts.add("- nothing billed");
        }
        if (unknown) {
            parts.add("? not known (no price" + (notLookedUp ? " or not looked up" : "") + "), in no total");
        }
        return "COST/H: " + String.join("; ", parts);
    }

    /**
     * What the reader must know first: why an action failed or was skipped, when a marked resource will be
     * acted on, the schedule behind a stop; else the verdict's reason. Times read as people write them.
     */
    static String reasonText(Finding f) {
        Action a = f.action();
        if (a != null && a.detail() != null && a.outcome() != null) {
            switch (a.outcome()) {
                case FAILED -> {
                    return a.type() + " failed: " + Formats.readableTimes(a.detail());
                }
                case SKIPPED -> {
                    // A mark waiting out its grace period says when in ACTION; the reason stays the verdict's.
                    if (due(a) == null) {
                        return "skipped: " + Formats.readableTimes(a.detail());
                    }
                }
                default -> {
                    if (a.type().equals("unmark") || a.detail().startsWith("outside schedule ")
                            || a.detail().startsWith("inside schedule ")) {
                        return Formats.readableTimes(a.detail());
                    }
                }
            }
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
        String due = due(a);
        if (due != null) {
            // Marked (or to be marked) now, acted on later: the when, never cut.
            return a.outcome() == Action.Outcome.SKIPPED ? due
                    : (a.outcome() == Action.Outcome.DONE ? "marked; " : "mark; ") + due.replace(" UTC", "");
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
                .append(s.idle()).append(" idle (").append(idleTotal(result))
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

    /** What the unprotected idle resources cost, {@code $1.38 + ?} when some of them have no known price. */
    private static String idleTotal(SweepResult result) {
        int priced = 0, unpriced = 0;
        for (Finding f : result.findings()) {
            if (f.isSweepable()) {
                if (f.hourlyCost() == null) {
                    unpriced++;
                } else {
                    priced++;
                }
            }
        }
        return Formats.total(result.summary().idleHourlyCost(), priced, unpriced);
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

    /** The name the table shows ({@link dev.sweeper.core.Resource#displayName}: an app's says whose it is). */
    static String displayName(dev.sweeper.core.Resource r) {
        return r.displayName();
    }
}
