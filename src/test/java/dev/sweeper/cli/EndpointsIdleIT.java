package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code endpoints idle} end to end: the real command tree, the real SDK, the sandbox over HTTP. */
class EndpointsIdleIT {
    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:sweeper-alerts";

    @RegisterExtension
    final Sandbox sandbox = Sandbox.perTestSampleFleet();

    Cli.Run sweeper(String... args) {
        String[] all = new String[args.length + 6];
        all[0] = "endpoints";
        all[1] = "idle";
        System.arraycopy(args, 0, all, 2, args.length);
        all[args.length + 2] = "--endpoint-url";
        all[args.length + 3] = sandbox.url();
        all[args.length + 4] = "--region";
        all[args.length + 5] = "us-east-1";
        return Cli.run(all);
    }

    static JsonNode json(Cli.Run run) throws Exception {
        return run.json();
    }

    static Map<String, JsonNode> byName(JsonNode doc) {
        Map<String, JsonNode> out = new HashMap<>();
        doc.path("resources").forEach(r -> out.put(r.path("name").asText(), r));
        return out;
    }

    @Test
    void endpointsIdle_whenSampleFleet_givesEveryVerdictWithReasons() throws Exception {
        Cli.Run run = sweeper("--output", "json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode doc = json(run);
        assertThat(doc.path("command").asText()).isEqualTo("endpoints idle");
        assertThat(doc.path("dryRun").asBoolean()).isFalse();
        assertThat(doc.path("window").asText()).isEqualTo("PT24H");
        Map<String, JsonNode> r = byName(doc);
        assertThat(r).doesNotContainKey("eu-fraud-v2"); // another region

        JsonNode fraud = r.get("fraud-v2");
        assertThat(fraud.path("verdict").asText()).isEqualTo("IDLE");
        assertThat(fraud.path("kind").asText()).isEqualTo("endpoint");
        assertThat(fraud.path("region").asText()).isEqualTo("us-east-1");
        assertThat(fraud.path("arn").asText()).startsWith("arn:aws:sagemaker:us-east-1:");
        assertThat(fraud.path("status").asText()).isEqualTo("InService");
        assertThat(fraud.path("instanceType").asText()).isEqualTo("ml.m5.xlarge");
        assertThat(fraud.path("instanceCount").asInt()).isEqualTo(2);
        assertThat(fraud.path("protected").asBoolean()).isFalse();
        assertThat(fraud.path("reasons").get(0).asText()).isEqualTo("0 invocations in the last 24h");
        assertThat(fraud.path("hourlyCost").asDouble()).isEqualTo(0.46);
        assertThat(fraud.path("action").isNull()).isTrue();

        assertThat(r.get("fraud-v1").path("verdict").asText()).isEqualTo("IDLE"); // traffic 30h ago only
        assertThat(r.get("churn-model").path("verdict").asText()).isEqualTo("ACTIVE"); // second variant busy
        assertThat(r.get("vision-multi").path("verdict").asText()).isEqualTo("ACTIVE");
        assertThat(r.get("ranking-shadow").path("verdict").asText()).isEqualTo("ACTIVE");
        assertThat(r.get("legacy-xgb-b").path("verdict").asText()).isEqualTo("ACTIVE");
        assertThat(r.get("legacy-xgb-a").path("verdict").asText()).isEqualTo("IDLE");
        assertThat(r.get("forecast-daily").path("verdict").asText())
                .as("an update does not reset the age").isEqualTo("IDLE");
        assertThat(r.get("recs-canary").path("verdict").asText()).isEqualTo("TOO_YOUNG");
        assertThat(r.get("nlp-serverless").path("verdict").asText()).isEqualTo("EXEMPT");
        assertThat(r.get("pricing-v3").path("verdict").asText()).isEqualTo("EXEMPT");
        assertThat(r.get("ads-ctr-v1").path("verdict").asText()).isEqualTo("EXEMPT");
        assertThat(r.get("doc-summarizer-async").path("verdict").asText())
                .as("async endpoints publish no Invocations").isEqualTo("ACTIVE");
        assertThat(r.get("translate-async-batch").path("verdict").asText()).isEqualTo("IDLE");
        assertThat(r.get("translate-async-batch").path("reasons").get(0).asText()).contains("asynchronous");

        JsonNode prot = r.get("search-ranker");
        assertThat(prot.path("verdict").asText()).isEqualTo("IDLE");
        assertThat(prot.path("protected").asBoolean()).isTrue();

        // Unpriced in the bundled table; AWS's price list (the sandbox's) prices it.
        JsonNode exotic = r.get("llm-trn-bench");
        assertThat(exotic.path("hourlyCost").asDouble()).isEqualTo(113.14);
        assertThat(exotic.path("priceSource").asText()).isEqualTo("aws");

        // Active endpoints are not described, but their tags are read with everyone's: each says whether it is protected.
        assertThat(r.get("churn-model").path("protected").isBoolean()).isTrue();
        assertThat(r.get("churn-model").path("protected").asBoolean()).isFalse();

        JsonNode summary = doc.path("summary");
        assertThat(summary.path("total").asInt()).isEqualTo(r.size());
        assertThat(summary.path("idle").asInt()).isEqualTo(count(doc, "IDLE"));
        assertThat(summary.path("protected").asInt()).isEqualTo(1);
        assertThat(summary.path("actionsPlanned").asInt()).isZero();
        double idleCost = StreamSupport.stream(doc.path("resources").spliterator(), false)
                .filter(n -> n.path("verdict").asText().equals("IDLE") && !n.path("protected").asBoolean())
                .mapToDouble(n -> n.path("hourlyCost").asDouble(0)).sum();
        assertThat(summary.path("idleHourlyCost").asDouble()).isCloseTo(idleCost, org.assertj.core.data.Offset.offset(1e-6));
    }

    static long count(JsonNode doc, String verdict) {
        return StreamSupport.stream(doc.path("resources").spliterator(), false)
                .filter(n -> n.path("verdict").asText().equals(verdict)).count();
    }

    @Test
    void endpointsIdle_whenDeleteWithoutApply_plansAndChangesNothing() throws Exception {
        Cli.Run run = sweeper("--output", "json", "--delete", "--all");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode doc = json(run);
        assertThat(doc.path("dryRun").asBoolean()).isTrue();
        Map<String, JsonNode> r = byName(doc);
        JsonNode action = r.get("fraud-v2").path("action");
        assertThat(action.path("type").asText()).isEqualTo("delete");
        assertThat(action.path("outcome").asText()).isEqualTo("planned");
        assertThat(action.path("detail").asText())
                .isEqualTo("re-create with: aws sagemaker create-endpoint --region us-east-1 --endpoint-name fraud-v2"
                        + " --endpoint-config-name fraud-v2-config");
        assertThat(r.get("search-ranker").path("action").path("outcome").asText()).isEqualTo("skipped");
        assertThat(r.get("churn-model").path("action").isNull()).isTrue();
        assertThat(sandbox.calls("SageMaker.DeleteEndpoint")).isZero();
        assertThat(endpointStatus("fraud-v2")).isEqualTo("InService");
    }

    @Test
    void endpointsIdle_whenDeleteApply_deletesUnprotectedIdleOnly() throws Exception {
        Cli.Run run = sweeper("--output", "json", "--delete", "--all", "--apply");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode doc = json(run);
        Map<String, JsonNode> r = byName(doc);
        assertThat(r.get("fraud-v2").path("action").path("outcome").asText()).isEqualTo("done");
        assertThat(r.get("search-ranker").path("action").path("outcome").asText()).isEqualTo("skipped");
        assertThat(r.get("search-ranker").path("action").path("detail").asText()).contains("protected");
        long idleUnprotected = StreamSupport.stream(doc.path("resources").spliterator(), false)
                .filter(n -> n.path("verdict").asText().equals("IDLE") && !n.path("protected").asBoolean()
                        && n.path("status").asText().equals("InService")).count(); // others are never acted on
        assertThat(r.get("ocr-v4-updating").path("action").path("outcome").asText()).isEqualTo("skipped");
        assertThat(doc.path("summary").path("actionsDone").asLong()).isEqualTo(idleUnprotected);
        assertThat(sandbox.calls("SageMaker.DeleteEndpoint")).isEqualTo((int) idleUnprotected);
        assertThat(endpointStatus("fraud-v2")).isIn("Deleting", null);
        assertThat(endpointStatus("search-ranker")).isEqualTo("InService");
        assertThat(endpointStatus("churn-model")).isEqualTo("InService");
    }

    @Test
    void endpointsIdle_whenMoreThanMaxActions_refusesAndExits5() throws Exception {
        Cli.Run run = sweeper("--output", "json", "--delete", "--all", "--apply", "--max-actions", "2");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(5);
        assertThat(run.err()).contains("more than --max-actions 2");
        assertThat(json(run).path("refusal").asText()).contains("actions planned");
        assertThat(sandbox.calls("SageMaker.DeleteEndpoint")).isZero();
    }

    @Test
    void endpointsIdle_whenFailOnIdle_exits4() {
        assertThat(sweeper("--output", "json", "--fail-on-idle").exitCode()).isEqualTo(4);
        assertThat(sweeper("--output", "json", "--fail-on-idle", "--name-contains", "churn").exitCode()).isZero();
    }

    @Test
    void endpointsIdle_whenFailOnIdleAndEverythingIdleWasDeleted_exits0() {
        Cli.Run run = sweeper("--output", "json", "--name-contains", "fraud", "--delete", "--apply", "--fail-on-idle");

        assertThat(run.exitCode()).as("nothing idle is left: " + run).isZero();
        assertThat(sandbox.calls("SageMaker.DeleteEndpoint")).isEqualTo(2);
        assertThat(sweeper("--output", "json", "--name-contains", "search", "--delete", "--apply", "--fail-on-idle")
                .exitCode()).as("a protected idle endpoint is not a failure").isZero();
    }

    @Test
    void endpointsIdle_whenNotify_publishesTheIdleList() throws Exception {
        Cli.Run run = sweeper("--output", "json", "--notify", "--topic-arn", TOPIC);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode messages = sandbox.state().path("messages");
        assertThat(messages.size()).isEqualTo(1);
        JsonNode m = messages.get(0);
        assertThat(m.path("topicArn").asText()).isEqualTo(TOPIC);
        assertThat(m.path("subject").asText()).startsWith("SageMaker Sweeper: ");
        assertThat(m.path("message").asText()).contains("[us-east-1] endpoint fraud-v2 (ml.m5.xlarge x2)")
                .contains("0 invocations in the last 24h").contains("$0.4600/h").doesNotContain("churn-model");
    }

    @Test
    void endpointsIdle_whenMetricsFail_isUnknownNotIdleAndExits3() throws Exception {
        sandbox.fault("{\"operation\":\"CloudWatch.GetMetricData\",\"mode\":\"error500\",\"rate\":1.0}");

        Cli.Run run = sweeper("--output", "json", "--delete", "--all", "--apply");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        Map<String, JsonNode> r = byName(json(run));
        assertThat(r.get("fraud-v2").path("verdict").asText()).isEqualTo("UNKNOWN");
        assertThat(r.get("fraud-v2").path("reasons").get(0).asText()).contains("could not read invocations");
        // Not even an endpoint with no listed series: its variants are queried directly, and that failed too.
        assertThat(r.values()).extracting(n -> n.path("verdict").asText()).doesNotContain("IDLE");
        assertThat(r.get("search-ranker").path("verdict").asText()).isEqualTo("UNKNOWN");
        assertThat(sandbox.calls("SageMaker.DeleteEndpoint")).isZero();
        assertThat(r.get("recs-canary").path("verdict").asText()).isEqualTo("TOO_YOUNG");
    }

    @Test
    void endpointsIdle_whenNameFilter_onlyThoseEndpoints() throws Exception {
        Cli.Run run = sweeper("--output", "json", "--name-regex", "^legacy-", "--tag", "team=platform");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(byName(json(run)).keySet()).allMatch(n -> n.startsWith("legacy-"));
    }

    @Test
    void endpointsIdle_whenCsv_hasHeaderAndOneRowPerEndpoint() throws Exception {
        Cli.Run json = sweeper("--output", "json");
        Cli.Run csv = sweeper("--output", "csv");

        assertThat(csv.exitCode()).isZero();
        String[] lines = csv.out().split("\r?\n");
        assertThat(lines[0]).startsWith("kind,name,region,arn,status");
        assertThat(lines).hasSize(json(json).path("resources").size() + 1);
    }

    @Test
    void endpointsIdle_whenTable_endsWithSummaryLine() {
        Cli.Run run = sweeper("--output", "table");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("fraud-v2").contains("IDLE");
        String[] lines = run.out().strip().split("\n");
        assertThat(lines[lines.length - 1]).contains("resources:").contains("idle");
    }

    private String endpointStatus(String name) {
        for (JsonNode e : sandbox.state().path("endpoints")) {
            if (e.path("name").asText().equals(name)) {
                return e.path("status").asText();
            }
        }
        return null;
    }
}
