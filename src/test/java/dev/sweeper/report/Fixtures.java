package dev.sweeper.report;

import dev.sweeper.core.Action;
import dev.sweeper.core.Evaluation;
import dev.sweeper.core.Evidence;
import dev.sweeper.core.NotebookFacts;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Kind;
import dev.sweeper.core.Protection;
import dev.sweeper.core.Resource;
import dev.sweeper.core.SweepResult;
import dev.sweeper.core.Variant;
import dev.sweeper.core.Verdict;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Hand-built results with findings of every verdict and kind. */
final class Fixtures {
    static final Instant NOW = Instant.parse("2026-11-28T15:00:00Z");
    static final Duration WINDOW = Duration.ofHours(24);
    static final String REGION = "us-east-1";

    private Fixtures() {
    }

    static String arn(String type, String name) {
        return "arn:aws:sagemaker:us-east-1:123456789012:" + type + "/" + name;
    }

    static Resource endpoint(String name, String type, Integer count, Instant created, boolean described,
                             boolean serverless) {
        List<Variant> variants = !described ? List.of()
                : serverless ? List.of(new Variant("AllTraffic", null, 0, true, false, 0))
                : List.of(new Variant("AllTraffic", type, count, false, false, 0));
        return new Resource(name, REGION, arn("endpoint", name), "InService", type, count,
                created, created, new Resource.EndpointShape(name + "-config", variants, false, described, null, null), Resource.accountOf(arn("endpoint", name)));
    }

    static Resource notebook(String name, String status, String type, Instant created, Instant since,
                             String lifecycle) {
        return new Resource(name, REGION, arn("notebook-instance", name), status, type, 1, created,
                since, new Resource.NotebookShape(lifecycle), Resource.accountOf(arn("notebook-instance", name)));
    }

    static Resource app(String name, String type, Instant created, String domain, String user, String space,
                        Boolean idleShutdown) {
        return new Resource(name, REGION, arn("app", domain + "/" + name), "InService", type, 1, created,
                created,
                new Resource.AppShape(domain, "JupyterLab", user, space, idleShutdown, space != null ? "space" : "user", null), Resource.accountOf(arn("app", domain + "/" + name)));
    }

    static Finding finding(Resource r, Verdict v, Evidence e, Protection p, Double cost, Action a, String... reasons) {
        String signal = e instanceof Evidence.Notebook && v != Verdict.UNKNOWN ? NotebookFacts.JUPYTER : null;
        return new Finding(r, new Evaluation(v, List.of(reasons), e, signal), p, cost, a, null, null, null, null);
    }

    /** A notebook's Jupyter server with one kernel, last active {@code ago}. */
    static Evidence jupyter(String state, Duration ago, int connections) {
        return new Evidence.Notebook(new NotebookFacts.Jupyter.Read(1,
                List.of(new NotebookFacts.Kernel("k1", state, NOW.minus(ago), connections)), List.of()),
                new NotebookFacts.Log.Read(null), new NotebookFacts.Metric.NotConfigured());
    }

    static Evidence.Observed observed(String metric, double value) {
        return new Evidence.Observed(Map.of(metric, value), null);
    }

