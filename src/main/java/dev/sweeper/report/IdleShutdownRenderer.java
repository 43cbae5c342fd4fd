package dev.sweeper.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sweeper.core.Action.Outcome;
import dev.sweeper.core.IdleShutdownChanges;
import dev.sweeper.core.IdleShutdownChanges.Change;
import dev.sweeper.core.StudioSettings;
import java.io.PrintWriter;

/**
 * {@code apps idle-shutdown}'s output: a domain or user profile per line and a summary, or one JSON document with
 * {@code dryRun}, {@code changes} (each with the settings before and after), {@code refusal} and {@code problems}.
 */
public final class IdleShutdownRenderer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private IdleShutdownRenderer() {
    }

    public static void render(IdleShutdownChanges result, boolean json, PrintWriter out) {
        if (json) {
            out.println(json(result));
        } else {
            table(result, out);
        }
    }

    static String json(IdleShutdownChanges result) {
        ObjectNode root = JSON.createObjectNode();
        root.put("dryRun", result.dryRun());
        ArrayNode rows = root.putArray("changes");
        for (Change c : result.changes()) {
            ObjectNode o = rows.addObject();
            StudioSettings t = c.target();
            o.put("kind", t.scope().id());
            o.put("name", t.name());
            o.put("domainId", t.domainId());
            o.put("domain", t.domainName());
            o.put("region", t.region());
            o.put("arn", t.arn());
            o.put("action", c.action().type());
            o.put("outcome", c.action().outcome().id());
            o.put("detail", c.action().detail());
            o.put("before", StudioSettings.describe(c.before()));
            o.put("after", StudioSettings.describe(c.after()));
        }
        if (result.refusal() != null) {
            root.put("refusal", result.refusal());
        }
        root.set("problems", JSON.valueToTree(result.problems()));
        return root.toPrettyString();
    }

    static void table(IdleShutdownChanges result, PrintWriter out) {
        if (result.changes().isEmpty()) {
            out.println("No domain or user profile matched.");
            return;
        }
        for (Change c : result.changes()) {
            StudioSettings t = c.target();
            out.printf("%-8s %-14s %-40s %s%n", c.action().outcome().id(), t.scope().id(),
                    t.region() + "/" + t.domainName() + (t.scope() == StudioSettings.Scope.DOMAIN ? "" : "/" + t.name()),
                    c.action().detail());
        }
        long planned = result.count(Outcome.PLANNED);
        out.println(result.count(Outcome.DONE) + " done, " + planned + " planned"
                + (planned > 0 && result.refusal() == null ? " (dry run: give --apply to change them)" : "") + ", "
                + result.count(Outcome.SKIPPED) + " skipped, " + result.count(Outcome.FAILED) + " failed");
    }
}
