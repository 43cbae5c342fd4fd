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

    void print(PrintWriter out) {
        print(out, (column, cell) -> cell);
    }

    /** {@code decorate} gets the column index and the text of each non-empty body cell. */
    void print(PrintWriter out, BiFunction<Integer, String, String> decorate) {
        print(out, decorate, 0, new int[0], new int[0], new int[0]);
    }

    /**
     * Fits the table into {@code maxWidth} characters (0: no limit) by narrowing the {@code shrink}
     * columns, in that order, down to their {@code minimum} widths; a cell cut short ends in "…".
     * When that is still too wide, the {@code droppable} columns are left out, in that order; and
     * past that, lines are as narrow as they can be.
     *
     * @return the columns left out
     */
    java.util.Set<Integer> print(PrintWriter out, BiFunction<Integer, String, String> decorate, int maxWidth,
                                 int[] shrink, int[] minimum, int[] droppable) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < headers.size(); i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        if (maxWidth > 0) {
            int excess = total(widths) - maxWidth;
            for (int k = 0; k < shrink.length && excess > 0; k++) {
                int c = shrink[k];
                int floor = Math.max(minimum[k], Math.min(headers.get(c).length(), widths[c]));
                int cut = Math.min(excess, Math.max(0, widths[c] - floor));
                widths[c] -= cut;
                excess -= cut;
            }
        }
        java.util.Set<Integer> dropped = new java.util.TreeSet<>();
        if (maxWidth > 0) {
            int excess = total(widths) - maxWidth;
            for (int k = 0; k < droppable.length && excess > 0; k++) {
                dropped.add(droppable[k]);
                excess -= widths[droppable[k]] + 2;
            }
        }
        line(out, headers, widths, dropped, (c, s) -> s);
        for (List<String> row : rows) {
            List<String> fitted = new ArrayList<>(row.size());
            for (int i = 0; i < row.size(); i++) {
                fitted.add(Formats.truncate(row.get(i), widths[i]));
            }
            line(out, fitted, widths, dropped, decorate);
        }
        return dropped;
    }

    private static int total(int[] widths) {
        int sum = 2 * Math.max(0, widths.length - 1);
        for (int w : widths) {
            sum += w;
        }
        return sum;
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
