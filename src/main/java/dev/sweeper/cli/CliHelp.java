package dev.sweeper.cli;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * How help reads: the top level lists the commands by task; a leaf command's help lists its own
 * options and names the shared ones once ({@code sweeper help options} describes them); an option
 * that only guards {@code --apply} is offered only where something can be applied.
 */
final class CliHelp {
    static final String SHARED_SECTION = "sharedOptions";

    /** The classes whose options every sweeping command takes: listed once, not in each leaf's help. */
    private static final Set<Class<?>> SHARED = Set.of(AwsOptions.class, OutputOptions.class, SweepCommand.class,
            FilterOptions.class, ActionOptions.class, SharedOptions.Format.class, SharedOptions.Mark.class);
    /** Shared by the mixin that declares it, but what the command is about: listed with the command's own. */
    private static final Set<String> OWN = Set.of("--apply");

    /** The tasks, in the order a new user meets them, and the commands (with their flags) for each. */
    private static final Map<String, List<String[]>> TASKS = new LinkedHashMap<>();

    static {
        TASKS.put("See what runs, and whether it is idle", List.of(
                new String[] {"scan", null},
                new String[] {"endpoints idle", null},
                new String[] {"apps idle", null}));
        TASKS.put("Stop and start", List.of(
                new String[] {"stop-notebooks", null},
                new String[] {"start-notebooks", null},
                new String[] {"mlflow stop", "Stop MLflow tracking servers (also: stop-mlflow)."},
                new String[] {"mlflow start", "Start MLflow tracking servers (also: start-mlflow)."}));
        TASKS.put("Delete", List.of(
                new String[] {"endpoints idle --delete", "Delete idle endpoints (their config stays, to re-create)."},
                new String[] {"apps idle --delete", "Delete idle Studio apps."}));
        TASKS.put("Roll out prevention", List.of(
                new String[] {"autostop-notebooks", null},
                new String[] {"apps idle-shutdown", "Turn on Studio's own idle shutdown where it is off."}));
        TASKS.put("Schedules", List.<String[]>of(new String[] {"schedule", null}));
        TASKS.put("Reports", List.<String[]>of(new String[] {"report", null}));
        TASKS.put("Try it, set it up", List.of(
                new String[] {"sandbox", null},
                new String[] {"config show", null},
                new String[] {"completion", null},
                new String[] {"help", "Help on a command (sweeper help scan), or on the shared options (help options)."}));
    }

    private CliHelp() {
    }

