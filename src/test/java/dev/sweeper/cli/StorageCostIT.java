package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Storage that outlives compute, on the sample fleet: dev-carol is Stopped with a 50 GB ML storage volume
 * (notebook ML storage $0.14/GB-month in the bundled table), the space "shared" has a 100 GB EBS volume
 * ($0.112/GB-month), shown on the space's own row (kind space), the space "bob-archive", with no app, 50 GB.
 */
class StorageCostIT {
    static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final Sandbox sandbox = Sandbox.perTestSampleFleet();

    static Cli.Run sweeper(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--endpoint-url", sandbox.url(), "--region", "us-east-1"));
        return Cli.run(all.toArray(String[]::new));
    }

    static JsonNode find(JsonNode array, String kind, String name) {
        return StreamSupport.stream(array.spliterator(), false)
                .filter(r -> r.path("kind").asText().equals(kind) && r.path("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + array));
    }

    @Test
    void scan_whenANotebookIsStopped_showsItsStorageOnlyCost() throws Exception {
        Cli.Run run = sweeper("scan", "--kinds", "notebook,app,space", "--output", "json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode doc = JSON.readTree(run.out());

        JsonNode carol = find(doc.path("resources"), "notebook", "dev-carol");
        assertThat(carol.path("status").asText()).isEqualTo("Stopped");
        assertThat(carol.path("verdict").asText()).isEqualTo("EXEMPT");
        assertThat(carol.path("hourlyCost").asDouble()).as("no compute while stopped").isEqualTo(0.0);
        assertThat(carol.path("storageGb").asInt()).isEqualTo(50);
        assertThat(carol.path("storageMonthlyCost").asDouble()).isEqualTo(7.0);
        assertThat(carol.path("reasons").get(0).asText())
                .isEqualTo("stopped: storage only, $7.00/month (its 50 GB ML storage volume)");

        JsonNode alice = find(doc.path("resources"), "notebook", "dev-alice");
        assertThat(alice.path("storageGb").asInt()).as("AWS's default volume").isEqualTo(5);
        assertThat(alice.path("storageMonthlyCost").asDouble()).isEqualTo(0.7);

        // The space's EBS volume is on the space's own row (kind space), not on the app that runs in it: once.
        JsonNode lab = StreamSupport.stream(doc.path("resources").spliterator(), false)
                .filter(r -> r.path("kind").asText().equals("app") && r.at("/app/space").asText().equals("shared"))
                .findFirst().orElseThrow();
        assertThat(lab.path("storageGb").isNull()).as("the app carries no volume").isTrue();
        assertThat(lab.path("storageMonthlyCost").isNull()).isTrue();
        JsonNode space = find(doc.path("resources"), "space", "shared");
        assertThat(space.path("storageGb").asInt()).as("the space's EBS volume").isEqualTo(100);
        assertThat(space.path("storageMonthlyCost").asDouble()).isEqualTo(11.2);
    }

    @Test
    void report_whenVolumesOutliveCompute_splitsSavingsIntoComputeAndStorage() throws Exception {
        Cli.Run run = sweeper("report", "--format", "json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode doc = JSON.readTree(run.out());

        JsonNode savings = doc.path("savings");
        assertThat(savings.path("computeMonthly").asDouble()).isEqualTo(doc.at("/totals/savingMonthly").asDouble())
                .isPositive();
        assertThat(savings.path("storageMonthly").asDouble()).as("sweeping deletes no volume").isEqualTo(0.0);

        JsonNode storage = doc.path("storage");
        JsonNode carol = find(storage.path("resources"), "notebook", "dev-carol");
        assertThat(carol.path("status").asText()).isEqualTo("Stopped");
        assertThat(carol.path("sizeGb").asInt()).isEqualTo(50);
        assertThat(carol.path("monthlyCost").asDouble()).isEqualTo(7.0);
        assertThat(carol.path("sweepable").asBoolean()).isFalse();

        double kept = 0;
        double all = 0;
        for (JsonNode v : storage.path("resources")) {
            all += v.path("monthlyCost").asDouble();
            if (v.path("sweepable").asBoolean()) {
                kept += v.path("monthlyCost").asDouble();
            }
        }
        assertThat(find(storage.path("resources"), "notebook", "dev-alice").path("sweepable").asBoolean())
                .as("dev-alice is idle: stopping it keeps its volume").isTrue();
        assertThat(savings.path("storageKeptMonthly").asDouble()).isCloseTo(kept, within(0.005)).isPositive();
        assertThat(storage.path("monthly").asDouble()).isCloseTo(all, within(0.005));
        assertThat(storage.path("unpriced").asInt()).isZero();
    }

    @Test
    void report_whenHtml_showsTheStorageTable() {
        Cli.Run run = sweeper("report", "--format", "html");
        assertThat(run.exitCode()).as(run.toString()).isZero();

        assertThat(run.out()).contains("Storage that outlives compute", "dev-carol", "$7.00",
                "sweeping saves compute only");
    }
}
