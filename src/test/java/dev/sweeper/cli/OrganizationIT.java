package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sweeper.sandbox.SandboxOptions;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.OrganizationalUnit;

/**
 * Issue 28, point 2: {@code --accounts org} on the multi-account sample fleet, an Organization of five accounts (the
 * caller's own as management account, one SUSPENDED, one whose role denies the caller), listed in pages.
 */
class OrganizationIT {
    static final String OWN = "123456789012";
    static final String A = "111122223333";
    static final String B = "444455556666";
    static final String LOCKED = "777788889999";
    static final String SUSPENDED = "222233334444";

    @RegisterExtension
    final Sandbox sandbox = Sandbox.perTest(SandboxOptions.defaults()
            .withFleetFile(Path.of("config/multi-account-fleet.yaml")));

    static List<String> accountsOf(JsonNode doc) {
        return StreamSupport.stream(doc.path("resources").spliterator(), false)
                .map(r -> r.path("account").asText()).distinct().sorted().toList();
    }

    @Test
    void scan_accountsOrg_coversEveryActiveAccount_skipsTheSuspendedOne_andReportsTheDeniedRole() {
        Cli.Run run = sandbox.sweeper("scan", "--accounts", "org", "--role-name", "SweeperRole",
                "--external-id", "sweeper-ext");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        JsonNode doc = run.json();
        assertThat(accountsOf(doc)).containsExactly(A, OWN, B);
        assertThat(run.byName()).containsKeys("home-fraud", "churn-batch", "forecast-weekly")
                .doesNotContainKeys("suspended-idle", "locked-idle");
        assertThat(doc.path("problems")).hasSize(1);
        assertThat(doc.path("problems").get(0).asText()).startsWith("account " + LOCKED + ": could not assume")
                .contains("AccessDenied");
        assertThat(run.err()).contains("account " + SUSPENDED + " (closed-team): skipped, it is SUSPENDED");
        // Five accounts at three a page: the listing followed NextToken.
        assertThat(sandbox.calls("Organizations.ListAccounts")).isEqualTo(2);
        // The caller's own account with its own credentials; never the suspended one's role.
        assertThat(sandbox.calls("STS.AssumeRole")).isEqualTo(3);
        // Totals per account and over all of them.
        JsonNode perAccount = doc.path("accounts");
        assertThat(perAccount).extracting(a -> a.path("account").asText()).containsExactly(A, OWN, B, LOCKED);
        JsonNode a = perAccount.get(0);
        assertThat(a.path("summary").path("total").asInt()).isEqualTo(
                (int) StreamSupport.stream(doc.path("resources").spliterator(), false)
                        .filter(r -> r.path("account").asText().equals(A)).count());
        assertThat(perAccount.get(3).path("failure").asText()).contains("AccessDenied");
        assertThat(perAccount.findValues("total").stream().mapToInt(JsonNode::asInt).sum())
                .isEqualTo(doc.path("summary").path("total").asInt());
    }

    @Test
    void scan_accountsOrg_withOuAndExclude_sweepsOnlyThatSubtreeLessTheExcluded() {
        String workloads;
        try (OrganizationsClient org = OrganizationsClient.builder().endpointOverride(URI.create(sandbox.url()))
                .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDSANDBOX", "s"))).build()) {
            String root = org.listRoots().roots().get(0).id();
            workloads = org.listOrganizationalUnitsForParent(b -> b.parentId(root)).organizationalUnits().stream()
                    .filter(u -> u.name().equals("Workloads")).map(OrganizationalUnit::id).findFirst().orElseThrow();
        }
        sandbox.resetStats();

        Cli.Run run = sandbox.sweeper("scan", "--kinds", "endpoint", "--accounts", "org", "--role-name",
                "SweeperRole", "--external-id", "sweeper-ext", "--ou", workloads, "--exclude-accounts", LOCKED);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(accountsOf(run.json())).containsExactly(A, B);
        assertThat(sandbox.calls("Organizations.ListAccounts")).isZero();
        assertThat(sandbox.calls("Organizations.ListAccountsForParent")).as("Workloads, Prod, Dev").isEqualTo(3);
        assertThat(sandbox.calls("STS.AssumeRole")).isEqualTo(2);
    }

    @Test
    void accountsOrg_whenMisused_exitsTwoBeforeAnyCall() {
        Cli.Run noRole = sandbox.sweeper("scan", "--accounts", "org");
        Cli.Run mixed = sandbox.sweeper("scan", "--accounts", "org,111122223333", "--role-name", "R");
        Cli.Run badOu = sandbox.sweeper("scan", "--accounts", "org", "--role-name", "R", "--ou", "Workloads");
        Cli.Run excludeAlone = sandbox.sweeper("scan", "--exclude-accounts", A);
        Cli.Run withRoleArn = sandbox.sweeper("scan", "--accounts", "org", "--role-name", "SweeperRole",
                "--role-arn", "arn:aws:iam::111122223333:role/SweeperRole");

        assertThat(List.of(noRole, mixed, badOu, excludeAlone, withRoleArn)).allSatisfy(r ->
                assertThat(r.exitCode()).as(r.toString()).isEqualTo(2));
        assertThat(badOu.err()).contains("--ou 'Workloads' is not an OU id");
        assertThat(excludeAlone.err()).contains("--exclude-accounts goes with --accounts org");
        assertThat(sandbox.totalCalls()).isZero();
    }
}
