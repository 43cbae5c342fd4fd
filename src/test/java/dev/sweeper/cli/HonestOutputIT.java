package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Issue 29, items 8 and 14: a failure is not an empty result, and the smaller things a new user trips on. */
class HonestOutputIT {
    @RegisterExtension
    static final Sandbox sandbox = Sandbox.perTestSampleFleet();

    @TempDir
    Path dir;

    static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void scan_whenEndpointIsDown_saysWhatCouldNotBeListedNotThatNothingMatched() throws Exception {
        Cli.Run run = Cli.run("scan", "--endpoint-url", "http://127.0.0.1:" + closedPort(), "--region", "us-east-1",
                "--output", "table", "--call-timeout", "5s");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.out()).doesNotContain("No resources matched")
                .contains("could not list notebooks, endpoints, Studio apps, Studio spaces, MLflow tracking servers, "
                        + "HyperPod clusters");
    }

    @Test
    void scan_whenHostDoesNotResolve_saysSoInWholeSentences() {
        Cli.Run run = Cli.run("scan", "--endpoint-url", "https://sweeper-no-such-host.invalid", "--region",
                "us-east-1", "--output", "table");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.out()).contains("sweeper-no-such-host.invalid could not be resolved (DNS)")
                .doesNotContain("\u2026");
    }

    @Test
    void scan_whenRegionIsUnknownAndNothingIsListed_exits2AfterItsWarning() {
        Cli.Run run = sandbox.sweeper("scan", "--region", "us-easst-1");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        List<String> err = run.err().lines().toList();
        assertThat(err.get(0)).startsWith("warning: region 'us-easst-1'");
        assertThat(err.get(err.size() - 1)).startsWith("error: region 'us-easst-1'").endsWith("did you mean us-east-1?");
    }

    @Test
    void config_whenTimeHasOneDigitHour_saysUseTheTwoDigitForm() throws Exception {
        Path config = dir.resolve("sweeper.yaml");
        Files.writeString(config, "schedules:\n  office:\n    timezone: Europe/Paris\n    periods:\n"
                + "      - days: mon-fri\n        start: 7:00\n        end: \"19:00\"\n");

        Cli.Run run = Cli.run("config", "show", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'7:00'").contains("use 07:00").doesNotContain("quote it");
    }

    @Test
    void config_whenKeyIsMistyped_suggestsTheKeyMeant() throws Exception {
        Path config = dir.resolve("sweeper.yaml");
        Files.writeString(config, "max-action: 3\nnotebooks:\n  windw: 2h\n");
        Files.writeString(dir.resolve("nested.yaml"), "notebooks:\n  windw: 2h\n");

        Cli.Run top = Cli.run("config", "show", "--config", config.toString());
        Cli.Run nested = Cli.run("config", "show", "--config", dir.resolve("nested.yaml").toString());

        assertThat(top.err()).contains("unknown key 'max-action' (did you mean 'max-actions'?");
        assertThat(nested.err()).contains("unknown key 'notebooks.windw' (did you mean 'notebooks.window'?");
    }

    @Test
    void badIntValue_isNamedOnce() {
        Cli.Run run = Cli.run("scan", "--max-concurrency", "x");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: --max-concurrency 'x' is not an int").doesNotContain("'x' 'x'");
    }

    @Test
    void errorMessage_thatSaysErrorAlready_isNotPrefixedTwice() {
        assertThat(SweeperCli.once("Error: no such thing")).isEqualTo("no such thing");
        assertThat(SweeperCli.once("no such thing")).isEqualTo("no such thing");
    }

    @Test
    void awsProfile_whenItDoesNotExist_saysSoAndListsTheProfilesThatDo() throws Exception {
        Path aws = Path.of(System.getenv("HOME"), ".aws");
        Files.createDirectories(aws);
        Path config = aws.resolve("config");
        String before = Files.exists(config) ? Files.readString(config) : null;
        Files.writeString(config, "[profile sweeper-dev]\nregion = us-east-1\n[profile sweeper-prod]\n");
        try {
            sandbox.resetStats();
            Cli.Run run = Cli.run(Map.of("AWS_PROFILE", "sweeper-devv"), sandbox.args("scan"));

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
            assertThat(run.err().lines().toList()).hasSize(1);
            assertThat(run.err()).contains("AWS_PROFILE=sweeper-devv: no such profile")
                    .contains("sweeper-dev, sweeper-prod");
            assertThat(sandbox.totalCalls()).isZero();
        } finally {
            if (before == null) {
                Files.delete(config);
            } else {
                Files.writeString(config, before);
            }
        }
    }

    @Test
    void progress_whenVerbose_pluralisesKindsAsWords() {
        Cli.Run run = sandbox.sweeper("scan", "--kinds", "hyperpod,mlflow", "--verbose");

        assertThat(run.err()).doesNotContain("hyperpods", "mlflows");
    }

    @Test
    void htmlReport_saysStaysWhenSweptOnlyWhereASweepWouldAct() throws Exception {
        Path html = dir.resolve("report.html");
        Cli.Run run = Cli.run("report", "--format", "html", "--out", html.toString(), "--endpoint-url", sandbox.url(),
                "--region", "us-east-1");

        assertThat(run.exitCode()).as(run.toString()).isIn(0, 3);
        String page = Files.readString(html);
        String storage = page.substring(page.indexOf("Stays when swept"));
        storage = storage.substring(0, storage.indexOf("</table>"));
        assertThat(storage).contains("<td>yes</td>").doesNotContain("<td>no</td>");
        assertThat(page).doesNotContain("\u25b2", "\u25bc");
    }
}
