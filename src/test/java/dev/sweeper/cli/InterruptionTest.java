package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sweeper.app.ActionProgress;
import dev.sweeper.core.Action.Outcome;
import dev.sweeper.core.AuditLog;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What stderr says when a run is interrupted (Ctrl-C): done, failed, in flight, left, and the audit log. */
class InterruptionTest {
    static final AuditLog.Run RUN = AuditLog.Run.of("stop-notebooks", Instant.parse("2026-12-06T21:55:20Z"), 0x3fa9c2d1);

    static ActionProgress.Entry entry(String name, Outcome outcome, String detail) {
        return new ActionProgress.Entry("notebook", name, "us-east-1", "stop", outcome, detail);
    }

    @Test
    void report_whenInterruptedHalfway_saysWhatWasDoneWhatWasLeftAndWhereTheLogIs() {
        ActionProgress.Snapshot s = new ActionProgress.Snapshot(
                List.of(entry("dev-alice", Outcome.DONE, "stopping"), entry("dev-erin", Outcome.FAILED, "ThrottlingException")),
                List.of(entry("dev-bob", Outcome.PLANNED, "attempting")),
                List.of(entry("dev-dan", Outcome.PLANNED, "would stop it"), entry("dev-fay", Outcome.PLANNED, "would stop it")));

        List<String> lines = Interruption.report(s, Path.of("/var/log/sweeper/audit.jsonl"), RUN, "stop-notebooks");

        assertThat(lines).containsExactly(
                "interrupted: stop-notebooks stopped after 2 of 5 planned stops; no further one is started",
                "  1 done: notebook dev-alice",
                "  1 failed: notebook dev-erin (ThrottlingException)",
                "  1 in progress, outcome not known yet (the audit log has it once AWS answered): notebook dev-bob",
                "  2 left, not started: notebook dev-dan, notebook dev-fay",
                "audit log: /var/log/sweeper/audit.jsonl (run 20261206T215520Z-3fa9c2d1)");
    }

    @Test
    void report_whenInterruptedBeforeAnyAction_saysSo() {
        List<String> lines = Interruption.report(new ActionProgress.Snapshot(List.of(), List.of(), List.of()),
                Path.of("/tmp/a.jsonl"), RUN, "endpoints idle");

        assertThat(lines).containsExactly("interrupted: endpoints idle had started no action",
                "audit log: /tmp/a.jsonl (run 20261206T215520Z-3fa9c2d1)");
    }
}
