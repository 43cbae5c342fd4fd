package dev.sweeper.app.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sweeper.app.SweepRequest;
import dev.sweeper.app.action.IdleMarksAction.Move;
import dev.sweeper.core.Evaluation;
import dev.sweeper.core.Evidence;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Kind;
import dev.sweeper.core.Protection;
import dev.sweeper.core.Resource;
import dev.sweeper.core.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdleMarksActionTest {
    static final String ARN = "arn:aws:sagemaker:us-east-1:123456789012:endpoint/e";
    static final Instant NOW = Instant.parse("2026-11-28T15:00:00Z");

    static Finding finding(Verdict verdict) {
        Resource r = new Resource("e", "us-east-1", ARN, "InService", "ml.m5.large", 1, Instant.EPOCH,
                Instant.EPOCH, Resource.EndpointShape.listed(), Resource.accountOf(ARN));
        return new Finding(r, new Evaluation(verdict, List.of("x"), Evidence.notGathered()), Protection.NONE, 0.1, null, null, null, null, null);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
        // verdict, mark (hours ago, or '-' for none, 'bad' for an unreadable one), --mark, acts, expected
        // An action waiting for a mark (--grace without --mark) marks one that has none: the clock starts now
        // (issue 29, item 7), rather than doing and saying nothing.
        "IDLE,-,true,false,MARK", "IDLE,-,false,true,MARK", "IDLE,-,true,true,MARK",
        "IDLE,2,true,false,WAIT", "IDLE,2,true,true,WAIT", "IDLE,24,true,true,ACT", "IDLE,30,false,true,ACT",
        "IDLE,30,true,false,WAIT",
        "ACTIVE,2,true,true,UNMARK", "ACTIVE,-,true,true,NONE", "ACTIVE,30,false,true,NONE",
        // Missing evidence keeps the mark and does nothing: never acted on, never forgiven.
        "UNKNOWN,30,true,true,NONE", "TOO_YOUNG,30,true,true,NONE", "EXEMPT,30,true,true,NONE",
        // A mark that is not a time is no mark to count from; an ACTIVE resource still loses it.
        "IDLE,bad,true,true,MARK", "ACTIVE,bad,true,true,UNMARK"})
    void move_byVerdictMarkAndGrace(Verdict verdict, String hoursAgo, boolean mark, boolean acts, Move expected) {
        Map<String, Map<String, String>> tags = hoursAgo == null ? Map.of(ARN, Map.of())
                : Map.of(ARN, Map.of(IdleMarksAction.TAG, hoursAgo.equals("bad") ? "yesterday"
                        : NOW.minus(Duration.ofHours(Long.parseLong(hoursAgo))).toString()));
        Move move = IdleMarksAction.move(finding(verdict), tags, new SweepRequest.Marking(mark, Duration.ofHours(24)), acts, NOW);
        assertThat(move).isEqualTo(expected);
    }
}
