package dev.sweeper.core;

import dev.sweeper.core.kinds.KindDefinition;
import java.util.List;
import java.util.Map;

/**
 * The price usages the sweeper shows, one function per usage shared or established here, and {@link #usage} for a
 * kind's own (each kind's definition says which it bills, {@link KindDefinition#billed}): what the price table calls
 * it and
 * how AWS's Price List Query API (pricing:GetProducts, service code {@code AmazonSageMaker}) selects its one product.
 *
 * <p>The filters are TERM_MATCH on two product attributes: {@code regionCode} and {@code usagetype}. A SageMaker
 * usage type is the billing region prefix, a dash, and the usage: {@code USE1-Host:ml.m5.large},
 * {@code USE1-Notebk:ml.t3.medium}, {@code USE1-Studio:JupyterLab-ml.r6i.4xlarge}. These forms are taken from real
 * records and Cost and Usage Report line items quoted in public code and notes found by the code search (AWS's own
 * price-list documentation lists attribute names, not SageMaker's values): {@code Host}, {@code Notebk},
 * {@code Studio:<AppType>-} (JupyterLab, CodeEditor, KernelGateway), {@code Notebk:VolumeUsage.gp2},
 * {@code Studio:VolumeUsage.gp3}, {@code Canvas:Session-Hrs} (a kind's own, built in its definition with
 * {@link #usage}, says where its usage type was found).
 * Two usages have no established usage type and are never asked for (their filters are empty): MLflow tracking
 * servers by size, and serverless provisioned concurrency; they are priced by a team's table or the bundled one,
 * else unknown. What was searched for them (AWS documentation, pages, public code and issues, 2026-12-07), and
 * found:
 * <ul>
 * <li>MLflow: no price-list record, usage type, product family or attribute of a tracking server anywhere, and no
 * per-size hourly rate from AWS's own pages; the one figure seen is a third party's ("Small $0.642/hr", in a cost
 * comparison for eu-west-2 in a GitHub issue), not AWS's, for one size only, so it is not used.</li>
 * <li>Provisioned concurrency: third-party code only (an infracost resource for endpoint configurations, and a
 * price-catalog parser that reads AWS's bulk SageMaker offer file): product family {@code ML Serverless}, attribute
 * {@code group} {@code ServerlessProvisionedConcurrency-Usage} for the warm capacity billed while idle (its
 * execution is {@code ServerlessProvisionedConcurrency-Duration}), {@code operation} {@code Serverless}, a
 * {@code memorygb} of 1 to 6, unit {@code seconds}, and a usage type matched there only by the pattern
 * {@code ProvisionedConcurrency:Usage-<N>GB} (its exact form, prefix included, is not quoted anywhere found). The
 * price is per second per provisioned instance at the variant's memory size, which {@link Variant} does not carry
 * (ServerlessConfig.MemorySizeInMB is not read), so the usage cannot be selected: it stays unknown.</li>
 * </ul>
 */
public final class PriceUsages {
    public static final String SERVICE_CODE = "AmazonSageMaker";

    /**
     * The billing region prefix of usage types (as in Cost and Usage Reports: {@code USE1-}, {@code EU-} for
     * eu-west-1, {@code APS3-} for ap-south-1). A region missing here is not asked for: its prices come from a
     * table.
     */
    private static final Map<String, String> BILLING_PREFIX = Map.ofEntries(
            Map.entry("us-east-1", "USE1"), Map.entry("us-east-2", "USE2"),
            Map.entry("us-west-1", "USW1"), Map.entry("us-west-2", "USW2"),
            Map.entry("ca-central-1", "CAN1"), Map.entry("sa-east-1", "SAE1"),
            Map.entry("eu-west-1", "EU"), Map.entry("eu-west-2", "EUW2"), Map.entry("eu-west-3", "EUW3"),
            Map.entry("eu-central-1", "EUC1"), Map.entry("eu-north-1", "EUN1"), Map.entry("eu-south-1", "EUS1"),
            Map.entry("ap-south-1", "APS3"), Map.entry("ap-southeast-1", "APS1"), Map.entry("ap-southeast-2", "APS2"),
            Map.entry("ap-northeast-1", "APN1"), Map.entry("ap-northeast-2", "APN2"),
            Map.entry("ap-northeast-3", "APN3"), Map.entry("ap-east-1", "APE1"), Map.entry("af-south-1", "AFS1"),
            Map.entry("me-south-1", "MES1"));

