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

    /**
     * The accounts of the caller's Organization (organizations:ListAccounts), or with {@code parents} only those
     * under these roots or OUs, recursively (ListAccountsForParent, ListOrganizationalUnitsForParent); {@code region}
     * picks the partition (Organizations is global).
     *
     * @throws AwsCallException when the Organization cannot be listed
     */
    java.util.List<OrgAccount> organizationAccounts(String region, java.util.List<String> parents);

    /**
     * The audit log kept in this CloudWatch Logs group, in the caller's account and this region; {@code runId}
     * names the stream a run writes (created at its first record), null to read only.
     */
    AuditStore cloudWatchLogsAudit(String region, String logGroup, String runId);

    /**
     * AWS's price list (pricing:GetProducts), read with these credentials wherever it answers; empty where there is
     * none to read.
     */
    default java.util.Optional<AwsPriceList> priceList() {
        return java.util.Optional.empty();
    }
}
