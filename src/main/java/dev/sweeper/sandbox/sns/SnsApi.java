package dev.sweeper.sandbox.sns;

import dev.sweeper.sandbox.protocol.AwsError;
import dev.sweeper.sandbox.protocol.Pages;
import dev.sweeper.sandbox.protocol.Params;
import dev.sweeper.sandbox.world.World;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** The SNS operations the sweeper uses, over the Query protocol's parsed tree. */
public final class SnsApi {
    /** The Query protocol's XML namespace. */
    public static final String NS = "http://sns.amazonaws.com/doc/2010-03-31/";
    public static final int MAX_MESSAGE_BYTES = 262_144;
    private static final Pattern TOPIC_NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}(\\.fifo)?");
    private final World world;

    public SnsApi(World world) {
        this.world = world;
    }

    public static boolean known(String op) {
        return List.of("CreateTopic", "ListTopics", "Publish", "Subscribe", "ListSubscriptionsByTopic").contains(op);
    }

    public Map<String, Object> handle(String op, Map<String, Object> in, String region) {
        synchronized (world) {
            return switch (op) {
                case "CreateTopic" -> createTopic(in, region);
                case "ListTopics" -> listTopics(in, region);
                case "Publish" -> publish(in, region);
                case "Subscribe" -> subscribe(in, region);
                case "ListSubscriptionsByTopic" -> listSubscriptions(in, region);
                default -> throw new AwsError("InvalidAction", 400, "Could not find operation " + op + " for version 2010-03-31");
            };
        }
    }

    private static AwsError invalidParameter(String what) {
        return new AwsError("InvalidParameter", 400, "Invalid parameter: " + what);
    }

    private static String required(Map<String, Object> in, String key) {
        String v = Params.str(in, key);
        if (v == null) {
            throw new AwsError("ValidationError", 400, "1 validation error detected: Value null at '" + Character.toLowerCase(key.charAt(0)) + key.substring(1) + "' failed to satisfy constraint: Member must not be null");
        }
        return v;
    }

    private World.Topic topic(String arn, String region) {
        for (World.Topic t : world.topics.values()) {
            if (t.arn.equals(arn)) {
                return t;
            }
        }
        if (!arn.startsWith("arn:aws:sns:")) {
            throw invalidParameter("TopicArn");
        }
        throw new AwsError("NotFound", 404, "Topic does not exist");
    }

    private Map<String, Object> createTopic(Map<String, Object> in, String region) {
        String name = required(in, "Name");
        if (!TOPIC_NAME.matcher(name).matches()) {
            throw invalidParameter("Topic Name");
        }
        World.Topic t = world.createTopic(region, name);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("TopicArn", t.arn);
        return r;
    }

    private Map<String, Object> listTopics(Map<String, Object> in, String region) {
        List<World.Topic> all = new ArrayList<>();
        for (World.Topic t : world.topics.values()) {
            if (t.region.equals(region)) {
                all.add(t);
            }
        }
        Pages.Page<World.Topic> page = Pages.page(all, Params.str(in, "NextToken"), 100, "ListTopics" + region,
                () -> invalidParameter("NextToken"));
        List<Object> topics = new ArrayList<>();
        page.items().forEach(t -> topics.add(Map.of("TopicArn", t.arn)));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("Topics", topics);
        r.put("NextToken", page.nextToken());
        return r;
    }

    private Map<String, Object> publish(Map<String, Object> in, String region) {
        String arn = Params.str(in, "TopicArn");
        if (arn == null) {
            arn = Params.str(in, "TargetArn");
        }
        if (arn == null) {
            throw invalidParameter("TopicArn or TargetArn Reason: no value for required parameter");
        }
        String message = Params.str(in, "Message");
        if (message == null || message.isEmpty()) {
            throw invalidParameter("Empty message");
        }
        if (message.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES) {
            throw invalidParameter("Message too long");
        }
        String subject = Params.str(in, "Subject");
        if (subject != null && (subject.isEmpty() || subject.length() > 100 || !subject.chars().allMatch(c -> c >= 0x20 && c < 0x7f))) {
            throw invalidParameter("Subject");
        }
        World.Topic t = topic(arn, region);
        String id = UUID.randomUUID().toString();
        world.messages.add(new World.Message(id, t.arn, subject, message, world.now()));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("MessageId", id);
        return r;
    }

    private Map<String, Object> subscribe(Map<String, Object> in, String region) {
        World.Topic t = topic(required(in, "TopicArn"), region);
        String protocol = required(in, "Protocol");
        String endpoint = Params.str(in, "Endpoint");
        if (!protocol.equals("email")) {
            throw invalidParameter("Protocol: the sandbox accepts only email subscriptions");
        }
        if (endpoint == null || !endpoint.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw invalidParameter("Email address");
        }
        World.Subscription sub = null;
        for (World.Subscription s : t.subscriptions) {
            if (s.endpoint().equals(endpoint)) {
                sub = s;
            }
        }
        if (sub == null) {
            sub = new World.Subscription(t.arn + ":" + UUID.randomUUID(), protocol, endpoint, t.arn, true);
            t.subscriptions.add(sub);
        }
        boolean returnArn = Boolean.parseBoolean(String.valueOf(in.get("ReturnSubscriptionArn")));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("SubscriptionArn", returnArn || !sub.pending() ? sub.arn() : "pending confirmation");
        return r;
    }

    private Map<String, Object> listSubscriptions(Map<String, Object> in, String region) {
        World.Topic t = topic(required(in, "TopicArn"), region);
        Pages.Page<World.Subscription> page = Pages.page(t.subscriptions, Params.str(in, "NextToken"), 100,
                "ListSubscriptionsByTopic" + t.arn, () -> invalidParameter("NextToken"));
        List<Object> subs = new ArrayList<>();
        for (World.Subscription s : page.items()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("SubscriptionArn", s.pending() ? "PendingConfirmation" : s.arn());
            m.put("Owner", world.account);
            m.put("Protocol", s.protocol());
            m.put("Endpoint", s.endpoint());
            m.put("TopicArn", s.topicArn());
            subs.add(m);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("Subscriptions", subs);
        r.put("NextToken", page.nextToken());
        return r;
    }
}
