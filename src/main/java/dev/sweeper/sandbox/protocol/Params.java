package dev.sweeper.sandbox.protocol;

import java.util.List;
import java.util.Map;

/**
 * Reads a protocol-neutral request tree (maps, lists, strings, numbers, instants), as the Query
 * and CBOR codecs decode it, whatever the service.
 */
public final class Params {
    private Params() {
    }

    /** The member as text, or null when absent. */
    public static String str(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? null : v.toString();
    }

    /** The member as a structure, or null when absent or not one. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v instanceof Map<?, ?> mm ? (Map<String, Object>) mm : null;
    }

    /** The member as a list, empty when absent or not one. */
    @SuppressWarnings("unchecked")
    public static List<Object> list(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v instanceof List<?> l) {
            return (List<Object>) l;
        }
        return List.of();
    }
}
