package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sweeper.sandbox.SandboxOptions;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The sweeper makes the fewest calls the APIs allow: counted by the sandbox, per operation. */
class CallBudgetIT {
    static final ObjectMapper JSON = new ObjectMapper();

    static int ceil(int n, int d) {
        return (n + d - 1) / d;
    }

    @Test
    void endpointsIdle_whenManyEndpoints_staysWithinTheCallBudget() throws Exception {
        int n = 1200;
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults()
                .withSynthetic(SandboxOptions.parseSynthetic("endpoints=" + n + ",notebooks=0,apps=0")))) {
            Cli.Run run = sandbox.sweeper("endpoints", "idle");

            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonNode doc = JSON.readTree(run.out());
            assertThat(doc.path("summary").path("total").asInt()).as("every page read").isEqualTo(n);
            int idle = doc.path("summary").path("idle").asInt();
            long zeroInvocations = StreamSupport.stream(doc.path("resources").spliterator(), false)
                    .filter(r -> r.path("variants").isArray()).count(); // described = had zero Invocations

            int detection = sandbox.calls("SageMaker.ListEndpoints") + sandbox.calls("CloudWatch.ListMetrics");
            assertThat(sandbox.calls("SageMaker.ListEndpoints")).isEqualTo(ceil(n, 100));
            // ListMetrics: the Invocations series, then once each the asynchronous endpoints' processed count (both
            // spellings) and backlog.
            assertThat(detection).isLessThanOrEqualTo(ceil(n, 100) + ceil(n, 500) + 3);
            assertThat(sandbox.calls("CloudWatch.GetMetricStatistics")).as("never one call per resource").isZero();
            // Inference components: never asked about endpoints whose config names their model (all of these).
            assertThat(sandbox.calls("SageMaker.ListInferenceComponents")).isZero();
            assertThat(sandbox.calls("SageMaker.DescribeInferenceComponent")).isZero();
            // One batch per 500 series, plus one for the few asynchronous endpoints.
            assertThat(sandbox.calls("CloudWatch.GetMetricData")).isLessThanOrEqualTo(ceil(2 * n, 500) + 2);
            // Only endpoints with zero invocations are described (to tell async and serverless apart);
            // tags are read for every endpoint (each says whether it is protected), 100 a call.
            assertThat(sandbox.calls("SageMaker.DescribeEndpoint")).isEqualTo((int) zeroInvocations);
            assertThat(sandbox.calls("SageMaker.DescribeEndpointConfig")).isLessThanOrEqualTo((int) zeroInvocations);
            assertThat(sandbox.calls("Tagging.GetResources")).isEqualTo(ceil(n, 100));
            assertThat(sandbox.calls("SageMaker.ListTags")).isZero();
            assertThat(zeroInvocations).as("describes beyond the idle ones are few").isLessThan(idle + n / 20);
        }
    }

    @Test
    void scan_whenEndpointsShareAConfig_describesItOnce() throws Exception {
        try (Sandbox sandbox = Sandbox.sampleFleet()) {
            Cli.Run run = sandbox.sweeper("scan", "--kinds", "endpoint");

            assertThat(run.exitCode()).as(run.err()).isZero();
            Set<String> configs = new HashSet<>();
            int endpoints = 0;
            for (JsonNode e : sandbox.state().path("endpoints")) {
                if (e.path("region").asText().equals("us-east-1")) {
                    endpoints++;
                    // A serverless-only endpoint has no instance type to look up in its config.
                    boolean instances = StreamSupport.stream(e.path("variants").spliterator(), false)
                            .anyMatch(v -> !v.path("serverless").asBoolean());
                    if (instances) {
                        configs.add(e.path("config").asText());
                    }
                }
            }
            assertThat(configs.size()).isLessThan(endpoints); // the fleet shares one
            assertThat(sandbox.calls("SageMaker.DescribeEndpointConfig")).isEqualTo(configs.size());
            assertThat(sandbox.calls("SageMaker.DescribeEndpoint")).isEqualTo(endpoints);
        }
    }

    @Test
    void scan_ofQuietNotebooks_readsTheirJupyterLogsAHundredStreamsACall() throws Exception {
        int n = 230;
        StringBuilder fleet = new StringBuilder("notebooks:\n");
        for (int i = 0; i < n; i++) {
            fleet.append("  - {name: quiet-").append(i)
                    .append(", runningFor: 3d, jupyter: {kernels: [{state: idle, lastActivity: 2d}]}")
                    .append(i % 50 == 0 ? ", jupyterLog: [30m]" : "").append("}\n");
        }
        try (Sandbox sandbox = Sandbox.fleet(fleet.toString())) {
            Cli.Run run = sandbox.sweeper("scan", "--kinds", "notebook");

            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonNode doc = JSON.readTree(run.out());
            assertThat(doc.path("summary").path("total").asInt()).isEqualTo(n);
            assertThat(doc.path("summary").path("active").asInt()).as("the 5 with a saved file").isEqualTo(5);
            // One FilterLogEvents per 100 quiet notebooks, none per notebook: every stream exists.
            assertThat(sandbox.calls("Logs.FilterLogEvents")).isEqualTo(ceil(n, 100));
            assertThat(sandbox.calls("Logs.GetLogEvents")).isZero();
            assertThat(sandbox.calls("Logs.DescribeLogStreams")).isZero();
        }
    }

    @Test
    void scan_ofNotebooks_describesEachLifecycleConfigurationOnceAndOnlyScanDoes() throws Exception {
        try (Sandbox sandbox = Sandbox.sampleFleet()) {
            Cli.Run run = sandbox.sweeper("scan", "--kinds", "notebook");

            assertThat(run.exitCode()).as(run.err()).isZero();
            Set<String> configs = new HashSet<>();
            int notebooks = 0;
            for (JsonNode n : sandbox.state().path("notebooks")) {
                if (n.path("region").asText().equals("us-east-1")) {
                    notebooks++;
                    if (!n.path("lifecycleConfig").isNull()) {
                        configs.add(n.path("lifecycleConfig").asText());
                    }
                }
            }
            assertThat(configs).isNotEmpty();
            assertThat(sandbox.calls("SageMaker.DescribeNotebookInstanceLifecycleConfig")).isEqualTo(configs.size());
            // VolumeSizeInGB, for the storage cost, is only in the describe: scan describes each notebook once.
            assertThat(sandbox.calls("SageMaker.DescribeNotebookInstance")).isEqualTo(notebooks);

            sandbox.resetStats();
            Cli.Run stop = sandbox.sweeper("stop-notebooks", "--name-contains", "dev-");
            assertThat(stop.exitCode()).as(stop.err()).isZero();
            assertThat(sandbox.calls("SageMaker.DescribeNotebookInstanceLifecycleConfig")).as("a stop needs no coverage").isZero();
            long candidates = java.util.stream.StreamSupport.stream(sandbox.state().path("notebooks").spliterator(), false)
                    .filter(n -> n.path("region").asText().equals("us-east-1") && n.path("name").asText().contains("dev-"))
                    .count();
            assertThat(sandbox.calls("SageMaker.DescribeNotebookInstance")).as("no storage describes beyond the stop's own")
                    .isLessThanOrEqualTo((int) candidates);

            sandbox.resetStats();
            Cli.Run endpoints = sandbox.sweeper("scan", "--kinds", "endpoint");
            assertThat(endpoints.exitCode()).as(endpoints.err()).isZero();
            assertThat(sandbox.calls("SageMaker.DescribeNotebookInstance")).as("a kind the command does not read").isZero();
        }
    }

    @Test
    void scan_ofStudioApps_describesEachDomainAndEachDecidingSpaceOrProfileOnce() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults()
                .withSynthetic(SandboxOptions.parseSynthetic("endpoints=0,notebooks=0,apps=300")))) {
            Cli.Run run = sandbox.sweeper("scan", "--kinds", "app");

            assertThat(run.exitCode()).as(run.err()).isZero();
            Map<String, Integer> domains = new HashMap<>(); // apps per domain
            // Whose settings decide a running app's idle shutdown: its space (described once) and its
            // user profile, its own or its private space's owner's (each described once).
            Set<String> spaces = new HashSet<>();
            Set<String> profiles = new HashSet<>();
            int apps = 0;
            for (JsonNode a : sandbox.state().path("apps")) {
                apps++;
                String domain = a.path("domainId").asText();
                domains.merge(domain, 1, Integer::sum);
                String type = a.path("type").asText();
                boolean running = a.path("status").asText().equals("InService")
                        && !a.path("instanceType").asText().equals("system");
                if (running && (type.equals("JupyterLab") || type.equals("CodeEditor"))) {
                    if (a.has("space")) {
                        spaces.add(domain + "/" + a.path("space").asText());
                        if (a.has("spaceOwner")) {
                            profiles.add(domain + "/" + a.path("spaceOwner").asText());
                        }
                    } else {
                        profiles.add(domain + "/" + a.path("userProfile").asText());
                    }
                }
            }
            assertThat(JSON.readTree(run.out()).path("summary").path("total").asInt()).isEqualTo(apps);
            assertThat(spaces).as("the fleet has apps in spaces whose settings count").isNotEmpty();
            assertThat(sandbox.calls("SageMaker.DescribeDomain")).isEqualTo(domains.size());
            assertThat(sandbox.calls("SageMaker.ListApps"))
                    .isEqualTo(domains.values().stream().mapToInt(n -> ceil(n, 100)).sum());
            assertThat(sandbox.calls("SageMaker.DescribeSpace")).isEqualTo(spaces.size());
            assertThat(sandbox.calls("SageMaker.DescribeUserProfile")).isEqualTo(profiles.size());
            // Every app's tags, 100 a call, by the ARN its domain's gives it: no app is described for it.
            assertThat(sandbox.calls("SageMaker.DescribeApp")).isZero();
            assertThat(sandbox.calls("Tagging.GetResources")).isEqualTo(ceil(apps, 100));
        }
    }
}
