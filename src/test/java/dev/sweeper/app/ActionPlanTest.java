package dev.sweeper.app;

import static org.assertj.core.api.Assertions.assertThat;

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

/** Each job's selection rule, on its own: what it may act on, and what it acts on. */
class ActionPlanTest {

    static Finding finding(Kind kind, String status, Verdict verdict) {
        Resource r = new Resource(kind, "r", "us-east-1", null, status, "ml.t3.medium", 1, Instant.EPOCH,
                Instant.EPOCH, null, null, null);
        return new Finding(r, new Evaluation(verdict, List.of("why"), Evidence.notGathered()), Protection.NONE,
                0.05, null);
    }

    @Test
    void deletions_selectOnlyIdleResourcesOfTheirKind_andReadNoTagsAhead() {
        assertThat(ActionPlan.DELETE_IDLE_ENDPOINTS.selects(finding(Kind.ENDPOINT, "InService", Verdict.IDLE))).isTrue();
        assertThat(ActionPlan.DELETE_IDLE_ENDPOINTS.selects(finding(Kind.ENDPOINT, "InService", Verdict.UNKNOWN))).isFalse();
        assertThat(ActionPlan.DELETE_IDLE_ENDPOINTS.selects(finding(Kind.APP, "InService", Verdict.IDLE))).isFalse();
        assertThat(ActionPlan.DELETE_IDLE_APPS.selects(finding(Kind.APP, "InService", Verdict.IDLE))).isTrue();
        assertThat(ActionPlan.DELETE_IDLE_APPS.mayActOn(finding(Kind.APP, "InService", Verdict.IDLE).resource())).isFalse();
        assertThat(ActionPlan.DELETE_IDLE_ENDPOINTS.verb()).isEqualTo("delete");
        assertThat(ActionPlan.DELETE_IDLE_ENDPOINTS.waitsFor()).isEmpty();
    }

    @Test
    void stopNotebooks_takesEveryRunningOne_butIdleOnlyTakesIdleOnes() {
        Finding activeRunning = finding(Kind.NOTEBOOK, "InService", Verdict.ACTIVE);
        Finding idleRunning = finding(Kind.NOTEBOOK, "InService", Verdict.IDLE);

        assertThat(ActionPlan.STOP_NOTEBOOKS.selects(activeRunning)).isTrue();
        assertThat(ActionPlan.STOP_NOTEBOOKS.mayActOn(activeRunning.resource())).isTrue();
        assertThat(ActionPlan.STOP_NOTEBOOKS.selects(finding(Kind.NOTEBOOK, "Stopped", Verdict.EXEMPT))).isFalse();
        assertThat(ActionPlan.STOP_IDLE_NOTEBOOKS.selects(activeRunning)).isFalse();
        assertThat(ActionPlan.STOP_IDLE_NOTEBOOKS.selects(idleRunning)).isTrue();
        assertThat(ActionPlan.STOP_IDLE_NOTEBOOKS.waitsFor()).contains("Stopped");
    }

    @Test
    void startNotebooks_takesStoppedOnes_andWaitsForInService() {
        assertThat(ActionPlan.START_NOTEBOOKS.selects(finding(Kind.NOTEBOOK, "Stopped", Verdict.EXEMPT))).isTrue();
        assertThat(ActionPlan.START_NOTEBOOKS.selects(finding(Kind.NOTEBOOK, "InService", Verdict.IDLE))).isFalse();
        assertThat(ActionPlan.START_NOTEBOOKS.verb()).isEqualTo("start");
        assertThat(ActionPlan.START_NOTEBOOKS.waitsFor()).contains("InService");
    }
}
