package dev.sweeper.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sweeper.sandbox.SandboxOptions;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks {@code config/iam-policy.json} against the operations the sweeper's adapters really made
 * while this class ran every command, as {@link SdkOperationRecorder} saw them: every operation must
 * be allowed, and every allowed action must have been used. Only its own runs count, each with an
 * audit-log directory of its own: the answer is the same run alone ({@code -Dit.test=LeastPrivilegeIT})
 * or after every other IT, whatever they called or left behind in this JVM or in {@code target/}.
 */
class LeastPrivilegeIT {
    static final Path POLICY = Path.of("config", "iam-policy.json");
    static final Path CHECKED = Path.of("target", "sdk-operations.checked.txt");
    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:sweeper-alerts";
    /** AWS answers these whatever the policy says (GetCallerIdentity works even when explicitly denied). */
    static final Set<String> NEEDS_NO_PERMISSION = Set.of("sts:GetCallerIdentity");
    static final Path PROFILE_APP_FLEET = Path.of("src/test/resources/safety/least-privilege-fleet.yaml");
    /** An idle endpoint hosting inference components: deleting it deletes them first. */
    static final Path COMPONENTS_FLEET = Path.of("src/test/resources/safety/least-privilege-components-fleet.yaml");

    /**
     * Every command once, acting, and every way of reaching AWS (roles, the Organization, the audit
     * log in CloudWatch Logs): what the checks below judge, and all they judge.
     */
    @BeforeAll
    static void everyCommandActsOnce() throws IOException {
        stateHome = Files.createTempDirectory("sweeper-least-privilege");
        made = SdkOperationRecorder.recordedDuring(LeastPrivilegeIT::runEveryCommand);
    }

    /** The operations the sweeper made in {@link #runEveryCommand}, as {@code Service:Operation}. */
    private static Set<String> made;
    /** Where this class's runs keep their audit log: not the directory the other ITs of the JVM share. */
    private static Path stateHome;

    private static void runEveryCommand() {
        try (Sandbox sb = Sandbox.start(SandboxOptions.defaults().withFleetFile(PROFILE_APP_FLEET))) {
            run(sb, "apps", "idle", "--output", "json");
        }
        try (Sandbox sb = Sandbox.start(SandboxOptions.defaults().withFleetFile(COMPONENTS_FLEET)
                .withTransitionDelay(java.time.Duration.ofMillis(100)))) {
            run(sb, "endpoints", "idle", "--delete", "--all", "--apply", "--output", "json");
        }
        try (Sandbox sb = Sandbox.sampleFleet()) {
            List<String[]> commands = List.of(
                    new String[] {"scan", "--max-age", "1d", "--output", "json"},
                    new String[] {"report", "--format", "json"},
                    new String[] {"endpoints", "idle", "--delete", "--all", "--apply", "--notify", "--topic-arn", TOPIC,
                        "--output", "json"},
                    new String[] {"apps", "idle", "--max-age", "1d", "--delete", "--all", "--apply", "--output", "json"},
                    new String[] {"stop-notebooks", "--name-contains", "dev-alice", "--apply", "--wait",
                        "--output", "json"},
                    new String[] {"start-notebooks", "--name-contains", "dev-", "--only-swept", "--apply",
                        "--output", "json"},
                    new String[] {"autostop-notebooks", "--all", "--apply", "--output", "json"},
                    new String[] {"mlflow", "stop", "--all", "--include-active", "--apply", "--wait", "--output", "json"},
                    new String[] {"mlflow", "start", "--only-swept", "--apply", "--output", "json"},
                    new String[] {"apps", "idle-shutdown", "--user-profiles", "--all", "--apply", "--output", "json"},
                    new String[] {"apps", "idle-shutdown", "--domains", "--all", "--apply", "--output", "json"});
            commands.forEach(command -> run(sb, command));
        }
        try (Sandbox sb = Sandbox.start(SandboxOptions.defaults()
                .withFleetFile(Path.of("config/multi-account-fleet.yaml")))) {
            run(sb, "endpoints", "idle", "--role-arn", "arn:aws:iam::111122223333:role/SweeperRole", "--output",
                    "json");
            // --accounts org: the whole Organization, then one OU (found with the test's own client, not recorded).
            run(sb, "endpoints", "idle", "--accounts", "org", "--role-name", "SweeperRole", "--external-id",
                    "sweeper-ext", "--exclude-accounts", "777788889999", "--output", "json");
            String ou;
            try (var org = software.amazon.awssdk.services.organizations.OrganizationsClient.builder()
                    .endpointOverride(java.net.URI.create(sb.url()))
                    .region(software.amazon.awssdk.regions.Region.US_EAST_1).build()) {
                String root = org.listRoots().roots().get(0).id();
                ou = org.listOrganizationalUnitsForParent(b -> b.parentId(root)).organizationalUnits().get(0).id();
            }
            run(sb, "endpoints", "idle", "--accounts", "org", "--role-name", "SweeperRole", "--external-id",
                    "sweeper-ext", "--ou", ou, "--exclude-accounts", "777788889999", "--output", "json");
            // The audit log in a CloudWatch Logs group (made by the test, as the Lambda template makes it), read back.
            try (var logs = software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient.builder()
                    .endpointOverride(java.net.URI.create(sb.url()))
                    .region(software.amazon.awssdk.regions.Region.US_EAST_1).build()) {
                logs.createLogGroup(b -> b.logGroupName("/sweeper/audit"));
            }
            run(sb, "endpoints", "idle", "--role-arn", "arn:aws:iam::111122223333:role/SweeperRole", "--delete",
                    "--all", "--audit-log", "cloudwatch-logs:/sweeper/audit", "--output", "json");
            run(sb, "audit", "--audit-log", "cloudwatch-logs:/sweeper/audit", "--output", "json");
        }
    }

