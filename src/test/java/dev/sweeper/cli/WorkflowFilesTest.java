package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sweeper.lambda.LambdaEvent;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The deployment files are code too: every workflow and template must parse, and say what the
 * README says they do, so that a typo fails the build instead of a 21:00 schedule. Jackson's YAML
 * parser reads CloudFormation's short-form tags ({@code !Ref X}, {@code !Sub '...'}) as the plain
 * scalar they tag, which is what these checks need.
 */
class WorkflowFilesTest {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path CI = Path.of(".github/workflows/ci.yml");
    static final Path SWEEP = Path.of(".github/workflows/sweep-example.yml");
    static final Path SAM = Path.of("config/lambda.yaml");
    static final Path IAM = Path.of("config/iam-policy.json");
    static final Path MEMBER = Path.of("config/member-role-stackset.yaml");
    static final String DOCUMENTED_SWEEP =
            "scripts/sweeper endpoints idle --name-contains ci- --delete --apply --fail-on-idle --output json";
    /** EventBridge cron: six fields, and one of day-of-month and day-of-week must be '?'. */
    static final String EVENTBRIDGE_CRON = "cron\\((\\S+ ){2}(\\? \\S+ \\S+|\\S+ \\S+ \\?) \\S+\\)";

    static Stream<Path> yamlFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(Path.of(".github/workflows"), Path.of("config"))) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().forEach(files::add);
            }
        }
        assertThat(files).contains(CI, SWEEP, SAM, Path.of("config/sweeper.example.yaml"));
        return files.stream();
    }

    static JsonNode yaml(Path file) throws IOException {
        return YAML.readTree(file.toFile());
    }

    static CommandLine tree() {
        return SweeperCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                new Environment(Map.of(), false, false, Clock.systemUTC(), Duration.ofMillis(100)));
    }

    static List<JsonNode> steps(JsonNode workflow) {
        List<JsonNode> out = new ArrayList<>();
        workflow.path("jobs").forEach(job -> job.path("steps").forEach(out::add));
        return out;
    }

    static JsonNode stepUsing(JsonNode workflow, String action) {
        return steps(workflow).stream().filter(s -> s.path("uses").asText().equals(action)).findFirst()
                .orElseThrow(() -> new AssertionError("no step uses " + action));
    }

    static List<String> runLines(JsonNode workflow) {
        return steps(workflow).stream().filter(s -> s.has("run"))
                .flatMap(s -> s.path("run").asText().lines()).map(String::strip).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("yamlFiles")
    void everyYamlFile_parsesToAMapping(Path file) throws IOException {
        JsonNode root = yaml(file);

        assertThat(root).as(file.toString()).isNotNull();
        assertThat(root.isObject()).as(file + " is a mapping").isTrue();
    }

    @Test
    void ciWorkflow_runsMavenVerifyOnPushAndPullRequestWithJava17() throws IOException {
        JsonNode ci = yaml(CI);

        assertThat(ci.path("on").has("push")).isTrue();
        assertThat(ci.path("on").has("pull_request")).isTrue();
        JsonNode java = stepUsing(ci, "actions/setup-java@v4").path("with");
        assertThat(java.path("java-version").asText()).isEqualTo("17");
        assertThat(java.path("cache").asText()).isEqualTo("maven");
        assertThat(runLines(ci)).contains("mvn -B verify");
    }

    @Test
    void sweepWorkflow_assumesARoleThroughOidcAndRunsTheDocumentedCommand() throws IOException {
        JsonNode wf = yaml(SWEEP);

        assertThat(wf.path("permissions").path("id-token").asText()).isEqualTo("write");
        assertThat(wf.path("on").has("workflow_dispatch")).isTrue();
        String cron = wf.path("on").path("schedule").get(0).path("cron").asText();
        assertThat(cron.split(" ")).as("GitHub cron: five fields").hasSize(5);
        JsonNode creds = stepUsing(wf, "aws-actions/configure-aws-credentials@v4").path("with");
        assertThat(creds.path("role-to-assume").asText()).isNotBlank();
        assertThat(creds.path("aws-region").asText()).isNotBlank();
        assertThat(creds.has("aws-access-key-id")).as("no stored keys: OIDC only").isFalse();
        JsonNode java = stepUsing(wf, "actions/setup-java@v4").path("with");
        assertThat(java.path("java-version").asText()).isEqualTo("17");
        assertThat(java.path("cache").asText()).isEqualTo("maven");
        assertThat(runLines(wf)).anySatisfy(l -> assertThat(l).startsWith("mvn -B").contains("package"));

        String sweep = runLines(wf).stream().filter(l -> l.startsWith("scripts/sweeper ")).findFirst()
                .orElseThrow(() -> new AssertionError("no step runs scripts/sweeper"));
        assertThat(sweep).startsWith(DOCUMENTED_SWEEP);
        String[] args = DOCUMENTED_SWEEP.substring("scripts/sweeper ".length()).split(" ");
        assertThatCode(() -> tree().parseArgs(args)).as("the command parses").doesNotThrowAnyException();
    }

    @Test
    void samTemplate_deploysTheShadedJarWithTheLambdaHandler() throws Exception {
        JsonNode sam = yaml(SAM);

        assertThat(sam.path("Transform").asText()).isEqualTo("AWS::Serverless-2016-10-31");
        JsonNode fn = function(sam).path("Properties");
        assertThat(Path.of("config").resolve(fn.path("CodeUri").asText()).normalize())
                .as("CodeUri is relative to the template").isEqualTo(Path.of("target/sweeper.jar"));
        assertThat(Files.readString(Path.of("pom.xml"))).contains("<finalName>sweeper</finalName>");
        assertThat(fn.path("Runtime").asText()).matches("java(17|21|25)");
        assertThat(fn.path("MemorySize").asInt()).isBetween(512, 3008);
        assertThat(fn.path("Timeout").asInt()).isEqualTo(900);
        String handler = fn.path("Handler").asText();
        assertThat(handler).isEqualTo("dev.sweeper.lambda.SweeperHandler::handleRequest");
        Class<?> cls = Class.forName(handler.substring(0, handler.indexOf("::")));
        assertThat(RequestHandler.class.isAssignableFrom(cls)).isTrue();
        assertThat(cls.getConstructor()).as("Lambda needs a public no-argument constructor").isNotNull();
    }

    @Test
    void samTemplate_roleGrantsExactlyTheActionsOfIamPolicyJson() throws IOException {
        JsonNode sam = yaml(SAM);
        JsonNode iam = JSON.readTree(IAM.toFile());

        JsonNode role = sam.path("Resources").path(function(sam).path("Properties").path("Role").asText()
                .replace(".Arn", ""));
        assertThat(role.path("Type").asText()).isEqualTo("AWS::IAM::Role");
        JsonNode sweeperPolicy = null;
        for (JsonNode p : role.path("Properties").path("Policies")) {
            if (p.path("PolicyName").asText().equals("sweeper")) {
                sweeperPolicy = p.path("PolicyDocument");
            }
        }
        assertThat(sweeperPolicy).as("policy 'sweeper'").isNotNull();
        Map<String, List<String>> template = actionsBySid(sweeperPolicy);
        Map<String, List<String>> expected = actionsBySid(iam);
        assertThat(template.keySet()).isEqualTo(expected.keySet());
        expected.forEach((sid, actions) -> assertThat(template.get(sid)).as(sid).containsExactlyInAnyOrderElementsOf(actions));
        // An action may be granted on two resources in two statements (FilterLogEvents: the notebooks' logs and the
        // audit log), never twice in one.
        template.forEach((sid, actions) -> assertThat(new LinkedHashSet<>(actions)).as(sid + ": no duplicates")
                .hasSize(actions.size()));
        for (JsonNode p : role.path("Properties").path("Policies")) {
            if (!p.path("PolicyName").asText().equals("sweeper")) {
                for (String action : actionsBySid(p.path("PolicyDocument")).values().stream().flatMap(List::stream).toList()) {
                    assertThat(action).as("other policies only write logs").startsWith("logs:");
                }
            }
        }
    }

    @Test
    void samTemplate_hasTheFourSchedulesWithRunnableEvents() throws IOException {
        JsonNode sam = yaml(SAM);
        JsonNode events = function(sam).path("Properties").path("Events");
        Map<String, JsonNode> byCron = new HashMap<>();
        events.forEach(e -> {
            assertThat(e.path("Type").asText()).isIn("Schedule", "ScheduleV2");
            String cron = e.path("Properties").path("ScheduleExpression").asText();
            assertThat(cron).matches(EVENTBRIDGE_CRON);
            byCron.put(cron, e.path("Properties"));
        });
        assertThat(byCron).containsOnlyKeys("cron(0 7 ? * MON-FRI *)", "cron(0 21 ? * MON-FRI *)", "cron(30 8 * * ? *)",
                "cron(0/15 * * * ? *)", "cron(45 8 * * ? *)");
        // The Organization's daily run, on only with the OrganizationRoleName parameter.
        assertThat(argv(byCron.get("cron(45 8 * * ? *)"))).containsExactly("endpoints", "idle", "--accounts", "org",
                "--role-name", "SweeperRole", "--notify", "--topic-arn",
                "arn:aws:sns:us-east-1:123456789012:sweeper-alerts", "--output", "json");
        assertThat(byCron.get("cron(45 8 * * ? *)").path("State").isMissingNode()).isFalse();
        assertThat(argv(byCron.get("cron(0/15 * * * ? *)")))
                .containsExactly("schedule", "--config", "/opt/sweeper.yaml", "--apply", "--output", "json");

        assertThat(argv(byCron.get("cron(0 7 ? * MON-FRI *)")))
                .containsExactly("start-notebooks", "--name-contains", "dev-", "--only-swept", "--apply", "--output", "json");
        assertThat(argv(byCron.get("cron(0 21 ? * MON-FRI *)")))
                .as("the nightly stop-everything names the wider set (SPEC's one rule for acting)")
                .containsExactly("stop-notebooks", "--name-contains", "dev-", "--include-active", "--apply", "--output",
                        "json");
        assertThat(argv(byCron.get("cron(30 8 * * ? *)"))).containsExactly("endpoints", "idle", "--notify",
                "--topic-arn", "arn:aws:sns:us-east-1:123456789012:sweeper-alerts", "--output", "json");
        assertThat(sam.path("Parameters").path("NameContains").path("Default").asText()).isEqualTo("dev-");
        assertThat(sam.path("Parameters").has("AlertTopicArn")).isTrue();
    }

    @Test
    void memberRoleStackSet_grantsTheInAccountActionsOfIamPolicyJson_toTheSweepersAccount() throws IOException {
        JsonNode stackSet = yaml(MEMBER);
        JsonNode iam = JSON.readTree(IAM.toFile());

        JsonNode role = stackSet.path("Resources").path("SweeperMemberRole");
        assertThat(role.path("Type").asText()).isEqualTo("AWS::IAM::Role");
        Map<String, List<String>> granted = actionsBySid(role.path("Properties").path("Policies").get(0)
                .path("PolicyDocument"));
        Map<String, List<String>> expected = actionsBySid(iam);
        // What happens in the central account stays there: assuming roles, the Organization, SNS, the audit log.
        assertThat(granted.keySet()).containsExactlyInAnyOrder("SweeperReadOnly", "SweeperNotebookJupyterLogs",
                "SweeperNotebookJupyterProbeFullNotebookAccess", "SweeperActing");
        granted.forEach((sid, actions) -> assertThat(actions).as(sid)
                .containsExactlyInAnyOrderElementsOf(expected.get(sid)));
        assertThat(role.path("Properties").path("RoleName").toString()).contains("SweeperRoleName");
    }

    @Test
    void memberRoleStackSet_whenCfnLintInstalled_passesIt() throws Exception {
        Path cfnLint = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(d -> Path.of(d, "cfn-lint")).filter(Files::isExecutable).findFirst().orElse(null);
        assumeThat(cfnLint).as("cfn-lint on PATH").isNotNull();

        Process p = new ProcessBuilder(cfnLint.toString(), MEMBER.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue() & 2).as(out).isZero();
    }

    @Test
    void samTemplate_whenCfnLintInstalled_passesIt() throws Exception {
        Path cfnLint = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(d -> Path.of(d, "cfn-lint")).filter(Files::isExecutable).findFirst().orElse(null);
        assumeThat(cfnLint).as("cfn-lint on PATH").isNotNull();

        Process p = new ProcessBuilder(cfnLint.toString(), SAM.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // cfn-lint's exit code is a bit set: 2 errors, 4 warnings, 8 informational.
        assertThat(p.exitValue() & 2).as(out).isZero();
    }

    /** The schedule's Input, with the template's parameters filled in, as the handler would run it. */
    static List<String> argv(JsonNode schedule) throws IOException {
        String input = schedule.path("Input").asText()
                .replace("${NameContains}", "dev-")
                .replace("${SchedulesConfig}", "/opt/sweeper.yaml")
                .replace("${AlertTopicArn}", "arn:aws:sns:us-east-1:123456789012:sweeper-alerts")
                .replace("${OrganizationRoleName}", "SweeperRole");
        assertThat(input).doesNotContain("${");
        @SuppressWarnings("unchecked")
        Map<String, Object> event = JSON.readValue(input, Map.class);
        CommandLine tree = tree();
        List<String> argv = LambdaEvent.parse(event).argv(tree);
        assertThatCode(() -> tree.parseArgs(argv.toArray(String[]::new))).as(input).doesNotThrowAnyException();
        return argv;
    }

    static JsonNode function(JsonNode sam) {
        List<JsonNode> functions = new ArrayList<>();
        sam.path("Resources").forEach(r -> {
            if (r.path("Type").asText().equals("AWS::Serverless::Function")) {
                functions.add(r);
            }
        });
        assertThat(functions).hasSize(1);
        return functions.get(0);
    }

    /** Statement Sid to its actions, in order; a single action may be a string. */
    static Map<String, List<String>> actionsBySid(JsonNode policy) {
        Map<String, List<String>> out = new HashMap<>();
        int n = 0;
        for (JsonNode st : policy.path("Statement")) {
            assertThat(st.path("Effect").asText()).isEqualTo("Allow");
            JsonNode a = st.path("Action");
            List<String> actions = a.isArray()
                    ? Arrays.stream(JSON.convertValue(a, String[].class)).toList() : List.of(a.asText());
            out.put(st.path("Sid").asText("statement-" + n++), actions);
        }
        return out;
    }

    @Test
    void cronExample_everySweeperLineParses() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("scripts/cron.example")).stream()
                .filter(l -> !l.startsWith("#") && l.contains("$SWEEPER ")).toList();

        assertThat(lines).as("the crontab's sweeper lines").hasSizeGreaterThanOrEqualTo(6);
        for (String line : lines) {
            String command = line.substring(line.indexOf("$SWEEPER ") + "$SWEEPER ".length(), line.indexOf(" >>"));
            String[] args = command.trim().split("\\s+");
            assertThatCode(() -> tree().parseArgs(args)).as(line).doesNotThrowAnyException();
        }
        // The evening stops are "stop everything": by the one rule for acting, they must say so.
        assertThat(lines.stream().filter(l -> l.contains("stop-notebooks ") || l.contains("mlflow stop ")))
                .hasSize(2).allSatisfy(l -> assertThat(l).contains("--include-active"));
    }
}
