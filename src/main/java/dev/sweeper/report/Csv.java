package dev.sweeper.report;

import java.io.PrintWriter;
import java.util.List;

/** RFC 4180: CRLF line ends; a field with a comma, quote or line break is quoted, its quotes doubled. */
public final class Csv {

    private Csv() {
    }

    public static void row(PrintWriter out, List<String> fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(field(fields.get(i)));
        }
        out.print(sb.append("\r\n"));
    }

    public static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
