package dev.sweeper.sandbox.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/** How many calls of each {@code Service.Operation} the sandbox received, for {@code /_sandbox/stats}. */
public final class CallStats {
    private final Map<String, AtomicLong> calls = new TreeMap<>();

    public void count(String name) {
        synchronized (calls) {
            calls.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet();
        }
    }

    public void reset() {
        synchronized (calls) {
            calls.clear();
        }
    }

    /** {@code {"calls": {name: n, ...}, "total": n}}, names in order. */
    public ObjectNode toJson(ObjectMapper json) {
        ObjectNode out = json.createObjectNode();
        ObjectNode c = out.putObject("calls");
        long total = 0;
        synchronized (calls) {
            for (Map.Entry<String, AtomicLong> e : calls.entrySet()) {
                c.put(e.getKey(), e.getValue().get());
                total += e.getValue().get();
            }
        }
        out.put("total", total);
        return out;
    }
}
