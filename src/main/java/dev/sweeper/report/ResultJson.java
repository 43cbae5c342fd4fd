package dev.sweeper.report;

import dev.sweeper.core.Action;
import dev.sweeper.core.Evidence;
import dev.sweeper.core.NotebookFacts;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Resource;
import dev.sweeper.core.Summary;
import java.util.List;
import dev.sweeper.core.SweepResult;

import java.io.PrintWriter;
import java.util.Map;

/**
 * The {@code --output json} document of SPEC.md, field for field and in its order. Fields after
 * {@code action} (per resource) and after {@code summary} (top level) are additive.
 */
final class ResultJson {

    private ResultJson() {
    }

    static void render(SweepResult result, PrintWriter out) {
        try (Json json = Json.open(out)) {
            json.startObject()
                    .field("command", result.command())
                    .field("dryRun", result.dryRun())
                    .field("evaluatedAt", Formats.iso(result.evaluatedAt()))
                    .field("window", Formats.iso(result.window()));
            json.startArray("resources");
            for (Finding f : result.findings()) {
                resource(json, f);
            }
            json.endArray();
            summary(json, result.summary(), InUse.plannedInUse(result), unpricedIdle(result));
            List<PerAccount.Part> parts = PerAccount.of(result);
            if (!parts.isEmpty()) {
                // additive: totals account by account when several were swept
                json.startArray("accounts");
                for (PerAccount.Part part : parts) {
                    json.startObject().field("account", part.account());
                    summary(json, part.result().summary(), InUse.plannedInUse(part.result()),
                            unpricedIdle(part.result()));
                    json.field("failure", part.failure()).endObject();
                }
                json.endArray();
            }
            json.strings("problems", result.problems())
                    .field("refusal", result.refusal())
                    .endObject();
        }
    }

    private static void resource(Json json, Finding f) {
        Resource r = f.resource();
        json.startObject()
                .field("kind", r.kind().id())
                .field("name", r.name())
                .field("region", r.region())
                .field("arn", r.arn())
                .field("status", r.status())
                .field("instanceType", r.instanceType())
                .field("instanceCount", r.instanceCount())
                .field("createdAt", Formats.iso(r.createdAt()))
                .field("verdict", f.verdict().name())
                .field("protected", f.protection() == null ? null : f.protection().isProtected())
                .strings("reasons", f.reasons())
                .money("hourlyCost", f.hourlyCost());
        action(json, f.action());
        json.field("hourlyCostStatus", Formats.costStatus(f)); // additive: why hourlyCost is null, or borrowed
        json.field("priceRegion", f.priceRegion()); // additive: whose prices a borrowed figure is; null when its own
        // additive: where hourlyCost's prices come from (team, aws, bundled); absent when unknown or none needed
        json.field("priceSource", f.priceSource() == null ? null : f.priceSource().id());
        // additive: the storage volume that outlives compute (billed running or stopped); null when none/unread
        json.field("storageGb", r.storageGb());
        json.money("storageMonthlyCost", f.storageMonthlyCost());
        json.field("storagePriceSource", f.storagePriceSource() == null ? null : f.storagePriceSource().id());
        json.field("account", r.account()); // additive: which account, when several are swept
        evidence(json, f.evaluation().evidence());
        json.field("signal", f.evaluation().signal()); // additive: which signal decided (notebooks)
        r.kind().definition().json(r, json); // what only its kind has
        json.endObject();
    }

    private static void action(Json json, Action action) {
        if (action == null) {
            json.nullField("action");
            return;
        }
        json.startObject("action")
                .field("type", action.type())
                .field("outcome", action.outcome() == null ? null : action.outcome().id())
                .field("detail", action.detail())
                .endObject();
    }

    private static void evidence(Json json, Evidence evidence) {
        if (evidence == null) {
            json.nullField("evidence");
            return;
        }
        json.startObject("evidence");
        if (evidence instanceof Evidence.Observed observed) {
            json.field("type", "observed").startObject("values");
            for (Map.Entry<String, Double> e : observed.values().entrySet()) {
                json.field(e.getKey(), e.getValue() == null ? null : Formats.metric(e.getValue()));
            }
            json.endObject().field("note", observed.note());
        } else if (evidence instanceof Evidence.NoSignal noSignal) {
            json.field("type", "none").field("why", noSignal.why()).field("hint", noSignal.hint());
        } else if (evidence instanceof Evidence.Failed failed) {
            json.field("type", "failed").field("error", failed.error());
        } else if (evidence instanceof Evidence.CanvasActivity canvas) {
            // The newest TimeSinceLastActive datapoint, as CloudWatch gave it.
            json.field("type", "canvas").field("latestDatapoint", Formats.iso(canvas.latest()))
                    .field("timeSinceLastActive", Formats.metric(canvas.timeSinceLastActive()))
                    .field("periodSeconds", canvas.periodSeconds());
        } else if (evidence instanceof Evidence.Notebook nb) {
            json.field("type", "notebook");
            notebook(json, nb);
        } else {
            json.field("type", "not-gathered");
        }
        json.endObject();
    }

