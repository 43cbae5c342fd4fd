package dev.sweeper.cli;

import dev.sweeper.audit.FileAuditStore;
import dev.sweeper.audit.JsonlAuditLog;
import dev.sweeper.core.AccountGateways;
import dev.sweeper.core.AuditLog;
import dev.sweeper.core.AuditStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Pattern;

/**
 * Where the audit log goes, from the {@code audit-log} setting: a JSON-lines file, or with
 * {@code cloudwatch-logs:GROUP} a CloudWatch Logs group in the first region swept, a stream per run. The setting
 * stays a {@link Path} on its way through the flags and the config (the two spellings cannot be confused: a file
 * path is never read as a group unless it starts with {@code cloudwatch-logs:}).
 */
final class AuditLogs {
    static final String CLOUDWATCH = "cloudwatch-logs:";
    /** LogGroupName in CloudWatch Logs' service model (botocore logs 2014-03-28). */
    private static final Pattern GROUP = Pattern.compile("[.\\-_/#A-Za-z0-9]{1,512}");

    private AuditLogs() {
    }

    /** The log group the setting names, or null for a file; a bad group name is a usage error. */
    static String logGroup(Path setting) {
        String text = setting == null ? null : setting.toString();
        if (text == null || !text.startsWith(CLOUDWATCH)) {
            return null;
        }
        String group = text.substring(CLOUDWATCH.length());
        if (!GROUP.matcher(group).matches()) {
            throw new UsageException("audit-log '" + text + "': '" + group + "' is not a CloudWatch Logs group name "
                    + "(1-512 of letters, digits and . - _ / #)");
        }
        return group;
    }

    /** The setting's value, checked: a place is required (null means neither XDG_STATE_HOME nor HOME is set). */
    static Path required(Path setting) {
        if (setting == null) {
            throw new UsageException("no place for the audit log: neither XDG_STATE_HOME nor HOME is set; "
                    + "give --audit-log FILE (or cloudwatch-logs:GROUP) or audit-log in the config");
        }
        logGroup(setting);
        return setting;
    }

    /** Opens the audit log for a run's records; a file that cannot be opened is a usage error. */
    static JsonlAuditLog forRun(Path setting, AccountGateways gateways, String region, Clock clock, AuditLog.Run run) {
        String group = logGroup(setting);
        if (group == null) {
            try {
                return JsonlAuditLog.open(setting, clock, run);
            } catch (IOException e) {
                throw new UsageException("cannot open the audit log " + setting + ": " + e.getMessage());
            }
        }
        return JsonlAuditLog.to(gateways.cloudWatchLogsAudit(region, group, run.id()), clock, run);
    }

    /** The audit log to read; {@code gateways} is used only for a log group (it may be null for a file). */
    static AuditStore reading(Path setting, AccountGateways gateways, String region) {
        String group = logGroup(setting);
        return group == null ? FileAuditStore.reading(setting) : gateways.cloudWatchLogsAudit(region, group, null);
    }
}
