package dev.sweeper.sandbox.sts;

import dev.sweeper.sandbox.fleet.Durations;
import dev.sweeper.sandbox.fleet.FleetSpec;
import dev.sweeper.sandbox.protocol.AwsError;
import dev.sweeper.sandbox.protocol.Params;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The STS operations the sweeper uses (Query protocol, version 2011-06-15), and the map from
 * access key ids to accounts that decides which account serves a request.
 *
 * <p>Keys issued by {@code AssumeRole} ({@code ASIA...}) are remembered with their secret, session
 * token, role and expiry; a request signed with one is served from the role's account, provided it
 * carries the matching session token and has not expired. Any other key is the caller's own account,
 * as the IAM user {@code arn:aws:iam::ACCOUNT:user/sandbox}.
 */
public final class StsApi {
    public static final String NS = "https://sts.amazonaws.com/doc/2011-06-15/";
    public static final String CALLER_USER = "sandbox";
    private static final Pattern ROLE_ARN = Pattern.compile("arn:(aws|aws-cn|aws-us-gov):iam::([0-9]{12}):role/(.+)");
    private static final Pattern ANY_TEXT = Pattern.compile("[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\x{10000}-\\x{10FFFF}]+");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]*");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]*");
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final long CHAINED_MAX_SECONDS = 3600;

    /** A role that may be assumed. */
    public record Role(String account, String name, String externalId, boolean deny, long maxSessionSeconds) {
        public String arn() {
            return "arn:aws:iam::" + account + ":role/" + name;
        }

        public String roleId() {
            return uniqueId("AROA", account + ":role/" + name);
        }
    }

    /** Temporary credentials issued by AssumeRole. */
    public record Session(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration,
                   Role role, String sessionName) {
        public String arn() {
            return "arn:aws:sts::" + role.account() + ":assumed-role/" + role.name() + "/" + sessionName;
        }

        public String assumedRoleId() {
            return role.roleId() + ":" + sessionName;
        }
    }

    /** Who signed a request: the caller's own IAM user ({@code session == null}) or an assumed-role session. */
    public record Principal(String account, String arn, String userId, Session session) {
    }

    private final String homeAccount;
    private final Clock clock;
    private final Map<String, Map<String, Role>> roles = new LinkedHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    public StsApi(FleetSpec fleet, Clock clock) {
        this.homeAccount = fleet.account();
        this.clock = clock;
        for (FleetSpec.Account a : fleet.accounts()) {
            Map<String, Role> byName = roles.computeIfAbsent(a.id(), k -> new LinkedHashMap<>());
            for (FleetSpec.Role r : a.roles()) {
                long max = r.maxSession() == null ? 3600 : Durations.parse(r.maxSession()).getSeconds();
                byName.put(r.name(), new Role(a.id(), r.name(), r.externalId(), Boolean.TRUE.equals(r.deny()), max));
            }
        }
    }

    public static boolean known(String action) {
        return List.of("GetCallerIdentity", "AssumeRole").contains(action);
    }

    public String homeAccount() {
        return homeAccount;
    }

    public Principal home() {
        return new Principal(homeAccount, "arn:aws:iam::" + homeAccount + ":user/" + CALLER_USER,
                uniqueId("AIDA", homeAccount + ":user/" + CALLER_USER), null);
    }

    /**
     * The principal behind {@code accessKeyId}: an assumed-role session when the key is one this
     * sandbox issued (then the session token must match and the session must not have expired),
     * else the caller's own user.
     *
     * @param service the called service ("SageMaker", "CloudWatch", "SNS", "STS"), for the error's shape
     * @throws AwsError InvalidClientTokenId (UnrecognizedClientException for SageMaker) for a missing or
     *                  wrong session token, ExpiredToken (ExpiredTokenException) after expiry
     */
    public Principal principal(String accessKeyId, String sessionToken, String service) {
        Session s = accessKeyId == null ? null : sessions.get(accessKeyId);
        if (s == null) {
            return home();
        }
        boolean json = service.equals("SageMaker");
        if (sessionToken == null || !sessionToken.equals(s.sessionToken())) {
            throw new AwsError(json ? "UnrecognizedClientException" : "InvalidClientTokenId", 403,
                    "The security token included in the request is invalid.");
        }
        if (!clock.instant().isBefore(s.expiration())) {
            throw new AwsError(json ? "ExpiredTokenException" : "ExpiredToken", json ? 400 : 403,
                    "The security token included in the request is expired");
        }
        return new Principal(s.role().account(), s.arn(), s.assumedRoleId(), s);
    }

    public Map<String, Object> handle(String op, Map<String, Object> in, Principal caller) {
        return switch (op) {
            case "GetCallerIdentity" -> getCallerIdentity(caller);
            case "AssumeRole" -> assumeRole(in, caller);
            default -> throw new AwsError("InvalidAction", 400, "Could not find operation " + op + " for version 2011-06-15");
        };
    }

    private static Map<String, Object> getCallerIdentity(Principal caller) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("UserId", caller.userId());
        r.put("Account", caller.account());
        r.put("Arn", caller.arn());
        return r;
    }

    private Map<String, Object> assumeRole(Map<String, Object> in, Principal caller) {
        String roleArn = Params.str(in, "RoleArn");
        String sessionName = Params.str(in, "RoleSessionName");
        String externalId = Params.str(in, "ExternalId");
        String durationText = Params.str(in, "DurationSeconds");

        List<String> problems = new ArrayList<>();
        if (roleArn == null) {
            problems.add(notNull("roleArn"));
        } else {
            pattern(problems, roleArn, "roleArn", ANY_TEXT, "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]+");
            length(problems, roleArn, "roleArn", 20, 2048);
        }
        if (sessionName == null) {
            problems.add(notNull("roleSessionName"));
        } else {
            pattern(problems, sessionName, "roleSessionName", SESSION_NAME, "[\\w+=,.@-]*");
            length(problems, sessionName, "roleSessionName", 2, 64);
        }
        if (externalId != null) {
            pattern(problems, externalId, "externalId", EXTERNAL_ID, "[\\w+=,.@:\\/-]*");
            length(problems, externalId, "externalId", 2, 1224);
        }
        Long duration = null;
        if (durationText != null) {
            try {
                duration = Long.parseLong(durationText.trim());
            } catch (NumberFormatException e) {
                throw new AwsError("MalformedInput", 400, "Input for DurationSeconds is not a valid integer");
            }
            if (duration < 900) {
                problems.add(constraint(durationText, "durationSeconds", "Member must have value greater than or equal to 900"));
            } else if (duration > 43200) {
                problems.add(constraint(durationText, "durationSeconds", "Member must have value less than or equal to 43200"));
            }
        }
        if (!problems.isEmpty()) {
            throw new AwsError("ValidationError", 400, problems.size() + " validation error" + (problems.size() == 1 ? "" : "s")
                    + " detected: " + String.join("; ", problems));
        }
        Matcher m = ROLE_ARN.matcher(roleArn);
        if (!m.matches()) {
            throw new AwsError("ValidationError", 400, "Request ARN is invalid");
        }
        Role role = roles.getOrDefault(m.group(2), Map.of()).get(m.group(3));
        boolean allowed = role != null && !role.deny()
                && (role.externalId() == null || role.externalId().equals(externalId));
        if (!allowed) {
            throw new AwsError("AccessDenied", 403, "User: " + caller.arn()
                    + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn);
        }
        long seconds = duration == null ? 3600 : duration;
        if (caller.session() != null && seconds > CHAINED_MAX_SECONDS) {
            throw new AwsError("ValidationError", 400,
                    "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        }
        if (seconds > role.maxSessionSeconds()) {
            throw new AwsError("ValidationError", 400,
                    "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        Instant expiration = clock.instant().plus(Duration.ofSeconds(seconds)).truncatedTo(ChronoUnit.SECONDS);
        Session s = new Session(newAccessKeyId(), randomText(30), "IQoJb3JpZ2luX2VjE" + randomText(270), expiration, role, sessionName);
        sessions.put(s.accessKeyId(), s);

        Map<String, Object> credentials = new LinkedHashMap<>();
        credentials.put("AccessKeyId", s.accessKeyId());
        credentials.put("SecretAccessKey", s.secretAccessKey());
        credentials.put("SessionToken", s.sessionToken());
        credentials.put("Expiration", s.expiration());
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("AssumedRoleId", s.assumedRoleId());
        user.put("Arn", s.arn());
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("Credentials", credentials);
        r.put("AssumedRoleUser", user);
        return r;
    }

    private static String notNull(String member) {
        return "Value null at '" + member + "' failed to satisfy constraint: Member must not be null";
    }

    private static String constraint(String value, String member, String rule) {
        return "Value '" + value + "' at '" + member + "' failed to satisfy constraint: " + rule;
    }

    /** {@code shown} is the pattern as AWS prints it in the message. */
    private static void pattern(List<String> problems, String value, String member, Pattern p, String shown) {
        if (!p.matcher(value).matches()) {
            problems.add(constraint(value, member, "Member must satisfy regular expression pattern: " + shown));
        }
    }

    private static void length(List<String> problems, String value, String member, int min, int max) {
        if (value.length() < min) {
            problems.add(constraint(value, member, "Member must have length greater than or equal to " + min));
        } else if (value.length() > max) {
            problems.add(constraint(value, member, "Member must have length less than or equal to " + max));
        }
    }

    private String newAccessKeyId() {
        while (true) {
            StringBuilder sb = new StringBuilder("ASIA");
            for (int i = 0; i < 16; i++) {
                sb.append(BASE32.charAt(random.nextInt(BASE32.length())));
            }
            String id = sb.toString();
            if (!sessions.containsKey(id)) {
                return id;
            }
        }
    }

    private String randomText(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getEncoder().withoutPadding().encodeToString(b);
    }

    /** An IAM-style unique id ({@code AIDA}/{@code AROA} + 17 characters), stable for the same seed. */
    public static String uniqueId(String prefix, String seed) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder(prefix);
            for (int i = 0; i < 17; i++) {
                sb.append(BASE32.charAt((h[i] & 0xff) % BASE32.length()));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
