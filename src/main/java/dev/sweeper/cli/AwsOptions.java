package dev.sweeper.cli;

import dev.sweeper.aws.AwsSettings;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Where to reach AWS, and which config file to read: taken by every command that calls AWS. */
public final class AwsOptions {
    @Option(names = "--region", split = ",", paramLabel = "REGION",
            description = "AWS region(s), repeatable or comma-separated, or all (every region with SageMaker); "
                    + "default: AWS_REGION, then the profile.")
    List<String> regions = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "PROFILE", description = "Named profile from the AWS config files.")
    String profile;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "Send every AWS call to this endpoint (the sandbox, moto, LocalStack).")
    String endpointUrl;

    @Option(names = "--allow-insecure-endpoint",
            description = "Allow a plain http:// --endpoint-url that is not a loopback address.")
    boolean allowInsecureEndpoint;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML config file (see config/sweeper.example.yaml).")
    Path config;

    @Option(names = "--call-timeout", paramLabel = "DURATION", converter = Converters.CallTimeout.class,
            completionCandidates = Converters.CallTimeout.class,
            description = "How long one AWS call may take, retries included (default: 60s; 1s to 15m).")
    Duration callTimeout;

    @Option(names = "--tps", paramLabel = "N|FAMILY=N,...|off",
            description = "Most requests a second per AWS operation: N for every family, or per family "
                    + "(sagemaker-list, sagemaker-describe, sagemaker-other, cloudwatch, sns, tagging, logs, "
                    + "logs-filter), "
                    + "or off; overrides the config's rate-limits (defaults: see README).")
    String tps;

    /** Profile, endpoint and timeouts for the SDK clients. */
    AwsSettings settings(URI endpoint) {
        return AwsSettings.of(profile, endpoint, callTimeout != null ? callTimeout : AwsSettings.DEFAULT_CALL_TIMEOUT);
    }

    @Option(names = "--role-arn", paramLabel = "ARN",
            description = "Sweep the account of this IAM role, assumed through STS (repeatable).")
    List<String> roleArns = new ArrayList<>();

    @Option(names = "--accounts", split = ",", paramLabel = "ID|org",
            description = "Sweep these accounts through the role --role-name in each (comma-separated), or org: "
                    + "every ACTIVE account of the caller's AWS Organization (organizations:ListAccounts).")
    List<String> accounts = new ArrayList<>();

    @Option(names = "--role-name", paramLabel = "NAME", description = "The role to assume in each of --accounts.")
    String roleName;

    @Option(names = "--exclude-accounts", split = ",", paramLabel = "ID",
            description = "With --accounts org: leave these accounts out (comma-separated).")
    List<String> excludeAccounts = new ArrayList<>();

    @Option(names = "--ou", split = ",", paramLabel = "ID",
            description = "With --accounts org: only the accounts under these OUs (or roots), nested OUs included.")
    List<String> ous = new ArrayList<>();

    /** ParentId in Organizations' service model (botocore organizations 2016-11-28). */
    static final java.util.regex.Pattern PARENT_ID =
            java.util.regex.Pattern.compile("^(r-[0-9a-z]{4,32})|(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$");

    /** --accounts org: the Organization's accounts, found at run time. */
    boolean organization() {
        return accounts.size() == 1 && accounts.get(0).trim().equals("org");
    }

    /** What --accounts org asks for, checked; null without it. */
    dev.sweeper.app.Accounts.OrgRequest organizationRequest() {
        if (!organization()) {
            if (!excludeAccounts.isEmpty() || !ous.isEmpty()) {
                throw new UsageException((ous.isEmpty() ? "--exclude-accounts" : "--ou") + " goes with --accounts org");
            }
            return null;
        }
        roles(); // checks --role-name and the rest
        if (!roleArns.isEmpty()) {
            throw new UsageException("--role-arn and --accounts org cannot be combined: org reaches every account "
                    + "through --role-name");
        }
        for (String id : excludeAccounts) {
            if (!ACCOUNT.matcher(id.trim()).matches()) {
                throw new UsageException("--exclude-accounts: '" + id + "' is not a 12-digit account id");
            }
        }
        for (String ou : ous) {
            if (!PARENT_ID.matcher(ou.trim()).matches()) {
                throw new UsageException("--ou '" + ou + "' is not an OU id (ou-xxxx-xxxxxxxx) or a root id (r-xxxx)");
            }
        }
        return new dev.sweeper.app.Accounts.OrgRequest(roleName,
                excludeAccounts.stream().map(String::trim).collect(java.util.stream.Collectors.toSet()),
                ous.stream().map(String::trim).distinct().toList(), externalId);
    }

    @Option(names = "--external-id", paramLabel = "ID", description = "External id for the roles assumed.")
    String externalId;

    @Option(names = "--expect-account", paramLabel = "ID",
            description = "Refuse to --apply anything unless the credentials belong to this account.")
    String expectAccount;

    static final java.util.regex.Pattern ACCOUNT = java.util.regex.Pattern.compile("^\\d{12}$");

    /** The roles to assume, from --role-arn and from --accounts with --role-name; checked. */
    List<String> roles() {
        if (!accounts.isEmpty() && roleName == null) {
            throw new UsageException("--accounts needs --role-name (the role to assume in each account)");
        }
        if (roleName != null && accounts.isEmpty()) {
            throw new UsageException("--role-name goes with --accounts");
        }
        if (externalId != null && roleArns.isEmpty() && accounts.isEmpty()) {
            throw new UsageException("--external-id goes with --role-arn or --accounts");
        }
        if (expectAccount != null && !ACCOUNT.matcher(expectAccount).matches()) {
            throw new UsageException("--expect-account '" + expectAccount + "' is not a 12-digit account id");
        }
        List<String> roles = new ArrayList<>();
        for (String arn : roleArns) {
            if (!dev.sweeper.app.Accounts.ROLE_ARN.matcher(arn).matches()) {
                throw new UsageException("--role-arn '" + arn + "' is not an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)");
            }
            roles.add(arn);
        }
        if (accounts.stream().anyMatch(a -> a.trim().equals("org")) && !organization()) {
            throw new UsageException("--accounts org stands alone: it cannot be mixed with account ids");
        }
        if (organization()) {
            if (!roleName.matches("[\\w+=,.@/-]{1,64}")) {
                throw new UsageException("--role-name '" + roleName + "' is not a valid role name");
            }
            return roles.stream().distinct().toList();
        }
        for (String account : accounts) {
            if (!ACCOUNT.matcher(account.trim()).matches()) {
                throw new UsageException("--accounts: '" + account + "' is not a 12-digit account id");
            }
            if (!roleName.matches("[\\w+=,.@/-]{1,64}")) {
                throw new UsageException("--role-name '" + roleName + "' is not a valid role name");
            }
            roles.add("arn:aws:iam::" + account.trim() + ":role/" + roleName);
        }
        return roles.stream().distinct().toList();
    }

    /** The endpoint as a URI, checked: http(s) only, and plain http only to loopback unless allowed. */
    URI endpoint() {
        return endpoint(java.util.Map.of());
    }

    /**
     * The endpoint from --endpoint-url, else from AWS_ENDPOINT_URL (the SDK's own variable, read here
     * too so that it is checked as the flag is: a typo is one line, plain http only to loopback).
     */
    URI endpoint(java.util.Map<String, String> env) {
        String given = endpointUrl;
        String name = "--endpoint-url";
        if (given == null && env.get("AWS_ENDPOINT_URL") != null && !env.get("AWS_ENDPOINT_URL").isBlank()) {
            given = env.get("AWS_ENDPOINT_URL").trim();
            name = "AWS_ENDPOINT_URL";
        }
        if (given == null) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(given);
        } catch (URISyntaxException e) {
            throw new UsageException(name + " '" + given + "' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new UsageException(name + " '" + given + "' must be an http:// or https:// URL with a host");
        }
        if (scheme.equals("http") && !allowInsecureEndpoint && !isLoopback(uri.getHost())) {
            throw new UsageException(name + " '" + given
                    + "' is plain http to a non-loopback host: credentials would cross the network unencrypted"
                    + " (use https, or --allow-insecure-endpoint)");
        }
        return uri;
    }

    private static boolean isLoopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        // Only literal addresses are checked: a name is never resolved here.
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
