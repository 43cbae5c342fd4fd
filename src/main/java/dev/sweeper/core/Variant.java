package dev.sweeper.core;

/**
 * One production variant of an endpoint. {@code instanceType} is null for serverless variants.
 */
public record Variant(String name, String instanceType, int instanceCount, boolean serverless) {
}
