package dev.sweeper.sandbox.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sweeper.sandbox.world.World;
import java.util.List;

/**
 * A family of SageMaker operations that {@link SageMakerApi} hands on whole (MLflow, HyperPod, Studio's settings):
 * it names the operations it serves and answers them from the same {@link World}, under the world's lock as every
 * SageMaker operation.
 */
abstract class OperationGroup {
    final World world;
    final ObjectMapper json;
    private final List<String> operations;

    OperationGroup(World world, ObjectMapper json, List<String> operations) {
        this.world = world;
        this.json = json;
        this.operations = List.copyOf(operations);
    }

    final boolean serves(String operation) {
        return operations.contains(operation);
    }

    /** Called under the world's lock, only with an operation this group {@link #serves}. */
    abstract ObjectNode handle(String operation, JsonNode in, String region);
}
