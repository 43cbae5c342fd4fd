package dev.sweeper.app.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sweeper.app.ActionProgress;
import dev.sweeper.app.SweepContext;
import dev.sweeper.app.Sweeper;
import dev.sweeper.app.TargetJob;
import dev.sweeper.core.Action;
import dev.sweeper.core.Action.Outcome;
import dev.sweeper.core.AuditLog;
import dev.sweeper.core.AwsCallException;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Gateways;
import dev.sweeper.core.IdleShutdownChanges.Change;
import dev.sweeper.core.Log;
import dev.sweeper.core.Policy;
import dev.sweeper.core.ResourceFilter;
import dev.sweeper.core.SageMakerGateway;
import dev.sweeper.core.StudioSettings;
import dev.sweeper.core.StudioSettings.Idle;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code apps idle-shutdown}'s job on the engine: what the one guard gives every acting command applies to it too (the
 * progress an interrupted run reports and stops on, the skip of a change refused because its target moved on, the
 * audit entry before each attempt).
 */
class IdleShutdownJobTest {
    static final Idle OFF = new Idle("DISABLED", null, null, null);
    static final Map<String, Idle> ALL_OFF = Map.of("JupyterLab", OFF, "CodeEditor", OFF);

    final List<String> updated = new ArrayList<>();
    final List<String> audited = new ArrayList<>();
    /** Settings by profile name as DescribeUserProfile gives them now; a profile absent here reads as listed. */
    final Map<String, Map<String, Idle>> describedNow = new HashMap<>();
    /** Profiles whose UpdateUserProfile fails. */
    final List<String> failing = new ArrayList<>();
    /** A failing profile's settings as they read once its update was refused (someone else changed them). */
    final Map<String, Map<String, Idle>> movedOnWhenRefused = new HashMap<>();

    static StudioSettings profile(String name) {
        return new StudioSettings(StudioSettings.Scope.USER_PROFILE, "us-east-1", "d-1", "research", name,
                "arn:aws:sagemaker:us-east-1:123456789012:user-profile/d-1/" + name, ALL_OFF, ALL_OFF);
    }

    SageMakerGateway sageMaker(List<StudioSettings> listed) {
        return (SageMakerGateway) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {SageMakerGateway.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "listStudioSettings" -> listed;
                    case "listTags" -> Map.of();
                    case "describeStudioSettings" -> {
                        StudioSettings s = (StudioSettings) args[0];
                        Map<String, Idle> now = describedNow.get(s.name());
                        yield Optional.of(now == null ? s : new StudioSettings(s.scope(), s.region(), s.domainId(),
                                s.domainName(), s.name(), s.arn(), now, s.domain()));
                    }
                    case "setIdleSettings" -> {
                        StudioSettings s = (StudioSettings) args[0];
                        if (failing.contains(s.name())) {
                            if (movedOnWhenRefused.containsKey(s.name())) {
                                describedNow.put(s.name(), movedOnWhenRefused.get(s.name()));
                            }
                            throw new AwsCallException("UpdateUserProfile", "ValidationException", "refused", false,
                                    null);
                        }
                        updated.add(s.name());
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    Gateways gateways(SageMakerGateway sm) {
        return (Gateways) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Gateways.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("sageMaker")) {
                        return sm;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    final AuditLog audit = new AuditLog() {
        @Override
        public void record(Finding finding, Action action) {
            throw new AssertionError("a settings change is no finding");
        }

        @Override
        public void record(SettingsChange c) {
            audited.add(c.name() + " " + c.outcome().id() + " " + c.detail());
        }
    };

    TargetJob.Result<Change> run(List<StudioSettings> listed, ActionProgress progress, boolean apply, int max) {
        SweepContext ctx = new SweepContext(gateways(sageMaker(listed)), null, null,
                Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC), Log.SILENT, Duration.ZERO,
                List.of());
        IdleShutdownJob job = new IdleShutdownJob(new IdleShutdownJob.Request(
                StudioSettings.Scope.USER_PROFILE, 60, ResourceFilter.ALL, Policy.defaults(), null));
        return new Sweeper(ctx, audit, progress).run(job, List.of("us-east-1"), apply, max);
    }

    static Map<String, Action> byName(TargetJob.Result<Change> r) {
        Map<String, Action> out = new HashMap<>();
        r.targets().forEach(c -> out.put(c.target().name(), c.action()));
        return out;
    }

    @Test
    void run_whenInterruptedBeforeActing_changesNothing_andLeavesEveryChangePlanned() {
        ActionProgress progress = new ActionProgress();
        progress.interrupt();

        TargetJob.Result<Change> r = run(List.of(profile("dana"), profile("gina")), progress, true, 20);

        assertThat(updated).isEmpty();
        assertThat(byName(r).values()).extracting(Action::outcome).containsOnly(Outcome.PLANNED);
        ActionProgress.Snapshot s = progress.snapshot();
        assertThat(s.notStarted()).extracting(ActionProgress.Entry::what)
                .containsExactly("user-profile dana", "user-profile gina");
        assertThat(audited).noneMatch(a -> a.contains("attempting"));
    }

    @Test
    void run_whenApplied_auditsTheAttemptBeforeTheChange_andProgressHasEachOutcome() {
        ActionProgress progress = new ActionProgress();

        TargetJob.Result<Change> r = run(List.of(profile("dana")), progress, true, 20);

        assertThat(updated).containsExactly("dana");
        assertThat(byName(r).get("dana").outcome()).isEqualTo(Outcome.DONE);
        assertThat(audited).hasSize(2);
        assertThat(audited.get(0)).startsWith("dana planned attempting: turn idle shutdown on after 60 min");
        assertThat(audited.get(1)).startsWith("dana done turned on: JupyterLab ENABLED 60 min");
        assertThat(progress.snapshot().finished(Outcome.DONE)).extracting(ActionProgress.Entry::what)
                .containsExactly("user-profile dana");
    }

    @Test
    void run_whenAChangeIsRefusedBecauseTheSettingsMovedOn_skipsIt_notFails() {
        failing.add("dana");
        // Read again after the refusal, the profile has had idle shutdown turned on by someone else.
        movedOnWhenRefused.put("dana", Map.of("JupyterLab", OFF.enabledAfter(90), "CodeEditor", OFF.enabledAfter(90)));

        TargetJob.Result<Change> r = run(List.of(profile("dana")), new ActionProgress(), true, 20);

        Action dana = byName(r).get("dana");
        assertThat(dana.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(dana.detail()).startsWith("its settings changed meanwhile: now JupyterLab ENABLED 90 min")
                .contains("ValidationException: refused");
        assertThat(updated).isEmpty();
    }

    @Test
    void run_whenMorePlannedThanTheCap_refusesWithTheGuardsWords_andChangesNothing() {
        TargetJob.Result<Change> r = run(List.of(profile("dana"), profile("gina")), new ActionProgress(), true, 1);

        assertThat(r.refusal()).isEqualTo("2 actions planned, more than --max-actions 1: nothing was done (raise "
                + "--max-actions or narrow the filters)");
        assertThat(updated).isEmpty();
        assertThat(audited).allMatch(a -> a.contains("planned refused: "));
    }
}
