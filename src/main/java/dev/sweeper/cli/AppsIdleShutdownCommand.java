package dev.sweeper.cli;

import dev.sweeper.app.Accounts;
import dev.sweeper.app.ActionProgress;
import dev.sweeper.app.job.IdleShutdownJob;
import dev.sweeper.app.SweepContext;
import dev.sweeper.app.Sweeper;
import dev.sweeper.app.TargetJob;
import dev.sweeper.audit.SettingsUndo;
import dev.sweeper.core.AccountGateways;
import dev.sweeper.core.AuditLog;
import dev.sweeper.core.AuditStore;
import dev.sweeper.core.IdleShutdownChanges;
import dev.sweeper.core.IdleShutdownChanges.Change;
import dev.sweeper.core.StudioSettings;
import dev.sweeper.report.IdleShutdownRenderer;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
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
 * (issue 13, point 2); {@code --undo} gives back what the audit log says a change replaced. Its job,
 * {@link IdleShutdownJob}, runs on the engine behind the one guard, with the common setup of every acting
 * command ({@link SweepCommand#onEngine}); not a {@code SweepCommand} itself, whose result is inspected resources.
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

    private static final String COMMAND = "apps idle-shutdown";
    private final Wiring wiring;

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
        int concurrency = SweepCommand.concurrency(settings);
        SweepCommand.checkProfile(aws, environment);
        List<String> regions = settings.regionsToSweep();
        int maxActions = SweepCommand.maxActions(new SweepCommand.Inputs(settings, regions, settings.policy()));
        StudioSettings.Scope scope = level.domains ? StudioSettings.Scope.DOMAIN : StudioSettings.Scope.USER_PROFILE;
        filters.requireFilterOrAll("apps idle-shutdown with no filter would change every " + scope.id(), regions, false,
                List.of());
        Path auditFile = AuditLogs.required(settings.auditLog().value());
        SweepCommand.checkEndpoint(endpoint);
        CliLog log = new CliLog(err, output.verbose, output.quiet, environment.stderrIsTerminal());
        SweepCommand.warnUnknownRegions(regions, log);
        IdleShutdownChanges result = SweepCommand.onEngine(wiring, aws, aws.settings(endpoint), settings.rateLimits(),
                concurrency, COMMAND, regions.get(0), actions.apply, auditFile, log, err,
                new SweepCommand.EngineRun<>() {
                    private Map<String, IdleShutdownJob.Undo> toUndo;

                    @Override
                    public void prepare(AccountGateways gateways) {
                        // The changes to undo are read before anything is written: none of this run's own records.
                        if (undo) {
                            toUndo = undoable(auditFile, gateways, regions.get(0), scope);
                        }
                    }

                    @Override
                    public IdleShutdownChanges run(AccountGateways gateways, Accounts reach, ExecutorService pool,
                                                   AuditLog audit, ActionProgress progress) {
                        SweepContext ctx = new SweepContext(gateways, null, pool, environment.clock(), log,
                                environment.pollInterval(), List.of());
                        IdleShutdownJob job = new IdleShutdownJob(new IdleShutdownJob.Request(scope,
                                (int) timeout.toMinutes(), filters.toFilter(), settings.policy(), toUndo));
                        TargetJob.Result<Change> r = new Sweeper(ctx, audit, progress).run(job, regions,
                                actions.apply, maxActions);
                        return new IdleShutdownChanges(!actions.apply, r.targets(), r.refusal(), r.problems());
                    }
                });
        result.problems().forEach(log::warn);
        IdleShutdownRenderer.render(result, json, out);
        out.flush();
        if (result.refusal() != null) {
            err.println("refused: " + result.refusal());
            return ExitCode.REFUSED.code();
        }
        return result.isPartial() ? ExitCode.PARTIAL.code() : ExitCode.OK.code();
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

    /** What --undo gives back, from the audit log (a file or a log group); none is a usage error. */
    private static Map<String, IdleShutdownJob.Undo> undoable(Path auditFile, AccountGateways gateways,
                                                                  String region, StudioSettings.Scope scope) {
        try (AuditStore store = AuditLogs.reading(auditFile, gateways, region)) {
            Map<String, IdleShutdownJob.Undo> out = SettingsUndo.undoable(store, scope);
            if (out.isEmpty()) {
                throw new UsageException("--undo: the audit log " + store.where() + " has no applied apps idle-shutdown "
                        + "change to a " + scope.id() + " that is not undone yet");
            }
            return out;
        } catch (UncheckedIOException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
