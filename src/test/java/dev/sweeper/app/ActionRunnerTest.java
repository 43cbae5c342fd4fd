package dev.sweeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sweeper.core.Action;
import dev.sweeper.core.Action.Outcome;
import dev.sweeper.core.AwsCallException;
import dev.sweeper.core.Evaluation;
import dev.sweeper.core.Evidence;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Kind;
import dev.sweeper.core.Log;
import dev.sweeper.core.Protection;
import dev.sweeper.core.Resource;
import dev.sweeper.core.ResourceKey;
import dev.sweeper.core.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ActionRunnerTest {
    final List<String> performed = new ArrayList<>();
    final List<String> audited = new ArrayList<>();

    static Finding finding(String name, Protection protection) {
        Resource r = new Resource(name, "us-east-1", "arn:aws:sagemaker:us-east-1:123456789012:"
                + "notebook-instance/" + name, "InService", "ml.t3.medium", 1, Instant.EPOCH, Instant.EPOCH, new Resource.NotebookShape(null), Resource.accountOf("arn:aws:sagemaker:us-east-1:123456789012:"
                + "notebook-instance/" + name));
        return new Finding(r, new Evaluation(Verdict.IDLE, List.of("idle"), Evidence.notGathered()), protection, 0.05,
                null, null, null, null, null);
    }

    /** An action whose re-check and outcome are scripted per name. */
    ResourceAction scripted(Set<String> changed, Set<String> failing, Set<String> gone) {
        return new ResourceAction() {
            @Override
            public String type() {
                return "stop";
            }

            @Override
            public String plannedDetail(Finding f) {
                return "would stop";
            }

            @Override
            public Optional<String> recheck(Finding f) {
                return changed.contains(f.resource().name()) ? Optional.of("status is now Stopping") : Optional.empty();
            }

            @Override
            public String perform(Finding f) {
                String n = f.resource().name();
                if (failing.contains(n)) {
                    throw new AwsCallException("StopNotebookInstance", "ValidationException", "Status (Stopping) not "
                            + "in ([InService])", false, null);
                }
                if (gone.contains(n)) {
                    throw new AwsCallException("StopNotebookInstance", "ValidationException", "Could not find", true,
                            null);
                }
                performed.add(n);
                return "stopping";
            }
        };
    }

    @Test
    void run_whenAWaitFollows_onlyRequestsAndLeavesDoneToTheWait() {
        List<String> requested = new ArrayList<>();
        ResourceAction action = new ResourceAction() {
            @Override
            public String type() {
                return "stop";
            }

            @Override
            public String plannedDetail(Finding f) {
                return "would stop";
            }

            @Override
            public Optional<String> recheck(Finding f) {
                return Optional.empty();
            }

            @Override
            public String perform(Finding f) {
                performed.add(f.resource().name());
                return "stopping; tagged";
            }

            @Override
            public String request(Finding f) {
                requested.add(f.resource().name());
                return "stopping";
            }
        };
        var o = new ActionRunner(Log.SILENT, (f, a) -> audited.add(f.resource().name() + ":" + a.outcome().id()),
                f -> "Stopped", new ActionProgress()).run(List.of(finding("a", Protection.NONE)), f -> true, action,
                true, 20);

        assertThat(outcome(o, "a")).isEqualTo(Outcome.DONE);
        assertThat(o.findings().get(0).action().detail()).isEqualTo("stopping");
        assertThat(requested).containsExactly("a");
        assertThat(performed).as("the tag is the wait's to write, once the stop succeeded").isEmpty();
        assertThat(audited).as("no done before the wait has seen it").containsExactly("a:planned");
    }

    ActionRunner runner() {
        return new ActionRunner(Log.SILENT, (f, a) -> audited.add(f.resource().name() + ":" + a.outcome().id()), null,
                new ActionProgress());
    }

    static Outcome outcome(ActionRunner.Outcomes o, String name) {
        return o.findings().stream().filter(f -> f.resource().name().equals(name)).findFirst().orElseThrow()
                .action().outcome();
    }

    @Test
    void run_whenStateChangedSinceTheScan_skipsWithTheReasonAndActsOnTheRest() {
        var o = runner().run(List.of(finding("a", Protection.NONE), finding("b", Protection.NONE)), f -> true,
                scripted(Set.of("a"), Set.of(), Set.of()), true, 20);

        assertThat(outcome(o, "a")).isEqualTo(Outcome.SKIPPED);
        assertThat(o.findings().get(0).action().detail()).isEqualTo("status is now Stopping");
        assertThat(outcome(o, "b")).isEqualTo(Outcome.DONE);
        assertThat(performed).containsExactly("b");
    }

    @Test
    void run_whenActionFails_marksItFailedAndCarriesOn() {
        var o = runner().run(List.of(finding("a", Protection.NONE), finding("b", Protection.NONE),
                finding("c", Protection.NONE)), f -> true, scripted(Set.of(), Set.of("a"), Set.of("b")), true, 20);

        assertThat(outcome(o, "a")).isEqualTo(Outcome.FAILED);
        assertThat(outcome(o, "b")).as("gone meanwhile").isEqualTo(Outcome.SKIPPED);
        assertThat(outcome(o, "c")).isEqualTo(Outcome.DONE);
    }

    @Test
    void run_whenProtectedOrUndecided_neverActs() {
        var o = runner().run(List.of(finding("p", new Protection(true, "tagged sweeper:protect=true")),
                finding("u", Protection.UNDECIDED), finding("ok", Protection.NONE)), f -> true,
                scripted(Set.of(), Set.of(), Set.of()), true, 20);

        assertThat(outcome(o, "p")).isEqualTo(Outcome.SKIPPED);
        assertThat(outcome(o, "u")).isEqualTo(Outcome.SKIPPED);
        assertThat(performed).containsExactly("ok");
    }

    @Test
    void run_whenOverTheCap_refusesAndDoesNothing() {
        var o = runner().run(List.of(finding("a", Protection.NONE), finding("b", Protection.NONE)), f -> true,
                scripted(Set.of(), Set.of(), Set.of()), true, 1);

        assertThat(o.refusal()).startsWith("2 actions planned, more than --max-actions 1");
        assertThat(performed).isEmpty();
        assertThat(o.findings()).allSatisfy(f -> assertThat(f.action().outcome()).isEqualTo(Outcome.PLANNED));
    }

    @Test
    void run_whenCapIsZero_refusesAnyAction() {
        var o = runner().run(List.of(finding("a", Protection.NONE)), f -> true,
                scripted(Set.of(), Set.of(), Set.of()), true, 0);

        assertThat(o.refusal()).isNotNull();
        assertThat(performed).isEmpty();
    }

    @Test
    void run_whenDryRun_plansAndAuditsOnly() {
        var o = runner().run(List.of(finding("a", Protection.NONE)), f -> true,
                scripted(Set.of(), Set.of(), Set.of()), false, 20);

        assertThat(outcome(o, "a")).isEqualTo(Outcome.PLANNED);
        assertThat(performed).isEmpty();
        assertThat(audited).containsExactly("a:planned");
    }

    @Test
    void run_whenApplied_auditsBeforeAndAfter() {
        runner().run(List.of(finding("a", Protection.NONE)), f -> true, scripted(Set.of(), Set.of(), Set.of()), true,
                20);

        assertThat(audited).containsExactly("a:planned", "a:done");
    }

    @Test
    void run_whenNotSelected_leavesNoAction() {
        var o = runner().run(List.of(finding("a", Protection.NONE)), f -> false,
                scripted(Set.of(), Set.of(), Set.of()), true, 20);

        assertThat(o.findings().get(0).action()).isNull();
        assertThat(audited).isEmpty();
    }

    @Test
    void run_whenPreflightSeesUse_skipsWithoutRechecking() {
        var o = runner().run(List.of(finding("a", Protection.NONE)), f -> true,
                preflightSkipping(finding("a", Protection.NONE).resource().key()), true, 20);

        assertThat(outcome(o, "a")).isEqualTo(Outcome.SKIPPED);
        assertThat(performed).isEmpty();
        Action a = o.findings().get(0).action();
        assertThat(a.detail()).contains("now in use");
    }

    @Test
    void run_whenPreflightSkipsOneRegion_actsOnTheSameNameInAnother() {
        Finding east = finding("a", Protection.NONE);
        Resource w = east.resource();
        Finding west = new Finding(new Resource(w.name(), "us-west-2", w.arn().replace("us-east-1", "us-west-2"),
                w.status(), w.instanceType(), w.instanceCount(), w.createdAt(), w.runningSince(), w.shape(), Resource.accountOf(w.arn().replace("us-east-1", "us-west-2"))),
                east.evaluation(), east.protection(), east.hourlyCost(), null, null, null, null, null);

        var o = runner().run(List.of(east, west), f -> true, preflightSkipping(east.resource().key()), true, 20);

        assertThat(o.findings().get(0).action().outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(o.findings().get(1).action().outcome()).isEqualTo(Outcome.DONE);
        assertThat(performed).containsExactly("a");
    }

    /** The scripted action, whose preflight finds the one resource in use. */
    ResourceAction preflightSkipping(ResourceKey inUse) {
        ResourceAction base = scripted(Set.of(), Set.of(), Set.of());
        return new ResourceAction() {
            @Override
            public String type() {
                return base.type();
            }

            @Override
            public String plannedDetail(Finding f) {
                return base.plannedDetail(f);
            }

            @Override
            public Map<ResourceKey, String> preflight(List<Finding> planned) {
                return Map.of(inUse, "now in use: 3 invocations since the scan");
            }

            @Override
            public Optional<String> recheck(Finding f) {
                return base.recheck(f);
            }

            @Override
            public String perform(Finding f) {
                return base.perform(f);
            }
        };
    }

    /** Ctrl-C arrives while the first action runs: it finishes, no other starts, and the progress says so. */
    @Test
    void run_whenInterruptedMidAction_finishesThatOneAndStartsNoOther() {
        ActionProgress progress = new ActionProgress();
        ResourceAction base = scripted(Set.of(), Set.of(), Set.of());
        ResourceAction interruptedDuringFirst = new ResourceAction() {
            @Override
            public String type() {
                return base.type();
            }

            @Override
            public String plannedDetail(Finding f) {
                return base.plannedDetail(f);
            }

            @Override
            public Optional<String> recheck(Finding f) {
                return base.recheck(f);
            }

            @Override
            public String perform(Finding f) {
                progress.interrupt();
                ActionProgress.Snapshot during = progress.snapshot();
                assertThat(during.inProgress()).extracting(ActionProgress.Entry::name).containsExactly(f.resource().name());
                return base.perform(f);
            }
        };
        var o = new ActionRunner(Log.SILENT, (f, a) -> audited.add(f.resource().name() + ":" + a.outcome().id()), null,
                progress).run(List.of(finding("a", Protection.NONE), finding("b", Protection.NONE),
                finding("c", Protection.NONE)), f -> true, interruptedDuringFirst, true, 20);

        assertThat(performed).containsExactly("a");
        assertThat(outcome(o, "a")).isEqualTo(Outcome.DONE);
        assertThat(outcome(o, "b")).isEqualTo(Outcome.PLANNED);
        assertThat(outcome(o, "c")).isEqualTo(Outcome.PLANNED);
        assertThat(audited).containsExactly("a:planned", "a:done");
        ActionProgress.Snapshot after = progress.snapshot();
        assertThat(after.finished(Outcome.DONE)).extracting(ActionProgress.Entry::name).containsExactly("a");
        assertThat(after.inProgress()).isEmpty();
        assertThat(after.notStarted()).extracting(ActionProgress.Entry::name).containsExactly("b", "c");
    }
}
