package dev.sweeper.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sweeper.core.Finding;
import dev.sweeper.core.Protection;
import dev.sweeper.core.ResourceKey;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DispatchingActionTest {

    /** An action that says its name in every step it is asked, and records which findings its preflight saw. */
    static final class Named implements ResourceAction {
        final String name;
        final List<List<String>> preflights = new ArrayList<>();

        Named(String name) {
            this.name = name;
        }

        @Override
        public String type() {
            return name;
        }

        @Override
        public Optional<String> notActionable(Finding f) {
            return Optional.of(name + " cannot");
        }

        @Override
        public String plannedDetail(Finding f) {
            return name + " planned";
        }

        @Override
        public Map<ResourceKey, String> preflight(List<Finding> planned) {
            preflights.add(planned.stream().map(f -> f.resource().name()).toList());
            Map<ResourceKey, String> out = new LinkedHashMap<>();
            planned.forEach(f -> out.put(f.resource().key(), name));
            return out;
        }

        @Override
        public Optional<String> recheck(Finding f) {
            return Optional.of(name + " rechecked");
        }

        @Override
        public String perform(Finding f) {
            return name + " performed";
        }

        @Override
        public String request(Finding f) {
            return name + " requested";
        }

        @Override
        public String confirmed(Finding f) {
            return name + " confirmed";
        }
    }

    /** Findings whose name starts with "a" go to one action, the others to the other. */
    static DispatchingAction byFirstLetter(ResourceAction a, ResourceAction other) {
        return new DispatchingAction() {
            @Override
            protected ResourceAction to(Finding f) {
                return f.resource().name().startsWith("a") ? a : other;
            }

            @Override
            public String type() {
                return "dispatch";
            }
        };
    }

    @Test
    void everyStep_goesToTheActionChosenForItsFinding() {
        Named a = new Named("A");
        Named b = new Named("B");
        DispatchingAction d = byFirstLetter(a, b);
        Finding alpha = ActionRunnerTest.finding("alpha", Protection.UNDECIDED);
        Finding beta = ActionRunnerTest.finding("beta", Protection.UNDECIDED);

        assertThat(d.type(alpha)).isEqualTo("A");
        assertThat(d.notActionable(beta)).contains("B cannot");
        assertThat(d.plannedDetail(alpha)).isEqualTo("A planned");
        assertThat(d.recheck(beta)).contains("B rechecked");
        assertThat(d.perform(alpha)).isEqualTo("A performed");
        assertThat(d.request(beta)).isEqualTo("B requested");
        assertThat(d.confirmed(alpha)).isEqualTo("A confirmed");
    }

    @Test
    void preflight_asksEachActionOnceWithItsOwnFindings_inTheOrderPlanned() {
        Named a = new Named("A");
        Named b = new Named("B");
        List<Finding> planned = List.of(ActionRunnerTest.finding("beta", Protection.UNDECIDED),
                ActionRunnerTest.finding("alpha", Protection.UNDECIDED),
                ActionRunnerTest.finding("bravo", Protection.UNDECIDED),
                ActionRunnerTest.finding("apex", Protection.UNDECIDED));

        Map<ResourceKey, String> out = byFirstLetter(a, b).preflight(planned);

        assertThat(a.preflights).containsExactly(List.of("alpha", "apex"));
        assertThat(b.preflights).containsExactly(List.of("beta", "bravo"));
        assertThat(out.values()).containsExactly("B", "B", "A", "A");
    }

    /** As ForwardingAction for one wrapped action: a step added to ResourceAction must not fall to its default. */
    @Test
    void dispatcher_overridesEveryMethodOfResourceActionButType() {
        for (Method m : ResourceAction.class.getMethods()) {
            if (m.getName().equals("type") && m.getParameterCount() == 0) {
                continue; // what the dispatcher is called: each says it
            }
            assertThat(Arrays.stream(DispatchingAction.class.getDeclaredMethods())
                    .anyMatch(d -> d.getName().equals(m.getName())
                            && Arrays.equals(d.getParameterTypes(), m.getParameterTypes())))
                    .as("DispatchingAction overrides ResourceAction." + m.getName()).isTrue();
        }
    }
}
