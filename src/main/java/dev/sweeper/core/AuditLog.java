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

    AuditLog NONE = (finding, action) -> { };
}
