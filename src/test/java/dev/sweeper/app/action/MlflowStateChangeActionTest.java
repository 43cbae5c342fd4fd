package dev.sweeper.app.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.sweeper.core.Evaluation;
import dev.sweeper.core.Evidence;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Kind;
import dev.sweeper.core.Log;
import dev.sweeper.core.Protection;
import dev.sweeper.core.Resource;
import dev.sweeper.core.SageMakerGateway;
import dev.sweeper.core.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The re-check before an MLflow tracking server is stopped: its status, and under the age rule its last start. */
class MlflowStateChangeActionTest {
    static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");
    static final Instant STARTED = NOW.minus(Duration.ofDays(3));

    static Resource server(String status, Instant lastModified) {
        return new Resource("tracking", "us-east-1",
                "arn:aws:sagemaker:us-east-1:123456789012:mlflow-tracking-server/tracking", status, "Small", 1,
                NOW.minus(Duration.ofDays(30)), lastModified, new Resource.MlflowShape(), Resource.accountOf("arn:aws:sagemaker:us-east-1:123456789012:mlflow-tracking-server/tracking"));
    }

    static Finding idle(Resource r) {
        return new Finding(r, new Evaluation(Verdict.IDLE, List.of("age rule"), Evidence.notGathered()),
                Protection.NONE, null, null, null, null, null, null);
    }

    final SageMakerGateway sageMaker = mock(SageMakerGateway.class);

    MlflowStateChangeAction stop() {
        return new MlflowStateChangeAction(sageMaker, true, NOW, mock(Log.class));
    }

    /** A server taken in by --include-active: chosen whatever its age. */
    static Finding unknown(Resource r) {
        return new Finding(r, new Evaluation(Verdict.UNKNOWN, List.of("no signal"), Evidence.notGathered()),
                Protection.NONE, null, null, null, null, null, null);
    }

    @Test
    void recheck_whenStillRunningSinceTheSameStart_letsItBeStopped() {
        when(sageMaker.describeMlflowServer("tracking")).thenReturn(Optional.of(server("Started", STARTED)));

        assertThat(stop().recheck(idle(server("Started", STARTED)))).isEmpty();
    }

    @Test
    void recheck_underTheAgeRule_whenStartedAgainSinceTheScan_skipsIt() {
        Instant restarted = NOW.minus(Duration.ofMinutes(5));
        when(sageMaker.describeMlflowServer("tracking")).thenReturn(Optional.of(server("Started", restarted)));

        assertThat(stop().recheck(idle(server("Started", STARTED))))
                .hasValueSatisfying(why -> assertThat(why).contains("started or changed again since the scan"));
    }

    @Test
    void recheck_whenTakenInWhateverItsAge_aRestartDoesNotMatter() {
        when(sageMaker.describeMlflowServer("tracking"))
                .thenReturn(Optional.of(server("Started", NOW.minus(Duration.ofMinutes(5)))));

        assertThat(stop().recheck(unknown(server("Started", STARTED)))).isEmpty();
    }

    @Test
    void recheck_whenStoppedOrGoneMeanwhile_skipsIt() {
        when(sageMaker.describeMlflowServer("tracking")).thenReturn(Optional.of(server("Stopping", STARTED)));
        assertThat(stop().recheck(idle(server("Started", STARTED)))).hasValue("status is now Stopping");

        when(sageMaker.describeMlflowServer("tracking")).thenReturn(Optional.empty());
        assertThat(stop().recheck(idle(server("Started", STARTED)))).hasValue("no longer exists");
    }
}
