package dev.sweeper.sandbox.protocol;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The AWS JSON protocols' timestamps: epoch seconds, with milliseconds as a decimal fraction. */
public final class JsonTimestamps {
    private JsonTimestamps() {
    }

    public static BigDecimal epoch(Instant i) {
        return BigDecimal.valueOf(i.toEpochMilli(), 3);
    }

    /** The tree with every instant as epoch seconds and every null member left out. */
    @SuppressWarnings("unchecked")
    public static Object epochSeconds(Object v) {
        if (v instanceof Instant i) {
            return epoch(i);
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, x) -> {
                if (x != null) {
                    out.put(k, epochSeconds(x));
                }
            });
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(epochSeconds(x)));
            return out;
        }
        return v;
    }
}