    /** Fifteen findings: every verdict, every kind, protected and not, priced and not. */
    static List<Finding> findings() {
        Instant old = NOW.minus(Duration.ofDays(8));
        Instant young = NOW.minus(Duration.ofHours(3));
        return List.of(
                finding(endpoint("fraud-v2", "ml.m5.xlarge", 2, Instant.parse("2026-11-20T09:12:00Z"), true, false),
                        Verdict.IDLE, observed("Invocations", 0), Protection.NONE, 0.46,
                        new Action("delete", Action.Outcome.PLANNED, "re-create with: aws sagemaker create-endpoint"),
                        "0 invocations in the last 24h"),
                finding(endpoint("golden-prod", "ml.g5.xlarge", 1, old, true, false),
                        Verdict.IDLE, observed("Invocations", 0), new Protection(true, "tagged sweeper:protect=true"),
                        2.0, null, "0 invocations in the last 24h"),
                finding(endpoint("recs-prod", "ml.g5.2xlarge", 1, old, false, false),
                        Verdict.ACTIVE, observed("Invocations", 1234), Protection.UNDECIDED, 1.515, null,
                        "1234 invocations in the last 24h"),
                finding(endpoint("new-model", "ml.c5.large", 1, young, false, false),
                        Verdict.TOO_YOUNG, new Evidence.NotGathered(), Protection.UNDECIDED, 0.119, null,
                        "created 3h ago, less than the 24h window: too young to judge"),
                finding(endpoint("flaky", "ml.m5.large", 1, old, false, false),
                        Verdict.UNKNOWN, new Evidence.Failed("GetMetricData: ThrottlingException, \"Rate exceeded\""),
                        Protection.UNDECIDED, 0.115, null,
                        "could not read invocations: GetMetricData: ThrottlingException, \"Rate exceeded\""),
                finding(endpoint("serverless-ep", null, null, old, true, true),
                        Verdict.EXEMPT, new Evidence.NotGathered(), Protection.UNDECIDED, null, null,
                        "serverless endpoint: costs nothing while idle"),
                finding(endpoint("odd-one", "ml.weird.xlarge", 3, old, true, false),
                        Verdict.IDLE, observed("Invocations", 0), Protection.NONE, null, null,
                        "0 invocations in the last 24h"),
                finding(notebook("nb-dev-alice", "InService", "ml.t3.medium", old, NOW.minus(Duration.ofHours(50)),
                                "auto-stop"),
                        Verdict.IDLE, jupyter("idle", Duration.ofHours(49), 0), Protection.NONE, 0.0464,
                        new Action("stop", Action.Outcome.PLANNED, null),
                        "jupyter: no kernel busy and no kernel or terminal active in the last 24h (1 session, 1 kernel,"
                                + " 0 terminals, none connected)", "lifecycle configuration 'auto-stop' attached"),
                finding(notebook("nb-bob", "InService", "ml.m5.xlarge", old, old, null),
                        Verdict.ACTIVE, jupyter("busy", Duration.ofHours(30), 1), Protection.UNDECIDED, 0.23, null,
                        "jupyter: a kernel is busy (last activity 30h ago)"),
                finding(notebook("nb-stopped", "Stopped", "ml.p3.2xlarge", old, null, null),
                        Verdict.EXEMPT, new Evidence.NotGathered(), Protection.UNDECIDED, 3.825, null,
                        "stopped: storage only (no compute while stopped; its ML storage volume stays and is billed)"),
                finding(notebook("nb-quiet", "InService", "ml.t3.large", old, old, null),
                        Verdict.UNKNOWN, new Evidence.NoSignal("no readable activity signal",
                                "grant sagemaker:CreatePresignedNotebookInstanceUrl"),
                        Protection.UNDECIDED, 0.0928, null,
                        "no activity signal: no readable activity signal", "grant sagemaker:CreatePresignedNotebookInstanceUrl"),
                finding(app("lab-old", "ml.t3.medium", NOW.minus(Duration.ofDays(3).plusHours(2)), "d-111", null,
                                "shared", false),
                        Verdict.IDLE, new Evidence.NotGathered(), Protection.NONE, 0.05,
                        new Action("delete", Action.Outcome.PLANNED, null),
                        "InService for 3d, longer than the max age 2d: an age rule, not observed idleness",
                        "Studio idle shutdown is off (space)"),
                finding(app("lab-alice", "ml.g4dn.xlarge", NOW.minus(Duration.ofHours(30)), "d-111", "alice", null,
                                false),
                        Verdict.UNKNOWN, new Evidence.NotGathered(), Protection.UNDECIDED, 0.7364, null,
                        "no reliable activity signal for Studio apps; InService for 1d6h",
                        "Studio idle shutdown is off (user)"),
                finding(app("default", "system", old, "d-111", "alice", null, false),
                        Verdict.EXEMPT, new Evidence.NotGathered(), Protection.UNDECIDED, null, null,
                        "system instance: free"),
                finding(app("lab-carol", "ml.t3.medium", old, "d-222", "carol", null, true),
                        Verdict.UNKNOWN, new Evidence.NotGathered(), Protection.UNDECIDED, 0.05, null,
                        "no reliable activity signal for Studio apps; InService for 8d",
                        "Studio idle shutdown is on (user)"));
    }

    static SweepResult result() {
        return new SweepResult("scan", true, NOW, WINDOW, findings(), List.of("region eu-west-1: access denied"),
                null);
    }

    static SweepResult result(List<Finding> findings) {
        return new SweepResult("scan", true, NOW, WINDOW, findings, List.of(), null);
    }
}
