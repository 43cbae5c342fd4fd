package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Prices from AWS's price list (pricing:GetProducts, served by the sandbox from records in AWS's format), on the
 * sample fleet: every running resource with compute priced, each figure with its source; a warm cache makes no
 * call; without the permission, or with --offline-prices, the bundled table, with one warning.
 */
class PriceListIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final Sandbox sandbox = Sandbox.perTestSampleFleet();

    @RegisterExtension
    final Sandbox denied = Sandbox.perTest(Sandbox.sampleFleetOptions().withDeny(List.of("Pricing.GetProducts")));

    static Cli.Run scan(Sandbox where, Path cache, String... more) {
        List<String> args = new ArrayList<>(List.of("scan", "--output", "json", "--endpoint-url", where.url(),
                "--region", "us-east-1,eu-west-1"));
        args.addAll(List.of(more));
        return Cli.run(Map.of("XDG_CACHE_HOME", cache.toString()), args.toArray(String[]::new));
    }

    /** Running resources whose compute has no price. */
    static List<String> unpriced(JsonNode doc) {
        List<String> out = new ArrayList<>();
        doc.path("resources").forEach(r -> {
            if ("no-price".equals(r.path("hourlyCostStatus").asText())) {
                out.add(r.path("kind").asText() + " " + r.path("name").asText());
            }
        });
        return out;
    }

    static JsonNode find(JsonNode doc, String kind, String name) {
        for (JsonNode r : doc.path("resources")) {
            if (r.path("kind").asText().equals(kind) && r.path("name").asText().equals(name)) {
                return r;
            }
        }
        throw new AssertionError("no " + kind + " " + name);
    }

    @Test
    void scan_pricesFromAwsPriceList_thenAWarmCacheMakesNoCall() throws Exception {
        Path cache = Files.createTempDirectory("sweeper-cache");
        Cli.Run first = scan(sandbox, cache);
        assertThat(first.exitCode()).as(first.toString()).isZero();
        JsonNode doc = JSON.readTree(first.out());
        // MLflow tracking servers are the only usage AWS's price list is not asked for (their usage type is not
        // established) and the bundled table does not price: everything else running is priced.
        assertThat(unpriced(doc)).allMatch(s -> s.startsWith("mlflow "));
        JsonNode p5 = find(doc, "endpoint", "llm-trn-bench");
        assertThat(p5.path("hourlyCost").asDouble()).isEqualTo(113.14);
        assertThat(p5.path("priceSource").asText()).isEqualTo("aws");
        JsonNode cluster = find(doc, "hyperpod", "llm-training");
        assertThat(cluster.path("hourlyCost").asDouble()).isEqualTo(0.23 + 4 * 3.06);
        assertThat(cluster.path("priceSource").asText()).isEqualTo("aws");
        // eu-west-1's hosting price is not in the sandbox's price list: the bundled table's, said so.
        JsonNode eu = find(doc, "endpoint", "eu-fraud-v2");
        assertThat(eu.path("priceSource").asText()).isEqualTo("bundled");
        doc.path("resources").forEach(r -> {
            if (r.path("hourlyCost").asDouble() > 0) {
                assertThat(r.path("priceSource").asText()).as(r.path("name").asText()).isIn("aws", "bundled", "team");
            }
        });
        int calls = sandbox.calls("Pricing.GetProducts");
        assertThat(calls).isPositive();
        assertThat(Files.isRegularFile(cache.resolve("sweeper/prices.json"))).isTrue();

        sandbox.resetStats();
        Cli.Run second = scan(sandbox, cache);
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(sandbox.calls("Pricing.GetProducts")).as("a warm cache").isZero();
        assertThat(find(JSON.readTree(second.out()), "endpoint", "llm-trn-bench").path("priceSource").asText())
                .isEqualTo("aws");
    }

    @Test
    void scan_withoutThePricingPermission_usesTheBundledTableWithOneWarning() throws Exception {
        Cli.Run run = scan(denied, Files.createTempDirectory("sweeper-cache"));
        assertThat(run.exitCode()).as(run.toString()).isZero();
        long warnings = run.err().lines().filter(l -> l.contains("pricing:GetProducts")).count();
        assertThat(warnings).as(run.err()).isEqualTo(1);
        JsonNode doc = JSON.readTree(run.out());
        JsonNode m5 = find(doc, "endpoint", "eu-fraud-v2");
        assertThat(m5.path("priceSource").asText()).isEqualTo("bundled");
        doc.path("resources").forEach(r -> {
            if (r.path("hourlyCost").asDouble() > 0) {
                assertThat(r.path("priceSource").asText()).as(r.path("name").asText()).isEqualTo("bundled");
            }
        });
    }

    @Test
    void scan_offlinePrices_makesNoCall() throws Exception {
        Cli.Run run = scan(sandbox, Files.createTempDirectory("sweeper-cache"), "--offline-prices");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(sandbox.calls("Pricing.GetProducts")).isZero();
        assertThat(run.err()).doesNotContain("pricing:GetProducts");
        assertThat(find(JSON.readTree(run.out()), "endpoint", "llm-trn-bench").path("hourlyCostStatus").asText())
                .as("the bundled table has no ml.p5.48xlarge hosting price").isEqualTo("no-price");
    }

    @Test
    void scan_withATeamsTable_takesItsPricesFirst(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path team = dir.resolve("team-prices.yaml");
        Files.writeString(team, "source: negotiated\ntakenOn: 2026-12-01\nregion: us-east-1\nhosting:\n  ml.m5.xlarge: 0.2\n");
        Cli.Run run = scan(sandbox, Files.createTempDirectory("sweeper-cache"), "--prices", team.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode doc = JSON.readTree(run.out());
        JsonNode fraud = find(doc, "endpoint", "fraud-v2");
        assertThat(fraud.path("hourlyCost").asDouble()).as("2 x the team's 0.2").isEqualTo(0.4);
        assertThat(fraud.path("priceSource").asText()).isEqualTo("team");
        assertThat(find(doc, "endpoint", "llm-trn-bench").path("priceSource").asText()).isEqualTo("aws");
    }
}
