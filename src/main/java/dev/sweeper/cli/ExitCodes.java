package dev.sweeper.cli;

/** Every exit code the sweeper uses, in one place; shown in each command's help. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int INTERNAL = 1;
    public static final int USAGE = 2;
    public static final int PARTIAL = 3;
    public static final int IDLE_FOUND = 4;
    public static final int REFUSED = 5;

    /** For picocli's {@code exitCodeList}: "code:description". */
    public static final String[] LIST = {
        "0:success (finding idle resources is success)",
        "1:unexpected internal error",
        "2:usage or configuration error; nothing was called",
        "3:partial: some evidence could not be gathered, or some actions failed",
        "4:--fail-on-idle was given and unprotected idle resources were found",
        "5:refused: more actions planned than --max-actions, or not the --expect-account",
    };

    private ExitCodes() {
    }
}
