package dev.sweeper.audit;

import dev.sweeper.app.job.IdleShutdownJob;
import dev.sweeper.core.AuditStore;
import dev.sweeper.core.StudioSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code apps idle-shutdown --undo} gives back, read from the audit log (a file or a CloudWatch Logs group, as
 * {@code sweeper audit} reads it): the settings the changes it recorded replaced.
 */
public final class SettingsUndo {
    private SettingsUndo() {
    }

    /**
     * The latest change applied (outcome done) to each domain or profile of this scope by {@code apps idle-shutdown}
     * (not an undo), by ARN; a later undo that was done removes it. Empty when there is none.
     *
     * @throws java.io.UncheckedIOException when the log cannot be read
     */
    public static Map<String, IdleShutdownJob.Undo> undoable(AuditStore store, StudioSettings.Scope scope) {
        List<JsonlAuditLog.LoggedChange> changes = JsonlAuditLog.settingsChanges(store);
        Map<String, IdleShutdownJob.Undo> out = new LinkedHashMap<>();
        for (JsonlAuditLog.LoggedChange c : changes) {
            if (!scope.id().equals(c.kind()) || !"done".equals(c.outcome())) {
                continue;
            }
            if (IdleShutdownJob.TYPE.equals(c.action())) {
                out.put(c.arn(), new IdleShutdownJob.Undo(c.before(), c.after()));
            } else if (IdleShutdownJob.UNDO_TYPE.equals(c.action())) {
                out.remove(c.arn());
            }
        }
        return out;
    }
}
