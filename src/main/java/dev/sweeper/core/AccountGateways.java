package dev.sweeper.core;

/** The caller's own gateways, which also know whose credentials they hold and reach other accounts through roles. */
public interface AccountGateways extends Gateways {
    /** The account the credentials belong to (STS GetCallerIdentity); throws {@link AwsCallException}. */
    String callerAccount(String stsRegion);

    /**
     * Gateways into another account, through a role assumed with these credentials; the role is
     * assumed at once, so that a refusal is known before anything else is called.
     *
     * @throws AwsCallException when the role cannot be assumed
     */
    Gateways assumeRole(String roleArn, String externalId, String sessionName, String stsRegion);
}
