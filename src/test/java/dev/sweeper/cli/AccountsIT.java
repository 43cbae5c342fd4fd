package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sweeper.sandbox.SandboxOptions;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sweeping several accounts through AssumeRole, and --expect-account. */
class AccountsIT {
    Sandbox sandbox;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(SandboxOptions.defaults().withFleetFile(Path.of("config/multi-account-fleet.yaml"))
                .withTransitionDelay(Duration.ofMillis(200)));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    Cli.Run sweeper(String... args) {
        return sandbox.sweeper(args);
    }

    static List<JsonNode> resources(JsonNode doc) {
        return StreamSupport.stream(doc.path("resources").spliterator(), false).toList();
    }

    @Test
    void endpointsIdle_whenThreeAccountsAndOneRoleDenied_sweepsTheOthersAndReportsItOnce() throws Exception {
        Cli.Run run = sweeper("endpoints", "idle", "--accounts", "111122223333,444455556666,777788889999",
                "--role-name", "SweeperRole", "--external-id", "sweeper-ext");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        JsonNode doc = run.json();
        List<JsonNode> all = resources(doc);
        assertThat(all).extracting(r -> r.path("account").asText())
                .containsOnly("111122223333", "444455556666");
        JsonNode churn = all.stream().filter(r -> r.path("name").asText().equals("churn-batch")).findFirst()
                .orElseThrow();
        assertThat(churn.path("verdict").asText()).isEqualTo("IDLE");
        assertThat(churn.path("arn").asText()).contains(":111122223333:");
        assertThat(all).filteredOn(r -> r.path("name").asText().equals("forecast-weekly"))
                .singleElement().satisfies(r -> assertThat(r.path("verdict").asText()).isEqualTo("IDLE"));
        assertThat(all).extracting(r -> r.path("name").asText()).doesNotContain("home-fraud", "locked-idle");
        assertThat(doc.path("problems")).hasSize(1);
        assertThat(doc.path("problems").get(0).asText()).startsWith("account 777788889999: could not assume")
                .contains("AccessDenied");
        assertThat(sandbox.calls("STS.AssumeRole")).isEqualTo(3);
    }

    @Test
    void endpointsIdle_whenRoleArnAndApply_deletesInThatAccountOnly() throws Exception {
        Cli.Run run = sweeper("endpoints", "idle", "--role-arn", "arn:aws:iam::111122223333:role/SweeperRole",
                "--delete", "--all", "--apply");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        for (JsonNode e : sandbox.state().path("endpoints")) {
            if (e.path("name").asText().equals("churn-batch")) {
                assertThat(e.path("status").asText()).isIn("Deleting");
            }
            if (e.path("name").asText().equals("home-fraud")) {
                assertThat(e.path("status").asText()).as("caller's own account untouched").isEqualTo("InService");
            }
        }
        assertThat(sandbox.calls("SageMaker.DeleteEndpoint")).isEqualTo(1);
    }

    @Test
    void stopNotebooks_whenCredentialsBelongToAnotherAccount_refusesToApply() {
        Cli.Run run = sweeper("stop-notebooks", "--all", "--apply", "--expect-account", "999988887777");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(5);
        assertThat(run.err()).contains("belong to account 123456789012, not 999988887777");
        assertThat(sandbox.calls("SageMaker.StopNotebookInstance")).isZero();
        assertThat(sandbox.calls("SageMaker.ListNotebookInstances")).isZero();
    }

    @Test
    void stopNotebooks_whenExpectedAccountMatches_goesAhead() throws Exception {
        Cli.Run run = sweeper("stop-notebooks", "--all", "--include-active", "--apply", "--expect-account", "123456789012");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(sandbox.calls("SageMaker.StopNotebookInstance")).isEqualTo(1); // home-dev-ann
    }

    @Test
    void scan_whenAccountsWithoutRoleName_isAUsageError() {
        Cli.Run run = sweeper("scan", "--accounts", "111122223333");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--accounts needs --role-name");
        assertThat(sandbox.totalCalls()).isZero();
    }
}
