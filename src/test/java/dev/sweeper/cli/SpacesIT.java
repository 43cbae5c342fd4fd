package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sweeper.sandbox.SandboxOptions;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Studio spaces end to end (issue 13, point 2) on the sample fleet: each space is listed (ListDomains, ListSpaces)
 * with its EBS volume and its storage cost (Studio storage $0.112/GB-month in the bundled table), EXEMPT, whether an
 * app runs in it or not; its apps no longer carry its volume. A kind the account does not use costs its list calls.
 */
class SpacesIT {
    @RegisterExtension
    final Sandbox sandbox = Sandbox.perTestSampleFleet();

    @TempDir
    Path dir;

    static Map<String, JsonNode> spaces(Cli.Run run) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        run.json().path("resources").forEach(r -> {
            if (r.path("kind").asText().equals("space")) {
                out.put(r.path("space").path("domainId").asText() + "/" + r.path("name").asText(), r);
            }
        });
        return out;
    }

    @Test
    void scan_ofTheSampleFleet_showsEverySpaceExemptWithItsStorageCost() {
        Cli.Run run = sandbox.sweeper("scan");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        Map<String, JsonNode> spaces = spaces(run);
        assertThat(spaces).containsOnlyKeys("d-research01/shared", "d-research01/alice-lab",
                "d-research01/bob-archive", "d-ops02/ops-space");
        spaces.values().forEach(s -> {
            assertThat(s.path("verdict").asText()).isEqualTo("EXEMPT");
            assertThat(s.path("hourlyCost").asDouble()).as("no compute of its own").isEqualTo(0.0);
            assertThat(s.path("status").asText()).isEqualTo("InService");
        });

        JsonNode archive = spaces.get("d-research01/bob-archive");
        assertThat(archive.path("storageGb").asInt()).isEqualTo(50);
        assertThat(archive.path("storageMonthlyCost").asDouble()).isEqualTo(5.6);
        assertThat(archive.path("reasons").get(0).asText()).isEqualTo("storage only, $5.60/month (its 50 GB EBS volume)");
        assertThat(archive.path("reasons").get(1).asText()).isEqualTo("no app running in it: only its storage bills");
        assertThat(archive.at("/space/ownerUserProfile").asText()).isEqualTo("bob");
        assertThat(archive.at("/space/sharingType").asText()).isEqualTo("Private");
        assertThat(archive.at("/space/ebsVolumeSizeInGb").asInt()).isEqualTo(50);

        JsonNode shared = spaces.get("d-research01/shared");
        assertThat(shared.path("storageMonthlyCost").asDouble()).isEqualTo(11.2);
        assertThat(shared.path("reasons").get(1).asText()).isEqualTo("app running in it: JupyterLab default (listed as kind app)");
        assertThat(shared.at("/space/sharingType").asText()).isEqualTo("Shared");
        assertThat(shared.at("/space/ownerUserProfile").isNull()).isTrue();
        assertThat(spaces.get("d-research01/alice-lab").at("/space/appType").asText()).isEqualTo("CodeEditor");

        // The volume is the space's: its apps carry none, so it is counted once.
        run.json().path("resources").forEach(r -> {
            if (r.path("kind").asText().equals("app")) {
                assertThat(r.path("storageGb").isNull()).as(r.toString()).isTrue();
                assertThat(r.path("storageMonthlyCost").isNull()).as(r.toString()).isTrue();
            }
        });
        assertThat(sandbox.calls("SageMaker.ListDomains")).as("apps and spaces share one listing of the domains")
                .isEqualTo(1);
        assertThat(sandbox.calls("SageMaker.ListSpaces")).isEqualTo(2);
    }

    @Test
    void scan_whenKindsSpace_listsOnlySpacesWithTheirListCalls() {
        Cli.Run run = sandbox.sweeper("scan", "--kinds", "space");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.json().path("resources")).hasSize(4).allMatch(r -> r.path("kind").asText().equals("space"));
        assertThat(spaces(run).get("d-research01/bob-archive").path("reasons")).as("apps not listed: not said")
                .hasSize(1);
        assertThat(sandbox.calls("SageMaker.ListDomains")).isEqualTo(1);
        assertThat(sandbox.calls("SageMaker.ListSpaces")).as("one per domain").isEqualTo(2);
        assertThat(sandbox.calls("Tagging.GetResources")).as("every space's tags, 100 a call").isEqualTo(1);
        assertThat(sandbox.totalCalls()).as("no DescribeSpace: the listing carries the size, the domain the ARN")
                .isEqualTo(4);
    }

    @Test
    void scan_whenTableOutput_saysWhoseSpaceAndItsVolume() {
        Cli.Run run = Cli.run("scan", "--kinds", "space", "--endpoint-url", sandbox.url(), "--region", "us-east-1",
                "--output", "table");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("bob-archive (d-research01, private to bob)", "EBS 50 GB",
                "storage only, $5.60/month");
    }

    @Test
    void scan_whenFilteredByTag_readsSpacesTagsByTheArnTheirDomainGivesAndKeepsTheTaggedOne() {
        Cli.Run run = sandbox.sweeper("scan", "--kinds", "space", "--tag", "team=research");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(spaces(run)).containsOnlyKeys("d-research01/bob-archive");
        JsonNode archive = spaces(run).get("d-research01/bob-archive");
        assertThat(archive.path("arn").asText())
                .isEqualTo("arn:aws:sagemaker:us-east-1:123456789012:space/d-research01/bob-archive");
        assertThat(archive.path("reasons")).as("a filtered run says nothing of apps").hasSize(1);
        assertThat(sandbox.calls("SageMaker.DescribeSpace")).as("ListSpaces gives no ARN; the domain's gives it")
                .isZero();
    }

    @Test
    void scan_whenTheAccountHasNoDomain_costsOnlyListDomains() throws Exception {
        Path fleet = dir.resolve("fleet.yaml");
        Files.writeString(fleet, "region: us-east-1\nnotebooks:\n  - {name: nb-1, status: Stopped}\n");
        try (Sandbox empty = Sandbox.start(SandboxOptions.defaults().withFleetFile(fleet))) {
            Cli.Run run = empty.sweeper("scan", "--kinds", "space");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.json().path("resources")).isEmpty();
            assertThat(empty.totalCalls()).isEqualTo(1);
            assertThat(empty.calls("SageMaker.ListDomains")).isEqualTo(1);
        }
    }

    @Test
    void scan_whenADomainHasNoSpaces_costsOneListSpaces() throws Exception {
        Path fleet = dir.resolve("fleet.yaml");
        Files.writeString(fleet, "region: us-east-1\ndomains:\n  - {id: d-empty01, name: empty}\n");
        try (Sandbox empty = Sandbox.start(SandboxOptions.defaults().withFleetFile(fleet))) {
            Cli.Run run = empty.sweeper("scan", "--kinds", "space");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.json().path("resources")).isEmpty();
            assertThat(empty.totalCalls()).isEqualTo(2);
            assertThat(empty.calls("SageMaker.ListSpaces")).isEqualTo(1);
        }
    }

    @Test
    void scan_whenADomainHasMoreSpacesThanAPage_readsEveryPage() throws Exception {
        StringBuilder yaml = new StringBuilder("region: us-east-1\ndomains:\n  - id: d-big01\n    name: big\n    spaces:\n");
        for (int i = 0; i < 150; i++) {
            yaml.append("      - {name: space-").append(i).append(", ebsVolumeSizeInGb: 10}\n");
        }
        Path fleet = dir.resolve("fleet.yaml");
        Files.writeString(fleet, yaml.toString());
        try (Sandbox big = Sandbox.start(SandboxOptions.defaults().withFleetFile(fleet))) {
            Cli.Run run = big.sweeper("scan", "--kinds", "space");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.json().path("resources")).hasSize(150)
                    .allMatch(r -> r.path("storageMonthlyCost").asDouble() == 1.12);
            assertThat(big.calls("SageMaker.ListSpaces")).as("100 a page").isEqualTo(2);
        }
    }

    @Test
    void scan_whenOneDomainsSpacesCannotBeListed_reportsThatDomainAndShowsTheOthers() {
        sandbox.fault("{\"operation\":\"SageMaker.ListSpaces\",\"mode\":\"denied\",\"resource\":\"d-ops02\"}");

        Cli.Run run = sandbox.sweeper("scan", "--kinds", "space");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(spaces(run)).containsOnlyKeys("d-research01/shared", "d-research01/alice-lab",
                "d-research01/bob-archive");
        assertThat(run.json().path("problems")).hasSize(1);
        assertThat(run.json().path("problems").get(0).asText())
                .contains("domain d-ops02: could not list its spaces, so their storage is not shown");
    }

    @Test
    void scan_whenListDomainsFails_reportsTheSpacesListingFailed() {
        sandbox.fault("{\"operation\":\"SageMaker.ListDomains\",\"mode\":\"denied\"}");

        Cli.Run run = sandbox.sweeper("scan", "--kinds", "space");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.json().path("resources")).isEmpty();
        assertThat(run.json().path("problems").get(0).asText()).contains("could not list Studio spaces");
    }

    @Test
    void report_showsTheSpacesVolumesInTheStorageTable() {
        Cli.Run json = Cli.run("report", "--format", "json", "--endpoint-url", sandbox.url(), "--region",
                "us-east-1");
        Cli.Run html = Cli.run("report", "--format", "html", "--endpoint-url", sandbox.url(), "--region",
                "us-east-1");

        assertThat(json.exitCode()).as(json.toString()).isZero();
        JsonNode archive = null;
        for (JsonNode v : json.json().at("/storage/resources")) {
            if (v.path("name").asText().equals("bob-archive (d-research01)")) {
                archive = v;
            }
        }
        assertThat(archive).as(json.out()).isNotNull();
        assertThat(archive.path("kind").asText()).isEqualTo("space");
        assertThat(archive.path("sizeGb").asInt()).isEqualTo(50);
        assertThat(archive.path("monthlyCost").asDouble()).isEqualTo(5.6);
        assertThat(html.exitCode()).as(html.toString()).isZero();
        assertThat(html.out()).contains("Studio spaces", "bob-archive (d-research01)", "$5.60",
                "No compute of their own: their EBS volumes are under storage that outlives compute.");
    }

    @Test
    void report_whenTableOrMarkdown_hasASectionForSpaces() {
        for (String format : new String[] {"table", "markdown"}) {
            Cli.Run run = Cli.run("report", "--format", format, "--endpoint-url", sandbox.url(), "--region",
                    "us-east-1");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).as(format).contains("Studio spaces", "4 exempt",
                    "o compute of their own: their EBS volumes are under storage that outlives compute",
                    "bob-archive (d-research01)");
        }
    }
}