    private PriceUsages() {
    }

    /** Real-time and asynchronous inference endpoint instances: both bill as hosting ({@code Host:}). */
    public static PriceUsage hosting(String instanceType, String region) {
        return usage("hosting", instanceType, null, region, "Host:" + instanceType);
    }

    /** Notebook instances ({@code Notebk:}). */
    public static PriceUsage notebook(String instanceType, String region) {
        return usage("notebook", instanceType, null, region, "Notebk:" + instanceType);
    }

    /** Studio apps, priced per app type ({@code Studio:JupyterLab-ml.t3.medium}). */
    public static PriceUsage studio(String appType, String instanceType, String region) {
        return usage("studio", instanceType, appType, region,
                appType == null ? null : "Studio:" + appType + "-" + instanceType);
    }

    /** The Canvas workspace instance, per session-hour whatever the app's instance type ({@code Canvas:Session-Hrs}). */
    public static PriceUsage canvas(String region) {
        return usage("canvas", "workspace", null, region, "Canvas:Session-Hrs");
    }

    /**
     * Managed MLflow tracking servers by TrackingServerSize: no record of them in AWS's price list, nor their usage
     * type, could be found (see the class comment); a table prices them, else they are unknown.
     */
    public static PriceUsage mlflow(String size, String region) {
        return usage("mlflow", size, null, region, null);
    }

    /**
     * Serverless provisioned concurrency: billed per second per provisioned instance by memory size (family
     * {@code ML Serverless}, group {@code ServerlessProvisionedConcurrency-Usage}, per third-party code), but its
     * exact usage type is not established and the variant's memory size is not read (see the class comment).
     */
    public static PriceUsage provisionedConcurrency(String region) {
        return usage("serverless", "provisioned-concurrency", null, region, null);
    }

    /** A notebook instance's ML storage volume, per GB-month ({@code Notebk:VolumeUsage.gp2}). */
    public static PriceUsage notebookStorage(String region) {
        return usage("storage", "notebook", null, region, "Notebk:VolumeUsage.gp2");
    }

    /** A Studio space's EBS volume, per GB-month ({@code Studio:VolumeUsage.gp3}). */
    public static PriceUsage spaceStorage(String region) {
        return usage("storage", "studio", null, region, "Studio:VolumeUsage.gp3");
    }

    /**
     * The compute usages of a resource (what its hourly cost is made of, as its kind's definition bills it), none
     * when it has none or they are not known: what to fetch ahead.
     */
    public static List<PriceUsage> compute(Resource r) {
        List<KindDefinition.Billed> billed = r.kind().definition().billed(r);
        return billed == null ? List.of()
                : billed.stream().map(KindDefinition.Billed::usage).filter(java.util.Objects::nonNull).toList();
    }

    /** The storage usage of a resource's volume that outlives its compute; null when it has none. */
    public static PriceUsage storage(Resource r) {
        return r.kind().definition().storage(r);
    }

    /**
     * A usage of {@code section} (one a kind's definition declares), by {@code item} (its key in that section), in
     * {@code region}, selected in AWS's price list by {@code usageType} without its billing region prefix
     * ({@code Cluster:ml.m5.xlarge}); null {@code usageType} when it is not established: never asked for. What a kind
     * whose usage is not one of the above builds its own with.
     */
    public static PriceUsage usage(String section, String item, String variant, String region, String usageType) {
        String prefix = region == null ? null : BILLING_PREFIX.get(region);
        List<PriceUsage.Term> filters = usageType == null || prefix == null ? List.of()
                : List.of(new PriceUsage.Term("regionCode", region),
                        new PriceUsage.Term("usagetype", prefix + "-" + usageType));
        return new PriceUsage(section, item, variant, region, filters);
    }
}
