package dev.sweeper.core;

import static dev.sweeper.core.Evaluator.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** An endpoint's rule: its invocations (or, asynchronous, its processed requests and backlog) over the window. */
public final class EndpointRule {
    private EndpointRule() {
    }

    public static Evaluation endpoint(Resource r, Evidence evidence, Duration window, Instant now) {
        Evaluation e = judgeEndpoint(r, evidence, window, now);
        if (endpointRuns(r.status()) && !IN_SERVICE.equals(r.status()) && e.verdict() != Verdict.EXEMPT) {
            List<String> reasons = new ArrayList<>(e.reasons());
            reasons.add("status " + r.status() + ": still runs and bills its instances; only InService endpoints"
                    + " are acted on");
            return new Evaluation(e.verdict(), reasons, e.evidence());
        }
        return e;
    }

    private static Evaluation judgeEndpoint(Resource r, Evidence evidence, Duration window, Instant now) {
        List<String> reasons = new ArrayList<>();
        Resource.EndpointShape shape = r.endpoint();
        if (!endpointRuns(r.status())) {
            reasons.add("status " + r.status() + ": not in service, nothing to sweep");
            return new Evaluation(Verdict.EXEMPT, reasons, evidence);
        }
        if (shape != null && shape.serverless() && !shape.provisionedConcurrency()) {
            reasons.add("serverless endpoint: costs nothing while idle");
            return new Evaluation(Verdict.EXEMPT, reasons, evidence);
        }
        if (shape != null && shape.scaledToZero()) {
            // No instance runs, so none is billed: an asynchronous endpoint autoscaled to zero, or a real-time one
            // whose inference components let it scale to zero ("Scale an endpoint to zero instances",
            // https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-zero-instances.html).
            reasons.add(shape.async() ? "asynchronous endpoint scaled to zero instances: costs nothing while idle"
                    : "scaled to zero: no instance billed (CurrentInstanceCount 0 on every variant)");
            components(shape, reasons);
            return new Evaluation(Verdict.EXEMPT, reasons, evidence);
        }
        Duration age = ActivityGate.age(r, now);
        if (ActivityGate.tooYoung(age, window)) {
            reasons.add("created " + ago(age) + ", less than the " + Durations.format(window)
                    + " window: too young to judge");
            return new Evaluation(Verdict.TOO_YOUNG, reasons, evidence);
        }
        if (!(evidence instanceof Evidence.Observed observed)) {
            reasons.add(missing(evidence, "invocations"));
            return new Evaluation(Verdict.UNKNOWN, reasons, evidence);
        }
        String span = " in the last " + Durations.format(window);
        if (shape != null && shape.async()) {
            var processed = observed.value(ASYNC_PROCESSED);
            var backlog = observed.value(ASYNC_BACKLOG);
            if (processed.isEmpty() || backlog.isEmpty()) {
                reasons.add("asynchronous endpoint: " + ASYNC_PROCESSED + " and " + ASYNC_BACKLOG + " not both read");
                return new Evaluation(Verdict.UNKNOWN, reasons, evidence);
            }
            if (processed.getAsDouble() > 0 || backlog.getAsDouble() > 0) {
                reasons.add("asynchronous endpoint: " + count(processed.getAsDouble()) + " requests processed"
                        + span + ", backlog up to " + count(backlog.getAsDouble()));
                return new Evaluation(Verdict.ACTIVE, reasons, evidence);
            }
            reasons.add("asynchronous endpoint: 0 requests processed and an empty backlog" + span
                    + (observed.note() == null ? "" : " (" + observed.note() + ")"));
            return new Evaluation(Verdict.IDLE, reasons, evidence);
        }
        var invocations = observed.value(INVOCATIONS);
        if (invocations.isEmpty()) {
            reasons.add("Invocations not read");
            return new Evaluation(Verdict.UNKNOWN, reasons, evidence);
        }
        double n = invocations.getAsDouble();
        if (n > 0) {
            reasons.add(count(n) + " invocations" + span);
            components(shape, reasons);
            return new Evaluation(Verdict.ACTIVE, reasons, evidence);
        }
        // Requests processed prove use whatever the shape (only asynchronous endpoints publish them).
        var processed = observed.value(ASYNC_PROCESSED);
        if (processed.isPresent() && processed.getAsDouble() > 0) {
            reasons.add("asynchronous endpoint: " + count(processed.getAsDouble()) + " requests processed" + span);
            return new Evaluation(Verdict.ACTIVE, reasons, evidence);
        }
        if (shape == null || !shape.described()) {
            // Zero Invocations proves nothing until we know the endpoint is not asynchronous.
            reasons.add("0 invocations" + span + ", but the endpoint was not described (asynchronous?)");
            return new Evaluation(Verdict.UNKNOWN, reasons, evidence);
        }
        if (shape.components() == null) {
            // An endpoint hosting inference components reports its traffic per component: until they
            // were listed (and read), zero on the variants proves nothing.
            reasons.add("0 invocations" + span + " on its variants, but its inference components were not listed");
            return new Evaluation(Verdict.UNKNOWN, reasons, evidence);
        }
        reasons.add("0 invocations" + span + (observed.note() == null ? "" : " (" + observed.note() + ")"));
        components(shape, reasons);
        if (shape.hostsComponents()) {
            reasons.add(scaleToZeroReason(null));
        }
        return new Evaluation(Verdict.IDLE, reasons, evidence);
    }

    /** Names the inference components an endpoint hosts, whose invocations its verdict counts. */
    private static void components(Resource.EndpointShape shape, List<String> reasons) {
        if (shape != null && shape.hostsComponents()) {
            reasons.add("hosts " + shape.components().size() + " inference component"
                    + (shape.components().size() == 1 ? "" : "s") + " (" + String.join(", ", shape.components())
                    + "): invocations summed over them and its variants");
        }
    }
}
