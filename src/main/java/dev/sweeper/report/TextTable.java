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
        int[] widths = new int[headers.size()];
        for (int i = 0; i < headers.size(); i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        line(out, headers, widths, (c, s) -> s);
        for (List<String> row : rows) {
            line(out, row, widths, decorate);
        }
    }

    private void line(PrintWriter out, List<String> cells, int[] widths,
                      BiFunction<Integer, String, String> decorate) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append("  ");
            }
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
