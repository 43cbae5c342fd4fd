package dev.sweeper.report;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes markup that is also well-formed XML: every element opened here is closed here, in
 * order, and every text and attribute value is escaped. Only the built-in XML entities are used,
 * so any XML parser reads the page.
 */
final class Html {
    private final StringBuilder sb = new StringBuilder();
    private final Deque<String> open = new ArrayDeque<>();

    /** Opens {@code tag}; {@code attrs} are name/value pairs, a null value leaves the attribute out. */
    Html open(String tag, String... attrs) {
        sb.append('<').append(tag);
        attributes(attrs);
        sb.append('>');
        open.push(tag);
        return this;
    }

    Html close(String tag) {
        String top = open.pop();
        if (!top.equals(tag)) {
            throw new IllegalStateException("closing <" + tag + "> while <" + top + "> is open");
        }
        sb.append("</").append(tag).append('>');
        return this;
    }

    /** An element with text only. */
    Html el(String tag, String text, String... attrs) {
        return open(tag, attrs).text(text).close(tag);
    }

    /** An element with no content, written self-closed ({@code <meta charset="utf-8"/>}). */
    Html empty(String tag, String... attrs) {
        sb.append('<').append(tag);
        attributes(attrs);
        sb.append("/>");
        return this;
    }

    Html text(String text) {
        sb.append(escape(text));
        return this;
    }

    /** Trusted markup or CSS written as is; must hold no {@code <} or {@code &}. */
    Html raw(String trusted) {
        if (trusted.indexOf('<') >= 0 || trusted.indexOf('&') >= 0) {
            throw new IllegalArgumentException("raw text must not contain < or &");
        }
        sb.append(trusted);
        return this;
    }

    Html nl() {
        sb.append('\n');
        return this;
    }

    String finish() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("unclosed elements: " + open);
        }
        return sb.toString();
    }

    private void attributes(String... attrs) {
        if (attrs.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name/value pairs");
        }
        for (int i = 0; i < attrs.length; i += 2) {
            if (attrs[i + 1] != null) {
                sb.append(' ').append(attrs[i]).append("=\"").append(escape(attrs[i + 1])).append('"');
            }
        }
    }

    /** Escapes {@code & < > "} and drops the control characters XML does not allow. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        if (c != '\uFFFE' && c != '\uFFFF') {
                            out.append(c);
                        }
                    }
                }
            }
        }
        return out.toString();
    }
}
