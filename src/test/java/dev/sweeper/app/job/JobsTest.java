package dev.sweeper.app.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sweeper.app.ActionPlan;
import dev.sweeper.core.Evaluation;
import dev.sweeper.core.Evidence;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Kind;
import dev.sweeper.core.Protection;
import dev.sweeper.core.Resource;
import dev.sweeper.core.Verdict;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each job's selection rule, on its own: what it may act on, and what it acts on. */
class JobsTest {

    static Finding finding(Kind kind, String status, Verdict verdict) {
        Resource r = new Resource("r", "us-east-1", null, status, "ml.t3.medium", 1, Instant.EPOCH,
                Instant.EPOCH, dev.sweeper.testing.Shapes.of(kind), null);
        return new Finding(r, new Evaluation(verdict, List.of("why"), Evidence.notGathered()), Protection.NONE,
                0.05, null, null, null, null, null);
    }

    @Test
    void deletions_selectOnlyIdleResourcesOfTheirKind_andReadNoTagsAhead() {
        assertThat(Jobs.DELETE_IDLE_ENDPOINTS.selects(finding(Kind.ENDPOINT, "InService", Verdict.IDLE), false)).isTrue();
        assertThat(Jobs.DELETE_IDLE_ENDPOINTS.selects(finding(Kind.ENDPOINT, "InService", Verdict.UNKNOWN), false)).isFalse();
        assertThat(Jobs.DELETE_IDLE_ENDPOINTS.selects(finding(Kind.APP, "InService", Verdict.IDLE), true)).isFalse();
        assertThat(Jobs.DELETE_IDLE_APPS.selects(finding(Kind.APP, "InService", Verdict.IDLE), false)).isTrue();
        assertThat(Jobs.DELETE_IDLE_APPS.mayActOn(finding(Kind.APP, "InService", Verdict.IDLE).resource())).isFalse();
        assertThat(Jobs.DELETE_IDLE_ENDPOINTS.verb()).isEqualTo("delete");
    }

    /**
     * The one rule for acting, for every job that stops or deletes: IDLE only, unless --include-active, which
     * takes in ACTIVE, TOO_YOUNG and UNKNOWN; never EXEMPT. (Before it, stop-notebooks and mlflow stop took every
     * running one, busy or too young, and only --idle-only narrowed them.)
     */
    @ParameterizedTest
    @CsvSource({
        // verdict, selected without --include-active, selected with it
        "IDLE,true,true", "ACTIVE,false,true", "TOO_YOUNG,false,true", "UNKNOWN,false,true"})
    void everyStopAndDelete_followsTheOneRule(Verdict verdict, boolean plain, boolean included) {
        for (var c : List.of(new Object[] {Jobs.STOP_NOTEBOOKS, Kind.NOTEBOOK, "InService"},
                new Object[] {Jobs.STOP_MLFLOW, Kind.MLFLOW, "Started"},
                new Object[] {Jobs.DELETE_IDLE_ENDPOINTS, Kind.ENDPOINT, "InService"},
                new Object[] {Jobs.DELETE_IDLE_APPS, Kind.APP, "InService"})) {
            ActionPlan plan = (ActionPlan) c[0];
            Finding f = finding((Kind) c[1], (String) c[2], verdict);
            assertThat(plan.removes()).as(plan.verb() + " " + c[1]).isTrue();
            assertThat(plan.selects(f, false)).as(c[1] + " " + verdict).isEqualTo(plain);
            assertThat(plan.selects(f, true)).as(c[1] + " " + verdict + " --include-active").isEqualTo(included);
        }
    }

    @Test
    void stopNotebooks_neverTakesAStoppedOne_evenWithIncludeActive() {
        assertThat(Jobs.STOP_NOTEBOOKS.selects(finding(Kind.NOTEBOOK, "Stopped", Verdict.EXEMPT), true)).isFalse();
        assertThat(Jobs.STOP_NOTEBOOKS.mayActOn(finding(Kind.NOTEBOOK, "InService", Verdict.ACTIVE).resource()))
                .as("its tags are read ahead: --include-active may reach it").isTrue();
    }

    @Test
    void startsAndSchedules_areNotBoundByTheRule() {
        assertThat(Jobs.START_NOTEBOOKS.removes()).isFalse();
        assertThat(Jobs.START_MLFLOW.removes()).isFalse();
        assertThat(Jobs.RECONCILE_SCHEDULES.removes()).as("outside: stop is the config's to say").isFalse();
    }

    @Test
    void startNotebooks_takesStoppedOnes() {
        assertThat(Jobs.START_NOTEBOOKS.selects(finding(Kind.NOTEBOOK, "Stopped", Verdict.EXEMPT), false)).isTrue();
        assertThat(Jobs.START_NOTEBOOKS.selects(finding(Kind.NOTEBOOK, "InService", Verdict.IDLE))).isFalse();
        assertThat(Jobs.START_NOTEBOOKS.verb()).isEqualTo("start");
    }
}
