package dev.sweeper.sandbox.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sweeper.sandbox.fleet.Durations;
import dev.sweeper.sandbox.fleet.FleetSpec;
import dev.sweeper.sandbox.protocol.AwsError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CloudWatch Logs' {@code DescribeLogStreams} and {@code GetLogEvents} (JSON 1.1, target prefix
 * {@code Logs_20140328}) over the notebook instances' {@code jupyter.log} streams: log group
 * {@code /aws/sagemaker/NotebookInstances}, stream {@code <name>/jupyter.log}
 * (https://docs.aws.amazon.com/sagemaker/latest/dg/jupyter-logs.html). Each notebook's stream
 * holds the server's start-up line (at its last start) and the fleet's {@code jupyterLog} lines.
 *
 * <p>As in AWS, a stream's {@code lastEventTimestamp} and {@code lastIngestionTime} are eventually
 * consistent, "typically less than an hour from ingestion"
 * (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_LogStream.html): here
 * they leave out the last hour's events, while GetLogEvents returns every event at once.
 */
public final class LogsApi {
    public static final String TARGET_PREFIX = "Logs_20140328.";
    public static final String NOTEBOOK_GROUP = "/aws/sagemaker/NotebookInstances";
    static final Duration DESCRIBE_LAG = Duration.ofHours(1);
    private static final List<String> OPERATIONS = List.of("DescribeLogStreams", "GetLogEvents");

    private final Clock clock;
    private final Instant start;
    private final ObjectMapper json = new ObjectMapper();
    /** account/region/group → stream name → events (timestamps in ms, ascending). */
    private final Map<String, TreeMap<String, List<Event>>> groups = new ConcurrentHashMap<>();

    private record Event(long timestamp, String message) {
    }

    public LogsApi(Clock clock) {
        this.clock = clock;
        this.start = clock.instant();
    }

    public static boolean known(String operation) {
        return OPERATIONS.contains(operation);
    }

    /** The jupyter.log streams of one account's notebooks. */
    public void load(String account, FleetSpec fleet) {
        for (FleetSpec.Notebook n : fleet.notebooks()) {
            String region = n.region() != null ? n.region() : fleet.region();
            Instant started = start.minus(Durations.parse(n.runningFor() != null ? n.runningFor()
                    : n.age() != null ? n.age() : "30d"));
            List<Event> events = new ArrayList<>();
            events.add(new Event(started.toEpochMilli(), "[I " + jupyterTime(started) + " ServerApp] Serving notebooks"
                    + " from local directory: /home/ec2-user/SageMaker"));
            if (n.jupyterLog() != null) {
                for (FleetSpec.LogLine line : n.jupyterLog()) {
                    Instant at = start.minus(Durations.parse(line.ago()));
                    events.add(new Event(at.toEpochMilli(), line.text() == null
                            ? "[I " + jupyterTime(at) + " ServerApp] Saving file at /work.ipynb"
                            : line.text().replace("{{time}}", jupyterTime(at))));
                }
            }
            events.sort(Comparator.comparingLong(Event::timestamp));
            groups.computeIfAbsent(account + "/" + region + "/" + NOTEBOOK_GROUP, k -> new TreeMap<>())
                    .put(n.name() + "/jupyter.log", List.copyOf(events));
        }
    }

    /**
     * jupyter_server's log time, {@code %(asctime)s.%(msecs).03d} with traitlets' default date format
     * {@code %Y-%m-%d %H:%M:%S} (jupyter_server/serverapp.py, {@code _default_log_format}).
     */
    static String jupyterTime(Instant at) {
        return JUPYTER_TIME.format(at);
    }

    private static final java.time.format.DateTimeFormatter JUPYTER_TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(java.time.ZoneOffset.UTC);

    /**
     * What the Jupyter server logs about a request it answered with a 4xx or 5xx (jupyter_server/log.py,
     * {@code log_request}: successes are logged at debug level, 3xx at info, 4xx at warning, 5xx at
     * error, as {@code "{status} {method} {uri} ({username}@{ip}) {request_time:.2f}ms"}), appended to
     * the notebook's jupyter.log as the server would.
     */
    public void requestLogged(String account, String region, String notebook, int status, String method, String uri) {
        TreeMap<String, List<Event>> g = groups.get(account + "/" + region + "/" + NOTEBOOK_GROUP);
        if (g == null || status < 300 || status == 304) {
            return;
        }
        Instant at = clock.instant();
        String level = status < 400 ? "I" : status < 500 ? "W" : "E";
        String line = "[" + level + " " + jupyterTime(at) + " ServerApp] " + status + " " + method + " " + uri
                + " (@127.0.0.1) 1.00ms" + (status >= 400 ? " referer=None" : "");
        synchronized (g) {
            List<Event> events = new ArrayList<>(g.getOrDefault(notebook + "/jupyter.log", List.of()));
            events.add(new Event(at.toEpochMilli(), line));
            events.sort(Comparator.comparingLong(Event::timestamp));
            g.put(notebook + "/jupyter.log", List.copyOf(events));
        }
    }

    public ObjectNode handle(String account, String operation, JsonNode in, String region) {
        return switch (operation) {
            case "DescribeLogStreams" -> describeLogStreams(account, in, region);
            case "GetLogEvents" -> getLogEvents(account, in, region);
            default -> throw new AwsError("UnknownOperationException", 400,
                    "The sandbox does not implement Logs." + operation);
        };
    }

    private TreeMap<String, List<Event>> group(String account, JsonNode in, String region) {
        String name = text(in, "logGroupName");
        String id = text(in, "logGroupIdentifier");
        if ((name == null) == (id == null)) {
            throw invalid("Either logGroupName or logGroupIdentifier must be specified, but not both.");
        }
        if (id != null) {
            // an ARN names the group after "log-group:"
            int i = id.indexOf(":log-group:");
            name = i < 0 ? id : id.substring(i + ":log-group:".length()).replaceAll(":\\*$", "");
        }
        TreeMap<String, List<Event>> g = groups.get(account + "/" + region + "/" + name);
        if (g == null) {
            throw new AwsError("ResourceNotFoundException", 400, "The specified log group does not exist.");
        }
        return g;
    }

    private ObjectNode describeLogStreams(String account, JsonNode in, String region) {
        TreeMap<String, List<Event>> g = group(account, in, region);
        String prefix = text(in, "logStreamNamePrefix");
        String orderBy = text(in, "orderBy");
        if (orderBy != null && !orderBy.equals("LogStreamName") && !orderBy.equals("LastEventTime")) {
            throw invalid("1 validation error detected: Value '" + orderBy + "' at 'orderBy' failed to satisfy"
                    + " constraint: Member must satisfy enum value set: [LogStreamName, LastEventTime]");
        }
        if ("LastEventTime".equals(orderBy) && prefix != null) {
            throw invalid("Cannot order by LastEventTime with a logStreamNamePrefix.");
        }
        int limit = in.hasNonNull("limit") ? in.get("limit").asInt() : 50;
        if (limit < 1 || limit > 50) {
            throw invalid("1 validation error detected: Value '" + limit + "' at 'limit' failed to satisfy"
                    + " constraint: Member must have value between 1 and 50");
        }
        long visible = clock.instant().minus(DESCRIBE_LAG).toEpochMilli();
        List<Map.Entry<String, List<Event>>> streams = new ArrayList<>();
        for (Map.Entry<String, List<Event>> e : g.entrySet()) {
            if (prefix == null || e.getKey().startsWith(prefix)) {
                streams.add(e);
            }
        }
        if ("LastEventTime".equals(orderBy)) {
            streams.sort(Comparator.comparingLong(e -> lastBefore(e.getValue(), visible)));
        }
        if (in.path("descending").asBoolean(false)) {
            java.util.Collections.reverse(streams);
        }
        int from = 0;
        String token = text(in, "nextToken");
        if (token != null) {
            try {
                from = Integer.parseInt(token.substring(token.indexOf('/') + 1));
            } catch (RuntimeException e) {
                throw invalid("The specified nextToken is invalid.");
            }
        }
        ObjectNode out = json.createObjectNode();
        ArrayNode list = out.putArray("logStreams");
        int to = Math.min(streams.size(), from + limit);
        String groupName = NOTEBOOK_GROUP;
        for (Map.Entry<String, List<Event>> e : streams.subList(Math.min(from, to), to)) {
            List<Event> events = e.getValue();
            ObjectNode s = list.addObject();
            s.put("logStreamName", e.getKey());
            s.put("creationTime", events.get(0).timestamp());
            s.put("arn", "arn:aws:logs:" + region + ":" + account + ":log-group:" + groupName + ":log-stream:"
                    + e.getKey());
            long last = lastBefore(events, visible);
            if (last > 0) {
                s.put("firstEventTimestamp", events.get(0).timestamp());
                s.put("lastEventTimestamp", last);
                s.put("lastIngestionTime", last);
            }
            s.put("storedBytes", 0);
        }
        if (to < streams.size()) {
            out.put("nextToken", "s/" + to);
        }
        return out;
    }

    /** The newest event the stream's summary shows yet (0: none). */
    private static long lastBefore(List<Event> events, long visible) {
        long last = 0;
        for (Event e : events) {
            if (e.timestamp() <= visible) {
                last = e.timestamp();
            }
        }
        return last;
    }

    private ObjectNode getLogEvents(String account, JsonNode in, String region) {
        TreeMap<String, List<Event>> g = group(account, in, region);
        String streamName = text(in, "logStreamName");
        if (streamName == null) {
            throw invalid("1 validation error detected: Value null at 'logStreamName' failed to satisfy constraint:"
                    + " Member must not be null");
        }
        List<Event> events = g.get(streamName);
        if (events == null) {
            throw new AwsError("ResourceNotFoundException", 400, "The specified log stream does not exist.");
        }
        long from = in.hasNonNull("startTime") ? in.get("startTime").asLong() : Long.MIN_VALUE;
        long until = in.hasNonNull("endTime") ? in.get("endTime").asLong() : Long.MAX_VALUE;
        int limit = in.hasNonNull("limit") ? in.get("limit").asInt() : 10_000;
        if (limit < 1 || limit > 10_000) {
            throw invalid("1 validation error detected: Value '" + limit + "' at 'limit' failed to satisfy"
                    + " constraint: Member must have value between 1 and 10000");
        }
        boolean fromHead = in.path("startFromHead").asBoolean(false);
        List<Event> inRange = events.stream().filter(e -> e.timestamp() >= from && e.timestamp() < until).toList();
        List<Event> page = fromHead ? inRange.subList(0, Math.min(limit, inRange.size()))
                : inRange.subList(Math.max(0, inRange.size() - limit), inRange.size());
        ObjectNode out = json.createObjectNode();
        ArrayNode list = out.putArray("events");
        for (Event e : page) {
            list.addObject().put("timestamp", e.timestamp()).put("message", e.message()).put("ingestionTime",
                    e.timestamp());
        }
        // One page holds the whole range here; the tokens mark its ends, as AWS's always-present ones do.
        out.put("nextForwardToken", "f/" + String.format("%056d", inRange.size()));
        out.put("nextBackwardToken", "b/" + String.format("%056d", 0));
        return out;
    }

    private static String text(JsonNode in, String field) {
        JsonNode n = in.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static AwsError invalid(String message) {
        return new AwsError("InvalidParameterException", 400, message);
    }
}
