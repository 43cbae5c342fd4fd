package dev.sweeper.testing;

import dev.sweeper.core.Kind;
import dev.sweeper.core.Resource;

/** A bare shape of each kind, for tests that need a resource of a kind and nothing of its own fields. */
public final class Shapes {
    private Shapes() {
    }

    public static Resource.Shape of(Kind kind) {
        return switch (kind) {
            case NOTEBOOK -> new Resource.NotebookShape(null);
            case ENDPOINT -> Resource.EndpointShape.listed();
            case APP -> new Resource.AppShape("d-1", "JupyterLab", "alice", null, null, null, null);
            case SPACE -> new Resource.SpaceShape("d-1", null, "Shared", "JupyterLab", null);
            case MLFLOW -> new Resource.MlflowShape();
            case HYPERPOD -> Resource.ClusterShape.listed();
        };
    }
}
