package dev.sweeper.core;

/**
 * One production or shadow variant of an endpoint. {@code instanceType} is null for serverless
 * variants; {@code instanceCount} is the live count (CurrentInstanceCount) once described.
 *
 * @param shadow                 a shadow variant: it receives a copy of the traffic and bills its instances too
 * @param provisionedConcurrency a serverless variant's provisioned concurrency (billed while idle), 0 if none
 */
public record Variant(String name, String instanceType, int instanceCount, boolean serverless, boolean shadow,
                      int provisionedConcurrency) {
}
