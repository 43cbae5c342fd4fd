package dev.sweeper.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sweeper.core.AuditLog;
import dev.sweeper.core.AuditStore;
import dev.sweeper.config.UserDirs;
import dev.sweeper.core.Action;
import dev.sweeper.core.Evidence;
import dev.sweeper.core.NotebookFacts;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Resource;
import dev.sweeper.core.StudioSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit log as JSON lines appended to a file. Each line is written whole and forced to disk
 * before the action goes on, and carries its run's id ({@code "runId"}): runs at the same time share the file.
 */
public final class JsonlAuditLog implements AuditLog, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuditStore store;
    private final Clock clock;
    /** Every record of one run carries its id (a CloudWatch Logs stream is named by it) and command. */
    private final Run run;

    private JsonlAuditLog(AuditStore store, Clock clock, Run run) {
        this.store = store;
        this.clock = clock;
        this.run = run;
    }

    /** Opens (creating the directories) for appending; throws IOException when it cannot. */
    public static JsonlAuditLog open(Path file, Clock clock, Run run) throws IOException {
        return new JsonlAuditLog(FileAuditStore.open(file), clock, run);
    }

    /** The records of one run as JSON text, into the store. */
    public static JsonlAuditLog to(AuditStore store, Clock clock, Run run) {
        return new JsonlAuditLog(store, clock, run);
    }

    /**
     * {@code $XDG_STATE_HOME/sweeper/audit.jsonl}, else under {@code $HOME/.local/state}; null when
     * neither is set (see {@link UserDirs}: never Java's {@code user.home}).
     */
    public static Path defaultPath(Map<String, String> env) {
        return UserDirs.stateHome(env).map(base -> base.resolve("sweeper").resolve("audit.jsonl")).orElse(null);
    }

    @Override
    public synchronized void record(Finding f, Action action) {
        Resource r = f.resource();
        ObjectNode line = JSON.createObjectNode();
        line.put("time", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
        line.put("runId", run.id());
        line.put("command", run.command());
        line.put("account", r.account()); // from the resource's ARN or the assumed role; null when unknown
        line.put("region", r.region());
        line.put("kind", r.kind().id());
        line.put("name", r.name());
        line.put("arn", r.arn());
        line.put("action", action.type());
        line.put("outcome", action.outcome().id());
        line.put("reason", action.detail());
        line.put("verdict", f.verdict().name());
        line.set("reasons", JSON.valueToTree(f.reasons()));
        line.set("evidence", evidence(f.evaluation().evidence()));
        line.put("signal", f.evaluation().signal());
        write(line);
    }

    @Override
    public synchronized void record(SettingsChange c) {
        ObjectNode line = JSON.createObjectNode();
        line.put("time", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
        line.put("runId", run.id());
        line.put("command", run.command());
        line.put("account", Resource.accountOf(c.arn()));
        line.put("region", c.region());
        line.put("kind", c.kind());
        line.put("name", c.name());
        line.put("arn", c.arn());
        line.put("domainId", c.domainId());
        line.put("action", c.action());
        line.put("outcome", c.outcome().id());
        line.put("reason", c.detail());
        line.set("before", idle(c.before()));
        line.set("after", idle(c.after()));
        write(line);
    }

    /** Each app type's IdleSettings with AWS's member names; a member not set is left out ({} = not configured). */
    private static ObjectNode idle(Map<String, StudioSettings.Idle> byType) {
        ObjectNode o = JSON.createObjectNode();
        byType.forEach((type, i) -> {
            ObjectNode s = o.putObject(type);
            if (i.lifecycleManagement() != null) {
                s.put("LifecycleManagement", i.lifecycleManagement());
            }
            if (i.idleTimeoutMinutes() != null) {
                s.put("IdleTimeoutInMinutes", i.idleTimeoutMinutes());
            }
            if (i.minIdleTimeoutMinutes() != null) {
                s.put("MinIdleTimeoutInMinutes", i.minIdleTimeoutMinutes());
            }
            if (i.maxIdleTimeoutMinutes() != null) {
                s.put("MaxIdleTimeoutInMinutes", i.maxIdleTimeoutMinutes());
            }
        });
        return o;
    }

    /** A settings change read back from the log, for {@code --undo}. */
    public record LoggedChange(String time, String command, String region, String kind, String domainId, String name,
                               String arn, String action, String outcome, Map<String, StudioSettings.Idle> before,
                               Map<String, StudioSettings.Idle> after) {
    }

    /**
     * The settings changes in the log (entries with {@code before}), oldest first; lines that are not JSON or not
     * such changes are skipped; throws UncheckedIOException when the log cannot be read.
     */
    public static List<LoggedChange> settingsChanges(AuditStore store) {
        List<LoggedChange> out = new ArrayList<>();
        for (String text : store.read(null, null)) {
            JsonNode n;
            try {
                n = JSON.readTree(text);
            } catch (IOException e) {
                continue;
            }
            if (n == null || !n.has("before") || !n.has("after")) {
                continue;
            }
            out.add(new LoggedChange(n.path("time").asText(), n.path("command").asText(), n.path("region").asText(),
                    n.path("kind").asText(), n.path("domainId").asText(), n.path("name").asText(),
                    n.path("arn").asText(), n.path("action").asText(), n.path("outcome").asText(),
                    readIdle(n.path("before")), readIdle(n.path("after"))));
        }
        return out;
    }

    private static Map<String, StudioSettings.Idle> readIdle(JsonNode o) {
        Map<String, StudioSettings.Idle> out = new LinkedHashMap<>();
        o.fields().forEachRemaining(e -> {
            JsonNode s = e.getValue();
            out.put(e.getKey(), new StudioSettings.Idle(s.hasNonNull("LifecycleManagement") ? s.get("LifecycleManagement").asText() : null,
                    s.hasNonNull("IdleTimeoutInMinutes") ? s.get("IdleTimeoutInMinutes").asInt() : null,
                    s.hasNonNull("MinIdleTimeoutInMinutes") ? s.get("MinIdleTimeoutInMinutes").asInt() : null,
                    s.hasNonNull("MaxIdleTimeoutInMinutes") ? s.get("MaxIdleTimeoutInMinutes").asInt() : null));
        });
        return out;
    }

    private void write(ObjectNode line) {
        String text;
        try {
            text = JSON.writeValueAsString(line);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit log: " + e.getMessage(), e);
        }
        store.append(text, java.time.Instant.parse(line.path("time").asText()));
    }

    private static ObjectNode evidence(Evidence e) {
        ObjectNode o = JSON.createObjectNode();
        if (e instanceof Evidence.Observed obs) {
            o.put("type", "observed");
            o.set("values", JSON.valueToTree(obs.values()));
            o.put("note", obs.note());
        } else if (e instanceof Evidence.NoSignal n) {
            o.put("type", "none");
            o.put("why", n.why());
        } else if (e instanceof Evidence.Failed failed) {
            o.put("type", "failed");
            o.put("error", failed.error());
        } else if (e instanceof Evidence.CanvasActivity canvas) {
            o.put("type", "canvas");
            o.put("latestDatapoint", canvas.latest().toString());
            o.put("timeSinceLastActive", canvas.timeSinceLastActive());
            o.put("periodSeconds", canvas.periodSeconds());
        } else if (e instanceof Evidence.Notebook nb) {
            // What the notebook's signals showed; never the presigned URL (the probe keeps it to itself).
            o.put("type", "notebook");
            if (nb.jupyter() instanceof NotebookFacts.Jupyter.Read read) {
                o.put("jupyter", "read");
                o.put("sessions", read.sessions());
                o.put("kernels", read.kernels().size());
                o.put("busyKernels", read.kernels().stream().filter(k -> !"idle".equals(k.executionState())).count());
                read.kernels().stream().map(NotebookFacts.Kernel::lastActivity).filter(java.util.Objects::nonNull)
                        .max(java.util.Comparator.naturalOrder())
                        .ifPresent(t -> o.put("kernelLastActivity", t.toString()));
                o.put("terminals", read.terminals().size());
            } else if (nb.jupyter() instanceof NotebookFacts.Jupyter.Unreachable u) {
                o.put("jupyter", "unreachable");
                o.put("jupyterReason", u.reason());
            } else {
                o.put("jupyter", nb.jupyter() instanceof NotebookFacts.Jupyter.NotNeeded ? "not-needed" : "off");
            }
            if (nb.log() instanceof NotebookFacts.Log.Read read && read.newest() != null) {
                o.put("jupyterLogNewest", read.newest().toString());
            }
            if (nb.heartbeat() instanceof NotebookFacts.Heartbeat.Read hb) {
                o.put("heartbeatMax", hb.max());
                o.put("heartbeatChecks", hb.samples());
            }
        } else {
            o.put("type", "not-gathered");
        }
        return o;
    }

    @Override
    public void close() throws IOException {
        store.close();
    }
}