    private static void run(Sandbox sb, String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--endpoint-url", sb.url(), "--region", "us-east-1"));
        Cli.Run run = Cli.run(java.util.Map.of("XDG_STATE_HOME", stateHome.toString()), args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.toString()).isZero();
    }

    /** The checked list stays for reading. */
    @AfterAll
    static void keepTheCheckedList() throws IOException {
        Files.createDirectories(CHECKED.getParent());
        Files.write(CHECKED, made == null ? List.of() : List.copyOf(made));
    }

    @Test
    void iamPolicy_whenComparedWithTheOperationsMade_allowsEveryOne() throws IOException {
        List<String> allowed = allowedActions();
        Set<String> missing = new TreeSet<>();
        for (String action : used()) {
            if (!NEEDS_NO_PERMISSION.contains(action) && allowed.stream().noneMatch(a -> matches(a, action))) {
                missing.add(action);
            }
        }

        assertThat(missing).as("operations the sweeper made that " + POLICY + " does not allow").isEmpty();
    }

    @Test
    void iamPolicy_whenComparedWithTheOperationsMade_grantsNothingUnused() throws IOException {
        Set<String> used = used();
        Set<String> extra = new TreeSet<>();
        for (String a : allowedActions()) {
            if (used.stream().noneMatch(action -> matches(a, action))) {
                extra.add(a);
            }
        }

        assertThat(extra).as("actions " + POLICY + " allows that the sweeper never used").isEmpty();
    }

    /** The recorded operations as IAM actions, e.g. {@code sagemaker:ListEndpoints}. */
    private static Set<String> used() {
        Set<String> used = new TreeSet<>();
        for (String op : made) {
            int colon = op.indexOf(':');
            used.add(iamPrefix(op.substring(0, colon)) + ":" + op.substring(colon + 1));
        }
        assertThat(used).as("operations the sweeper made in this class's runs").isNotEmpty();
        return used;
    }

    private static List<String> allowedActions() throws IOException {
        JsonNode policy = new ObjectMapper().readTree(POLICY.toFile());
        List<String> out = new ArrayList<>();
        for (JsonNode statement : policy.path("Statement")) {
            if (!"Allow".equals(statement.path("Effect").asText())) {
                continue;
            }
            JsonNode action = statement.path("Action");
            if (action.isTextual()) {
                out.add(action.asText());
            } else {
                action.forEach(a -> out.add(a.asText()));
            }
        }
        return out;
    }

    /** The SDK's service name (SageMaker, CloudWatch, CloudWatch Logs, SNS, Resource Groups Tagging API) as IAM's action prefix. */
    private static String iamPrefix(String sdkServiceName) {
        String id = sdkServiceName.toLowerCase(Locale.ROOT).replace(" ", "");
        return id.equals("cloudwatchlogs") ? "logs" : id.contains("tagging") ? "tag" : id;
    }

    /** IAM matches actions case-insensitively, with {@code *} and {@code ?} wildcards. */
    private static boolean matches(String pattern, String action) {
        String regex = Pattern.quote(pattern).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE).matcher(action).matches();
    }
}
