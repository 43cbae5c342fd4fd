package dev.sweeper.sandbox.protocol;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The AWS Query protocol: form-encoded requests ({@code A.member.1.B=x}) parsed into a tree of
 * maps and lists, and XML responses and {@code ErrorResponse}s written from such a tree.
 */
public final class QueryCodec {
    private QueryCodec() {
    }

    /** Parses a form body; {@code X.member.N} and {@code X.entry.N} become lists. */
    public static Map<String, Object> parseForm(String body) {
        Map<String, Object> root = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return root;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            put(root, key.split("\\."), 0, value);
        }
        return normalize(root);
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> node, String[] path, int i, String value) {
        String seg = path[i];
        if (i == path.length - 1) {
            node.putIfAbsent(seg, value);
            return;
        }
        if ((path[i + 1].equals("member") || path[i + 1].equals("entry")) && i + 2 < path.length && isIndex(path[i + 2])) {
            Object existing = node.get(seg);
            TreeMap<Integer, Object> list = existing instanceof TreeMap<?, ?> t ? (TreeMap<Integer, Object>) t : new TreeMap<>();
            node.put(seg, list);
            int index = Integer.parseInt(path[i + 2]);
            if (i + 3 == path.length) {
                list.put(index, value);
            } else {
                Object child = list.get(index);
                Map<String, Object> m = child instanceof Map<?, ?> ? (Map<String, Object>) child : new LinkedHashMap<>();
                list.put(index, m);
                put(m, path, i + 3, value);
            }
            return;
        }
        Object existing = node.get(seg);
        Map<String, Object> child = existing instanceof Map<?, ?> && !(existing instanceof TreeMap<?, ?>) ? (Map<String, Object>) existing : new LinkedHashMap<>();
        node.put(seg, child);
        put(child, path, i + 1, value);
    }

    private static boolean isIndex(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> normalize(Map<String, Object> node) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : node.entrySet()) {
            out.put(e.getKey(), normalizeValue(e.getValue()));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object normalizeValue(Object v) {
        if (v instanceof TreeMap<?, ?> t) {
            List<Object> list = new ArrayList<>();
            for (Object o : t.values()) {
                list.add(normalizeValue(o));
            }
            return list;
        }
        if (v instanceof Map<?, ?> m) {
            return normalize((Map<String, Object>) m);
        }
        return v;
    }

    public static String iso(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /** {@code <ActionResponse xmlns=..><ActionResult>...</ActionResult><ResponseMetadata>..} */
    public static String response(String action, String namespace, Map<String, Object> result, String requestId) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("<").append(action).append("Response xmlns=\"").append(namespace).append("\">");
        if (result != null) {
            sb.append('<').append(action).append("Result>");
            writeFields(sb, result);
            sb.append("</").append(action).append("Result>");
        }
        sb.append("<ResponseMetadata><RequestId>").append(requestId).append("</RequestId></ResponseMetadata>");
        sb.append("</").append(action).append("Response>");
        return sb.toString();
    }

    public static String error(AwsError error, String namespace, String requestId) {
        return "<ErrorResponse xmlns=\"" + namespace + "\"><Error><Type>" + (error.senderFault() ? "Sender" : "Receiver")
                + "</Type><Code>" + escape(error.code()) + "</Code><Message>" + escape(error.getMessage())
                + "</Message></Error><RequestId>" + requestId + "</RequestId></ErrorResponse>";
    }

    @SuppressWarnings("unchecked")
    private static void writeFields(StringBuilder sb, Map<String, Object> fields) {
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            sb.append('<').append(e.getKey()).append('>');
            writeValue(sb, e.getValue());
            sb.append("</").append(e.getKey()).append('>');
        }
    }

    @SuppressWarnings("unchecked")
    private static void writeValue(StringBuilder sb, Object v) {
        if (v instanceof Map<?, ?> m) {
            writeFields(sb, (Map<String, Object>) m);
        } else if (v instanceof List<?> list) {
            for (Object o : list) {
                sb.append("<member>");
                writeValue(sb, o);
                sb.append("</member>");
            }
        } else if (v instanceof Instant i) {
            sb.append(iso(i));
        } else {
            sb.append(escape(String.valueOf(v)));
        }
    }

    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                case '\r' -> sb.append("&#xD;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
