package dev.sweeper.core;

import dev.sweeper.core.kinds.AppKind;
import dev.sweeper.core.kinds.EndpointKind;
import dev.sweeper.core.kinds.HyperPodKind;
import dev.sweeper.core.kinds.KindDefinition;
import dev.sweeper.core.kinds.MlflowKind;
import dev.sweeper.core.kinds.NotebookKind;
import dev.sweeper.core.kinds.SpaceKind;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The kinds of SageMaker resource the sweeper knows: each one's name, and its definition (how it is listed, what
 * evidence it needs, its rule, its prices, labels and fields), in {@code dev.sweeper.core.kinds}, one file a kind.
 */
public enum Kind {
    NOTEBOOK("notebook", new NotebookKind()),
    ENDPOINT("endpoint", new EndpointKind()),
    /** Studio apps, Canvas among them (a window and a metric of their own: see {@link AppKind}). */
    APP("app", new AppKind()),
    /**
     * Studio spaces (issue 13): a space has no compute of its own (its apps are {@link #APP}s), but its EBS volume
     * stays and bills whether an app runs in it or not.
     */
    SPACE("space", new SpaceKind()),
    /** SageMaker's managed MLflow tracking servers (issue 13): billed per hour while running; stop and start. */
    MLFLOW("mlflow", new MlflowKind()),
    /**
     * SageMaker HyperPod clusters (issue 13): every instance group bills whether jobs run or not; no activity signal,
     * no action.
     */
    HYPERPOD("hyperpod", new HyperPodKind());

    private final String id;
    private final KindDefinition definition;

    Kind(String id, KindDefinition definition) {
        this.id = id;
        this.definition = definition;
    }

    /** The name users type and read: {@code notebook}, {@code endpoint}, {@code app}, {@code space}, {@code mlflow}, {@code hyperpod}. */
    public String id() {
        return id;
    }

    /** Everything the sweeper knows of this kind, in one place. */
    public KindDefinition definition() {
        return definition;
    }

    /** What a sentence calls several: {@code notebooks}, {@code MLflow tracking servers}, {@code HyperPod clusters}. */
    public String plural() {
        return definition.plural();
    }

    /** The kind whose definition names this shape. */
    public static Kind of(Resource.Shape shape) {
        for (Kind kind : values()) {
            if (kind.definition.shape().isInstance(shape)) {
                return kind;
            }
        }
        throw new IllegalStateException("no kind has the shape " + shape.getClass().getSimpleName());
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