    /** Installs the task list on the root and the short form on every leaf below it. */
    static void install(CommandLine root) {
        root.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, help -> tasks(root, help));
        root.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING, help -> "");
        for (CommandLine sub : root.getSubcommands().values()) {
            leaves(sub);
        }
    }

    private static void leaves(CommandLine cl) {
        if (!cl.getSubcommands().isEmpty()) {
            cl.getSubcommands().values().forEach(CliHelp::leaves);
            return;
        }
        CommandSpec spec = cl.getCommandSpec();
        if (spec.findOption("--expect-account") != null && spec.findOption("--apply") == null) {
            hide(spec, "--expect-account");
        }
        List<OptionSpec> shared = spec.options().stream().filter(o -> !o.hidden() && isShared(o)).toList();
        if (shared.isEmpty()) {
            return;
        }
        spec.usageMessage().abbreviateSynopsis(true);
        Map<String, CommandLine.IHelpSectionRenderer> sections = cl.getHelpSectionMap();
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING, help -> "Options:%n".formatted());
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, help -> {
            List<OptionSpec> own = spec.options().stream().filter(o -> !o.hidden() && !isShared(o)).toList();
            Help.Layout layout = help.createDefaultLayout();
            for (OptionSpec o : own.stream().sorted(java.util.Comparator.comparing(CliHelp::sortKey)).toList()) {
                layout.addOption(o, help.createDefaultParamLabelRenderer());
            }
            return layout.toString();
        });
        sections.put(SHARED_SECTION, help -> "Shared options (sweeper help options describes them):%n".formatted()
                + wrap(names(shared), spec.usageMessage().width()));
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST_HEADING, help -> "");
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST, help -> System.lineSeparator()
                + "Exit codes (sweeper --help says more):" + System.lineSeparator()
                + wrap(List.of("0 ok,", "1 internal error,", "2 usage,", "3 partial,", "4 idle found (--fail-on-idle),",
                        "5 refused"), spec.usageMessage().width()));
        List<String> order = new ArrayList<>(cl.getHelpSectionKeys());
        order.add(order.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST) + 1, SHARED_SECTION);
        cl.setHelpSectionKeys(order);
    }

    private static String sortKey(OptionSpec o) {
        return o.longestName().replaceFirst("^-+", "");
    }

    /** Options of the mixins every sweeping command shares, and -h/-V. */
    static boolean isShared(OptionSpec o) {
        if (o.userObject() instanceof Field f) {
            return !OWN.contains(o.longestName()) && SHARED.contains(f.getDeclaringClass()) || f.getDeclaringClass().getSimpleName().equals("AutoHelpMixin");
        }
        return false;
    }

    private static List<String> names(List<OptionSpec> options) {
        List<String> names = options.stream().map(OptionSpec::longestName).sorted().toList();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            out.add(names.get(i) + (i < names.size() - 1 ? "," : ""));
        }
        return out;
    }

    /** Words on lines of at most {@code width}, indented by two. */
    private static String wrap(List<String> words, int width) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder("  ");
        for (String word : words) {
            if (line.length() + 1 + word.length() > width && line.length() > 2) {
                out.append(line.toString().stripTrailing()).append(System.lineSeparator());
                line = new StringBuilder("  ");
            }
            line.append(line.length() > 2 ? " " : "").append(word);
        }
        return out.append(line).append(System.lineSeparator()).toString();
    }

    private static void hide(CommandSpec spec, String name) {
        OptionSpec option = spec.findOption(name);
        spec.remove(option);
        spec.addOption(option.toBuilder().hidden(true).build());
    }

    /** The commands by task, each with the first line of its description (or the task's own words). */
    private static String tasks(CommandLine root, Help help) {
        int width = root.getCommandSpec().usageMessage().width();
        int left = 26;
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<String[]>> task : TASKS.entrySet()) {
            out.append(System.lineSeparator()).append(task.getKey()).append(':').append(System.lineSeparator());
            Help.TextTable table = Help.TextTable.forColumns(help.colorScheme(),
                    new Help.Column(left, 2, Help.Column.Overflow.SPAN),
                    new Help.Column(width - left, 1, Help.Column.Overflow.WRAP));
            for (String[] entry : task.getValue()) {
                String text = entry[1] != null ? entry[1] : firstLine(root, entry[0]);
                table.addRowValues(entry[0], text == null ? "" : text);
            }
            out.append(table);
        }
        return out.toString();
    }

    private static String firstLine(CommandLine root, String path) {
        CommandLine cl = root;
        for (String name : path.split(" ")) {
            cl = cl == null ? null : cl.getSubcommands().get(name);
        }
        if (cl == null || cl.getCommandSpec().usageMessage().description().length == 0) {
            return null;
        }
        return cl.getCommandSpec().usageMessage().description()[0];
    }

    /** {@code sweeper help [COMMAND...]}: a command's help, or the shared options'. */
    @Command(name = "help", helpCommand = true,
            description = "Help on a command (sweeper help endpoints idle), or on the options every command shares "
                    + "(sweeper help options).")
    static final class HelpCommand implements Callable<Integer> {
        @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command, e.g. scan or endpoints idle; "
                + "or options.")
        List<String> path = new ArrayList<>();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            CommandLine root = spec.root().commandLine();
            java.io.PrintWriter out = spec.commandLine().getOut();
            if (path.size() == 1 && path.get(0).equals("options")) {
                out.print(sharedOptions(root));
                out.flush();
                return 0;
            }
            CommandLine target = root;
            for (String name : path) {
                CommandLine next = target.getSubcommands().get(name);
                if (next == null) {
                    throw new UsageException("help: no command '" + String.join(" ", path) + "' (sweeper help lists them)");
                }
                target = next;
            }
            target.usage(out);
            out.flush();
            return 0;
        }

        /** Every shared option with its description, as scan (which takes them all) declares them. */
        private static String sharedOptions(CommandLine root) {
            Map<String, OptionSpec> options = new java.util.TreeMap<>();
            collect(root, options);
            Help help = new Help(root.getSubcommands().get("scan").getCommandSpec(),
                    Help.defaultColorScheme(Help.Ansi.OFF));
            Help.Layout layout = help.createDefaultLayout();
            options.values().forEach(o -> layout.addOption(o, help.createDefaultParamLabelRenderer()));
            return "Options the commands share, given after the command's name" + System.lineSeparator()
                    + "(each command's help names those it takes):" + System.lineSeparator() + layout;
        }

        private static void collect(CommandLine cl, Map<String, OptionSpec> into) {
            cl.getCommandSpec().options().stream()
                    .filter(o -> isShared(o) && (!o.hidden() || o.longestName().equals("--expect-account")))
                    .forEach(o -> into.putIfAbsent(sortKey(o), o));
            cl.getSubcommands().values().forEach(sub -> collect(sub, into));
        }
    }
}