    /** The notebook's signals as read: the Jupyter server's kernels and terminals, jupyter.log, the team metric. */
    private static void notebook(Json json, Evidence.Notebook nb) {
        json.startObject("jupyter");
        if (nb.jupyter() instanceof NotebookFacts.Jupyter.Read read) {
            json.field("state", "read").field("sessions", read.sessions()).startArray("kernels");
            for (NotebookFacts.Kernel k : read.kernels()) {
                json.startObject().field("executionState", k.executionState())
                        .field("lastActivity", Formats.iso(k.lastActivity())).field("connections", k.connections())
                        .endObject();
            }
            json.endArray().startArray("terminals");
            for (NotebookFacts.Terminal t : read.terminals()) {
                json.startObject().field("lastActivity", Formats.iso(t.lastActivity())).endObject();
            }
            json.endArray();
        } else if (nb.jupyter() instanceof NotebookFacts.Jupyter.Unreachable u) {
            json.field("state", "unreachable").field("reason", u.reason());
        } else {
            json.field("state", nb.jupyter() instanceof NotebookFacts.Jupyter.NotNeeded ? "not-needed" : "off");
        }
        json.endObject().startObject("jupyterLog");
        if (nb.log() instanceof NotebookFacts.Log.Read read) {
            json.field("state", "read").field("newestLine", Formats.iso(read.newest())).field("work", read.work());
        } else if (nb.log() instanceof NotebookFacts.Log.Failed failed) {
            json.field("state", "failed").field("error", failed.error());
        } else {
            json.field("state", nb.log() instanceof NotebookFacts.Log.NoStream ? "no-stream" : "not-checked");
        }
        json.endObject().startObject("metric");
        if (nb.metric() instanceof NotebookFacts.Metric.Value v) {
            json.field("state", "read").field("value", Formats.metric(v.value()));
        } else if (nb.metric() instanceof NotebookFacts.Metric.Failed failed) {
            json.field("state", "failed").field("error", failed.error());
        } else {
            json.field("state", nb.metric() instanceof NotebookFacts.Metric.NoData ? "no-data" : "not-configured");
        }
        json.endObject().startObject("heartbeat");
        if (nb.heartbeat() instanceof NotebookFacts.Heartbeat.Read hb) {
            json.field("state", "read").field("max", Formats.metric(hb.max())).field("checks", hb.samples())
                    .field("checksExpected", hb.expected());
        } else if (nb.heartbeat() instanceof NotebookFacts.Heartbeat.Failed failed) {
            json.field("state", "failed").field("error", failed.error());
        } else {
            json.field("state", nb.heartbeat() instanceof NotebookFacts.Heartbeat.NoData ? "no-data" : "off");
        }
        json.endObject();
    }






    /** How many sweepable (idle, unprotected) resources have no price: a total that leaves them out says so. */
    private static int unpricedIdle(SweepResult result) {
        return (int) result.findings().stream().filter(f -> f.isSweepable() && f.hourlyCost() == null).count();
    }

    private static void summary(Json json, Summary s, int plannedInUse, int idleUnpriced) {
        json.startObject("summary")
                .field("total", s.total())
                .field("idle", s.idle())
                .field("active", s.active())
                .field("tooYoung", s.tooYoung())
                .field("unknown", s.unknown())
                .field("exempt", s.exempt())
                .field("protected", s.protectedCount())
                .money("idleHourlyCost", s.idleHourlyCost())
                .field("actionsPlanned", s.actionsPlanned())
                .field("actionsDone", s.actionsDone())
                .field("actionsSkipped", s.actionsSkipped())
                .field("actionsFailed", s.actionsFailed())
                // additive: planned stops and deletes of ACTIVE or UNKNOWN resources
                .field("actionsPlannedInUse", plannedInUse)
                // additive: unprotected idle resources with no known price, which idleHourlyCost leaves out
                .field("idleUnpriced", idleUnpriced)
                .endObject();
    }
}
