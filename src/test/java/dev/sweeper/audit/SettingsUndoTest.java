package dev.sweeper.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sweeper.app.job.IdleShutdownJob;
import dev.sweeper.core.Action.Outcome;
import dev.sweeper.core.AuditLog;
import dev.sweeper.core.StudioSettings;
import dev.sweeper.core.StudioSettings.Idle;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code apps idle-shutdown --undo} reads back from the audit log: the latest applied change per ARN. */
class SettingsUndoTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T21:55:20Z"), ZoneOffset.UTC);
    static final Map<String, Idle> OFF = Map.of("JupyterLab", new Idle("DISABLED", null, null, null));
    static final Map<String, Idle> ON_60 = Map.of("JupyterLab", new Idle("ENABLED", 60, null, null));
    static final Map<String, Idle> ON_120 = Map.of("JupyterLab", new Idle("ENABLED", 120, null, null));

    @TempDir
    Path dir;

    static AuditLog.SettingsChange change(String kind, String name, String action, Outcome outcome,
                                          Map<String, Idle> before, Map<String, Idle> after) {
        return new AuditLog.SettingsChange("us-east-1", kind, "d-1", name, "arn:" + kind + "/" + name, action, outcome,
                "x", before, after);
    }

    @Test
    void undoable_keepsTheLatestDoneChangePerArn_ofThatScope_withoutThoseUndoneSince() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        try (JsonlAuditLog log = JsonlAuditLog.open(file, CLOCK, AuditLog.Run.of("apps idle-shutdown",
                CLOCK.instant(), 1))) {
            log.record(change("user-profile", "dana", IdleShutdownJob.TYPE, Outcome.PLANNED, OFF, ON_60));
            log.record(change("user-profile", "dana", IdleShutdownJob.TYPE, Outcome.DONE, OFF, ON_60));
            log.record(change("user-profile", "dana", IdleShutdownJob.TYPE, Outcome.DONE, ON_60, ON_120));
            log.record(change("user-profile", "gina", IdleShutdownJob.TYPE, Outcome.DONE, OFF, ON_60));
            log.record(change("user-profile", "gina", IdleShutdownJob.UNDO_TYPE, Outcome.DONE, ON_60, OFF));
            log.record(change("user-profile", "hal", IdleShutdownJob.TYPE, Outcome.FAILED, OFF, ON_60));
            log.record(change("domain", "locked", IdleShutdownJob.TYPE, Outcome.DONE, OFF, ON_60));
        }

        Map<String, IdleShutdownJob.Undo> undo;
        try (var store = FileAuditStore.reading(file)) {
            undo = SettingsUndo.undoable(store, StudioSettings.Scope.USER_PROFILE);
        }

        assertThat(undo).containsOnlyKeys("arn:user-profile/dana");
        assertThat(undo.get("arn:user-profile/dana")).isEqualTo(new IdleShutdownJob.Undo(ON_60, ON_120));
    }
}
