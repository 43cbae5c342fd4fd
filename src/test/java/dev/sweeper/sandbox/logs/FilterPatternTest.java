package dev.sweeper.sandbox.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sweeper.core.NotebookLogs;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FilterPatternTest {

    /** AWS's own examples (Filter pattern syntax, "Matching terms in unstructured log events"), and quoting. */
    static Stream<Arguments> patterns() {
        return Stream.of(
                Arguments.of("ERROR", "[ERROR] A fatal exception has occurred", true),
                Arguments.of("ERROR", "Exiting with ERRORCODE: -1", true),
                Arguments.of("ERROR", "error: lower case", false),
                Arguments.of("ERROR Exception", "[ERROR] Caught IllegalArgumentException", true),
                Arguments.of("ERROR Exception", "[ERROR] Unhandled failure", false),
                Arguments.of("?ERROR ?WARN", "ERROR WARN message", true),
                Arguments.of("?ERROR ?WARN", "ERROR message", true),
                Arguments.of("?ERROR ?WARN", "WARN message", true),
                Arguments.of("?ERROR ?WARN", "INFO message", false),
                Arguments.of("ERROR WARN", "WARN message", false),
                Arguments.of("ERROR -WARN", "ERROR message", true),
                Arguments.of("ERROR -WARN", "ERROR WARN message", false),
                Arguments.of("\"Failed to process the request\"", "[WARN] Failed to process the request", true),
                Arguments.of("\"Failed to process the request\"", "[WARN] Failed to process a request", false),
                Arguments.of("?\"Kernel started:\" ?\"Saving file at\"", "[I 12:00:00.000 NotebookApp] Saving file at /a",
                        true),
                Arguments.of("?\"Kernel started:\" ?\"Saving file at\"", "[I 12:00:00.000 NotebookApp] saving file at /a",
                        false),
                Arguments.of("", "anything", true),
                Arguments.of(null, "anything", true));
    }

    @ParameterizedTest(name = "[{index}] {0} ~ {1}")
    @MethodSource("patterns")
    void parse_whenPattern_matchesAsAwsDocuments(String pattern, String message, boolean matches) {
        assertThat(FilterPattern.parse(pattern).test(message)).isEqualTo(matches);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{ $.eventType = \"UpdateTrail\" }", "[ip, user, ...]", "%colou?r%", "a.b", "\"open",
        "? ERROR", "ERROR ?WARN"})
    void parse_whenPatternNotServed_refusesIt(String pattern) {
        assertThatThrownBy(() -> FilterPattern.parse(pattern)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The sweeper's pre-filter lets through every line it counts as work, and fits FilterPattern's 1,024 characters. */
    @Test
    void notebookLogsFilter_letsEveryWorkLineThrough() {
        Predicate<String> filter = FilterPattern.parse(NotebookLogs.FILTER_PATTERN);
        assertThat(NotebookLogs.FILTER_PATTERN.length()).isLessThanOrEqualTo(FilterPattern.MAX_LENGTH);
        for (NotebookLogs.Work w : NotebookLogs.WORK) {
            String line = "[I 2024-01-01 12:00:00.000 ServerApp] " + w.prefix() + "3f1c2a4e";
            assertThat(NotebookLogs.work(line)).as(line).isPresent();
            assertThat(filter.test(line)).as(line).isTrue();
        }
        for (String idle : List.of("Notebook is idle. Last activity time =  2024-01-01 11:00:00",
                "[W 2024-01-01 12:00:00.000 ServerApp] 404 GET /api/terminals?no_track_activity=1 (@10.0.0.1) 1.20ms")) {
            assertThat(filter.test(idle)).as(idle).isFalse();
        }
    }
}
