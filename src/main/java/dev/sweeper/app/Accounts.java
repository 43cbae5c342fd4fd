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
