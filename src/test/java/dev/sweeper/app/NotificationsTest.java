package dev.sweeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sweeper.core.Evaluation;
import dev.sweeper.core.Evidence;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Kind;
import dev.sweeper.core.Protection;
import dev.sweeper.core.Resource;
import dev.sweeper.core.SweepResult;
import dev.sweeper.core.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotificationsTest {
    static final Instant NOW = Instant.parse("2026-11-28T15:00:00Z");

    static Finding idle(String name, String reason) {
        Resource r = new Resource(name, "us-east-1", null, "InService", "ml.m5.xlarge", 2,
                NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(3)), Resource.EndpointShape.listed(), null);
        return new Finding(r, new Evaluation(Verdict.IDLE, List.of(reason), Evidence.notGathered()), Protection.NONE,
                0.46, null, null, null, null, null);
    }

    static SweepResult result(List<Finding> findings) {
        return new SweepResult("endpoints idle", false, NOW, Duration.ofHours(24), findings, List.of(), null);
    }

    @Test
    void compose_whenSmall_isOneMessageListingEachIdleResource() {
        List<Notifications.Message> m = Notifications.compose(result(List.of(idle("fraud-v2", "0 invocations"))));

        assertThat(m).hasSize(1);
        assertThat(m.get(0).subject()).isEqualTo("SageMaker Sweeper: 1 idle, $0.4600/h");
        assertThat(m.get(0).body()).contains("- [us-east-1] endpoint fraud-v2 (ml.m5.xlarge x2), up 3d, $0.4600/h")
                .contains("    0 invocations");
    }

    @Test
    void compose_whenOverTheLimit_splitsIntoNumberedPartsAndLosesNothing() {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            findings.add(idle("endpoint-" + i, "0 invocations in the last 24h — " + "é".repeat(100)));
        }

        List<Notifications.Message> m = Notifications.compose(result(findings));

        assertThat(m.size()).isGreaterThan(1);
        for (int i = 0; i < m.size(); i++) {
            Notifications.Message part = m.get(i);
            assertThat(part.body().getBytes(StandardCharsets.UTF_8).length)
                    .isLessThanOrEqualTo(Notifications.MAX_MESSAGE_BYTES);
            assertThat(part.subject()).endsWith("(" + (i + 1) + "/" + m.size() + ")").hasSizeLessThanOrEqualTo(100)
                    .matches("[\\x20-\\x7E]+");
            assertThat(part.body()).contains("Part " + (i + 1) + " of " + m.size());
        }
        String all = String.join("\n", m.stream().map(Notifications.Message::body).toList());
        for (int i = 0; i < 3000; i++) {
            assertThat(all).contains("endpoint endpoint-" + i + " ");
        }
    }

    @Test
    void compose_whenOneEntryIsLargerThanAMessage_cutsItAcrossPartsWithoutDroppingIt() {
        String huge = "Q".repeat(400_000);
        List<Notifications.Message> m = Notifications.compose(result(List.of(idle("big", huge))));

        assertThat(m).hasSizeGreaterThan(1);
        long xs = m.stream().mapToLong(p -> p.body().chars().filter(c -> c == 'Q').count()).sum();
        assertThat(xs).isEqualTo(400_000);
        assertThat(m).allSatisfy(p -> assertThat(p.body().getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(Notifications.MAX_MESSAGE_BYTES));
    }

    @Test
    void compose_whenNothingIdle_saysSo() {
        List<Notifications.Message> m = Notifications.compose(result(List.of()));

        assertThat(m).hasSize(1);
        assertThat(m.get(0).body()).contains("Nothing idle.");
    }
}
