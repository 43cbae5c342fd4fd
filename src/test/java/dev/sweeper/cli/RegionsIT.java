package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Several regions in one run: each resource carries its region; a failing region is reported once. */
class RegionsIT {
    @RegisterExtension
    final Sandbox sandbox = Sandbox.perTestSampleFleet();

    @Test
    void endpointsIdle_whenTwoRegions_reportsEachResourceWithItsRegion() throws Exception {
        Cli.Run run = Cli.run("endpoints", "idle", "--region", "us-east-1,eu-west-1", "--endpoint-url", sandbox.url(),
                "--output", "json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode doc = run.json();
        JsonNode eu = StreamSupport.stream(doc.path("resources").spliterator(), false)
                .filter(r -> r.path("name").asText().equals("eu-fraud-v2")).findFirst().orElseThrow();
        assertThat(eu.path("region").asText()).isEqualTo("eu-west-1");
        assertThat(eu.path("arn").asText()).contains(":eu-west-1:");
        assertThat(eu.path("verdict").asText()).isEqualTo("IDLE");
        assertThat(StreamSupport.stream(doc.path("resources").spliterator(), false)
                .filter(r -> r.path("region").asText().equals("us-east-1")).count()).isEqualTo(21);
    }

    @Test
    void endpointsIdle_inARegionTheTableHasNoPricesFor_saysThePriceIsBorrowedAndFromWhere() throws Exception {
        Cli.Run run = Cli.run("endpoints", "idle", "--region", "eu-west-1", "--endpoint-url", sandbox.url(),
                "--output", "json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode eu = run.json().path("resources").get(0);
        assertThat(eu.path("name").asText()).isEqualTo("eu-fraud-v2");
        assertThat(eu.path("hourlyCost").asDouble()).isEqualTo(0.23); // us-east-1's ml.m5.xlarge
        assertThat(eu.path("hourlyCostStatus").asText()).isEqualTo("borrowed-region");
        assertThat(eu.path("priceRegion").asText()).isEqualTo("us-east-1");
        assertThat(run.err()).contains("no prices of eu-west-1's own").contains("prices: FILE in the config");

        Cli.Run table = Cli.run("endpoints", "idle", "--region", "eu-west-1", "--endpoint-url", sandbox.url(),
                "--output", "table");
        assertThat(table.out()).contains("$0.23*").contains("* borrowed price").contains("eu-west-1 at us-east-1's prices");

        Cli.Run home = Cli.run("endpoints", "idle", "--region", "us-east-1", "--endpoint-url", sandbox.url(),
                "--output", "json");
        JsonNode priced = StreamSupport.stream(home.json().path("resources").spliterator(), false)
                .filter(r -> r.path("hourlyCost").isNumber()).findFirst().orElseThrow();
        assertThat(priced.path("hourlyCostStatus").asText()).isEqualTo("priced");
        assertThat(priced.path("priceRegion").isNull()).isTrue();
    }

    @Test
    void scan_whenOneRegionIsNotEnabled_reportsItOnceAndSweepsTheOther() throws Exception {
        sandbox.fault("{\"operation\":\"*\",\"mode\":\"denied\",\"region\":\"eu-west-1\"}");

        Cli.Run run = Cli.run("scan", "--region", "eu-west-1", "--region", "us-east-1", "--endpoint-url",
                sandbox.url(), "--output", "json");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        JsonNode doc = run.json();
        assertThat(doc.path("problems")).hasSize(1);
        assertThat(doc.path("problems").get(0).asText()).startsWith("eu-west-1: ")
                .contains("UnrecognizedClientException");
        assertThat(doc.path("summary").path("total").asInt()).isEqualTo(49); // all of us-east-1, every kind (4 Studio spaces among them)
        assertThat(run.err()).containsOnlyOnce("eu-west-1");
    }
}
