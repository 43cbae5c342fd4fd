package dev.sweeper.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Every exit code the sweeper uses, with what it means; shown in each command's help. */
public enum ExitCode {
    OK(0, "success (finding idle resources is success)"),
    INTERNAL(1, "unexpected internal error"),
    USAGE(2, "usage or configuration error; nothing was called"),
    PARTIAL(3, "partial: some evidence could not be gathered, or some actions failed"),
    IDLE_FOUND(4, "--fail-on-idle was given and unprotected idle resources were found"),
    REFUSED(5, "refused: more actions planned than --max-actions, or not the --expect-account");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The process exit status. */
    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** The exit code with this status, if the sweeper uses it. */
    public static Optional<ExitCode> of(int code) {
        for (ExitCode c : values()) {
            if (c.code == code) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** How a finished run exits: refused, partial, idle found (with --fail-on-idle), else OK. */
    static ExitCode of(dev.sweeper.core.SweepResult result, boolean failOnIdle) {
        if (result.refusal() != null) {
            return REFUSED;
        }
        if (result.isPartial()) {
            return PARTIAL;
        }
        return failOnIdle && result.hasUnprotectedIdle() ? IDLE_FOUND : OK;
    }

    /** For picocli's {@code exitCodeList}: status to meaning, in order. */
    static Map<String, String> helpList() {
        Map<String, String> list = new LinkedHashMap<>();
        for (ExitCode c : values()) {
            list.put(String.valueOf(c.code), c.meaning);
        }
        return list;
    }
}
