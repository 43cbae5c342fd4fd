package dev.sweeper.core;


/**
 * The record of every action: written before an action is attempted and again with its outcome,
 * so that a run killed halfway still leaves a true account of what it did.
 */
public interface AuditLog {
    /** Appends one entry for this finding's action and makes it durable before returning. */
    void record(Finding finding, Action action);

    /**
     * Appends one entry for a change of a domain's or user profile's idle-shutdown settings, with the settings
     * before and after (by app type), so that the change can be undone from the log.
     */
    default void record(SettingsChange change) {
    }

    /**
     * @param kind   {@code domain} or {@code user-profile}
     * @param before the changed app types' settings as they were; {@code after} as they are asked to become
     */
    record SettingsChange(String region, String kind, String domainId, String name, String arn, String action,
                          Action.Outcome outcome, String detail, java.util.Map<String, StudioSettings.Idle> before,
                          java.util.Map<String, StudioSettings.Idle> after) {
    }

    /**
     * The run every record belongs to, written on each of them by every sink (a file's lines, a CloudWatch Logs
     * stream's events), so that the records of two runs at the same time can be told apart.
     *
     * @param id      the run's UTC start time and a random suffix, e.g. {@code 20261206T215520Z-3fa9c2d1}: sorts
     *                by time, and is a valid CloudWatch Logs stream name (no ':' or '*')
     * @param command the command, e.g. {@code stop-notebooks}
     */
    record Run(String id, String command) {
        private static final java.time.format.DateTimeFormatter STAMP = java.time.format.DateTimeFormatter
                .ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(java.time.ZoneOffset.UTC);

        public Run {
            java.util.Objects.requireNonNull(id, "id");
        }

        /** A run started at this time; {@code random} gives its suffix (any 32 bits). */
        public static Run of(String command, java.time.Instant startedAt, int random) {
            return new Run(STAMP.format(startedAt) + "-" + String.format("%08x", random), command);
        }
    }

    AuditLog NONE = (finding, action) -> { };
}
