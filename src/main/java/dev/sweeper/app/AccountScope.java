package dev.sweeper.app;

import dev.sweeper.core.Gateways;

/**
 * One account to sweep and the gateways that reach it (through an assumed role, or the caller's
 * own credentials).
 *
 * @param accountId null when the caller's own account is not known
 * @param failure   why the account cannot be swept (the role could not be assumed), or null
 */
public record AccountScope(String accountId, Gateways gateways, String failure) {
}
