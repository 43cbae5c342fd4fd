package dev.sweeper.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * An aligned plain-text table. Widths are measured on the plain text; decoration (ANSI colour)
 * is applied to the text alone so that it never shifts a column. Lines carry no trailing blanks.
 */
final class TextTable {
    private final List<String> headers;
    private final boolean[] rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(List<String> headers, boolean... rightAligned) {
        this.headers = List.copyOf(headers);
        this.rightAligned = new boolean[headers.size()];
        for (int i = 0; i < rightAligned.length && i < headers.size(); i++) {
            this.rightAligned[i] = rightAligned[i];
        }
    }

    /** Marks which columns hold numbers, by header name. */
    static boolean[] right(List<String> headers, String... numeric) {
        boolean[] r = new boolean[headers.size()];
        for (String n : numeric) {
            int i = headers.indexOf(n);
            if (i >= 0) {
                r[i] = true;
            }
        }
        return r;
    }

    void add(List<String> cells) {
        List<String> row = new ArrayList<>(headers.size());
        for (int i = 0; i < headers.size(); i++) {
            String c = i < cells.size() ? cells.get(i) : "";
            row.add(c == null ? "" : c);
        }
        rows.add(row);
    }

    /**
     * How a table gives way on a narrow terminal, in this order: the {@code uniform} columns are left
     * out when every row says the same there (they carry nothing); then the {@code lowValue} ones, in
     * that order, while the table would not fit even with the {@code shrink} columns at their
     * {@code comfort} widths; then the {@code shrink} columns are narrowed, to their comfort widths and
     * then to their headers' (a cut cell ends in "…"). A column named nowhere is never cut.
     */
    record Fit(int[] uniform, int[] lowValue, int[] shrink, int[] comfort) {
    }

    /**
     * Prints the table fitted into {@code maxWidth} characters (0: no limit); returns the columns left out.
     * {@code decorate} gets the column index and the text of each non-empty body cell.
     */
    java.util.Set<Integer> print(PrintWriter out, BiFunction<Integer, String, String> decorate, int maxWidth, Fit fit) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < headers.size(); i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        java.util.Set<Integer> dropped = new java.util.TreeSet<>();
        if (maxWidth > 0 && total(widths, dropped) > maxWidth) {
            for (int c : fit.uniform()) {
                if (!rows.isEmpty() && rows.stream().map(r -> r.get(c)).distinct().count() == 1) {
                    dropped.add(c);
                }
            }
            int[] comfortable = widths.clone();
            for (int k = 0; k < fit.shrink().length; k++) {
                int c = fit.shrink()[k];
                comfortable[c] = Math.min(widths[c], Math.max(fit.comfort()[k], headers.get(c).length()));
            }
            for (int c : fit.lowValue()) {
                if (total(comfortable, dropped) > maxWidth) {
                    dropped.add(c);
                }
            }
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < fit.shrink().length; k++) {
                    int c = fit.shrink()[k];
                    int excess = total(widths, dropped) - maxWidth;
                    if (excess <= 0 || dropped.contains(c)) {
                        continue;
                    }
                    int floor = pass == 0 ? comfortable[c] : Math.min(widths[c], Math.max(headers.get(c).length(), 4));
                    widths[c] -= Math.min(excess, Math.max(0, widths[c] - floor));
                }
            }
        }
        line(out, headers, widths, dropped, (c, text) -> text);
        for (List<String> row : rows) {
            List<String> fitted = new ArrayList<>(row.size());
            for (int i = 0; i < row.size(); i++) {
                fitted.add(Formats.truncate(row.get(i), widths[i]));
            }
            line(out, fitted, widths, dropped, decorate);
        }
        return dropped;
    }

    /** The width of a line of these columns, those left out aside. */
    private static int total(int[] widths, java.util.Set<Integer> dropped) {
        int sum = 0;
        int shown = 0;
        for (int i = 0; i < widths.length; i++) {
            if (!dropped.contains(i)) {
                sum += widths[i];
                shown++;
            }
        }
        return sum + 2 * Math.max(0, shown - 1);
    }

    /** The column's text in every row (for what a left-out column said, when it said one thing). */
    String only(int column) {
        return rows.isEmpty() ? null : rows.get(0).get(column);
    }

    private void line(PrintWriter out, List<String> cells, int[] widths, java.util.Set<Integer> dropped,
                      BiFunction<Integer, String, String> decorate) {
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (int i = 0; i < cells.size(); i++) {
            if (dropped.contains(i)) {
                continue;
            }
            if (!first) {
                sb.append("  ");
            }
            first = false;
            String cell = cells.get(i);
            String padding = " ".repeat(widths[i] - cell.length());
            // Decorate the text alone, so that colour never spreads into the gap.
            String shown = cell.isEmpty() ? cell : decorate.apply(i, cell);
            if (rightAligned[i]) {
                sb.append(padding).append(shown);
            } else {
                sb.append(shown).append(padding);
            }
        }
        out.println(stripTrailing(sb));
    }

    private static String stripTrailing(StringBuilder sb) {
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == ' ') {
            end--;
        }
        return sb.substring(0, end);
    }
}
