package dev.sweeper.app;

import dev.sweeper.core.AccountGateways;
import dev.sweeper.core.AwsCallException;
import dev.sweeper.core.Log;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Whose account a run reaches: the check of the expected account, and the roles assumed into others. */
public final class Accounts {
    /** An IAM role ARN; group 2 is its account. */
    public static final Pattern ROLE_ARN =
            Pattern.compile("^arn:aws(-[a-z]+)*:iam::(\\d{12}):role/[\\w+=,.@/-]{1,512}$");

    private final AccountGateways gateways;
    private final String stsRegion;
    private final Clock clock;
    private final Log log;

    public Accounts(AccountGateways gateways, String stsRegion, Clock clock, Log log) {
        this.gateways = gateways;
        this.stsRegion = stsRegion;
        this.clock = clock;
        this.log = log;
    }

    /**
     * A cron job pointed at the wrong profile must not change another account: with {@code apply},
     * a different or unconfirmable account refuses the run; a dry run only warns.
     *
     * @param expected the account the user expects, or null for no check
     * @throws RefusedException when an applying run is not in the expected account
     */
    public void checkExpected(String expected, boolean apply) {
        if (expected == null) {
            return;
        }
        String actual;
        try {
            actual = gateways.callerAccount(stsRegion);
        } catch (AwsCallException e) {
            if (apply) {
                throw new RefusedException("refusing to --apply: cannot confirm the account (" + e.getMessage() + ")");
            }
            log.warn("cannot confirm the account for --expect-account: " + e.getMessage());
            return;
        }
        if (!actual.equals(expected)) {
            String message = "the credentials belong to account " + actual + ", not " + expected
                    + " (--expect-account)";
            if (apply) {
                throw new RefusedException("refusing to --apply: " + message);
            }
            log.warn(message);
        }
    }

    /** Assumes each role; one that is refused becomes a reported failure of its account, not of the run. */
    public List<AccountScope> assume(List<String> roles, String externalId) {
        List<AccountScope> scopes = new ArrayList<>();
        if (roles.isEmpty()) {
            return scopes;
        }
        String session = sessionName(System.getProperty("user.name", "user"));
        for (String role : roles) {
            String account = accountOfRole(role);
            try {
                scopes.add(new AccountScope(account, gateways.assumeRole(role, externalId, session, stsRegion), null));
                log.debug("assumed " + role + " as " + session);
            } catch (AwsCallException e) {
                scopes.add(new AccountScope(account, null, "could not assume " + role + ": " + e.getMessage()));
            }
        }
        return scopes;
    }

    /**
     * {@code --accounts org}: the role to assume in each account, the accounts left out, and the OUs (or roots) to
     * keep to (empty: the whole Organization).
     */
    public record OrgRequest(String roleName, java.util.Set<String> exclude, List<String> parents, String externalId) {
        public OrgRequest {
            exclude = java.util.Set.copyOf(exclude);
            parents = List.copyOf(parents);
        }
    }

    /**
     * The accounts of the caller's Organization, each reached through the request's role; only ACTIVE ones (a
     * suspended or closing account is said on stderr and left out). The caller's own account, when listed, is swept
     * with the caller's own credentials: StackSets with service-managed permissions do not deploy to the management
     * account, so the member role is not there. A listing that fails is the run's one failure; a role that cannot
     * be assumed fails its account only.
     */
    public List<AccountScope> organization(OrgRequest req, java.util.concurrent.ExecutorService pool) {
        List<dev.sweeper.core.OrgAccount> listed;
        try {
            listed = gateways.organizationAccounts(stsRegion, req.parents());
        } catch (AwsCallException e) {
            return List.of(new AccountScope(null, null, "could not list the Organization's accounts: " + e.getMessage()));
        }
        String own = null;
        try {
            own = gateways.callerAccount(stsRegion);
        } catch (AwsCallException e) {
            log.debug("cannot tell the caller's own account: " + e.getMessage());
        }
        List<AccountScope> scopes = new ArrayList<>();
        List<String> roles = new ArrayList<>();
        for (dev.sweeper.core.OrgAccount a : listed) {
            String name = a.id() + (a.name() == null ? "" : " (" + a.name() + ")");
            if (req.exclude().contains(a.id())) {
                log.info("account " + name + ": left out (--exclude-accounts)");
            } else if (!a.active()) {
                log.info("account " + name + ": skipped, it is " + (a.state() == null ? "of no known state" : a.state())
                        + ", not ACTIVE");
            } else if (a.id().equals(own)) {
                log.info("account " + name + ": the caller's own, swept with its own credentials");
                scopes.add(new AccountScope(own, gateways, null));
            } else {
                roles.add("arn:aws:iam::" + a.id() + ":role/" + req.roleName());
            }
        }
        log.info("Organization: " + listed.size() + " accounts listed, " + (scopes.size() + roles.size())
                + " to sweep");
        scopes.addAll(assume(roles, req.externalId(), pool));
        return scopes;
    }

    /**
     * As {@link #assume(List, String)}, a few roles at a time on {@code pool} (the gateways bound the calls in
     * flight as for any other call); the order of {@code roles} is kept.
     */
    public List<AccountScope> assume(List<String> roles, String externalId, java.util.concurrent.ExecutorService pool) {
        if (roles.size() <= 1 || pool == null) {
            return assume(roles, externalId);
        }
        String session = sessionName(System.getProperty("user.name", "user"));
        return Parallel.map(roles, role -> assumeOne(role, externalId, session), pool);
    }

    private AccountScope assumeOne(String role, String externalId, String session) {
        String account = accountOfRole(role);
        try {
            AccountScope scope = new AccountScope(account, gateways.assumeRole(role, externalId, session, stsRegion), null);
            log.debug("assumed " + role + " as " + session);
            return scope;
        } catch (AwsCallException e) {
            return new AccountScope(account, null, "could not assume " + role + ": " + e.getMessage());
        }
    }

    /** The account of a role ARN, or null when it is not one. */
    public static String accountOfRole(String roleArn) {
        Matcher m = ROLE_ARN.matcher(roleArn);
        return m.matches() ? m.group(2) : null;
    }

    /** {@code sweeper-<user>-<time>}, within STS's 64 characters and its character set. */
    String sessionName(String userName) {
        String user = userName.replaceAll("[^\\w+=,.@-]", "");
        String time = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC).format(clock.instant());
        String name = "sweeper-" + (user.isEmpty() ? "user" : user) + "-" + time;
        return name.length() > 64 ? name.substring(0, 64) : name;
    }
}
