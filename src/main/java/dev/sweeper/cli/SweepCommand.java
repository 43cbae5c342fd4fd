package dev.sweeper.cli;

import dev.sweeper.app.AccountScope;
import dev.sweeper.app.ActionProgress;
import dev.sweeper.core.AccountGateways;
import dev.sweeper.app.Accounts;
import dev.sweeper.core.AuditLog;
import dev.sweeper.app.SweepContext;
import dev.sweeper.app.SweepRequest;
import dev.sweeper.app.Sweeper;
import dev.sweeper.audit.JsonlAuditLog;
import dev.sweeper.aws.AwsRegions;
import dev.sweeper.aws.AwsSettings;
import dev.sweeper.aws.EndpointProbe;
import dev.sweeper.core.RateLimits;
import dev.sweeper.config.ConfigLoader;
import dev.sweeper.config.PriceTable;
import dev.sweeper.config.LayeredPriceBook;
import dev.sweeper.config.PriceCache;
import dev.sweeper.config.TablePriceBook;
import dev.sweeper.core.Policy;
import dev.sweeper.core.SweepResult;
import dev.sweeper.report.OutputFormat;
import dev.sweeper.report.RenderOptions;
import dev.sweeper.report.ResultRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The shape every sweeping command shares: check all input (exit 2 before any AWS call), build
 * the request, run the engine, render, and map the result to an exit code. Subclasses only say
 * what they ask for.
 */
abstract class SweepCommand implements Callable<Integer> {
    @Mixin
    AwsOptions aws;

    @Mixin
    OutputOptions output;

    @Option(names = "--max-concurrency", paramLabel = "N",
            description = "At most N AWS calls (and notebooks' Jupyter requests) at once, besides the listings"
                    + " (one per kind and region) (default: 8).")
    Integer maxConcurrency;

    @Option(names = "--offline-prices",
            description = "Do not ask AWS's price list (pricing:GetProducts): prices from your table and the bundled one.")
    boolean offlinePrices;

    @Spec
    CommandSpec spec;

    final Wiring wiring;
    final Environment environment;

    SweepCommand(Wiring wiring) {
        this.wiring = wiring;
        this.environment = wiring.environment();
    }

    /** Everything the subclass needs to build its request, already validated. */
    record Inputs(Settings settings, List<String> regions, Policy basePolicy) {
    }

    /** The request for the engine; throws {@link UsageException} for bad or conflicting options. */
    abstract SweepRequest request(Inputs inputs);

    /**
     * Refuses (with a {@link UsageException}) a destructive run that no filter narrows; called once
     * every other input is checked, so that a bad flag is named first.
     */
    void requireScope(Inputs inputs) {
    }

    /** Whether unprotected idle resources should fail the run (exit 4). */
    boolean failOnIdle() {
        return false;
    }

    /** The guard rails of a command that acts; null for read-only commands. */
    ActionOptions actions() {
        return null;
    }

    /** The flags this command gives that the config also sets. */
    Settings.Flags flags() {
        return Settings.Flags.of(aws).withMaxConcurrency(maxConcurrency).withActions(actions());
    }

    private static Path auditLogFile(Settings settings) {
        return AuditLogs.required(settings.auditLog().value());
    }

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        URI endpoint = aws.endpoint(environment.env());
        AwsSettings awsSettings = aws.settings(endpoint);
        Settings settings = Settings.load(flags(), aws.config, environment);
        RateLimits rateLimits = settings.rateLimits();
        int concurrency = concurrency(settings);
        checkProfile(aws, environment);
        List<String> regions = settings.regionsToSweep();
        Inputs inputs = new Inputs(settings, regions, settings.policy());
        SweepRequest request = request(inputs);
        requireScope(inputs);
        List<String> roles = aws.roles();
        dev.sweeper.app.Accounts.OrgRequest organization = aws.organizationRequest();
        TablePriceBook prices = prices(settings.prices().value());  // the team's own table, or null

