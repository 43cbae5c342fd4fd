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
 * CloudWatch Logs (JSON 1.1, target prefix {@code Logs_20140328}): the notebook instances' {@code jupyter.log}
 * streams, read with {@code DescribeLogStreams}, {@code GetLogEvents} and {@code FilterLogEvents} (log group
 * {@code /aws/sagemaker/NotebookInstances}, stream {@code <name>/jupyter.log},
 * https://docs.aws.amazon.com/sagemaker/latest/dg/jupyter-logs.html), each holding the server's start-up line (at
 * its last start) and the fleet's {@code jupyterLog} lines; and groups a client makes ({@code CreateLogGroup},
 * {@code CreateLogStream}), written with {@code PutLogEvents} under AWS's rules and read back with
 * {@code FilterLogEvents} (the sweeper's audit log).
 *
 * <p>As in AWS, a stream's {@code lastEventTimestamp} and {@code lastIngestionTime} are eventually
 * consistent, "typically less than an hour from ingestion"
 * (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_LogStream.html): here
 * they leave out the last hour's events, while GetLogEvents and FilterLogEvents return every event at once.
 */
public final class LogsApi {
    public static final String TARGET_PREFIX = "Logs_20140328.";
    public static final String NOTEBOOK_GROUP = "/aws/sagemaker/NotebookInstances";
    static final Duration DESCRIBE_LAG = Duration.ofHours(1);
    private static final List<String> OPERATIONS = List.of("DescribeLogStreams", "GetLogEvents", "CreateLogGroup",
            "CreateLogStream", "PutLogEvents", "FilterLogEvents", "DeleteLogStream");
    /** PutLogEvents' limits (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutLogEvents.html). */
    static final int MAX_BATCH_BYTES = 1_048_576;
    static final int EVENT_OVERHEAD_BYTES = 26;
    static final int MAX_BATCH_EVENTS = 10_000;
    static final Duration MAX_BATCH_SPAN = Duration.ofHours(24);
    static final Duration MAX_AGE = Duration.ofDays(14);
    static final Duration MAX_AHEAD = Duration.ofHours(2);
    /** LogGroupName and LogStreamName in CloudWatch Logs' service model (botocore logs 2014-03-28). */
    private static final java.util.regex.Pattern GROUP_NAME = java.util.regex.Pattern.compile("[\\.\\-_/#A-Za-z0-9]+");
    private static final java.util.regex.Pattern STREAM_NAME = java.util.regex.Pattern.compile("[^:*]*");

    private final Clock clock;
    private final Instant start;
    private final ObjectMapper json = new ObjectMapper();
    /**
     * account/region/group → stream name → events (timestamps in ms, ascending for the notebooks' streams; in the
     * order they were put for others). Guarded by this object's lock.
     */
    private final Map<String, TreeMap<String, List<Event>>> groups = new ConcurrentHashMap<>();
    /** account/region/group/stream → its creation time (ms), for streams made by CreateLogStream. */
    private final Map<String, Long> streamCreated = new ConcurrentHashMap<>();
    private long eventIds;

    private record Event(long timestamp, String message, long ingestionTime) {
        Event(long timestamp, String message) {
            this(timestamp, message, timestamp);
        }
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
                    .put(n.name() + "/jupyter.log", new ArrayList<>(events));
            // What the OnStart lifecycle script wrote at the last start: stream <name>/LifecycleConfigOnStart
            // ("[notebook-instance-name]/[LifecycleConfigHook]", AWS's NotebookInstanceLifecycleHook reference).
            if (n.lifecycleLog() != null) {
                List<Event> lines = new ArrayList<>();
                for (int i = 0; i < n.lifecycleLog().size(); i++) {
                    lines.add(new Event(started.toEpochMilli() + i, n.lifecycleLog().get(i)));
                }
                groups.get(account + "/" + region + "/" + NOTEBOOK_GROUP).put(n.name() + "/LifecycleConfigOnStart",
                        lines);
            }
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
    public synchronized void requestLogged(String account, String region, String notebook, int status, String method, String uri) {
        TreeMap<String, List<Event>> g = groups.get(account + "/" + region + "/" + NOTEBOOK_GROUP);
        if (g == null || status < 300 || status == 304) {
            return;
        }
        Instant at = clock.instant();
        String level = status < 400 ? "I" : status < 500 ? "W" : "E";
        String line = "[" + level + " " + jupyterTime(at) + " ServerApp] " + status + " " + method + " " + uri
                + " (@127.0.0.1) 1.00ms" + (status >= 400 ? " referer=None" : "");
        List<Event> events = new ArrayList<>(g.getOrDefault(notebook + "/jupyter.log", List.of()));
        events.add(new Event(at.toEpochMilli(), line));
        events.sort(Comparator.comparingLong(Event::timestamp));
        g.put(notebook + "/jupyter.log", new ArrayList<>(events));
    }

    public synchronized ObjectNode handle(String account, String operation, JsonNode in, String region) {
        return switch (operation) {
            case "DescribeLogStreams" -> describeLogStreams(account, in, region);
            case "GetLogEvents" -> getLogEvents(account, in, region);
            case "CreateLogGroup" -> createLogGroup(account, in, region);
            case "CreateLogStream" -> createLogStream(account, in, region);
            case "PutLogEvents" -> putLogEvents(account, in, region);
            case "FilterLogEvents" -> filterLogEvents(account, in, region);
            case "DeleteLogStream" -> deleteLogStream(account, in, region);
            default -> throw new AwsError("UnknownOperationException", 400,
                    "The sandbox does not implement Logs." + operation);
        };
    }

    private TreeMap<String, List<Event>> group(String account, JsonNode in, String region) {
        return groupNamed(account, region, groupName(in));
    }

    private TreeMap<String, List<Event>> groupNamed(String account, String region, String name) {
        TreeMap<String, List<Event>> g = groups.get(account + "/" + region + "/" + name);
        if (g == null) {
            throw new AwsError("ResourceNotFoundException", 400, "The specified log group does not exist.");
        }
        return g;
    }

    private static String groupName(JsonNode in) {
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
        return name;
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
        String groupName = groupName(in);
        for (Map.Entry<String, List<Event>> e : streams.subList(Math.min(from, to), to)) {
            List<Event> events = e.getValue();
            ObjectNode s = list.addObject();
            s.put("logStreamName", e.getKey());
            Long created = streamCreated.get(account + "/" + region + "/" + groupName + "/" + e.getKey());
            s.put("creationTime", created != null ? created : events.get(0).timestamp());
            s.put("arn", "arn:aws:logs:" + region + ":" + account + ":log-group:" + groupName + ":log-stream:"
                    + e.getKey());
            long last = lastBefore(events, visible);
            if (last > 0 && !events.isEmpty()) {
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
            if (e.ingestionTime() <= visible) {
                last = Math.max(last, e.timestamp());
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
                    e.ingestionTime());
        }
        // One page holds the whole range here; the tokens mark its ends, as AWS's always-present ones do.
        out.put("nextForwardToken", "f/" + String.format("%056d", inRange.size()));
        out.put("nextBackwardToken", "b/" + String.format("%056d", 0));
        return out;
    }

    private ObjectNode createLogGroup(String account, JsonNode in, String region) {
        String name = text(in, "logGroupName");
        checkGroupName(name);
        if (groups.putIfAbsent(account + "/" + region + "/" + name, new TreeMap<>()) != null) {
            throw new AwsError("ResourceAlreadyExistsException", 400, "The specified log group already exists");
        }
        return json.createObjectNode();
    }

    /**
     * DeleteLogStream (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DeleteLogStream.html):
     * the stream and its events go; a stream that is not there is ResourceNotFoundException. (A notebook whose role
     * may not write to CloudWatch Logs has no jupyter.log stream: tests make one so.)
     */
    private ObjectNode deleteLogStream(String account, JsonNode in, String region) {
        String group = text(in, "logGroupName");
        String stream = text(in, "logStreamName");
        checkGroupName(group);
        checkStreamName(stream);
        if (groupNamed(account, region, group).remove(stream) == null) {
            throw new AwsError("ResourceNotFoundException", 400, "The specified log stream does not exist.");
        }
        streamCreated.remove(account + "/" + region + "/" + group + "/" + stream);
        return json.createObjectNode();
    }

    private ObjectNode createLogStream(String account, JsonNode in, String region) {
        String group = text(in, "logGroupName");
        String stream = text(in, "logStreamName");
        checkGroupName(group);
        checkStreamName(stream);
        TreeMap<String, List<Event>> g = groupNamed(account, region, group);
        if (g.containsKey(stream)) {
            throw new AwsError("ResourceAlreadyExistsException", 400, "The specified log stream already exists");
        }
        g.put(stream, new ArrayList<>());
        streamCreated.put(account + "/" + region + "/" + group + "/" + stream, clock.millis());
        return json.createObjectNode();
    }

    /**
     * PutLogEvents as AWS documents it
     * (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutLogEvents.html): at most 10,000
     * events and 1,048,576 bytes (each message's UTF-8 bytes plus 26) a batch, in chronological order, spanning at
     * most 24 hours, else InvalidParameterException and nothing is stored; events more than 2 hours in the future
     * or older than 14 days are dropped and named in {@code rejectedLogEventsInfo} while the rest are stored. The
     * sequence token is ignored, as AWS now does.
     */
    private ObjectNode putLogEvents(String account, JsonNode in, String region) {
        String group = text(in, "logGroupName");
        String stream = text(in, "logStreamName");
        checkGroupName(group);
        checkStreamName(stream);
        JsonNode batch = in.get("logEvents");
        if (batch == null || batch.isNull()) {
            throw invalid("1 validation error detected: Value null at 'logEvents' failed to satisfy constraint: Member"
                    + " must not be null");
        }
        if (batch.size() < 1 || batch.size() > MAX_BATCH_EVENTS) {
            throw invalid("1 validation error detected: Value at 'logEvents' failed to satisfy constraint: Member must"
                    + " have length " + (batch.size() < 1 ? "greater than or equal to 1" : "less than or equal to "
                    + MAX_BATCH_EVENTS));
        }
        List<Event> events = new ArrayList<>();
        long bytes = 0;
        long now = clock.millis();
        for (int i = 0; i < batch.size(); i++) {
            JsonNode e = batch.get(i);
            String message = text(e, "message");
            if (!e.hasNonNull("timestamp") || message == null) {
                throw invalid("1 validation error detected: Value null at 'logEvents." + (i + 1) + "."
                        + (message == null ? "message" : "timestamp") + "' failed to satisfy constraint: Member must"
                        + " not be null");
            }
            if (message.isEmpty()) {
                throw invalid("1 validation error detected: Value '' at 'logEvents." + (i + 1) + ".message' failed to"
                        + " satisfy constraint: Member must have length greater than or equal to 1");
            }
            bytes += message.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + EVENT_OVERHEAD_BYTES;
            events.add(new Event(e.get("timestamp").asLong(), message, now));
        }
        if (bytes > MAX_BATCH_BYTES) {
            throw invalid("Upload too large: " + bytes + " bytes exceeds limit of " + MAX_BATCH_BYTES);
        }
        for (int i = 1; i < events.size(); i++) {
            if (events.get(i).timestamp() < events.get(i - 1).timestamp()) {
                throw invalid("Log events in a single PutLogEvents request must be in chronological order.");
            }
        }
        if (events.get(events.size() - 1).timestamp() - events.get(0).timestamp() > MAX_BATCH_SPAN.toMillis()) {
            throw invalid("The batch of log events in a single PutLogEvents request cannot span more than 24 hours.");
        }
        TreeMap<String, List<Event>> g = groupNamed(account, region, group);
        List<Event> target = g.get(stream);
        if (target == null) {
            throw new AwsError("ResourceNotFoundException", 400, "The specified log stream does not exist.");
        }
        long oldest = now - MAX_AGE.toMillis();
        long newest = now + MAX_AHEAD.toMillis();
        Integer tooOldEnd = null;
        Integer tooNewStart = null;
        for (int i = 0; i < events.size(); i++) {
            long t = events.get(i).timestamp();
            if (t < oldest) {
                tooOldEnd = i + 1; // exclusive, as AWS's tooOldLogEventEndIndex
            } else if (t > newest) {
                if (tooNewStart == null) {
                    tooNewStart = i; // inclusive, as AWS's tooNewLogEventStartIndex
                }
            } else {
                target.add(events.get(i));
            }
        }
        ObjectNode out = json.createObjectNode();
        if (tooOldEnd != null || tooNewStart != null) {
            ObjectNode rejected = out.putObject("rejectedLogEventsInfo");
            if (tooNewStart != null) {
                rejected.put("tooNewLogEventStartIndex", tooNewStart);
            }
            if (tooOldEnd != null) {
                rejected.put("tooOldLogEventEndIndex", tooOldEnd);
            }
        }
        return out;
    }

    /**
     * FilterLogEvents as AWS documents it
     * (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_FilterLogEvents.html; shapes from
     * botocore's logs 2014-03-28 model): over a group's streams (all, {@code logStreamNames}, 1 to 100 of them
     * (InputLogStreamNames), or {@code logStreamNamePrefix}; both at once is an InvalidParameterException), events
     * from {@code startTime} to {@code endTime} (both inclusive: "Events with a timestamp later than this time are not
     * returned"), matching {@code filterPattern} ({@link FilterPattern}), sorted by timestamp, at most {@code limit}
     * (1 to 10,000, default 10,000) a page, then a {@code nextToken}; {@code searchedLogStreams} is always empty ("As
     * of May 15, 2020, this parameter is no longer supported").
     *
     * <p>A named stream that does not exist fails the whole request: ResourceNotFoundException "The specified log
     * stream does not exist.", as AWS answered percona/rds_exporter (issue #81; pull request #123: "CloudWatch fails
     * the whole request with ResourceNotFoundException when any single listed stream does not exist"). (moto ignores
     * such names; a client that took silence for "no stream" would be wrong on AWS, so the sandbox answers as AWS.)
     */
    private ObjectNode filterLogEvents(String account, JsonNode in, String region) {
        TreeMap<String, List<Event>> g = group(account, in, region);
        JsonNode names = in.get("logStreamNames");
        String prefix = text(in, "logStreamNamePrefix");
        if (names != null && !names.isNull() && prefix != null) {
            throw invalid("logStreamNames and logStreamNamePrefix are mutually exclusive");
        }
        java.util.Set<String> wanted = null;
        if (names != null && !names.isNull()) {
            if (names.size() < 1 || names.size() > 100) {
                throw invalid("1 validation error detected: Value '" + names + "' at 'logStreamNames' failed to"
                        + " satisfy constraint: Member must have length " + (names.size() < 1
                        ? "greater than or equal to 1" : "less than or equal to 100"));
            }
            wanted = new java.util.HashSet<>();
            for (JsonNode n : names) {
                wanted.add(n.asText());
            }
            for (String n : wanted) {
                if (!g.containsKey(n)) {
                    throw new AwsError("ResourceNotFoundException", 400, "The specified log stream does not exist.");
                }
            }
        }
        long from = in.hasNonNull("startTime") ? in.get("startTime").asLong() : Long.MIN_VALUE;
        long until = in.hasNonNull("endTime") ? in.get("endTime").asLong() : Long.MAX_VALUE;
        int limit = in.hasNonNull("limit") ? in.get("limit").asInt() : 10_000;
        if (limit < 1 || limit > 10_000) {
            throw invalid("1 validation error detected: Value '" + limit + "' at 'limit' failed to satisfy"
                    + " constraint: Member must have value between 1 and 10000");
        }
        String pattern = text(in, "filterPattern");
        if (pattern != null && pattern.length() > FilterPattern.MAX_LENGTH) {
            throw invalid("1 validation error detected: Value at 'filterPattern' failed to satisfy constraint: Member"
                    + " must have length less than or equal to " + FilterPattern.MAX_LENGTH);
        }
        java.util.function.Predicate<String> matches;
        try {
            matches = FilterPattern.parse(pattern);
        } catch (IllegalArgumentException e) {
            throw invalid("Invalid filter pattern: " + e.getMessage());
        }
        record Found(String stream, Event event, int order) {
        }
        List<Found> found = new ArrayList<>();
        for (Map.Entry<String, List<Event>> e : g.entrySet()) {
            if (wanted != null && !wanted.contains(e.getKey()) || prefix != null && !e.getKey().startsWith(prefix)) {
                continue;
            }
            List<Event> events = e.getValue();
            for (int i = 0; i < events.size(); i++) {
                Event ev = events.get(i);
                if (ev.timestamp() >= from && ev.timestamp() <= until && matches.test(ev.message())) {
                    found.add(new Found(e.getKey(), ev, i));
                }
            }
        }
        found.sort(Comparator.comparingLong((Found f) -> f.event().timestamp()).thenComparing(Found::stream)
                .thenComparingInt(Found::order));
        int start = 0;
        String token = text(in, "nextToken");
        if (token != null) {
            try {
                start = Integer.parseInt(token.substring(token.indexOf('/') + 1));
            } catch (RuntimeException e) {
                throw invalid("The specified nextToken is invalid.");
            }
        }
        int end = Math.min(found.size(), start + limit);
        ObjectNode out = json.createObjectNode();
        ArrayNode list = out.putArray("events");
        for (Found f : found.subList(Math.min(start, end), end)) {
            list.addObject().put("logStreamName", f.stream()).put("timestamp", f.event().timestamp())
                    .put("message", f.event().message()).put("ingestionTime", f.event().ingestionTime())
                    .put("eventId", String.format("%056d", ++eventIds));
        }
        out.putArray("searchedLogStreams");
        if (end < found.size()) {
            out.put("nextToken", "e/" + end);
        }
        return out;
    }

    private static void checkGroupName(String name) {
        checkName(name, "logGroupName", GROUP_NAME);
    }

    private static void checkStreamName(String name) {
        checkName(name, "logStreamName", STREAM_NAME);
    }

    private static void checkName(String value, String member, java.util.regex.Pattern pattern) {
        if (value == null) {
            throw invalid("1 validation error detected: Value null at '" + member + "' failed to satisfy constraint:"
                    + " Member must not be null");
        }
        if (value.isEmpty() || value.length() > 512) {
            throw invalid("1 validation error detected: Value '" + value + "' at '" + member + "' failed to satisfy"
                    + " constraint: Member must have length " + (value.isEmpty() ? "greater than or equal to 1"
                    : "less than or equal to 512"));
        }
        if (!pattern.matcher(value).matches()) {
            throw invalid("1 validation error detected: Value '" + value + "' at '" + member + "' failed to satisfy"
                    + " constraint: Member must satisfy regular expression pattern: " + pattern.pattern());
        }
    }

    private static String text(JsonNode in, String field) {
        JsonNode n = in.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static AwsError invalid(String message) {
        return new AwsError("InvalidParameterException", 400, message);
    }
}
