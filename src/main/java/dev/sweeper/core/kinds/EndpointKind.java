package dev.sweeper.core.kinds;

import dev.sweeper.core.ActivityGate;
import dev.sweeper.core.EndpointRule;
import dev.sweeper.core.Evaluation;
import dev.sweeper.core.Evaluator;
import dev.sweeper.core.Evidence;
import dev.sweeper.core.Policy;
import dev.sweeper.core.PriceUsage;
import dev.sweeper.core.PriceUsages;
import dev.sweeper.core.Resource;
import dev.sweeper.core.SageMakerGateway;
import dev.sweeper.core.Variant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * SageMaker real-time, asynchronous and serverless endpoints: judged over their window by their CloudWatch
 * invocation metrics ({@link EndpointRule}); running while in service or being updated.
 */
public final class EndpointKind implements KindDefinition {
    @Override
    public Class<Resource.EndpointShape> shape() {
        return Resource.EndpointShape.class;
    }

    @Override
    public String plural() {
        return "endpoints";
    }

    @Override
    public String heading() {
        return "Endpoints";
    }

    @Override
    public List<Resource> list(SageMakerGateway sm, Listing listing) {
        return sm.listEndpoints(listing.eachPage());
    }

    @Override
    public String windowKey() {
        return "endpoints.window";
    }

    /** Hosting, by instance type (serverless provisioned concurrency has no section: unknown unless AWS prices it). */
    @Override
    public List<PriceUsage.Section> priceSections() {
        return List.of(PriceUsage.Section.byInstanceType("hosting"));
    }

    @Override
    public Gathering gathering() {
        return Gathering.ENDPOINT_METRICS;
    }

    /** An endpoint being updated, system-updated or rolled back still serves on its instances. */
    @Override
    public boolean runs(Resource r) {
        return Evaluator.endpointRuns(r.status());
    }

    /**
     * The live instance counts of every production and shadow variant, at hosting prices; a serverless variant's
     * provisioned concurrency (billed while idle). Serverless on demand, or scaled to zero: nothing while idle.
     */
    @Override
    public List<Billed> billed(Resource r) {
        if (r.endpoint() == null || !r.endpoint().described()) {
            return null; // not described (active endpoints during endpoints idle): type unknown
        }
        List<Billed> out = new ArrayList<>();
        for (Variant v : r.endpoint().variants()) {
            if (v.serverless() && v.provisionedConcurrency() > 0) {
                out.add(new Billed("serverless", PriceUsages.provisionedConcurrency(r.region()),
                        v.provisionedConcurrency()));
            } else if (!v.serverless() && v.instanceCount() > 0) {
                out.add(new Billed("hosting", v.instanceType() == null ? null
                        : PriceUsages.hosting(v.instanceType(), r.region()), v.instanceCount()));
            }
        }
        return out;
    }

    @Override
    public Evaluation evaluate(Resource r, Evidence evidence, Policy policy, Instant now) {
        return EndpointRule.endpoint(r, evidence, ActivityGate.window(r, policy), now);
    }

    /** A described serverless endpoint has no instance type: it reads {@code serverless}. */
    @Override
    public String detail(Resource r) {
        if (r.instanceType() == null) {
            return r.endpoint() != null && r.endpoint().serverless() ? "serverless" : "";
        }
        return KindDefinition.super.detail(r);
    }

    @Override
    public void json(Resource r, Fields json) {
        Resource.EndpointShape shape = r.endpoint();
        // Variants are known only once the endpoint was described; until then null.
        if (shape == null || !shape.described()) {
            json.nullField("variants");
        } else {
            json.startArray("variants");
            for (Variant v : shape.variants()) {
                json.startObject()
                        .field("name", v.name())
                        .field("instanceType", v.instanceType())
                        .field("instanceCount", v.instanceCount())
                        .field("serverless", v.serverless())
                        .endObject();
            }
            json.endArray();
        }
        // additive: the inference components it hosts; null when they were not listed
        if (shape == null || shape.components() == null) {
            json.nullField("inferenceComponents");
        } else {
            json.strings("inferenceComponents", shape.components());
        }
    }
}
