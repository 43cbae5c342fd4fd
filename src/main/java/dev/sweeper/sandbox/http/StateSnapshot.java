package dev.sweeper.sandbox.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sweeper.sandbox.world.World;
import java.util.Collection;
import java.util.Map;

/** {@code GET /_sandbox/state}: the resources of every account, as tests assert on them. */
final class StateSnapshot {
    private StateSnapshot() {
    }

    /**
     * Everything a test may want to assert on: resources, their status and tags, and published messages,
     * of every account (the caller's own first), each entry naming its {@code account}.
     */
    static ObjectNode of(ObjectMapper json, Collection<World> worlds) {
        ObjectNode out = json.createObjectNode();
        World world = worlds.iterator().next();
        out.put("startedAt", world.start.toString());
        out.put("account", world.account);
        ArrayNode accounts = out.putArray("accounts");
        ArrayNode nbs = out.putArray("notebooks");
        ArrayNode lccs = out.putArray("lifecycleConfigs");
        ArrayNode eps = out.putArray("endpoints");
        ArrayNode components = out.putArray("inferenceComponents");
        ArrayNode apps = out.putArray("apps");
        ArrayNode topics = out.putArray("topics");
        ArrayNode msgs = out.putArray("messages");
        ArrayNode mlflow = out.putArray("mlflowTrackingServers");
        ArrayNode clusters = out.putArray("hyperpodClusters");
        for (World w : worlds) {
            accounts.add(w.account);
            synchronized (w) {
                state(json, w, nbs, lccs, eps, apps, topics, msgs);
                for (World.InferenceComponent c : w.inferenceComponents.values()) {
                    components.addObject().put("account", w.account).put("name", c.name).put("region", c.region)
                            .put("arn", c.arn).put("endpoint", c.endpointName).put("variant", c.variantName)
                            .put("status", c.status).put("createdAt", c.created.toString());
                }
                for (World.Cluster cl : w.clusters.values()) {
                    ObjectNode o = clusters.addObject();
                    o.put("account", w.account).put("name", cl.name).put("region", cl.region).put("arn", cl.arn)
                            .put("status", cl.status).put("createdAt", cl.created.toString());
                    ArrayNode groups = o.putArray("instanceGroups");
                    cl.groups.forEach(g -> groups.addObject().put("name", g.name).put("instanceType", g.instanceType)
                            .put("currentCount", g.currentCount).put("targetCount", g.targetCount).put("status", g.status));
                }
                for (World.MlflowServer m : w.mlflowServers.values()) {
                    ObjectNode o = mlflow.addObject();
                    o.put("account", w.account).put("name", m.name).put("region", m.region).put("arn", m.arn)
                            .put("status", m.status).put("size", m.size).put("createdAt", m.created.toString());
                    o.set("tags", json.valueToTree(w.tags.getOrDefault(m.arn, java.util.Map.of())));
                }
            }
        }
        return out;
    }

    private static void state(ObjectMapper json, World w, ArrayNode nbs, ArrayNode lccs, ArrayNode eps, ArrayNode apps, ArrayNode topics, ArrayNode msgs) {
        for (World.Notebook n : w.notebooks.values()) {
            ObjectNode o = nbs.addObject();
            o.put("account", w.account).put("name", n.name).put("region", n.region).put("arn", n.arn).put("status", n.status)
                    .put("instanceType", n.instanceType).put("createdAt", n.created.toString())
                    .put("lastModifiedAt", n.lastModified.toString());
            if (n.failureReason != null) {
                o.put("failureReason", n.failureReason);
            }
            o.put("lifecycleConfig", n.lifecycleConfig);
            o.set("tags", json.valueToTree(w.tags.getOrDefault(n.arn, Map.of())));
        }
        for (World.LifecycleConfig c : w.lifecycleConfigs.values()) {
            ObjectNode o = lccs.addObject();
            o.put("account", w.account).put("name", c.name).put("region", c.region).put("arn", c.arn)
                    .put("onStart", c.onStart).put("onCreate", c.onCreate);
        }
        for (World.Endpoint e : w.endpoints.values()) {
            ObjectNode o = eps.addObject();
            o.put("account", w.account).put("name", e.name).put("region", e.region).put("arn", e.arn).put("status", e.status)
                    .put("config", e.configName).put("async", e.async).put("createdAt", e.created.toString())
                    .put("lastModifiedAt", e.lastModified.toString());
            ArrayNode vs = o.putArray("variants");
            for (World.VariantConfig v : e.variants) {
                ObjectNode vo = vs.addObject().put("name", v.name());
                if (v.shadow()) {
                    vo.put("shadow", true);
                }
                if (v.serverless()) {
                    vo.put("serverless", true).put("memorySizeInMB", v.memorySizeInMB());
                } else {
                    vo.put("instanceType", v.instanceType()).put("instanceCount", v.instanceCount());
                }
            }
            o.set("tags", json.valueToTree(w.tags.getOrDefault(e.arn, Map.of())));
        }
        for (World.Domain d : w.domains.values()) {
            for (World.App a : d.apps) {
                ObjectNode o = apps.addObject();
                o.put("account", w.account).put("domainId", a.domainId).put("type", a.type).put("name", a.name).put("arn", a.arn)
                        .put("status", a.status).put("instanceType", a.instanceType).put("createdAt", a.created.toString());
                o.set("tags", json.valueToTree(w.tags.getOrDefault(a.arn, Map.of())));
                if (a.userProfile != null) {
                    o.put("userProfile", a.userProfile);
                }
                if (a.space != null) {
                    o.put("space", a.space);
                    World.Space sp = d.spaces.get(a.space);
                    if (sp != null && sp.owner != null) {
                        o.put("spaceOwner", sp.owner);
                    }
                }
            }
        }
        for (World.Topic t : w.topics.values()) {
            ObjectNode o = topics.addObject().put("account", w.account).put("arn", t.arn);
            ArrayNode subs = o.putArray("subscriptions");
            t.subscriptions.forEach(s -> subs.addObject().put("protocol", s.protocol()).put("endpoint", s.endpoint()));
        }
        for (World.Message m : w.messages) {
            ObjectNode o = msgs.addObject().put("account", w.account).put("messageId", m.messageId()).put("topicArn", m.topicArn());
            if (m.subject() != null) {
                o.put("subject", m.subject());
            } else {
                o.putNull("subject");
            }
            o.put("message", m.message()).put("timestamp", m.timestamp().toString());
        }
    }
}
