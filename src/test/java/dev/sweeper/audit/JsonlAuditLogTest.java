package dev.sweeper.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sweeper.core.Action;
import dev.sweeper.core.AuditLog;
import dev.sweeper.core.Evaluation;
import dev.sweeper.core.Evidence;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Kind;
import dev.sweeper.core.Protection;
import dev.sweeper.core.Resource;
import dev.sweeper.core.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two runs appending to one audit log at once: each line says which run wrote it. */
class JsonlAuditLogTest {
    static final Instant NOW = Instant.parse("2026-12-06T21:55:20Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static Finding notebook(String name) {
        Resource r = new Resource(name, "us-east-1", "arn:aws:sagemaker:us-east-1:123456789012:"
                + "notebook-instance/" + name, "InService", "ml.t3.medium", 1, NOW, NOW, new Resource.NotebookShape(null), Resource.accountOf("arn:aws:sagemaker:us-east-1:123456789012:"
                + "notebook-instance/" + name));
        return new Finding(r, new Evaluation(Verdict.IDLE, List.of("idle"), Evidence.notGathered()), Protection.NONE,
                0.05, null, null, null, null, null);
    }

    @TempDir
    Path dir;

    @Test
    void record_whenTwoRunsShareTheFile_everyLineCarriesItsRunsId() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        AuditLog.Run first = AuditLog.Run.of("stop-notebooks", NOW, 1);
        AuditLog.Run second = AuditLog.Run.of("stop-notebooks", NOW, 2);
        try (JsonlAuditLog a = JsonlAuditLog.open(file, CLOCK, first);
             JsonlAuditLog b = JsonlAuditLog.open(file, CLOCK, second)) {
            a.record(notebook("dev-alice"), new Action("stop", Action.Outcome.PLANNED, "attempting"));
            b.record(notebook("dev-bob"), new Action("stop", Action.Outcome.PLANNED, "attempting"));
            a.record(notebook("dev-alice"), new Action("stop", Action.Outcome.DONE, "stopping"));
            b.record(new AuditLog.SettingsChange("us-east-1", "domain", "d-1", "d-1",
                    "arn:aws:sagemaker:us-east-1:123456789012:domain/d-1", "idle-shutdown", Action.Outcome.DONE, "on",
                    Map.of(), Map.of()));
        }
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lines.add(json.readTree(l));
        }

        assertThat(first.id()).isEqualTo("20261206T215520Z-00000001").isNotEqualTo(second.id());
        assertThat(lines).extracting(n -> n.path("runId").asText())
                .containsExactly(first.id(), second.id(), first.id(), second.id());
        assertThat(lines).extracting(n -> n.path("command").asText()).containsOnly("stop-notebooks");
    }

    @Test
    void runId_isAValidCloudWatchLogsStreamName() {
        // Log stream names: 1-512 characters, no ':' and no '*' (CreateLogStream, logStreamName pattern [^:*]*).
        assertThat(AuditLog.Run.of("x", NOW, -1).id()).matches("[^:*]{1,512}").isEqualTo("20261206T215520Z-ffffffff");
    }
}
