package dev.sweeper.cli;

import dev.sweeper.app.BadTagException;
import dev.sweeper.app.RefusedException;
import dev.sweeper.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** The command tree, and the one method that builds the configured {@link CommandLine}. */
@Command(name = "sweeper", mixinStandardHelpOptions = true, versionProvider = SweeperCli.Version.class,
        description = "Find SageMaker notebooks, endpoints and Studio apps that run with nobody using them, "
            + "and stop or delete them safely (every action is a dry run unless --apply).")
public final class SweeperCli {
    /** The subcommands, in the order help lists them. */
    private static final Map<String, Class<?>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("scan", ScanCommand.class);
        SUBCOMMANDS.put("endpoints", EndpointsCommand.class);
        SUBCOMMANDS.put("apps", AppsCommand.class);
        SUBCOMMANDS.put("stop-notebooks", StopNotebooksCommand.class);
        SUBCOMMANDS.put("start-notebooks", StartNotebooksCommand.class);
        SUBCOMMANDS.put("schedule", ScheduleCommand.class);
        SUBCOMMANDS.put("autostop-notebooks", AutostopNotebooksCommand.class);
        SUBCOMMANDS.put("mlflow", MlflowCommand.class);
        SUBCOMMANDS.put("report", ReportCommand.class);
        SUBCOMMANDS.put("audit", AuditCommand.class);
        SUBCOMMANDS.put("sandbox", SandboxCommand.class);
        SUBCOMMANDS.put("config", ConfigCommand.class);
        SUBCOMMANDS.put("completion", CompletionCommand.class);
    }

    private SweeperCli() {
    }

    /**
     * At debug level the SDK's request signers log the canonical request, session token
     * included. No verbosity may print a credential, so they are held at info whatever the
     * default level. Call before the first SDK class logs (slf4j-simple reads this once).
     */
    public static void silenceSigners() {
        for (String logger : new String[] {"software.amazon.awssdk.http.auth", "software.amazon.awssdk.auth",
            "software.amazon.awssdk.core.internal.signer"}) {
            System.setProperty("org.slf4j.simpleLogger.log." + logger, "info");
        }
    }

    /** Runs the sweeper on the real streams and environment; returns the exit code. */
    public static int run(String... args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        return commandLine(out, err, Environment.system(), args).execute(args);
    }

    /** The configured command line, with every subcommand. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, Environment environment) {
        return commandLine(out, err, environment, new String[0]);
    }

    /**
     * The configured command line: streams, environment, error handling and exit codes. Building
     * a subcommand's option model costs start-up time, so only the one the arguments name is built
     * (all of them for help, completion, or anything unrecognised).
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, Environment environment, String[] args) {
        return commandLine(out, err, Wiring.of(environment), args);
    }

    /** The configured command line, on these objects (tests give fakes). */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, Wiring wiring, String[] args) {
        Environment environment = wiring.environment();
        Factory factory = new Factory(wiring);
        CommandLine cl = new CommandLine(new SweeperCli(), factory);
        String first = args.length == 0 ? null : args[0];
        boolean one = first != null && SUBCOMMANDS.containsKey(first) && !first.equals("completion");
        boolean none = args.length == 1 && (first.equals("--version") || first.equals("-V"));
        SUBCOMMANDS.forEach((name, cls) -> {
            if (!none && (!one || name.equals(first))) {
                cl.addSubcommand(name, create(factory, cls));
            }
        });
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(SweeperCli::handleExecutionException);
        cl.setParameterExceptionHandler(SweeperCli::handleParameterException);
        applyExitCodes(cl, ExitCode.helpList());
        helpWidth(cl, environment);
        hideOption(cl.getSubcommands().get("start-notebooks"), "--idle-only");
        return cl;
    }

    /** Exit codes in every help, and -V on every command (help lists it on each). */
    private static void applyExitCodes(CommandLine cl, Map<String, String> codes) {
        cl.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
        cl.getCommandSpec().versionProvider(new Version());
        cl.getSubcommands().values().forEach(sub -> applyExitCodes(sub, codes));
    }

    /**
     * Help as wide as the terminal: $COLUMNS when the shell exports it, else picocli asks the
     * terminal (and falls back to 80 when there is none). picocli's narrowest is 55.
     */
    private static void helpWidth(CommandLine cl, Environment environment) {
        String columns = environment.env().get("COLUMNS");
        if (columns != null && columns.trim().matches("\\d{1,4}")) {
            cl.setUsageHelpWidth(Math.max(55, Integer.parseInt(columns.trim())));
        } else {
            cl.setUsageHelpAutoWidth(true);
        }
    }

    /**
     * Hides a shared option on a command that takes it only to reject it with a clear message
     * (start-notebooks --idle-only), so that its help does not offer it.
     */
    private static void hideOption(CommandLine command, String name) {
        if (command == null) {
            return;
        }
        CommandLine.Model.CommandSpec spec = command.getCommandSpec();
        CommandLine.Model.OptionSpec option = spec.findOption(name);
        if (option != null) {
            spec.remove(option);
            spec.addOption(option.toBuilder().hidden(true).build());
        }
    }

    private static Object create(Factory factory, Class<?> cls) {
        try {
            return factory.create(cls);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + cls.getSimpleName(), e);
        }
    }

    private static int handleParameterException(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        String suggestion = "";
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            List<String> s = unmatched.getSuggestions();
            suggestion = " (did you mean " + String.join(" or ", s.subList(0, Math.min(3, s.size()))) + "?)";
        }
        err.println("error: " + message(e) + suggestion + " (see " + cl.getCommandSpec().qualifiedName()
                + " --help)");
        return ExitCode.USAGE.code();
    }

    /**
     * A typed option's converter says what is wrong with the value; the line names the option and
     * the value first: {@code --window 'soon' is not a duration (...)}.
     */
    private static String message(CommandLine.ParameterException e) {
        if (e.getCause() instanceof CommandLine.TypeConversionException conversion
                && e.getArgSpec() instanceof CommandLine.Model.OptionSpec option) {
            return option.longestName() + " '" + e.getValue() + "' " + conversion.getMessage();
        }
        return e.getMessage();
    }

    private static int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (e instanceof UsageException || e instanceof ConfigException || e instanceof BadTagException) {
            err.println("error: " + e.getMessage());
            return ExitCode.USAGE.code();
        }
        if (e instanceof RefusedException) {
            err.println("refused: " + e.getMessage());
            return ExitCode.REFUSED.code();
        }
        boolean verbose = parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"))
                || parsed.hasMatchedOption("--verbose")
                || deepest(parsed).hasMatchedOption("--verbose");
        err.println("internal error: " + e);
        if (verbose) {
            e.printStackTrace(err);
        } else {
            err.println("(run with -v for details)");
        }
        return ExitCode.INTERNAL.code();
    }

    private static CommandLine.ParseResult deepest(CommandLine.ParseResult p) {
        while (p.hasSubcommand()) {
            p = p.subcommand();
        }
        return p;
    }

    /**
     * The one place objects are wired, by hand (no DI framework): a command that calls AWS gets the
     * {@link Wiring}, one that only reads its environment gets the {@link Environment}; options,
     * mixins and converters are made by picocli's own factory.
     */
    private static final class Factory implements CommandLine.IFactory {
        private final Wiring wiring;
        private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

        Factory(Wiring wiring) {
            this.wiring = wiring;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            for (Constructor<?> c : cls.getDeclaredConstructors()) {
                Class<?>[] params = c.getParameterTypes();
                if (params.length == 1 && (params[0] == Wiring.class || params[0] == Environment.class)) {
                    c.setAccessible(true);
                    return cls.cast(c.newInstance(params[0] == Wiring.class ? wiring : wiring.environment()));
                }
            }
            return fallback.create(cls);
        }
    }

    /** The project version, filled in by the build. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = SweeperCli.class.getResourceAsStream("/dev/sweeper/version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"sweeper " + p.getProperty("version", "unknown")};
        }
    }
}
