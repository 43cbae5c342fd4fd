package dev.sweeper.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sweeper.core.Action;
import dev.sweeper.core.Action.Outcome;
import dev.sweeper.core.IdleShutdownChanges;
import dev.sweeper.core.IdleShutdownChanges.Change;
import dev.sweeper.core.Protection;
import dev.sweeper.core.StudioSettings;
import dev.sweeper.core.StudioSettings.Idle;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code apps idle-shutdown}'s table and JSON, beside the other renderers. */
class IdleShutdownRendererTest {
    static final Idle OFF = new Idle("DISABLED", null, null, null);

    static StudioSettings profile(String name) {
        return new StudioSettings(StudioSettings.Scope.USER_PROFILE, "us-east-1", "d-1", "research", name,
                "arn:aws:sagemaker:us-east-1:123456789012:user-profile/d-1/" + name, Map.of(), Map.of());
    }

    static IdleShutdownChanges result(boolean dryRun) {
        Map<String, Idle> before = new LinkedHashMap<>();
        before.put("JupyterLab", OFF);
        before.put("CodeEditor", Idle.NOT_SET);
        Map<String, Idle> after = new LinkedHashMap<>();
        after.put("JupyterLab", OFF.enabledAfter(60));
        after.put("CodeEditor", Idle.NOT_SET.enabledAfter(60));
        return new IdleShutdownChanges(dryRun, List.of(
                new Change(profile("dana"), Protection.NONE, new Action("enable-idle-shutdown", Outcome.PLANNED,
                        "turn idle shutdown on"), before, after),
                new Change(profile("frank"), new Protection(true, "tagged sweeper:protect=true"),
                        new Action("enable-idle-shutdown", Outcome.SKIPPED, "protected: tagged sweeper:protect=true"),
                        Map.of(), Map.of())), null, List.of("us-west-2: could not list"));
    }

    static String render(IdleShutdownChanges r, boolean json) {
        StringWriter s = new StringWriter();
        IdleShutdownRenderer.render(r, json, new PrintWriter(s, true));
        return s.toString();
    }

    @Test
    void table_listsEachChange_andEndsWithTheCounts_sayingADryRun() {
        String out = render(result(true), false);

        assertThat(out.lines().toList()).containsExactly(
                "planned  user-profile   us-east-1/research/dana                  turn idle shutdown on",
                "skipped  user-profile   us-east-1/research/frank                 protected: tagged sweeper:protect=true",
                "0 done, 1 planned (dry run: give --apply to change them), 1 skipped, 0 failed");
    }

    @Test
    void json_hasEachChangeWithItsSettingsBeforeAndAfter_inTheAppTypesOrder() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(render(result(true), true));

        assertThat(doc.path("dryRun").asBoolean()).isTrue();
        JsonNode dana = doc.path("changes").get(0);
        assertThat(dana.path("kind").asText()).isEqualTo("user-profile");
        assertThat(dana.path("domain").asText()).isEqualTo("research");
        assertThat(dana.path("action").asText()).isEqualTo("enable-idle-shutdown");
        assertThat(dana.path("outcome").asText()).isEqualTo("planned");
        assertThat(dana.path("before").asText()).isEqualTo("JupyterLab DISABLED, CodeEditor not configured");
        assertThat(dana.path("after").asText()).isEqualTo("JupyterLab ENABLED 60 min, CodeEditor ENABLED 60 min");
        assertThat(doc.has("refusal")).isFalse();
        assertThat(doc.path("problems").get(0).asText()).isEqualTo("us-west-2: could not list");
    }
}
