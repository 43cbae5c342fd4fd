package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sweeper.core.AccountGateways;
import dev.sweeper.core.AuditStore;
import dev.sweeper.core.Gateways;
import dev.sweeper.core.JupyterProbe;
import dev.sweeper.core.Kind;
import dev.sweeper.core.MetricsGateway;
import dev.sweeper.core.NotebookLogs;
import dev.sweeper.core.Notifier;
import dev.sweeper.core.OrgAccount;
import dev.sweeper.core.Resource;
import dev.sweeper.core.SageMakerGateway;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command run on plain fakes, with no sandbox and no SDK: the factory's {@link Wiring} is the
 * only seam. The gateways hold one Studio app, InService for three days.
 */
class AppsIdleCommandTest {
    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    static final String ACCOUNT = "111122223333";

    @TempDir
    Path state;

    final FakeSageMaker sageMaker = new FakeSageMaker();
    final FakeGateways gateways = new FakeGateways(sageMaker);

    record Run(int exitCode, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    Run run(String... args) {
        Environment env = new Environment(Map.of("XDG_STATE_HOME", state.toString()), false, false,
                Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMillis(1));
        Wiring wiring = new Wiring(env, (settings, pool, limits, inFlight) -> gateways, Executors::newFixedThreadPool);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SweeperCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), wiring, args)
                .execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void appsIdle_whenOlderThanMaxAgeAndFailOnIdle_exits4WithTheAppIdle() throws Exception {
        Run run = run("apps", "idle", "--region", "us-east-1", "--max-age", "1d", "--fail-on-idle");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(4);
        JsonNode app = run.json().path("resources").get(0);
        assertThat(app.path("name").asText()).isEqualTo("default");
        assertThat(app.path("verdict").asText()).isEqualTo("IDLE");
        assertThat(sageMaker.deleted).isEmpty();
    }

    @Test
    void appsIdle_whenYoungerThanMaxAge_exits0() throws Exception {
        Run run = run("apps", "idle", "--region", "us-east-1", "--max-age", "7d", "--fail-on-idle");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().path("resources").get(0).path("verdict").asText()).isNotEqualTo("IDLE");
    }

    @Test
    void appsIdle_whenApplyingInAnotherAccountThanExpected_isRefusedBeforeAnyDelete() {
        Run run = run("apps", "idle", "--region", "us-east-1", "--max-age", "1d", "--delete", "--all", "--apply",
                "--expect-account", "999999999999");

        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err()).contains("refused: refusing to --apply: the credentials belong to account " + ACCOUNT);
        assertThat(sageMaker.deleted).isEmpty();
    }

    @Test
    void appsIdle_whenApplyingInTheExpectedAccount_deletesTheIdleApp() {
        Run run = run("apps", "idle", "--region", "us-east-1", "--max-age", "1d", "--delete", "--all", "--apply",
                "--expect-account", ACCOUNT);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(sageMaker.deleted).containsExactly("default");
    }

    /** The caller's gateways: one region's SageMaker, and the account of the credentials. */
    record FakeGateways(SageMakerGateway sageMaker) implements AccountGateways {
        @Override
        public SageMakerGateway sageMaker(String region) {
            return sageMaker;
        }

        @Override
        public MetricsGateway metrics(String region) {
            throw new UnsupportedOperationException("apps have no metrics");
        }

        @Override
        public Notifier notifier(String region) {
            throw new UnsupportedOperationException("no --notify here");
        }

        @Override
        public JupyterProbe jupyter(String region) {
            throw new UnsupportedOperationException("no notebooks here");
        }

        @Override
        public NotebookLogs notebookLogs(String region) {
            throw new UnsupportedOperationException("no notebooks here");
        }

        @Override
        public String callerAccount(String stsRegion) {
            return ACCOUNT;
        }

        @Override
        public Gateways assumeRole(String roleArn, String externalId, String sessionName, String stsRegion) {
            throw new UnsupportedOperationException("no roles here");
        }

        /** An Organization of one: the caller's own account. */
        @Override
        public List<OrgAccount> organizationAccounts(String region, List<String> parents) {
            return List.of(new OrgAccount(ACCOUNT, "research", "ACTIVE"));
        }

        /** A log group held in memory, its records in the order they were appended. */
        @Override
        public AuditStore cloudWatchLogsAudit(String region, String logGroup, String runId) {
            List<String> records = new java.util.concurrent.CopyOnWriteArrayList<>();
            return new AuditStore() {
                @Override
                public void append(String record, Instant at) {
                    records.add(record);
                }

                @Override
                public List<String> read(Instant since, Instant until) {
                    return List.copyOf(records);
                }

                @Override
                public String where() {
                    return logGroup;
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public void close() {
        }
    }

    /** One Studio app, InService for three days; deletes are recorded. */
    static final class FakeSageMaker implements SageMakerGateway {
        final List<String> deleted = new ArrayList<>();
        final Resource app = new Resource("default", "us-east-1",
                "arn:aws:sagemaker:us-east-1:" + ACCOUNT + ":app/d-1/alice/jupyterlab/default", "InService",
                "ml.t3.medium", 1, NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(3)),
                new Resource.AppShape("d-1", "JupyterLab", "alice", null, null, "user", null), Resource.accountOf("arn:aws:sagemaker:us-east-1:" + ACCOUNT + ":app/d-1/alice/jupyterlab/default"));

        @Override
        public List<Resource> listApps() {
            return List.of(app);
        }

        @Override
        public Optional<Resource> describeApp(Resource a) {
            return Optional.of(app);
        }

        @Override
        public void deleteApp(Resource a) {
            deleted.add(a.name());
        }

        @Override
        public Map<String, String> listTags(String arn) {
            return Map.of();
        }

        @Override
        public List<Resource> listEndpoints(Consumer<List<Resource>> eachPage) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Resource describeEndpoint(Resource listed) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Resource withInstanceTypes(Resource described) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<String> endpointStatus(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void deleteEndpoint(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<InferenceComponent> listInferenceComponents(String endpointName) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void deleteInferenceComponent(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<dev.sweeper.core.AutostopRollout.Config> describeLifecycleConfig(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void createLifecycleConfig(dev.sweeper.core.AutostopRollout.Config config) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setNotebookLifecycleConfig(String notebook, String configName) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Resource> listNotebooks() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Resource> describeNotebook(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void stopNotebook(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void startNotebook(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Resource> listClusters() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Resource> listSpaces(List<String> problems) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Resource> describeSpace(Resource space) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Resource> describeCluster(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Resource> listMlflowServers() {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.util.Optional<Resource> describeMlflowServer(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void stopMlflowServer(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void startMlflowServer(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<dev.sweeper.core.StudioSettings> listStudioSettings(dev.sweeper.core.StudioSettings.Scope scope) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<dev.sweeper.core.StudioSettings> describeStudioSettings(dev.sweeper.core.StudioSettings settings) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setIdleSettings(dev.sweeper.core.StudioSettings target,
                                    Map<String, dev.sweeper.core.StudioSettings.Idle> settings) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void addTags(String arn, Map<String, String> tags) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void deleteTags(String arn, List<String> keys) {
            throw new UnsupportedOperationException();
        }
    }
}
