package dev.sweeper.core;

/**
 * An account of the caller's AWS Organization, as ListAccounts gives it.
 *
 * @param state AWS's {@code State} (ACTIVE, SUSPENDED, PENDING_CLOSURE, CLOSED, PENDING_ACTIVATION), or the legacy
 *              {@code Status} where {@code State} is absent; null when neither is given
 */
public record OrgAccount(String id, String name, String state) {
    /** Only an ACTIVE account can be reached and swept. */
    public boolean active() {
        return "ACTIVE".equals(state);
    }
}
