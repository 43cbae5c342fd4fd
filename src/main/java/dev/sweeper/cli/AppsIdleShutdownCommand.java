package dev.sweeper.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sweeper.app.Accounts;
import dev.sweeper.app.IdleShutdownRollout;
import dev.sweeper.app.IdleShutdownRollout.Row;
import dev.sweeper.audit.JsonlAuditLog;
import dev.sweeper.aws.EndpointProbe;
import dev.sweeper.core.AccountGateways;
import dev.sweeper.core.AuditStore;
import dev.sweeper.core.Action.Outcome;
import dev.sweeper.core.StudioSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code apps idle-shutdown}: turns SageMaker's own idle shutdown on for JupyterLab and Code Editor apps, in the
 * domains' default user settings ({@code --domains}) or in user profiles ({@code --user-profiles}) where it is off
 * (issue 13, point 2); {@code --undo} gives back what the audit log says a change replaced. Not a {@code SweepCommand}:
 * domains and profiles are no resources the engine inspects; see {@link IdleShutdownRollout}.
 */
@Command(name = "idle-shutdown", mixinStandardHelpOptions = true,
        description = {"Turn on SageMaker's idle shutdown (AppLifecycleManagement.IdleSettings) for JupyterLab and Code "
                + "Editor where it is off: in the domains' default user settings (--domains) or in user profiles "
                + "(--user-profiles). A space cannot turn it on (its SpaceIdleSettings has only a timeout): a private "
                + "space follows its owner's profile, a shared one its domain.",
            "Only the idle settings of those two app types change; everything else is sent back as read. "
                + "A dry run unless --apply; with no filter it needs --all; protected domains and profiles are never "
                + "changed; every change is in the audit log with the settings it replaced, and --undo gives them back."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:success", "1:unexpected internal error",
            "2:usage or configuration error; nothing was called", "3:partial: a listing, a tag read or a change failed",
            "5:refused: more changes planned than --max-actions, or not the --expect-account"})
final class AppsIdleShutdownCommand implements Callable<Integer> {

    static final class Level {
        @Option(names = "--domains", required = true,
                description = "Change the domains' default user settings (DefaultUserSettings, UpdateDomain).")
        boolean domains;

        @Option(names = "--user-profiles", required = true,
                description = "Change user profiles' own settings (UserSettings, UpdateUserProfile), for profiles whose "
                        + "own setting or, without one, their domain's leaves it off.")
        boolean userProfiles;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Level level;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = Converters.IdleTimeout.class,
            defaultValue = "60m", completionCandidates = Converters.IdleTimeout.class,
            description = "How long an app may be idle before SageMaker shuts it down: whole minutes from 60 (1h) to "
                    + "525600 (365d), e.g. 90 or 2h (default: ${DEFAULT-VALUE}). App types already on keep theirs.")
    Duration timeout;

    @Option(names = "--undo", description = "Give back the settings the latest applied change to each domain or profile "
            + "replaced, as the audit log recorded them (only where nothing changed them since).")
    boolean undo;


    @Option(names = "--output", paramLabel = "FORMAT", description = "table or json (default: table on a terminal, "
            + "json otherwise).")
    String outputFormat;

    @Mixin
    AwsOptions aws;

    @Mixin
    FilterOrAllOptions filters;

    @Mixin
    ActionOptions actions;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    private final Wiring wiring;
    private static final ObjectMapper JSON = new ObjectMapper();

