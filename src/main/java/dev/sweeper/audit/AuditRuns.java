package dev.sweeper.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sweeper.core.AuditStore;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit log read back as runs: its records grouped by {@code runId} (records written before run ids, which have
 * none, are grouped by command, run after run), each run with its records in the order written.
 */
public final class AuditRuns {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One run: its id (null for records without one), command, first and last record times, and its records. */
    public record Run(String runId, String command, Instant start, Instant end, List<JsonNode> records) {
        public Run {
            records = List.copyOf(records);
        }
    }

    private AuditRuns() {
    }

    /**
     * The last {@code limit} runs with a record from {@code since} to {@code until} (null: unbounded) and, with
     * {@code resource}, naming it (its name or ARN); only the matching records of each. Oldest run first.
     */
    public static List<Run> read(AuditStore store, Instant since, Instant until, String resource, int limit) {
        Map<String, List<JsonNode>> byRun = new LinkedHashMap<>();
        String lastUnnamed = null;
        int unnamed = 0;
        for (String text : store.read(since, until)) {
            JsonNode r;
            try {
                r = JSON.readTree(text);
            } catch (IOException e) {
                continue;
            }
            if (r == null || !r.isObject()) {
                continue;
            }
            Instant at = time(r);
            if (at == null || since != null && at.isBefore(since) || until != null && at.isAfter(until)) {
                continue;
            }
            if (resource != null && !resource.equals(r.path("name").asText(null))
                    && !resource.equals(r.path("arn").asText(null))) {
                continue;
            }
            String key;
            if (r.hasNonNull("runId")) {
                key = "id:" + r.get("runId").asText();
                lastUnnamed = null;
            } else {
                String command = r.path("command").asText("");
                if (!command.equals(lastUnnamed)) {
                    unnamed++;
                    lastUnnamed = command;
                }
                key = "none:" + unnamed;
            }
            byRun.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        List<Run> runs = new ArrayList<>();
        byRun.values().forEach(records -> runs.add(new Run(records.get(0).path("runId").asText(null),
                records.get(0).path("command").asText(null), time(records.get(0)),
                time(records.get(records.size() - 1)), records)));
        runs.sort(java.util.Comparator.comparing(Run::start));
        return runs.subList(Math.max(0, runs.size() - limit), runs.size());
    }

    private static Instant time(JsonNode r) {
        try {
            return Instant.parse(r.path("time").asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
