package dev.sweeper.app.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sweeper.app.ResourceAction;
import dev.sweeper.core.Evaluation;
import dev.sweeper.core.Evidence;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Kind;
import dev.sweeper.core.Policy;
import dev.sweeper.core.Protection;
import dev.sweeper.core.Resource;
import dev.sweeper.core.SageMakerGateway;
import dev.sweeper.core.Verdict;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TagRecheckActionTest {
    static final String ARN = "arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn";
    final List<String> calls = new ArrayList<>();

    /** A gateway whose ListTags answers these tags now (the bulk read at scan time said otherwise). */
    SageMakerGateway listTagsAnswering(Map<String, String> tags) {
        return (SageMakerGateway) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {SageMakerGateway.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    if (method.getName().equals("listTags") && ARN.equals(args[0])) {
                        return tags;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    static Finding unprotectedIdle() {
        Resource r = new Resource("churn", "us-east-1", ARN, "InService", "ml.m5.large", 1,
                Instant.EPOCH, Instant.EPOCH, Resource.EndpointShape.listed(), Resource.accountOf(ARN));
        return new Finding(r, new Evaluation(Verdict.IDLE, List.of("idle"), Evidence.notGathered()), Protection.NONE,
                0.1, null, null, null, null, null);
    }

    static ResourceAction unchanged() {
        return new ResourceAction() {
            @Override
            public String type() {
                return "delete";
            }

            @Override
            public String plannedDetail(Finding f) {
                return "would delete";
            }

            @Override
            public Optional<String> recheck(Finding f) {
                return Optional.empty();
            }

            @Override
            public String perform(Finding f) {
                return "deleted";
            }
        };
    }

    @Test
    void recheck_whenProtectTagAddedSinceTheBulkRead_skipsSayingSo() {
        TagRecheckAction action = new TagRecheckAction(unchanged(), listTagsAnswering(Map.of("sweeper:protect", "TRUE")),
                Policy.defaults());

        Optional<String> skip = action.recheck(unprotectedIdle());

        assertThat(skip).hasValueSatisfying(s -> assertThat(s).startsWith("protected now: tagged sweeper:protect"));
        assertThat(calls).containsExactly("listTags");
    }

    @Test
    void recheck_whenStillUnprotected_letsTheActionGoAhead() {
        TagRecheckAction action = new TagRecheckAction(unchanged(), listTagsAnswering(Map.of("team", "ml")), Policy.defaults());

        assertThat(action.recheck(unprotectedIdle())).isEmpty();
        assertThat(calls).containsExactly("listTags");
    }

    @Test
    void recheck_whenStateAlreadyChanged_readsNoTags() {
        ResourceAction changed = new ResourceAction() {
            @Override
            public String type() {
                return "delete";
            }

            @Override
            public String plannedDetail(Finding f) {
                return "";
            }

            @Override
            public Optional<String> recheck(Finding f) {
                return Optional.of("status is now Updating");
            }

            @Override
            public String perform(Finding f) {
                return "";
            }
        };

        assertThat(new TagRecheckAction(changed, listTagsAnswering(Map.of()), Policy.defaults()).recheck(unprotectedIdle()))
                .hasValue("status is now Updating");
        assertThat(calls).isEmpty();
    }
    /**
     * A wrapper must pass every decision of the action it wraps through: a default method it does
     * not override silently answers for the action (an Updating endpoint's "only InService" skip
     * became a misleading "status is now Updating" from the re-check; the AL2 guard's missing
     * {@code request} tagged a notebook before its stop had succeeded). The wrappers extend
     * ForwardingAction, which forwards every method of ResourceAction.
     */
    @Test
    void wrappers_whenWrappingAnAction_forwardEveryMethodOfResourceAction() {
        for (java.lang.reflect.Method m : ResourceAction.class.getMethods()) {
            assertThat(java.util.Arrays.stream(ForwardingAction.class.getDeclaredMethods())
                    .anyMatch(d -> d.getName().equals(m.getName())
                            && java.util.Arrays.equals(d.getParameterTypes(), m.getParameterTypes())))
                    .as("ForwardingAction overrides ResourceAction." + m.getName()).isTrue();
        }
        assertThat(ForwardingAction.class).isAssignableFrom(TagRecheckAction.class).isAssignableFrom(Al2GuardAction.class);
    }
}
