package dev.sweeper.core.kinds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sweeper.core.ActivityGate;
import dev.sweeper.core.Evaluation;
import dev.sweeper.core.Evaluator;
import dev.sweeper.core.Evidence;
import dev.sweeper.core.Kind;
import dev.sweeper.core.Policy;
import dev.sweeper.core.Resource;
import dev.sweeper.core.SageMakerGateway;
import dev.sweeper.testing.Shapes;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every kind is one definition: a shape that tells it, a listing through its family's port, a rule, labels and
 * fields. A kind added without one of these fails here.
 */
class KindDefinitionsTest {
    static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    static Resource bare(Kind kind, String status) {
        return new Resource(kind.id() + "-1", "us-east-1", null, status, null, null, NOW.minus(Duration.ofDays(3)),
                NOW.minus(Duration.ofDays(3)), Shapes.of(kind), null);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everyKind_hasADefinitionWhoseShapeTellsIt(Kind kind) {
        assertThat(kind.definition()).isNotNull();
        assertThat(kind.definition().shape()).isNotNull();
        assertThat(Kind.of(Shapes.of(kind))).isEqualTo(kind);
        assertThat(bare(kind, "InService").kind()).isEqualTo(kind);
    }

    @Test
    void noTwoKinds_shareAShape() {
        assertThat(java.util.Arrays.stream(Kind.values()).map(k -> k.definition().shape()).distinct())
                .hasSize(Kind.values().length);
    }

    @Test
    void labels_areEachKindsOwn() {
        Map<Kind, String> plural = new EnumMap<>(Kind.class);
        Map<Kind, String> heading = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            plural.put(k, k.plural());
            heading.put(k, k.definition().heading());
        }
        assertThat(plural).containsExactlyInAnyOrderEntriesOf(Map.of(Kind.NOTEBOOK, "notebooks",
                Kind.ENDPOINT, "endpoints", Kind.APP, "Studio apps", Kind.SPACE, "Studio spaces",
                Kind.MLFLOW, "MLflow tracking servers", Kind.HYPERPOD, "HyperPod clusters"));
        assertThat(heading).containsExactlyInAnyOrderEntriesOf(Map.of(Kind.NOTEBOOK, "Notebooks",
                Kind.ENDPOINT, "Endpoints", Kind.APP, "Studio apps", Kind.SPACE, "Studio spaces",
                Kind.MLFLOW, "MLflow tracking servers", Kind.HYPERPOD, "HyperPod clusters"));
    }

    /** A gateway that records which listing was called and lists nothing. */
    static SageMakerGateway recording(List<String> calls) {
        return (SageMakerGateway) Proxy.newProxyInstance(SageMakerGateway.class.getClassLoader(),
                new Class<?>[] {SageMakerGateway.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    if (method.getReturnType() == List.class) {
                        return List.of();
                    }
                    if (method.getReturnType() == Optional.class) {
                        return Optional.empty();
                    }
                    return null;
                });
    }

