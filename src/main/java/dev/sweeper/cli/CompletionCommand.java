package dev.sweeper.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a shell completion script for bash or zsh.", "Install it with:",
            "  bash: source <(sweeper completion bash)    (e.g. in ~/.bashrc)",
            "  zsh:  source <(sweeper completion zsh)     (e.g. in ~/.zshrc)"})
final class CompletionCommand implements Callable<Integer> {
    /** zsh runs bash completion scripts once its bash compatibility layer is loaded. */
    static final String ZSH_PREAMBLE = """
            # zsh: load zsh's completion system and its bash-completion compatibility first
            autoload -U +X compinit && compinit
            autoload -U +X bashcompinit && bashcompinit
            """;

    enum Shell { bash, zsh }

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
    Shell shell;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // The script is generated from the configured tree, so it always offers the current commands and options.
        String script = AutoComplete.bash(spec.root().name(), spec.root().commandLine());
        PrintWriter out = spec.commandLine().getOut();
        if (shell == Shell.zsh) {
            out.print(ZSH_PREAMBLE);
        }
        out.print(script);
        out.flush();
        return ExitCode.OK.code();
    }
}
