package dev.sweeper.sandbox.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sweeper.sandbox.world.World;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A family of SageMaker operations that {@link SageMakerApi} hands on whole (notebooks, endpoints, tags, Studio,
 * Studio's settings, MLflow, HyperPod):
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

    /** A list operation paged by {@link SageMakerApi#list(ObjectMapper, JsonNode, String, String, Collection, Predicate, Comparator, int, Function)}. */
    final <T> ObjectNode list(JsonNode in, String operation, String listField, Collection<T> items, Predicate<T> filter,
                              Comparator<T> order, int maxResults, Function<T, ObjectNode> render) {
        return SageMakerApi.list(json, in, operation, listField, items, filter, order, maxResults, render);
    }
}
