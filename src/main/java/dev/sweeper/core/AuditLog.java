package dev.sweeper.core;


/**
 * The record of every action: written before an action is attempted and again with its outcome,
 * so that a run killed halfway still leaves a true account of what it did.
 */
public interface AuditLog {
    /** Appends one entry for this finding's action and makes it durable before returning. */
    void record(Finding finding, Action action);

    AuditLog NONE = (finding, action) -> { };
}
