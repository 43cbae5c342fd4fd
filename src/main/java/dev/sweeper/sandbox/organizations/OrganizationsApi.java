package dev.sweeper.sandbox.organizations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sweeper.sandbox.fleet.FleetSpec;
import dev.sweeper.sandbox.protocol.AwsError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * AWS Organizations' listings (JSON 1.1, target prefix {@code AWSOrganizationsV20161128}, as in botocore's
 * organizations 2016-11-28 model): ListRoots, ListAccounts, ListAccountsForParent and
 * ListOrganizationalUnitsForParent over the fleet's {@code organization:}. The caller's own account is the
 * management account; every {@code accounts:} entry is a member, under the root or under its {@code ou} path.
 *
 * <p>As AWS documents (https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListAccounts.html):
 * these calls are for the management account (a delegated administrator is not modelled): another caller gets
 * AccessDeniedException; a caller outside any Organization gets AWSOrganizationsNotInUseException; MaxResults is 1
 * to 20; and "Organizations might return fewer results than the maximum even when there are more results
 * available": here a page holds at most {@link #PAGE} entries whatever MaxResults says, so that a client must follow
 * NextToken. Accounts carry {@code State}, not the legacy {@code Status}, which AWS retired on 2026-09-09.
 */
public final class OrganizationsApi {
    public static final String TARGET_PREFIX = "AWSOrganizationsV20161128.";
    static final int PAGE = 3;
    private static final List<String> OPERATIONS = List.of("ListRoots", "ListAccounts", "ListAccountsForParent",
            "ListOrganizationalUnitsForParent");
    /** ParentId in the service model. */
    private static final Pattern PARENT_ID = Pattern.compile("^(r-[0-9a-z]{4,32})|(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$");

    private record Member(String id, String name, String state, String parent, Instant joined) {
    }

    private record Unit(String id, String name, String parent, String path) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final String management;
    private final String orgId;
    private final String rootId;
    private final List<Member> members = new ArrayList<>();
    /** OU id → OU, in the order first named. */
    private final Map<String, Unit> units = new LinkedHashMap<>();

    /** Null when the fleet has no {@code organization:}. */
    public static OrganizationsApi of(FleetSpec fleet, Instant start) {
        return fleet.organization() == null ? null : new OrganizationsApi(fleet, start);
    }

    private OrganizationsApi(FleetSpec fleet, Instant start) {
        this.management = fleet.account();
        this.orgId = fleet.organization().id() != null ? fleet.organization().id() : "o-" + hash(management, 10);
        this.rootId = "r-" + hash(orgId, 4);
        members.add(new Member(management, "management", "ACTIVE", rootId, start.minusSeconds(400L * 86400)));
        int n = 0;
        for (FleetSpec.Account a : fleet.accounts()) {
            if (a.id().equals(management)) {
                continue;
            }
            String parent = a.ou() == null ? rootId : unit(a.ou());
            members.add(new Member(a.id(), a.name() != null ? a.name() : "account-" + a.id(),
                    a.state() != null ? a.state() : "ACTIVE", parent, start.minusSeconds((300L - n++) * 86400)));
        }
    }

    /** The OU at this path of names, created with its parents as needed; its id. */
    private String unit(String path) {
        String parent = rootId;
        String idPath = orgId + "/" + rootId + "/";
        for (String name : path.split("/")) {
            String key = parent + "/" + name;
            String id = "ou-" + rootId.substring(2) + "-" + hash(key, 8);
            idPath += id + "/";
            if (!units.containsKey(id)) {
                units.put(id, new Unit(id, name.trim(), parent, idPath));
            }
            parent = id;
        }
        return parent;
    }

    public static boolean known(String operation) {
        return OPERATIONS.contains(operation);
    }

    /** Serves one call; {@code api} null: the fleet has no Organization, so the caller is in none. */
    public static ObjectNode handle(OrganizationsApi api, String callerAccount, String operation, JsonNode in) {
        if (!known(operation)) {
            throw new AwsError("UnknownOperationException", 400, "The sandbox does not implement Organizations."
                    + operation);
        }
        if (api == null) {
            throw new AwsError("AWSOrganizationsNotInUseException", 400,
                    "Your account is not a member of an organization.");
        }
        return api.serve(callerAccount, operation, in);
    }

