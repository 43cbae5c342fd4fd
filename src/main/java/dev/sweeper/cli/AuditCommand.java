package dev.sweeper.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sweeper.audit.AuditRuns;
import dev.sweeper.core.AccountGateways;
import dev.sweeper.core.AuditStore;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code audit}: the last runs in the audit log (the file or the CloudWatch Logs group) and what each did. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"List the last runs in the audit log and what each did.",
            "Every record, planned and done, by run: from the file, or from the CloudWatch Logs group of --audit-log "
                + "cloudwatch-logs:GROUP (in the first --region). Nothing is changed."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:success", "1:unexpected internal error",
            "2:usage or configuration error, or the audit log cannot be read"})
final class AuditCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--audit-log", paramLabel = "FILE|cloudwatch-logs:GROUP",
            description = "The audit log to read (default: as the acting commands write it).")
    Path auditLog;

    @Option(names = "--since", paramLabel = "DURATION|TIME",
            description = "Only records from this long ago (e.g. 7d) or this time (ISO-8601, e.g. 2026-12-01T00:00:00Z).")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Only records up to this time (ISO-8601).")
    String until;

    @Option(names = "--resource", paramLabel = "NAME|ARN", description = "Only the records about this resource.")
    String resource;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "10",
            description = "How many of the last runs to list (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--output", paramLabel = "FORMAT", description = "table or json (default: table on a terminal, "
            + "json otherwise).")
    String outputFormat;

    @Mixin
    AwsOptions aws;

    @Spec
    CommandSpec spec;

    private final Wiring wiring;

    AuditCommand(Wiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Environment environment = wiring.environment();
        boolean json = json(environment);
        if (runs < 1) {
            throw new UsageException("--runs must be 1 or more, not " + runs);
        }
        Instant now = environment.clock().instant();
        Instant from = since == null ? null : time("--since", since, now, true);
        Instant to = until == null ? null : time("--until", until, now, false);
        Settings.Flags flags = new Settings.Flags(aws.regions, aws.profile, null, null, auditLog, null, null, null);
        Settings settings = Settings.load(flags, aws.config, environment);
        Path setting = AuditLogs.required(settings.auditLog().value());
        List<AuditRuns.Run> found;
        if (AuditLogs.logGroup(setting) == null) {
            found = read(AuditLogs.reading(setting, null, null), from, to);
        } else {
            String region = settings.regionsToSweep().get(0);
            ExecutorService pool = wiring.pools().apply(1);
            try (AccountGateways gateways = wiring.gateways().open(aws.settings(aws.endpoint()), pool,
                    settings.rateLimits(), 1)) {
                found = read(AuditLogs.reading(setting, gateways, region), from, to);
            } finally {
                pool.shutdownNow();
            }
        }
        if (json) {
            ObjectNode root = JSON.createObjectNode();
            ArrayNode list = root.putArray("runs");
            for (AuditRuns.Run r : found) {
                ObjectNode o = list.addObject();
                o.put("runId", r.runId());
                o.put("command", r.command());
                o.put("start", r.start().toString());
                o.put("end", r.end().toString());
                r.records().forEach(o.putArray("records")::add);
            }
            out.println(root.toPrettyString());
        } else if (found.isEmpty()) {
            out.println("No run in the audit log " + setting + (from != null || to != null || resource != null
                    ? " matches." : "."));
        } else {
            for (AuditRuns.Run r : found) {
                out.println("run " + (r.runId() == null ? "(no run id)" : r.runId()) + "  " + r.command() + "  "
                        + r.start() + "  " + r.records().size() + (r.records().size() == 1 ? " record" : " records"));
                for (JsonNode rec : r.records()) {
                    String where = rec.path("region").asText("") + "/" + rec.path("name").asText("");
                    out.printf("  %-24s %-8s %-24s %-14s %-36s %s%n", rec.path("time").asText(),
                            rec.path("outcome").asText(), rec.path("action").asText(), rec.path("kind").asText(),
                            where, rec.path("reason").asText(""));
                }
            }
        }
        out.flush();
        return ExitCode.OK.code();
    }

    private List<AuditRuns.Run> read(AuditStore store, Instant from, Instant to) {
        try (store) {
            return AuditRuns.read(store, from, to, resource, runs);
        } catch (UncheckedIOException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** An ISO-8601 time, or (for --since) a duration back from now. */
    private static Instant time(String flag, String text, Instant now, boolean durationAllowed) {
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            if (durationAllowed) {
                try {
                    Duration d = dev.sweeper.core.Durations.parse(text.trim());
                    return now.minus(d);
                } catch (RuntimeException ignored) {
                    // said below
                }
            }
        }
        throw new UsageException(flag + " '" + text + "' is not " + (durationAllowed ? "a duration (7d, 24h) or " : "")
                + "an ISO-8601 time (2026-12-01T00:00:00Z)");
    }

    private boolean json(Environment environment) {
        if (outputFormat == null) {
            return !environment.stdoutIsTerminal();
        }
        return switch (outputFormat.trim().toLowerCase(Locale.ROOT)) {
            case "json" -> true;
            case "table" -> false;
            default -> throw new UsageException("--output '" + outputFormat + "' is not one of table, json");
        };
    }
}
