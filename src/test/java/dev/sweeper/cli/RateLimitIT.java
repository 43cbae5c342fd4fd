package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sweeper.sandbox.SandboxOptions;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Under a per-operation rate limit, as AWS applies, a scan still completes with every result right. */
class RateLimitIT {

    static Map<String, String> verdicts(Cli.Run run) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode r : run.json().path("resources")) {
            out.put(r.path("kind").asText() + "/" + r.path("name").asText() + "/"
                    + r.path("app").path("domainId").asText("") + r.path("app").path("space").asText("")
                    + r.path("app").path("userProfile").asText(""), r.path("verdict").asText());
        }
        return out;
    }

    @Test
    void scan_whenTenCallsASecondPerOperation_givesTheSameVerdictsAsUnlimited() throws Exception {
        Map<String, String> clean;
        try (Sandbox sandbox = Sandbox.sampleFleet()) {
            Cli.Run run = sandbox.sweeper("scan");
            assertThat(run.exitCode()).as(run.err()).isZero();
            clean = verdicts(run);
        }
        try (Sandbox limited = Sandbox.start(SandboxOptions.defaults().withFleetFile(Sandbox.SAMPLE_FLEET).withTps(10))) {
            Cli.Run run = limited.sweeper("scan");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.json().path("problems")).isEmpty();
            assertThat(verdicts(run)).isEqualTo(clean);
        }
    }
}
