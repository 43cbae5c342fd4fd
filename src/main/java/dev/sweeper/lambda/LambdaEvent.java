package dev.sweeper.lambda;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;

/**
 * One invocation, as the schedule sends it: {@code {"command": "endpoints idle", "args": ["--notify"]}}.
 * The command is the words of a (sub)command of the CLI; the args are the CLI's own flags, as strings.
 */
public record LambdaEvent(List<String> command, List<String> args) {
    static final Set<String> KEYS = Set.of("command", "args");
    /** Commands that make no sense in a function: a server that runs until killed, a shell script. */
    static final Set<String> NOT_IN_LAMBDA = Set.of("sandbox", "completion");
    static final Set<String> NOT_IN_LAMBDA_ARGS = Set.of("-h", "--help", "-V", "--version");
    static final String EXAMPLE = "{\"command\": \"endpoints idle\", \"args\": [\"--name-contains\", \"ci-\"]}";

    public LambdaEvent {
        command = List.copyOf(command);
        args = List.copyOf(args);
    }

    /** Checks the event's shape; throws {@link InvalidEventException} naming what is wrong. */
    public static LambdaEvent parse(Map<String, ?> event) {
        if (event == null || event.isEmpty()) {
            throw new InvalidEventException("empty event: expected " + EXAMPLE);
        }
        for (String key : event.keySet()) {
            if (!KEYS.contains(key)) {
                throw new InvalidEventException("unknown key '" + key + "' in the event (known: args, command); expected "
                        + EXAMPLE);
            }
        }
        Object command = event.get("command");
        if (command == null) {
            throw new InvalidEventException("no command in the event: expected " + EXAMPLE);
        }
        if (!(command instanceof String text) || text.isBlank()) {
            throw new InvalidEventException("'command' must be a non-empty string such as \"endpoints idle\", not "
                    + describe(command));
        }
        Object args = event.get("args");
        List<String> argList = new ArrayList<>();
        if (args != null) {
            if (!(args instanceof List<?> list)) {
                throw new InvalidEventException("'args' must be a list of strings, not " + describe(args));
            }
            for (int i = 0; i < list.size(); i++) {
                Object a = list.get(i);
                if (!(a instanceof String s)) {
                    throw new InvalidEventException("args[" + i + "] must be a string, not " + describe(a)
                            + (a instanceof Number || a instanceof Boolean ? ": quote it, \"" + a + "\"" : ""));
                }
                argList.add(s);
            }
        }
        return new LambdaEvent(List.of(text.trim().split("\\s+")), argList);
    }

    /**
     * The full argument list for the command tree, with JSON output forced: checks that the command
     * exists and may run here, and that no other output format was asked for.
     */
    public List<String> argv(CommandLine root) {
        CommandLine cmd = root;
        for (String word : command) {
            CommandLine sub = cmd.getSubcommands().get(word);
            if (sub == null) {
                throw new InvalidEventException("unknown command '" + String.join(" ", command) + "' (known: "
                        + String.join(", ", runnable(root)) + ")");
            }
            cmd = sub;
        }
        if (NOT_IN_LAMBDA.contains(command.get(0))) {
            throw new InvalidEventException("'" + command.get(0) + "' cannot run in Lambda (known: "
                    + String.join(", ", runnable(root)) + ")");
        }
        if (!isRunnable(cmd)) {
            throw new InvalidEventException("'" + String.join(" ", command) + "' needs a subcommand: one of "
                    + String.join(", ", cmd.getSubcommands().keySet()));
        }
        List<String> out = new ArrayList<>(command);
        out.addAll(args);
        // report chooses its format with --format; every other command with --output.
        String formatOption = cmd.getCommandSpec().findOption("--format") != null ? "--format" : "--output";
        boolean hasFormatOption = cmd.getCommandSpec().findOption(formatOption) != null;
        boolean given = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                break;
            }
            if (NOT_IN_LAMBDA_ARGS.contains(a)) {
                throw new InvalidEventException(a + " prints text, not a result: run it from a terminal");
            }
            if (a.equals("--out") || a.startsWith("--out=")) {
                throw new InvalidEventException("--out writes a file that the function would lose: the report is"
                        + " the invocation's result");
            }
            String value = null;
            if (a.equals(formatOption)) {
                value = i + 1 < args.size() ? args.get(i + 1) : "";
            } else if (a.startsWith(formatOption + "=")) {
                value = a.substring(formatOption.length() + 1);
            }
            if (value != null) {
                if (!value.toLowerCase(Locale.ROOT).equals("json")) {
                    throw new InvalidEventException(formatOption + " '" + value + "': the Lambda handler returns"
                            + " the JSON result; leave " + formatOption + " out or give " + formatOption + " json");
                }
                given = true;
            }
        }
        if (hasFormatOption && !given) {
            // Before any "--", so that it stays an option.
            int end = out.indexOf("--");
            out.addAll(end < 0 ? out.size() : end, List.of(formatOption, "json"));
        }
        return out;
    }

    private static boolean isRunnable(CommandLine cmd) {
        Object user = cmd.getCommand();
        return user instanceof Runnable || user instanceof java.util.concurrent.Callable;
    }

    /** Every command the event may name: "scan", "endpoints idle", … */
    static List<String> runnable(CommandLine root) {
        Set<String> out = new TreeSet<>();
        collect(root, "", out);
        return new ArrayList<>(out);
    }

    private static void collect(CommandLine cmd, String prefix, Set<String> out) {
        for (Map.Entry<String, CommandLine> e : cmd.getSubcommands().entrySet()) {
            String name = prefix.isEmpty() ? e.getKey() : prefix + " " + e.getKey();
            if (prefix.isEmpty() && NOT_IN_LAMBDA.contains(e.getKey())) {
                continue;
            }
            if (isRunnable(e.getValue())) {
                out.add(name);
            }
            collect(e.getValue(), name, out);
        }
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String type = value instanceof Map ? "an object" : value instanceof List ? "a list"
                : value instanceof Number ? "a number" : value instanceof Boolean ? "a boolean" : "a string";
        return type + " (" + value + ")";
    }
}
