package dev.sweeper.core.kinds;

import dev.sweeper.core.Evaluation;
import dev.sweeper.core.Evaluator;
import dev.sweeper.core.Evidence;
import dev.sweeper.core.Policy;
import dev.sweeper.core.PriceUsage;
import dev.sweeper.core.PriceUsages;
import dev.sweeper.core.Resource;
import dev.sweeper.core.SageMakerGateway;
import dev.sweeper.core.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Studio spaces: no compute of their own (what runs in them are their apps, judged there), so nothing to sweep:
 * EXEMPT. What one still costs is its EBS volume, kept whether an app runs or not.
 */
public final class SpaceKind implements KindDefinition {
    @Override
    public Class<Resource.SpaceShape> shape() {
        return Resource.SpaceShape.class;
    }

    @Override
    public String plural() {
        return "Studio spaces";
    }

    @Override
    public String heading() {
        return "Studio spaces";
    }

    /** What they cost is their storage, shown with the other volumes. */
    @Override
    public String noneRunning() {
        return "no compute of their own: their EBS volumes are under storage that outlives compute";
    }

    @Override
    public List<Resource> list(SageMakerGateway sm, Listing listing) {
        return sm.listSpaces(listing.problems());
    }

    /** No compute, no evidence: what a space costs is its storage. */
    @Override
    public List<PriceUsage.Section> priceSections() {
        return List.of(PriceUsage.Section.STORAGE);
    }

    @Override
    public Gathering gathering() {
        return Gathering.NONE;
    }

    /** ListSpaces gives no ARN: DescribeSpace does. */
    @Override
    public Resource withArn(SageMakerGateway sm, Resource listed) {
        return sm.describeSpace(listed).orElse(listed);
    }

    /** No compute of its own (its apps bill theirs); its EBS volume, per GB-month. */
    @Override
    public PriceUsage storage(Resource r) {
        return PriceUsages.spaceStorage(r.region());
    }

    @Override
    public Evaluation evaluate(Resource r, Evidence evidence, Policy policy, Instant now) {
        List<String> reasons = new ArrayList<>();
        if ("Deleting".equals(r.status())) {
            reasons.add("status Deleting: being deleted, with its EBS volume");
            return new Evaluation(Verdict.EXEMPT, reasons, evidence);
        }
        reasons.add(Evaluator.spaceReason(r.storageGb(), null));
        if (!Evaluator.IN_SERVICE.equals(r.status()) && r.status() != null) {
            reasons.add("status " + r.status());
        }
        return new Evaluation(Verdict.EXEMPT, reasons, evidence);
    }

    @Override
    public String storageOnlyReason(Resource r, double monthly) {
        return Evaluator.spaceReason(r.storageGb(), monthly);
    }

    /** Its EBS volume: {@code EBS 100 GB}. */
    @Override
    public String detail(Resource r) {
        Integer gb = r.space() == null ? null : r.space().ebsVolumeSizeGb();
        return gb == null ? "" : "EBS " + gb + " GB";
    }

    /** Additive: a Studio space's domain, owner (private spaces), sharing type, app type and EBS volume size. */
    @Override
    public void json(Resource r, Fields json) {
        Resource.SpaceShape space = r.space();
        json.startObject("space")
                .field("domainId", space.domainId())
                .field("ownerUserProfile", space.ownerUserProfile())
                .field("sharingType", space.sharingType())
                .field("appType", space.appType())
                .field("ebsVolumeSizeInGb", space.ebsVolumeSizeGb())
                .endObject();
    }
}
