package dev.sweeper.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kinds of SageMaker resource the sweeper knows. */
public enum Kind {
    NOTEBOOK("notebook"),
    ENDPOINT("endpoint"),
    APP("app"),
    /**
     * Studio spaces (issue 13): a space has no compute of its own (its apps are {@link #APP}s), but its EBS volume
     * stays and bills whether an app runs in it or not.
     */
    SPACE("space"),
    /** SageMaker's managed MLflow tracking servers (issue 13): billed per hour while running; stop and start. */
    MLFLOW("mlflow"),
    /**
     * SageMaker HyperPod clusters (issue 13): every instance group bills whether jobs run or not; no activity signal,
     * no action.
     */
    HYPERPOD("hyperpod");

    private final String id;

    Kind(String id) {
        this.id = id;
    }

    /** The name users type and read: {@code notebook}, {@code endpoint}, {@code app}, {@code space}, {@code mlflow}, {@code hyperpod}. */
    public String id() {
        return id;
    }

    /** What a sentence calls several: {@code notebooks}, {@code MLflow tracking servers}, {@code HyperPod clusters}. */
    public String plural() {
        return switch (this) {
            case MLFLOW -> "MLflow tracking servers";
            case HYPERPOD -> "HyperPod clusters";
            case APP -> "Studio apps";
            case SPACE -> "Studio spaces";
            default -> id + "s";
        };
    }

    public static Kind parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (Kind kind : values()) {
            if (kind.id.equals(wanted) || (kind.id + "s").equals(wanted)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown kind '" + text + "' (expected one of "
                + Arrays.stream(values()).map(Kind::id).collect(Collectors.joining(", ")) + ")");
    }
}