    AppsIdleShutdownCommand(Wiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Environment environment = wiring.environment();
        boolean json = json(environment);
        if (!aws.roles().isEmpty() || aws.organization()) {
            throw new UsageException("apps idle-shutdown works in the caller's own account only: --role-arn and "
                    + "--accounts are not supported by it");
        }
        if (undo && spec.commandLine().getParseResult().hasMatchedOption("--timeout")) {
            throw new UsageException("--undo gives back the recorded settings: --timeout has no meaning with it");
        }
        URI endpoint = aws.endpoint(environment.env());
        Settings settings = Settings.load(Settings.Flags.of(aws).withActions(actions), aws.config, environment);
        List<String> regions = settings.regionsToSweep();
        int maxActions = settings.maxActions().value();
        if (maxActions < 0) {
            throw new UsageException("--max-actions must be 0 or more, not " + maxActions);
        }
        StudioSettings.Scope scope = level.domains ? StudioSettings.Scope.DOMAIN : StudioSettings.Scope.USER_PROFILE;
        var filter = filters.toFilter();
        filters.requireFilterOrAll("apps idle-shutdown with no filter would change every " + scope.id(), regions, false,
                List.of());
        Path auditFile = AuditLogs.required(settings.auditLog().value());
        if (endpoint != null) {
            EndpointProbe.tlsProblem(endpoint, Duration.ofSeconds(3)).ifPresent(problem -> {
                throw new UsageException("--endpoint-url " + endpoint + ": " + problem);
            });
        }
        CliLog log = new CliLog(err, output.verbose, output.quiet, environment.stderrIsTerminal());
        int concurrency = settings.maxConcurrency().value();
        ExecutorService pool = wiring.pools().apply(concurrency);
        IdleShutdownRollout.Result result;
        try (AccountGateways gateways = wiring.gateways().open(aws.settings(endpoint), pool, settings.rateLimits(),
                concurrency);
             AuditStore undoFrom = undo ? AuditLogs.reading(auditFile, gateways, regions.get(0)) : null) {
            // The changes to undo are read before anything is written: none of this run's own records among them.
            Map<String, IdleShutdownRollout.Undo> toUndo = undo ? undoable(undoFrom, scope) : null;
            new Accounts(gateways, regions.get(0), environment.clock(), log).checkExpected(aws.expectAccount,
                    actions.apply);
            try (JsonlAuditLog audit = AuditLogs.forRun(auditFile, gateways, regions.get(0), environment.clock(),
                    SweepCommand.newRun("apps idle-shutdown"))) {
                result = new IdleShutdownRollout(gateways, audit, log).run(new IdleShutdownRollout.Request(scope,
                        (int) timeout.toMinutes(), filter, settings.policy(), regions, actions.apply, maxActions,
                        toUndo));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            pool.shutdownNow();
            log.endProgress();
        }
        result.problems().forEach(log::warn);
        if (json) {
            out.println(json(result, actions.apply));
        } else {
            table(result, out);
        }
        out.flush();
        if (result.refusal() != null) {
            err.println("refused: " + result.refusal());
            return ExitCode.REFUSED.code();
        }
        boolean failed = result.count(Outcome.FAILED) > 0 || !result.problems().isEmpty();
        return failed ? ExitCode.PARTIAL.code() : ExitCode.OK.code();
    }

    private boolean json(Environment environment) {
        if (outputFormat == null) {
            return !environment.stdoutIsTerminal();
        }
        return switch (outputFormat.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "json" -> true;
            case "table" -> false;
            default -> throw new UsageException("--output '" + outputFormat + "' is not one of table, json");
        };
    }

    /**
     * The latest change applied (outcome done) to each domain or profile of this scope by {@code apps idle-shutdown}
     * (not an undo), by ARN; a later undo that was done removes it.
     */
    private static Map<String, IdleShutdownRollout.Undo> undoable(AuditStore auditLog, StudioSettings.Scope scope) {
        List<JsonlAuditLog.LoggedChange> changes;
        try {
            changes = JsonlAuditLog.settingsChanges(auditLog);
        } catch (UncheckedIOException e) {
            throw new UsageException(e.getMessage());
        }
        Map<String, IdleShutdownRollout.Undo> out = new LinkedHashMap<>();
        for (JsonlAuditLog.LoggedChange c : changes) {
            if (!scope.id().equals(c.kind()) || !"done".equals(c.outcome())) {
                continue;
            }
            if (IdleShutdownRollout.TYPE.equals(c.action())) {
                out.put(c.arn(), new IdleShutdownRollout.Undo(c.before(), c.after()));
            } else if (IdleShutdownRollout.UNDO_TYPE.equals(c.action())) {
                out.remove(c.arn());
            }
        }
        if (out.isEmpty()) {
            throw new UsageException("--undo: the audit log " + auditLog.where() + " has no applied apps idle-shutdown change to"
                    + " a " + scope.id() + " that is not undone yet");
        }
        return out;
    }

    private static String json(IdleShutdownRollout.Result result, boolean apply) {
        ObjectNode root = JSON.createObjectNode();
        root.put("dryRun", !apply);
        ArrayNode rows = root.putArray("changes");
        for (Row r : result.rows()) {
            ObjectNode o = rows.addObject();
            StudioSettings t = r.target();
            o.put("kind", t.scope().id());
            o.put("name", t.name());
            o.put("domainId", t.domainId());
            o.put("domain", t.domainName());
            o.put("region", t.region());
            o.put("arn", t.arn());
            o.put("action", r.action());
            o.put("outcome", r.outcome().id());
            o.put("detail", r.detail());
            o.put("before", StudioSettings.describe(r.before()));
            o.put("after", StudioSettings.describe(r.after()));
        }
        if (result.refusal() != null) {
            root.put("refusal", result.refusal());
        }
        root.set("problems", JSON.valueToTree(result.problems()));
        return root.toPrettyString();
    }

    private static void table(IdleShutdownRollout.Result result, PrintWriter out) {
        if (result.rows().isEmpty()) {
            out.println("No domain or user profile matched.");
            return;
        }
        for (Row r : result.rows()) {
            out.printf("%-8s %-14s %-40s %s%n", r.outcome().id(), r.target().scope().id(),
                    r.target().region() + "/" + r.target().domainName()
                            + (r.target().scope() == StudioSettings.Scope.DOMAIN ? "" : "/" + r.target().name()),
                    r.detail());
        }
        long planned = result.count(Outcome.PLANNED);
        out.println(result.count(Outcome.DONE) + " done, " + planned + " planned"
                + (planned > 0 && result.refusal() == null ? " (dry run: give --apply to change them)" : "") + ", "
                + result.count(Outcome.SKIPPED) + " skipped, " + result.count(Outcome.FAILED) + " failed");
    }
}