        checkEndpoint(endpoint);
        CliLog log = new CliLog(err, output.verbose, output.quiet, environment.stderrIsTerminal());
        warnUnknownRegions(regions, log);
        Path auditFile = request.action() == null && request.marking() == null ? null : auditLogFile(settings);
        SweepResult result = sweep(request, roles, organization, awsSettings, rateLimits, concurrency, prices,
                auditFile, log, err);
        for (String problem : result.problems()) {
            log.warn(problem);
        }
        render(result, out);
        out.flush();
        if (result.refusal() != null) {
            err.println("refused: " + result.refusal());
        }
        String typo = unknownRegionWithNothing(regions, result);
        if (typo != null) {
            err.println("error: " + typo);
            return ExitCode.USAGE.code();
        }
        return ExitCode.of(result, failOnIdle()).code();
    }

    /**
     * A region the SDK does not know, where nothing was listed, is most likely a typo: said as an error
     * (exit 2) after its warning, not passed off as an empty region. One where something was listed is a
     * region newer than the SDK, and works.
     */
    static String unknownRegionWithNothing(List<String> regions, SweepResult result) {
        for (String region : regions) {
            if (!AwsRegions.isKnown(region)
                    && result.findings().stream().noneMatch(f -> region.equals(f.resource().region()))) {
                String near = dev.sweeper.core.Suggestions.closest(region,
                        AwsRegions.sageMakerRegions(AwsRegions.partitionOf(region))).map(r -> "; did you mean " + r + "?")
                        .orElse("");
                return "region '" + region + "': nothing was listed there, and the AWS SDK does not know it" + near;
            }
        }
        return null;
    }

    /** Runs the request on the wired gateways and pool; the pool is shut down when it returns. */
    private SweepResult sweep(SweepRequest request, List<String> roles, dev.sweeper.app.Accounts.OrgRequest organization,
                              AwsSettings awsSettings, RateLimits rateLimits,
                              int concurrency, TablePriceBook prices, Path auditFile, CliLog log, PrintWriter err) {
        return onEngine(wiring, aws, awsSettings, rateLimits, concurrency, request.command(), request.regions().get(0),
                request.apply(), auditFile, log, err, (gateways, reach, pool, audit, progress) -> {
                    // Many accounts are reached a few at a time: the pool's threads, the gateways' bound on calls in flight.
                    List<AccountScope> accounts = organization != null ? reach.organization(organization, pool)
                            : reach.assume(roles, aws.externalId, pool);
                    // Each inspection (kind and region) calls on a pool of its own; the gateways bound the calls
                    // in flight at once to --max-concurrency across all of them. Twice as many threads as
                    // places: a thread waiting for its operation's rate slot (a notebook's jupyter.log read,
                    // at CloudWatch Logs' 25 a second) holds no place, and the others keep the places full.
                    // Team's table, then AWS's price list (unless --offline-prices), then the bundled table.
                    try (LayeredPriceBook book = new LayeredPriceBook(prices,
                            offlinePrices ? null : gateways.priceList().orElse(null), TablePriceBook.bundled(),
                            new PriceCache(PriceCache.directory(environment.env(), environment.env().get("HOME"))),
                            environment.clock(), log)) {
                        SweepContext ctx = new SweepContext(gateways, book, pool, environment.clock(), log,
                                environment.pollInterval(), accounts, () -> wiring.pools().apply(2 * concurrency));
                        return new Sweeper(ctx, audit, progress).run(request);
                    }
                });
    }

    /**
     * What a command runs on the engine once the common setup is done.
     *
     * @param <R> its result
     */
    interface EngineRun<R> {
        /**
         * Reads what the run needs before anything is written (what {@code --undo} gives back), with the caller's
         * gateways; a {@link UsageException} here leaves no trace. By default nothing.
         */
        default void prepare(AccountGateways gateways) {
        }

        /**
         * @param audit    this run's audit log ({@link AuditLog#NONE} for a run with none)
         * @param progress where the run's actions stand, for Ctrl-C
         */
        R run(AccountGateways gateways, Accounts reach, ExecutorService pool, AuditLog audit, ActionProgress progress)
                throws IOException;
    }

    /**
     * The common setup of every command that runs the engine, around {@code body}: the bounded pool, the caller's
     * gateways (credentials are checked before the audit log is opened: a run that cannot call AWS leaves no
     * trace), {@link EngineRun#prepare}, the {@code --expect-account} check, this run's audit log (with its run id),
     * and with {@code --apply} the Ctrl-C report of where the actions stood. Everything is closed and the pool shut
     * down when it returns.
     *
     * @param auditFile null for a run that acts on nothing (no audit log)
     */
    static <R> R onEngine(Wiring wiring, AwsOptions aws, AwsSettings awsSettings, RateLimits rateLimits,
                          int concurrency, String command, String firstRegion, boolean apply, Path auditFile,
                          CliLog log, PrintWriter err, EngineRun<R> body) {
        Environment environment = wiring.environment();
        ExecutorService pool = wiring.pools().apply(concurrency);
        AuditLog.Run run = newRun(command);
        ActionProgress progress = new ActionProgress();
        // Ctrl-C during an --apply run: no further action starts, and stderr says what was done and what was left.
        Interruption interruption = apply && auditFile != null
                ? Interruption.register(progress, err, auditFile, run, command) : null;
        try (AccountGateways gateways = wiring.gateways().open(awsSettings, pool, rateLimits, concurrency)) {
            body.prepare(gateways);
            Accounts reach = new Accounts(gateways, firstRegion, environment.clock(), log);
            reach.checkExpected(aws.expectAccount, apply);
            try (JsonlAuditLog audit = auditFile == null ? null : AuditLogs.forRun(auditFile, gateways, firstRegion,
                    environment.clock(), run)) {
                return body.run(gateways, reach, pool, audit == null ? AuditLog.NONE : audit, progress);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (interruption != null) {
                interruption.unregister();
            }
            pool.shutdownNow();
            log.endProgress();
        }
    }

    /** The calls at once the settings allow, checked: from 1 to 64. */
    static int concurrency(Settings settings) {
        int concurrency = settings.maxConcurrency().value();
        if (concurrency < 1 || concurrency > 64) {
            throw new UsageException("--max-concurrency must be from 1 to 64, not " + concurrency);
        }
        return concurrency;
    }

    /** A named AWS profile (--profile, else AWS_PROFILE) that no AWS config or credentials file defines is a usage error. */
    static void checkProfile(AwsOptions aws, Environment environment) {
        String profile = aws.profile != null ? aws.profile : environment.env().get("AWS_PROFILE");
        if (profile != null && !profile.isBlank() && !AwsRegions.profileExists(profile)) {
            List<String> known = AwsRegions.profileNames();
            throw new UsageException((aws.profile != null ? "--profile " : "AWS_PROFILE=") + profile
                    + ": no such profile in the AWS config or credentials file ("
                    + (known.isEmpty() ? "they define none" : "profiles there: " + String.join(", ", known)) + ")");
        }
    }

    /** A region the SDK does not know is said (a typo?), and tried anyway: AWS adds regions. */
    static void warnUnknownRegions(List<String> regions, CliLog log) {
        regions.stream().filter(r -> !AwsRegions.isKnown(r)).forEach(r -> log.warn("region '" + r
                + "' is not a region the AWS SDK knows (a typo?); it is tried anyway, since AWS adds regions"));
    }

    /** An --endpoint-url that speaks no TLS where it should (or the reverse) is a usage error, said before any call. */
    static void checkEndpoint(URI endpoint) {
        if (endpoint != null) {
            EndpointProbe.tlsProblem(endpoint, Duration.ofSeconds(3)).ifPresent(problem -> {
                throw new UsageException("--endpoint-url " + endpoint + ": " + problem);
            });
        }
    }

    /**
     * A new run's id, from the wall clock and a random suffix (two runs in the same second still differ). It is a
     * label, so it reads the system clock, not the run's: a run's own clock (a test's) is left to the run.
     */
    static AuditLog.Run newRun(String command) {
        return AuditLog.Run.of(command, java.time.Instant.now(),
                java.util.concurrent.ThreadLocalRandom.current().nextInt());
    }

    void render(SweepResult result, PrintWriter out) {
        boolean color = environment.stdoutIsTerminal() && !output.noColor && !environment.env().containsKey("NO_COLOR");
        ResultRenderer.render(result, format(), out, new RenderOptions(color, tableWidth(), shown(), hiddenHint()));
    }

    /** A terminal gets a table that fits it; a pipe or --wide gets every character (0). */
    int tableWidth() {
        return output.wide || !environment.stdoutIsTerminal() ? 0 : TerminalWidth.of(environment.env());
    }

    /** Which resources the table lists; null for all. The summary and JSON always have every one. */
    java.util.function.Predicate<dev.sweeper.core.Finding> shown() {
        return null;
    }

    /** What the table says about the resources it does not list. */
    String hiddenHint() {
        return null;
    }

    /** How the result is printed. */
    abstract OutputFormat format();

    private static TablePriceBook prices(Path file) {
        if (file != null && !java.nio.file.Files.isRegularFile(file)) {
            throw new UsageException("price table " + file + ": no such file");
        }
        try {
            // A team's own file is read now, so a bad one stops the run before any call; the bundled
            // table only when something needs a price.
            return file == null ? null : TablePriceBook.team(PriceTable.own(file));
        } catch (RuntimeException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static String topic(NotifyOptions notify, Settings settings) {
        if (notify.topicArn != null && !notify.notify) {
            throw new UsageException("--topic-arn is given without --notify");
        }
        if (!notify.notify) {
            return null;
        }
        String arn = settings.topicArn().value();
        if (arn == null) {
            throw new UsageException("--notify needs a topic: give --topic-arn or set notify.topic-arn in the config");
        }
        if (!ConfigLoader.TOPIC_ARN.matcher(arn).matches()) {
            throw new UsageException("--topic-arn '" + arn + "' is not an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME)");
        }
        return arn;
    }

    static int maxActions(Inputs inputs) {
        int max = inputs.settings().maxActions().value();
        if (max < 0) {
            throw new UsageException("--max-actions must be 0 or more, not " + max);
        }
        return max;
    }

}