    private ObjectNode serve(String caller, String operation, JsonNode in) {
        if (members.stream().noneMatch(m -> m.id().equals(caller))) {
            throw new AwsError("AWSOrganizationsNotInUseException", 400,
                    "Your account is not a member of an organization.");
        }
        if (!caller.equals(management)) {
            throw new AwsError("AccessDeniedException", 400, "You don't have permissions to access this resource.");
        }
        int max = maxResults(in);
        return switch (operation) {
            case "ListRoots" -> page("Roots", List.of(root()), operation, "", in, max);
            case "ListAccounts" -> page("Accounts", members.stream().map(this::account).toList(), operation, "", in,
                    max);
            case "ListAccountsForParent" -> {
                String parent = parent(in);
                yield page("Accounts", members.stream().filter(m -> m.parent().equals(parent)).map(this::account)
                        .toList(), operation, parent, in, max);
            }
            default -> {
                String parent = parent(in);
                yield page("OrganizationalUnits", units.values().stream().filter(u -> u.parent().equals(parent))
                        .map(this::ou).toList(), operation, parent, in, max);
            }
        };
    }

    private static int maxResults(JsonNode in) {
        if (!in.hasNonNull("MaxResults")) {
            return 20;
        }
        int max = in.get("MaxResults").asInt();
        if (max < 1 || max > 20) {
            throw invalid(max < 1 ? "MIN_VALUE_EXCEEDED" : "MAX_VALUE_EXCEEDED", "You provided a value that "
                    + (max < 1 ? "is less than the minimum" : "exceeds the maximum") + " allowed for MaxResults.");
        }
        return max;
    }

    private String parent(JsonNode in) {
        String parent = in.hasNonNull("ParentId") ? in.get("ParentId").asText() : null;
        if (parent == null) {
            throw invalid("INPUT_REQUIRED", "You must specify a value for ParentId.");
        }
        if (!PARENT_ID.matcher(parent).matches()) {
            throw invalid("INVALID_PATTERN", "You specified a ParentId that doesn't match the required pattern.");
        }
        if (!parent.equals(rootId) && !units.containsKey(parent)) {
            throw new AwsError("ParentNotFoundException", 400,
                    "We can't find a root or OU with the ParentId that you specified.");
        }
        return parent;
    }

    /** One page, its NextToken bound to the operation and parent (another call's token is INVALID_NEXT_TOKEN). */
    private ObjectNode page(String member, List<ObjectNode> all, String operation, String parent, JsonNode in,
                            int max) {
        int from = 0;
        String bound = operation + "/" + parent + "/";
        if (in.hasNonNull("NextToken")) {
            String token;
            try {
                token = new String(Base64.getDecoder().decode(in.get("NextToken").asText()), StandardCharsets.UTF_8);
                if (!token.startsWith(bound)) {
                    throw new IllegalArgumentException();
                }
                from = Integer.parseInt(token.substring(bound.length()));
            } catch (IllegalArgumentException e) {
                throw invalid("INVALID_NEXT_TOKEN", "You specified an invalid value for nextToken.");
            }
        }
        int to = Math.min(all.size(), from + Math.min(max, PAGE));
        ObjectNode out = json.createObjectNode();
        ArrayNode list = out.putArray(member);
        all.subList(Math.min(from, to), to).forEach(list::add);
        if (to < all.size()) {
            out.put("NextToken", Base64.getEncoder().encodeToString((bound + to).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    private ObjectNode root() {
        ObjectNode r = json.createObjectNode();
        r.put("Id", rootId);
        r.put("Arn", "arn:aws:organizations::" + management + ":root/" + orgId + "/" + rootId);
        r.put("Name", "Root");
        r.putArray("PolicyTypes");
        return r;
    }

    private ObjectNode account(Member m) {
        ObjectNode a = json.createObjectNode();
        a.put("Id", m.id());
        a.put("Arn", "arn:aws:organizations::" + management + ":account/" + orgId + "/" + m.id());
        a.put("Email", "aws+" + m.id() + "@example.com");
        a.put("Name", m.name());
        a.put("State", m.state());
        a.put("JoinedMethod", m.id().equals(management) ? "CREATED" : "INVITED");
        a.put("JoinedTimestamp", m.joined().getEpochSecond()); // JSON 1.1: epoch seconds
        return a;
    }

    private ObjectNode ou(Unit u) {
        ObjectNode o = json.createObjectNode();
        o.put("Id", u.id());
        o.put("Arn", "arn:aws:organizations::" + management + ":ou/" + orgId + "/" + u.id());
        o.put("Name", u.name());
        // No Path: botocore's model has it, but the SDK for Java 2.40.2 in use would drop it (SandboxContractIT).
        return o;
    }

    /** The OU ids by path of names, for tests and the state snapshot. */
    public Map<String, String> unitIds() {
        Map<String, String> out = new LinkedHashMap<>();
        units.values().forEach(u -> out.put(u.path(), u.id()));
        return out;
    }

    public String rootId() {
        return rootId;
    }

    private static AwsError invalid(String reason, String message) {
        return new AwsError("InvalidInputException", 400, message + " (" + reason + ")");
    }

    private static String hash(String seed, int length) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
            for (int i = 0; i < length; i++) {
                sb.append(alphabet.charAt((h[i] & 0xff) % alphabet.length()));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
