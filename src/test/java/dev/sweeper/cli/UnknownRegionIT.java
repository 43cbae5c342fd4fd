package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sweeper.safety.SdkOperationRecorder;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 17, item 7: a region name nobody knows is said, and a region that cannot be reached fails. */
class UnknownRegionIT {

    @Test
    void scan_whenRegionIsNotInTheSdksList_warnsOnceNamingIt() {
        try (Sandbox sandbox = Sandbox.sampleFleet()) {
            Cli.Run run = Cli.run("scan", "--region", "us-eats-1,us-east-1", "--endpoint-url", sandbox.url(),
                    "--output", "json");

            List<String> warnings = run.err().lines().filter(l -> l.startsWith("warning: ") && l.contains("us-eats-1"))
                    .toList();
            assertThat(warnings).as(run.toString()).hasSize(1);
            assertThat(warnings.get(0)).contains("not a region the AWS SDK knows");
            assertThat(run.err()).doesNotContain("us-east-1 ");
            // Issue 29, item 8: nothing was listed there, so it is an error after the warning, with its likely fix.
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err().lines().reduce((a, b) -> b).orElseThrow()).startsWith("error: region 'us-eats-1'")
                    .endsWith("did you mean us-east-1?");
        }
    }

    @Test
    void scan_whenRegionEndpointCannotBeResolved_reportsItByNameWithExit2() {
        int attemptsBefore = SdkOperationRecorder.attempts("SageMaker.ListEndpoints");

        Cli.Run run = Cli.run("scan", "--region", "us-eats-1", "--kinds", "endpoint", "--output", "json");

        // Issue 29, item 8: an unknown region where nothing was listed exits 2 (it was 3), after its warning.
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.out()).contains("us-eats-1");
        assertThat(run.err()).as(run.toString()).contains("us-eats-1: could not list endpoints");
        // What keeps it short is the sweeper's retry budget (AwsGateways.MAX_ATTEMPTS, 10 attempts a call),
        // not how fast this machine's resolver says no: the listing was tried, and given up within it.
        assertThat(SdkOperationRecorder.attempts("SageMaker.ListEndpoints") - attemptsBefore)
                .as("ListEndpoints attempts against an endpoint that cannot be resolved").isBetween(1, 10);
    }
}
