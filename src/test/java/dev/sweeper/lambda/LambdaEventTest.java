package dev.sweeper.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sweeper.cli.Environment;
import dev.sweeper.cli.SweeperCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LambdaEventTest {
    static CommandLine tree() {
        return SweeperCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                new Environment(Map.of(), false, false, Clock.systemUTC(), Duration.ofMillis(100)));
    }

    static List<String> argv(Map<String, ?> event) {
        return LambdaEvent.parse(event).argv(tree());
    }

    @Test
    void argv_whenCommandHasASpace_walksTheTreeAndForcesJson() {
        assertThat(argv(Map.of("command", "endpoints idle", "args", List.of("--notify", "--topic-arn", "arn"))))
                .containsExactly("endpoints", "idle", "--notify", "--topic-arn", "arn", "--output", "json");
        assertThat(argv(Map.of("command", "  stop-notebooks ")))
                .containsExactly("stop-notebooks", "--output", "json");
    }

    @Test
    void argv_whenOutputJsonGiven_keepsItOnce() {
        assertThat(argv(Map.of("command", "scan", "args", List.of("--output", "JSON"))))
                .containsExactly("scan", "--output", "JSON");
        assertThat(argv(Map.of("command", "scan", "args", List.of("--output=json"))))
                .containsExactly("scan", "--output=json");
    }

    @Test
    void argv_whenOtherOutputGiven_rejectsClearly() {
        assertThatThrownBy(() -> argv(Map.of("command", "scan", "args", List.of("--output", "table"))))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("--output 'table'").hasMessageContaining("returns the JSON result");
        assertThatThrownBy(() -> argv(Map.of("command", "scan", "args", List.of("--output=csv"))))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("--output 'csv'");
    }

    @Test
    void argv_whenReport_forcesFormatJsonInstead() {
        assertThat(argv(Map.of("command", "report"))).containsExactly("report", "--format", "json");
        assertThatThrownBy(() -> argv(Map.of("command", "report", "args", List.of("--format", "html"))))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("--format 'html'");
        assertThatThrownBy(() -> argv(Map.of("command", "report", "args", List.of("--out", "r.json"))))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("--out");
    }

    @Test
    void argv_whenUnknownCommand_namesTheKnownOnes() {
        assertThatThrownBy(() -> argv(Map.of("command", "stop-notebook")))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("unknown command 'stop-notebook'")
                .hasMessageContaining("endpoints idle").hasMessageContaining("stop-notebooks")
                .hasMessageNotContaining("sandbox");
        assertThatThrownBy(() -> argv(Map.of("command", "endpoints busy")))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("unknown command 'endpoints busy'");
    }

    @Test
    void argv_whenGroupWithoutSubcommand_saysWhichOnes() {
        assertThatThrownBy(() -> argv(Map.of("command", "endpoints")))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("needs a subcommand: one of idle");
    }

    @Test
    void argv_whenSandboxOrCompletionOrHelp_refuses() {
        assertThatThrownBy(() -> argv(Map.of("command", "sandbox")))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("cannot run in Lambda");
        assertThatThrownBy(() -> argv(Map.of("command", "completion", "args", List.of("bash"))))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("cannot run in Lambda");
        assertThatThrownBy(() -> argv(Map.of("command", "scan", "args", List.of("--help"))))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("--help prints text");
    }

    @Test
    void parse_whenNoCommand_explainsTheShape() {
        assertThatThrownBy(() -> LambdaEvent.parse(Map.of("args", List.of("--apply"))))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("no command")
                .hasMessageContaining("\"command\": \"endpoints idle\"");
        assertThatThrownBy(() -> LambdaEvent.parse(null)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("empty event");
        assertThatThrownBy(() -> LambdaEvent.parse(Map.of("command", " ")))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("non-empty string");
        assertThatThrownBy(() -> LambdaEvent.parse(Map.of("command", List.of("scan"))))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("not a list ([scan])");
    }

    @Test
    void parse_whenArgsNotAListOfStrings_namesTheBadOne() {
        assertThatThrownBy(() -> LambdaEvent.parse(Map.of("command", "scan", "args", "--apply")))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("'args' must be a list of strings, not a string (--apply)");
        assertThatThrownBy(() -> LambdaEvent.parse(Map.of("command", "scan",
                "args", Arrays.asList("--max-actions", 50))))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("args[1] must be a string, not a number (50): quote it, \"50\"");
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("command", "scan");
        withNull.put("args", Arrays.asList("--window", null));
        assertThatThrownBy(() -> LambdaEvent.parse(withNull))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("args[1] must be a string, not null");
    }

    @Test
    void parse_whenUnknownKey_catchesTheTypo() {
        assertThatThrownBy(() -> LambdaEvent.parse(Map.of("command", "scan", "arg", List.of())))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("unknown key 'arg'");
    }

    @Test
    void parse_whenArgsMissingOrNull_isNoArgs() {
        Map<String, Object> event = new HashMap<>();
        event.put("command", "scan");
        event.put("args", null);
        assertThat(LambdaEvent.parse(event).args()).isEmpty();
    }
}
