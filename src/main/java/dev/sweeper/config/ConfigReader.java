package dev.sweeper.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sweeper.core.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Typed, strict access to the config's tree, with errors that name file, key and value. */
final class ConfigReader {
    final Path file;
    /** The keys each section may hold, by section (a pattern such as {@code schedules.*} where names vary). */
    private final Map<String, Set<String>> sections;

    ConfigReader(Path file, Map<String, Set<String>> sections) {
        this.file = file;
        this.sections = sections;
    }

    ConfigException bad(String key, Object value, String why) {
        String verb = why.startsWith("must") ? " " : " is ";
        return new ConfigException(file + ": " + key + ": '" + value + "'" + verb + why);
    }

    ObjectNode object(JsonNode node, String key) {
        if (!(node instanceof ObjectNode o)) {
            throw new ConfigException(file + ": " + (key.isEmpty() ? "the file" : key)
                    + " must be a mapping of keys to values");
        }
        return o;
    }

    void checkKeys(ObjectNode node, String section) {
        checkKeys(node, section, section);
    }

    /** @param where the key as the file spells it, where {@code section} is a pattern (schedules.*) */
    void checkKeys(ObjectNode node, String section, String where) {
        Set<String> known = sections.get(section);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (section.equals("notebooks") && key.equals("cpu-threshold-percent")) {
                throw new ConfigException(file + ": notebooks.cpu-threshold-percent: no longer supported: AWS"
                        + " publishes no CPUUtilization for notebook instances; remove it (the Jupyter server is"
                        + " read instead), or set notebooks.metric to judge by a metric your team publishes");
            }
            if (!known.contains(key)) {
                String full = where.isEmpty() ? key : where + "." + key;
                String near = dev.sweeper.core.Suggestions.closest(key, known)
                        .map(k -> "did you mean '" + (where.isEmpty() ? k : where + "." + k) + "'? ").orElse("");
                throw new ConfigException(file + ": unknown key '" + full + "' (" + near + "known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    ObjectNode section(ObjectNode top, String name) {
        JsonNode n = top.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        ObjectNode o = object(n, name);
        checkKeys(o, name);
        return o;
    }

    ObjectNode nested(ObjectNode parent, String key, String full) {
        JsonNode n = parent == null ? null : parent.get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        ObjectNode o = object(n, full);
        checkKeys(o, full);
        return o;
    }

    String required(ObjectNode node, String key, String section) {
        String v = string(node, key, section + "." + key);
        if (v == null || v.isBlank()) {
            throw new ConfigException(file + ": " + section + "." + key + ": required");
        }
        return v;
    }

    Boolean bool(ObjectNode node, String key, String full) {
        JsonNode n = node == null ? null : node.get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isBoolean()) {
            throw bad(full, n.asText(), "not true or false");
        }
        return n.asBoolean();
    }

    String string(ObjectNode node, String key, String full) {
        JsonNode n = node == null ? null : node.get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isValueNode() || n.isBoolean()) {
            throw bad(full, n, "not a string");
        }
        return n.asText();
    }

    List<String> strings(ObjectNode node, String key, String full) {
        JsonNode n = node == null ? null : node.get(key);
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (n.isTextual()) {
            return List.of(n.asText().split("\\s*,\\s*"));
        }
        if (!n.isArray()) {
            throw bad(full, n, "not a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : n) {
            if (!item.isTextual()) {
                throw bad(full, item, "not a string");
            }
            out.add(item.asText());
        }
        return out;
    }

    Double number(ObjectNode node, String key, String full) {
        JsonNode n = node == null ? null : node.get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isNumber()) {
            throw bad(full, n.asText(), "not a number");
        }
        return n.asDouble();
    }

    Integer integer(ObjectNode node, String key, String full, int min, int max) {
        JsonNode n = node == null ? null : node.get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber()) {
            throw bad(full, n.asText(), "not a whole number");
        }
        long v = n.asLong();
        if (v < min || v > max) {
            throw bad(full, v, "out of range (" + min + " to " + max + ")");
        }
        return (int) v;
    }

    Duration duration(ObjectNode node, String key, String full) {
        String text = string(node, key, full);
        if (text == null) {
            return null;
        }
        try {
            return Durations.parseWindow(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ": " + full + ": " + e.getMessage());
        }
    }
}