    @Test
    void list_goesThroughEachKindsOwnListing() {
        Map<Kind, String> expected = Map.of(Kind.NOTEBOOK, "listNotebooks", Kind.ENDPOINT, "listEndpoints",
                Kind.APP, "listApps", Kind.SPACE, "listSpaces", Kind.MLFLOW, "listMlflowServers",
                Kind.HYPERPOD, "listClusters");
        for (Kind k : Kind.values()) {
            List<String> calls = new ArrayList<>();
            List<Resource> listed = k.definition().list(recording(calls),
                    new KindDefinition.Listing(new ArrayList<>(), page -> { }));
            assertThat(listed).as(k.id()).isEmpty();
            assertThat(calls).as(k.id()).containsExactly(expected.get(k));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void evaluate_everyKindHasARule_andTheEvaluatorUsesIt(Kind kind) {
        Resource r = bare(kind, "InService");
        Evaluation direct = kind.definition().evaluate(r, Evidence.notGathered(), Policy.defaults(), NOW);
        Evaluation viaEvaluator = Evaluator.evaluate(r, Evidence.notGathered(), Policy.defaults(), NOW);

        assertThat(direct.verdict()).isNotNull();
        assertThat(direct.reasons()).isNotEmpty();
        assertThat(viaEvaluator).isEqualTo(direct);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void json_everyKindWritesItsFieldsBalanced(Kind kind) {
        List<String> out = new ArrayList<>();
        int[] depth = {0};
        Fields fields = (Fields) Proxy.newProxyInstance(Fields.class.getClassLoader(), new Class<?>[] {Fields.class},
                (proxy, method, args) -> {
                    String m = method.getName();
                    depth[0] += m.startsWith("start") ? 1 : m.startsWith("end") ? -1 : 0;
                    out.add(m + (args == null || args.length == 0 ? "" : ":" + args[0]));
                    return proxy;
                });
        kind.definition().json(bare(kind, "InService"), fields);
        assertThat(out).as("a kind adds its own fields").isNotEmpty();
        assertThat(depth[0]).isZero();
    }

    @Test
    void policyDefaults_giveAWindowToExactlyTheKindsJudgedOverActivity_andNoAgeRule() {
        Policy p = Policy.defaults();
        for (Kind k : Kind.values()) {
            boolean judgedOverActivity = k.definition().gathering() != KindDefinition.Gathering.NONE;
            assertThat(p.window(k) != null).as(k.id()).isEqualTo(judgedOverActivity);
            assertThat(p.maxAge(k)).as(k.id()).isNull();
        }
        Policy hour = p.withWindow(Duration.ofHours(1));
        assertThat(hour.windows().values()).containsOnly(Duration.ofHours(1)).hasSize(p.windows().size());
        assertThat(hour.maxAges()).isEmpty();
    }

    @Test
    void configKeys_aWindowKeyExactlyForTheKindsJudgedOverActivity_eachKeyOnce() {
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (Kind k : Kind.values()) {
            KindDefinition d = k.definition();
            assertThat(d.windowKey() != null).as(k.id()).isEqualTo(d.gathering() != KindDefinition.Gathering.NONE);
            if (d.windowKey() != null) {
                assertThat(d.windowKey()).as(k.id()).matches("[a-z]+\\.window");
                assertThat(keys.add(d.windowKey())).as(d.windowKey()).isTrue();
            }
            if (d.ageRuleKey() != null) {
                assertThat(d.ageRuleKey()).as(k.id()).matches("[a-z]+\\.max-age");
                assertThat(keys.add(d.ageRuleKey())).as(d.ageRuleKey()).isTrue();
            }
        }
    }

    /** A kind whose rule heeds an age rule names its config key, and its rule says when an age rule made one IDLE. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void ageRuleKey_exactlyForTheKindsWhoseRuleHeedsAnAgeRule_andNamedByIt(Kind kind) {
        KindDefinition d = kind.definition();
        Policy aged = Policy.defaults().withMaxAge(kind, Duration.ofHours(1));
        boolean heeds = false;
        for (String status : List.of("InService", "Started")) {
            Resource r = bare(kind, status);
            Evaluation without = d.evaluate(r, Evidence.notGathered(), Policy.defaults(), NOW);
            Evaluation with = d.evaluate(r, Evidence.notGathered(), aged, NOW);
            if (!with.equals(without)) {
                heeds = true;
                if (with.verdict() == dev.sweeper.core.Verdict.IDLE) {
                    assertThat(String.join(" ", with.reasons())).as(kind.id()).contains("an age rule");
                }
            }
        }
        assertThat(d.ageRuleKey() != null).as(kind.id()).isEqualTo(heeds);
    }

    @Test
    void canvasHasAWindowOfItsOwn_theOtherAppsNone() {
        Policy p = Policy.defaults().withWindow(Kind.NOTEBOOK, Duration.ofHours(2))
                .withWindow(Kind.APP, Duration.ofHours(5));
        Resource canvas = new Resource("default", "us-east-1", null, "InService", "system", 1, NOW, NOW,
                new Resource.AppShape("d-1", Evaluator.CANVAS, "alice", null, null, null, null), null);
        Resource jupyter = bare(Kind.APP, "InService");

        assertThat(ActivityGate.window(canvas, p)).isEqualTo(Duration.ofHours(5));
        assertThat(ActivityGate.window(jupyter, p)).isNull();
    }

    /** One resource of each kind that bills all it can: described, sized, with storage where it has some. */
    static List<Resource> billing(Kind kind) {
        Resource bare = bare(kind, "InService");
        return switch (kind) {
            case ENDPOINT -> List.of(new Resource("ep", "us-east-1", null, "InService", null, null, NOW, NOW,
                    new Resource.EndpointShape("cfg", List.of(new dev.sweeper.core.Variant("a", "ml.m5.large", 1, false, false, 0)),
                            false, true, null, null), null));
            case HYPERPOD -> List.of(new Resource("hp", "us-east-1", null, "InService", null, 2, NOW, NOW,
                    new Resource.ClusterShape(List.of(new Resource.InstanceGroup("g", "ml.g5.8xlarge", 2, 2, null,
                            false, null))), null));
            case APP -> List.of(new Resource("a", "us-east-1", null, "InService", "ml.t3.medium", 1, NOW, NOW,
                    Shapes.of(kind), null), new Resource("default", "us-east-1", null, "InService", "system", 1,
                    NOW, NOW, new Resource.AppShape("d-1", Evaluator.CANVAS, "alice", null, null, null, null), null));
            case MLFLOW -> List.of(new Resource("m", "us-east-1", null, "Started", "Small", 1, NOW, NOW,
                    Shapes.of(kind), null));
            default -> List.of(new Resource(kind.id(), "us-east-1", null, "InService", "ml.t3.medium", 1, NOW, NOW,
                    Shapes.of(kind), null), bare);
        };
    }

    /**
     * What a kind bills is priced in a section it declares (the price table reads the declared sections: a kind
     * that forgot its own would be priced nowhere); serverless provisioned concurrency has no table section.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void priceSections_declareEverySectionTheKindBillsIn(Kind kind) {
        KindDefinition d = kind.definition();
        java.util.Set<String> declared = new java.util.HashSet<>();
        d.priceSections().forEach(section -> declared.add(section.name()));
        java.util.Set<String> used = new java.util.HashSet<>();
        for (Resource r : billing(kind)) {
            List<KindDefinition.Billed> billed = d.billed(r);
            assertThat(billed).as(kind.id() + " described bills something known").isNotNull();
            billed.forEach(b -> {
                used.add(b.section());
                if (b.usage() != null) {
                    assertThat(b.usage().section()).isEqualTo(b.section());
                }
            });
            if (d.storage(r) != null) {
                used.add(d.storage(r).section());
            }
        }
        used.remove("serverless");
        assertThat(declared).as(kind.id()).isEqualTo(used);
    }

    @Test
    void billed_whatRunsBillsByItsKindsUsages() {
        Resource notebook = new Resource("nb", "us-east-1", null, "InService", "ml.t3.medium", 1, NOW, NOW,
                new Resource.NotebookShape(null), null);
        assertThat(Kind.NOTEBOOK.definition().billed(notebook)).extracting(b -> b.usage().key(), b -> b.quantity())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("notebook:ml.t3.medium", 1));
        assertThat(Kind.ENDPOINT.definition().billed(bare(Kind.ENDPOINT, "InService")))
                .as("not described: unknown").isNull();
        assertThat(Kind.SPACE.definition().billed(bare(Kind.SPACE, "InService"))).isEmpty();
        assertThat(Kind.SPACE.definition().storage(bare(Kind.SPACE, "InService")).key()).isEqualTo("storage:studio");
        assertThat(Kind.NOTEBOOK.definition().storage(notebook).key()).isEqualTo("storage:notebook");
        assertThat(Kind.MLFLOW.definition().storage(bare(Kind.MLFLOW, "Started"))).isNull();
    }
}
