package dev.sweeper.sandbox.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sweeper.sandbox.SandboxOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FleetLoaderTest {

    @Test
    void load_whenSampleFleet_parsesEveryKind() {
        FleetSpec fleet = FleetLoader.load(Path.of("config/sample-fleet.yaml"));
        assertThat(fleet.endpoints()).hasSizeGreaterThanOrEqualTo(15);
        assertThat(fleet.notebooks()).extracting(FleetSpec.Notebook::name).contains("dev-alice", "team-shared");
        assertThat(fleet.domains()).hasSize(2);
        assertThat(fleet.topics()).contains("sweeper-alerts");
    }

    @Test
    void parse_whenStorageSizesAreGiven_keepsThemWithinAwsBounds() {
        FleetSpec ok = FleetLoader.parse("notebooks: [{name: a, volumeSizeInGB: 16384}]\n"
                + "domains: [{id: d-1, name: d, spaces: [{name: s, ebsVolumeSizeInGb: 5}]}]", "f.yaml");
        assertThat(ok.notebooks().get(0).volumeSizeInGB()).isEqualTo(16384);
        assertThat(ok.domains().get(0).spaces().get(0).ebsVolumeSizeInGb()).isEqualTo(5);
        assertThatThrownBy(() -> FleetLoader.parse("notebooks: [{name: a, volumeSizeInGB: 4}]", "f.yaml"))
                .hasMessageContaining("volumeSizeInGB: between 5 and 16384");
        assertThatThrownBy(() -> FleetLoader.parse("domains: [{id: d-1, name: d, spaces: [{name: s, ebsVolumeSizeInGb: 16385}]}]",
                "f.yaml")).hasMessageContaining("ebsVolumeSizeInGb: between 5 and 16384");
    }

    @Test
    void parse_whenJupyterLogLinesCarryText_readsBothForms() {
        FleetSpec fleet = FleetLoader.parse("notebooks: [{name: a, jupyterLog: [20m, {ago: 5m, text: \"Notebook not idle. Pass.\"}]}]",
                "f.yaml");

        assertThat(fleet.notebooks().get(0).jupyterLog()).containsExactly(new FleetSpec.LogLine("20m", null),
                new FleetSpec.LogLine("5m", "Notebook not idle. Pass."));
        assertThatThrownBy(() -> FleetLoader.parse("notebooks: [{name: a, jupyterLog: [{text: x}]}]", "f.yaml"))
                .hasMessageContaining("notebooks[0] (a).jupyterLog[0]: a duration ago");
    }

    @Test
    void parse_whenUnknownKey_namesFileKeyAndPathOnOneLine() {
        assertThatThrownBy(() -> FleetLoader.parse("notebooks:\n  - name: a\n    colour: red\n", "f.yaml"))
                .isInstanceOf(FleetException.class)
                .hasMessage("fleet file f.yaml: unknown key 'colour' at notebooks[0]");
    }

    @Test
    void parse_whenBadValues_reportsOneLineProblems() {
        assertThatThrownBy(() -> FleetLoader.parse("endpoints: [{name: x, age: soon}]", "f.yaml"))
                .hasMessageStartingWith("fleet file f.yaml: endpoints[0] (x).age: bad duration 'soon'").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> FleetLoader.parse("notebooks: [{name: bad_name}]", "f.yaml"))
                .hasMessageContaining("bad name 'bad_name'");
        assertThatThrownBy(() -> FleetLoader.parse("notebooks: [{name: a, status: Running}]", "f.yaml"))
                .hasMessageContaining("'Running' is not one of");
        assertThatThrownBy(() -> FleetLoader.parse("endpoints: [{name: a, variants: [{serverless: {memorySizeInMB: 2048}, instanceType: ml.m5.large}]}]", "f.yaml"))
                .hasMessageContaining("serverless variant has no instanceType");
        assertThatThrownBy(() -> FleetLoader.parse("notebooks: [{name: a, instanceCount: [1}", "f.yaml"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("fleet file f.yaml: ").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> FleetLoader.load(Path.of("no/such.yaml"))).hasMessage("fleet file no/such.yaml: not found");
        assertThatThrownBy(() -> FleetLoader.parse("domains: [{id: d-1, spaces: [{name: s}], apps: [{type: Canvas, space: s}]}]",
                "f.yaml")).hasMessageContaining("a Canvas app belongs to a user profile");
    }

    @Test
    void parse_whenInferenceComponentsAreBad_namesTheProblem() {
        String ok = "endpoints: [{name: e, inferenceComponents: [{name: ic-1, metrics: {Invocations: {hourly: 1}}}]}]";
        assertThat(FleetLoader.parse(ok, "f.yaml").endpoints().get(0).inferenceComponents()).hasSize(1);
        assertThatThrownBy(() -> FleetLoader.parse("endpoints: [{name: e, inferenceComponents: [{name: ic_1}]}]", "f.yaml"))
                .hasMessageContaining("inferenceComponents[0]: bad name 'ic_1'");
        assertThatThrownBy(() -> FleetLoader.parse("endpoints: [{name: a, inferenceComponents: [{name: x}]},"
                + " {name: b, inferenceComponents: [{name: x}]}]", "f.yaml"))
                .hasMessageContaining("duplicate inference component name");
        assertThatThrownBy(() -> FleetLoader.parse("endpoints: [{name: e, inferenceComponents: [{name: x, status: Deleted}]}]",
                "f.yaml")).hasMessageContaining("'Deleted' is not one of");
        assertThatThrownBy(() -> FleetLoader.parse("endpoints: [{name: e, inferenceComponents: [{name: x, variant: B}]}]",
                "f.yaml")).hasMessageContaining("no such variant 'B'");
        assertThatThrownBy(() -> FleetLoader.parse("endpoints: [{name: e, async: true, inferenceComponents: [{name: x}]}]",
                "f.yaml")).hasMessageContaining("an asynchronous endpoint hosts no inference components");
    }

    @Test
    void parseSynthetic_whenValidOrBad_parsesOrNamesTheProblem() {
        assertThat(SandboxOptions.parseSynthetic("endpoints=10, notebooks=5,apps=2"))
                .isEqualTo(new SandboxOptions.Synthetic(10, 5, 2));
        assertThat(SandboxOptions.parseSynthetic("endpoints=3")).isEqualTo(new SandboxOptions.Synthetic(3, 0, 0));
        assertThatThrownBy(() -> SandboxOptions.parseSynthetic("endpoint=3")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown synthetic fleet key 'endpoint'");
        assertThatThrownBy(() -> SandboxOptions.parseSynthetic("endpoints=x")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> SandboxOptions.parseSynthetic("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void generate_whenSameArguments_isIdenticalAndHasTheAdvertisedMix() {
        SandboxOptions.Synthetic size = new SandboxOptions.Synthetic(1000, 500, 200);
        FleetSpec a = SyntheticFleet.generate(size, SandboxOptions.DEFAULT_SEED);
        FleetSpec b = SyntheticFleet.generate(size, SandboxOptions.DEFAULT_SEED);
        assertThat(a).isEqualTo(b);
        assertThat(a.endpoints()).hasSize(1000);
        long young = a.endpoints().stream().filter(e -> e.age().endsWith("h")).count();
        long protectedCount = a.endpoints().stream().filter(e -> e.tags().containsKey("sweeper:protect")).count();
        long serverless = a.endpoints().stream().filter(e -> e.variants().get(0).serverless() != null).count();
        long async = a.endpoints().stream().filter(e -> Boolean.TRUE.equals(e.async())).count();
        assertThat(young).isBetween(60L, 140L);
        assertThat(protectedCount).isBetween(25L, 80L);
        assertThat(serverless).isPositive();
        assertThat(async).isPositive();
        assertThat(a.domains().stream().mapToInt(d -> d.apps().size()).sum()).isEqualTo(200);
        FleetLoader.validate(a, "synthetic");
    }

    @Test
    void load_whenMultiAccountFleet_parsesAccountsRolesAndResources() {
        FleetSpec fleet = FleetLoader.load(Path.of("config/multi-account-fleet.yaml"));
        assertThat(fleet.account()).isEqualTo("123456789012");
        assertThat(fleet.accounts()).extracting(FleetSpec.Account::id).containsExactly("111122223333", "444455556666", "777788889999",
                "222233334444");
        assertThat(fleet.accounts().get(1).roles()).containsExactly(new FleetSpec.Role("SweeperRole", "sweeper-ext", null, null));
        assertThat(fleet.accounts().get(2).roles().get(0).deny()).isTrue();
        FleetSpec a = fleet.accounts().get(0).resources(fleet.region());
        assertThat(a.account()).isEqualTo("111122223333");
        assertThat(a.region()).isEqualTo("us-east-1");
        assertThat(a.endpoints()).extracting(FleetSpec.Endpoint::name).containsExactly("churn-batch", "recs-live", "search-live", "ab-canary");
        assertThat(FleetLoader.load(Path.of("config/sample-fleet.yaml")).accounts()).isEmpty();
    }

    @Test
    void parse_whenAccountsMalformed_namesTheAccountAndProblem() {
        assertThatThrownBy(() -> FleetLoader.parse("accounts: [{id: '1234', roles: [{name: R}]}]", "f.yaml"))
                .hasMessage("fleet file f.yaml: accounts[0] (1234).id: '1234' is not a 12-digit account id");
        assertThatThrownBy(() -> FleetLoader.parse("accounts: [{roles: [{name: R}]}]", "f.yaml"))
                .hasMessage("fleet file f.yaml: accounts[0].id: required");
        assertThatThrownBy(() -> FleetLoader.parse("accounts: [{id: '111122223333'}, {id: '111122223333'}]", "f.yaml"))
                .hasMessage("fleet file f.yaml: accounts[1] (111122223333): duplicate account id");
        assertThatThrownBy(() -> FleetLoader.parse("accounts: [{id: '111122223333', roles: [{name: R}, {name: R}]}]", "f.yaml"))
                .hasMessageContaining("accounts[0] (111122223333).roles[1]: duplicate role name 'R'");
        assertThatThrownBy(() -> FleetLoader.parse("accounts: [{id: '111122223333', roles: [{name: 'bad role'}]}]", "f.yaml"))
                .hasMessageContaining("roles[0].name: required");
        assertThatThrownBy(() -> FleetLoader.parse("accounts: [{id: '111122223333', roles: [{name: R, externalId: 'x'}]}]", "f.yaml"))
                .hasMessageContaining("roles[0].externalId");
        assertThatThrownBy(() -> FleetLoader.parse("accounts: [{id: '111122223333', roles: [{name: R, maxSession: 13h}]}]", "f.yaml"))
                .hasMessageContaining("roles[0].maxSession: between 1h and 12h");
        assertThatThrownBy(() -> FleetLoader.parse("accounts: [{id: '111122223333', endpoints: [{name: bad_name}]}]", "f.yaml"))
                .hasMessageStartingWith("fleet file f.yaml: accounts[0] (111122223333).endpoints[0] (bad_name): bad name");
        assertThatThrownBy(() -> FleetLoader.parse("accounts: [{id: '111122223333', colour: red}]", "f.yaml"))
                .hasMessage("fleet file f.yaml: unknown key 'colour' at accounts[0]");
        assertThatThrownBy(() -> FleetLoader.parse("accounts: [{id: '123456789012', topics: [t]}]", "f.yaml"))
                .hasMessageContaining("the caller's own account may list only roles here");
        assertThat(FleetLoader.parse("accounts: [{id: '123456789012', roles: [{name: Self}]}]", "f.yaml").accounts()).hasSize(1);
    }
}
