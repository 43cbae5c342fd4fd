package dev.sweeper.sandbox.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sweeper.sandbox.jupyter.JupyterServers;
import dev.sweeper.sandbox.protocol.AwsError;
import dev.sweeper.sandbox.protocol.JsonTimestamps;
import dev.sweeper.sandbox.protocol.Pages;
import dev.sweeper.sandbox.world.World;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/** The SageMaker operations the sweeper uses, answered from the {@link World} with AWS's shapes (JSON 1.1). */
public final class SageMakerApi {
    /** The operations answered here; the others go to a group. */
    private static final List<String> OPERATIONS = List.of("ListNotebookInstances", "DescribeNotebookInstance",
            "StopNotebookInstance", "StartNotebookInstance", "CreatePresignedNotebookInstanceUrl", "UpdateNotebookInstance",
            "CreateNotebookInstanceLifecycleConfig", "DescribeNotebookInstanceLifecycleConfig",
            "ListNotebookInstanceLifecycleConfigs", "DeleteNotebookInstanceLifecycleConfig",
            "ListEndpoints", "DescribeEndpoint", "DescribeEndpointConfig", "DeleteEndpoint",
            "ListInferenceComponents", "DescribeInferenceComponent", "DeleteInferenceComponent", "ListTags", "AddTags",
            "DeleteTags", "ListDomains", "DescribeDomain", "ListUserProfiles", "DescribeUserProfile", "ListSpaces",
            "DescribeSpace", "ListApps", "DescribeApp", "DeleteApp");

    private final World world;
    private final ObjectMapper json;
    private final JupyterServers jupyter;
    private final List<OperationGroup> groups;

    public SageMakerApi(World world, ObjectMapper json, JupyterServers jupyter) {
        this.world = world;
        this.json = json;
        this.jupyter = jupyter;
        this.groups = List.of(new MlflowApi(world, json), new StudioSettingsApi(world, json), new HyperPodApi(world, json));
    }

    public ObjectNode handle(String operation, JsonNode in, String region) {
        synchronized (world) {
            return switch (operation) {
                case "ListNotebookInstances" -> listNotebooks(in, region);
                case "DescribeNotebookInstance" -> describeNotebook(notebook(in, region));
                case "StopNotebookInstance" -> stopNotebook(notebook(in, region));
                case "StartNotebookInstance" -> startNotebook(notebook(in, region));
                case "CreatePresignedNotebookInstanceUrl" -> presignedUrl(notebook(in, region), in);
                case "UpdateNotebookInstance" -> updateNotebook(notebook(in, region), in, region);
                case "CreateNotebookInstanceLifecycleConfig" -> createLifecycleConfig(in, region);
                case "DescribeNotebookInstanceLifecycleConfig" -> describeLifecycleConfig(lifecycleConfig(in, region, "describe"));
                case "ListNotebookInstanceLifecycleConfigs" -> listLifecycleConfigs(in, region);
                case "DeleteNotebookInstanceLifecycleConfig" -> deleteLifecycleConfig(lifecycleConfig(in, region, "delete"));
                case "ListEndpoints" -> listEndpoints(in, region);
                case "DescribeEndpoint" -> describeEndpoint(endpoint(in, region));
                case "DescribeEndpointConfig" -> describeEndpointConfig(in, region);
                case "DeleteEndpoint" -> deleteEndpoint(endpoint(in, region));
                case "ListInferenceComponents" -> listInferenceComponents(in, region);
                case "DescribeInferenceComponent" -> describeInferenceComponent(component(in, region));
                case "DeleteInferenceComponent" -> deleteInferenceComponent(component(in, region));
                case "ListTags" -> listTags(in);
                case "AddTags" -> addTags(in);
                case "DeleteTags" -> deleteTags(in);
                case "ListDomains" -> listDomains(in, region);
                case "DescribeDomain" -> describeDomain(domain(text(in, "DomainId", true), region));
                case "ListUserProfiles" -> listUserProfiles(in, region);
                case "DescribeUserProfile" -> describeUserProfile(in, region);
                case "ListSpaces" -> listSpaces(in, region);
                case "DescribeSpace" -> describeSpace(in, region);
                case "ListApps" -> listApps(in, region);
                case "DescribeApp" -> describeApp(app(in, region));
                case "DeleteApp" -> deleteApp(app(in, region));
                default -> group(operation).handle(operation, in, region);
            };
        }
    }

    private OperationGroup group(String operation) {
        for (OperationGroup g : groups) {
            if (g.serves(operation)) {
                return g;
            }
        }
        throw new AwsError("UnknownOperationException", 400, "The sandbox does not implement SageMaker." + operation);
    }

    public boolean known(String operation) {
        return OPERATIONS.contains(operation) || groups.stream().anyMatch(g -> g.serves(operation));
    }

    // ---- helpers ----

    public static BigDecimal epoch(Instant i) {
        return JsonTimestamps.epoch(i);
    }

    static String text(JsonNode in, String field, boolean required) {
        JsonNode n = in.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw AwsError.validation("1 validation error detected: Value null at '" + lowerFirst(field)
                        + "' failed to satisfy constraint: Member must not be null");
            }
            return null;
        }
        return n.asText();
    }

    private static String lowerFirst(String s) {
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    static Instant time(JsonNode in, String field) {
        JsonNode n = in.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isNumber()) {
            return Instant.ofEpochMilli(n.decimalValue().movePointRight(3).longValue());
        }
        try {
            return Instant.parse(n.asText());
        } catch (RuntimeException e) {
            throw AwsError.validation("Value '" + n.asText() + "' at '" + lowerFirst(field) + "' is not a valid timestamp");
        }
    }

    static int maxResults(JsonNode in, int min, int max, int dflt) {
        JsonNode n = in.get("MaxResults");
        if (n == null || n.isNull()) {
            return dflt;
        }
        int v = n.asInt();
        if (v < min) {
            throw AwsError.validation("1 validation error detected: Value '" + v
                    + "' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to " + min);
        }
        if (v > max) {
            throw AwsError.validation("1 validation error detected: Value '" + v
                    + "' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to " + max);
        }
        return v;
    }

    static String enumValue(JsonNode in, String field, List<String> allowed, String dflt) {
        String v = text(in, field, false);
        if (v == null) {
            return dflt;
        }
        if (!allowed.contains(v)) {
            throw AwsError.validation("1 validation error detected: Value '" + v + "' at '" + lowerFirst(field)
                    + "' failed to satisfy constraint: Member must satisfy enum value set: " + allowed);
        }
        return v;
    }

    private static AwsError badToken() {
        return AwsError.validation("Invalid pagination token because of a bad request. Please try again without the NextToken.");
    }

    private <T> ObjectNode list(JsonNode in, String operation, String listField, List<T> items, Predicate<T> filter,
                                Comparator<T> order, int maxResults, Function<T, ObjectNode> render) {
        return list(json, in, operation, listField, items, filter, order, maxResults, render);
    }

    /**
     * A list operation: filter, sort, page, render. The NextToken is bound to the request's other parameters: one
     * from another request is refused (ValidationException). Every SageMaker list the sandbox serves pages here,
     * the operation groups' too.
     */
    static <T> ObjectNode list(ObjectMapper json, JsonNode in, String operation, String listField,
                               java.util.Collection<T> items, Predicate<T> filter, Comparator<T> order, int maxResults,
                               Function<T, ObjectNode> render) {
        List<T> selected = new ArrayList<>();
        for (T t : items) {
            if (filter.test(t)) {
                selected.add(t);
            }
        }
        selected.sort(order);
        ObjectNode copy = in.deepCopy();
        copy.remove("NextToken");
        copy.remove("MaxResults");
        Pages.Page<T> page = Pages.page(selected, text(in, "NextToken", false), maxResults, operation + copy, SageMakerApi::badToken);
        ObjectNode out = json.createObjectNode();
        ArrayNode arr = out.putArray(listField);
        page.items().forEach(t -> arr.add(render.apply(t)));
        if (page.nextToken() != null) {
            out.put("NextToken", page.nextToken());
        }
        return out;
    }

    static <T> Comparator<T> order(String sortOrder, Comparator<T> c) {
        return "Descending".equals(sortOrder) ? c.reversed() : c;
    }

    static boolean within(Instant t, Instant after, Instant before) {
        return (after == null || t.isAfter(after)) && (before == null || t.isBefore(before));
    }

    private static boolean contains(String name, String part) {
        return part == null || name.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }

    // ---- notebooks ----

    private World.Notebook notebook(JsonNode in, String region) {
        String name = text(in, "NotebookInstanceName", true);
        World.Notebook nb = world.notebooks.get(World.key(region, name));
        if (nb == null) {
            throw AwsError.validation("RecordNotFound");
        }
        return nb;
    }

    private ObjectNode listNotebooks(JsonNode in, String region) {
        int max = maxResults(in, 1, 100, 10);
        String sortBy = enumValue(in, "SortBy", List.of("Name", "CreationTime", "Status"), "Name");
        String sortOrder = enumValue(in, "SortOrder", List.of("Ascending", "Descending"), "Ascending");
        String nameContains = text(in, "NameContains", false);
        String status = text(in, "StatusEquals", false);
        String lcc = text(in, "NotebookInstanceLifecycleConfigNameContains", false);
        Instant ca = time(in, "CreationTimeAfter");
        Instant cb = time(in, "CreationTimeBefore");
        Instant ma = time(in, "LastModifiedTimeAfter");
        Instant mb = time(in, "LastModifiedTimeBefore");
        Comparator<World.Notebook> c = switch (sortBy) {
            case "CreationTime" -> Comparator.comparing((World.Notebook n) -> n.created);
            case "Status" -> Comparator.comparing((World.Notebook n) -> n.status);
            default -> Comparator.comparing((World.Notebook n) -> n.name);
        };
        return list(in, "ListNotebookInstances", "NotebookInstances", new ArrayList<>(world.notebooks.values()),
                n -> n.region.equals(region) && contains(n.name, nameContains) && (status == null || status.equals(n.status))
                        && (lcc == null || (n.lifecycleConfig != null && contains(n.lifecycleConfig, lcc)))
                        && within(n.created, ca, cb) && within(n.lastModified, ma, mb),
                order(sortOrder, c.thenComparing(n -> n.name)), max, this::notebookSummary);
    }

    private ObjectNode notebookSummary(World.Notebook n) {
        ObjectNode o = json.createObjectNode();
        o.put("NotebookInstanceName", n.name);
        o.put("NotebookInstanceArn", n.arn);
        o.put("NotebookInstanceStatus", n.status);
        o.put("Url", n.name + ".notebook." + n.region + ".sagemaker.aws");
        o.put("InstanceType", n.instanceType);
        o.put("CreationTime", epoch(n.created));
        o.put("LastModifiedTime", epoch(n.lastModified));
        if (n.lifecycleConfig != null) {
            o.put("NotebookInstanceLifecycleConfigName", n.lifecycleConfig);
        }
        return o;
    }

    private ObjectNode describeNotebook(World.Notebook n) {
        ObjectNode o = notebookSummary(n);
        if (n.failureReason != null) {
            o.put("FailureReason", n.failureReason);
        }
        o.put("RoleArn", "arn:aws:iam::" + world.account + ":role/service-role/AmazonSageMaker-ExecutionRole");
        o.put("DirectInternetAccess", "Enabled");
        // The ML storage volume, kept (and billed) while the notebook is stopped: from the fleet file, default 5.
        // https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeNotebookInstance.html
        o.put("VolumeSizeInGB", n.volumeSizeInGB);
        o.put("RootAccess", "Enabled");
        o.put("PlatformIdentifier", "notebook-al2-v2");
        o.putObject("InstanceMetadataServiceConfiguration").put("MinimumInstanceMetadataServiceVersion", "2");
        if (!"Stopped".equals(n.status)) {
            o.put("NetworkInterfaceId", "eni-0" + Integer.toHexString(n.name.hashCode() & 0xfffffff));
        }
        return o;
    }

    /**
     * A one-time URL into the notebook's Jupyter server (see {@link JupyterServers}); the session
     * lasts SessionExpirationDurationInSeconds, 1800 to 43200, default 12 hours (service model).
     */
    private ObjectNode presignedUrl(World.Notebook n, JsonNode in) {
        int seconds = 43200;
        JsonNode given = in.get("SessionExpirationDurationInSeconds");
        if (given != null && !given.isNull()) {
            seconds = given.asInt();
            if (seconds < 1800 || seconds > 43200) {
                throw AwsError.validation("1 validation error detected: Value '" + seconds
                        + "' at 'sessionExpirationDurationInSeconds' failed to satisfy constraint: Member must have value "
                        + (seconds < 1800 ? "greater than or equal to 1800" : "less than or equal to 43200"));
            }
        }
        String url = jupyter.presign(world.account, n.region, n.name, seconds);
        if (url == null) {
            throw AwsError.validation("RecordNotFound");
        }
        return json.createObjectNode().put("AuthorizedUrl", url);
    }

    private ObjectNode stopNotebook(World.Notebook n) {
        if (!"InService".equals(n.status)) {
            throw AwsError.validation("Status (" + n.status + ") not in ([InService]). Unable to transition to (Stopping) for Notebook Instance (" + n.arn + ").");
        }
        transition(n, "Stopping", "Stopped");
        return json.createObjectNode();
    }

    private ObjectNode startNotebook(World.Notebook n) {
        if (!"Stopped".equals(n.status) && !"Failed".equals(n.status)) {
            throw AwsError.validation("Status (" + n.status + ") not in ([Stopped, Failed]). Unable to transition to (Pending) for Notebook Instance (" + n.arn + ").");
        }
        transition(n, "Pending", "InService");
        return json.createObjectNode();
    }

    private void transition(World.Notebook n, String during, String target) {
        n.status = during;
        n.failureReason = null;
        n.lastModified = world.now();
        world.later(() -> {
            if (!during.equals(n.status)) {
                return;
            }
            n.lastModified = world.now();
            if (n.failTransition) {
                n.status = "Failed";
                n.failureReason = "Sandbox: injected failure while transitioning to " + target + ".";
            } else {
                n.status = target;
            }
        });
    }

    // ---- notebook lifecycle configurations ----
    // Shapes and bounds from botocore's sagemaker model: NotebookInstanceLifecycleConfigName max 63, pattern
    // [a-zA-Z0-9](-*[a-zA-Z0-9])*; NotebookInstanceLifecycleConfigList at most 1 hook; a hook's Content 1..16384
    // characters (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_NotebookInstanceLifecycleHook.html).

    private static final java.util.regex.Pattern LCC_NAME = java.util.regex.Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9])*");

    private static String lifecycleConfigName(JsonNode in, String field) {
        String name = text(in, field, true);
        if (name.length() > 63) {
            throw AwsError.validation("1 validation error detected: Value '" + name + "' at '" + lowerFirst(field)
                    + "' failed to satisfy constraint: Member must have length less than or equal to 63");
        }
        if (!LCC_NAME.matcher(name).matches()) {
            throw AwsError.validation("1 validation error detected: Value '" + name + "' at '" + lowerFirst(field)
                    + "' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9](-*[a-zA-Z0-9])*");
        }
        return name;
    }

    private World.LifecycleConfig lifecycleConfig(JsonNode in, String region, String verb) {
        String name = lifecycleConfigName(in, "NotebookInstanceLifecycleConfigName");
        World.LifecycleConfig c = world.lifecycleConfigs.get(World.key(region, name));
        if (c == null) {
            throw AwsError.validation("Unable to " + verb + " Notebook Instance Lifecycle Config '"
                    + world.arn(region, "notebook-instance-lifecycle-config/" + name) + "'. (Details: Notebook Instance Lifecycle Config does not exist.)");
        }
        return c;
    }

    /** The one hook of OnStart or OnCreate, its Content checked against the model's bounds; null when absent. */
    private static String hook(JsonNode in, String field) {
        JsonNode list = in.get(field);
        if (list == null || list.isNull() || list.isEmpty()) {
            return null;
        }
        if (list.size() > 1) {
            throw AwsError.validation("1 validation error detected: Value '" + list + "' at '" + lowerFirst(field)
                    + "' failed to satisfy constraint: Member must have length less than or equal to 1");
        }
        JsonNode content = list.get(0).get("Content");
        String at = lowerFirst(field) + ".1.member.content";
        if (content == null || content.isNull() || content.asText().isEmpty()) {
            throw AwsError.validation("1 validation error detected: Value " + (content == null || content.isNull() ? "null" : "''")
                    + " at '" + at + "' failed to satisfy constraint: Member must have length greater than or equal to 1");
        }
        if (content.asText().length() > 16384) {
            throw AwsError.validation("1 validation error detected: Value at '" + at
                    + "' failed to satisfy constraint: Member must have length less than or equal to 16384");
        }
        return content.asText();
    }

    private ObjectNode createLifecycleConfig(JsonNode in, String region) {
        String name = lifecycleConfigName(in, "NotebookInstanceLifecycleConfigName");
        String onStart = hook(in, "OnStart");
        String onCreate = hook(in, "OnCreate");
        String key = World.key(region, name);
        String arn = world.arn(region, "notebook-instance-lifecycle-config/" + name);
        if (world.lifecycleConfigs.containsKey(key)) {
            throw AwsError.validation("Unable to create Notebook Instance Lifecycle Config '" + arn
                    + "'. (Details: Notebook Instance Lifecycle Config already exists.)");
        }
        world.putLifecycleConfig(region, name, onStart, onCreate, world.now());
        return json.createObjectNode().put("NotebookInstanceLifecycleConfigArn", arn);
    }

    private ObjectNode lifecycleConfigSummary(World.LifecycleConfig c) {
        ObjectNode o = json.createObjectNode();
        o.put("NotebookInstanceLifecycleConfigName", c.name);
        o.put("NotebookInstanceLifecycleConfigArn", c.arn);
        o.put("CreationTime", epoch(c.created));
        o.put("LastModifiedTime", epoch(c.lastModified));
        return o;
    }

    private ObjectNode describeLifecycleConfig(World.LifecycleConfig c) {
        ObjectNode o = lifecycleConfigSummary(c);
        if (c.onStart != null) {
            o.putArray("OnStart").addObject().put("Content", c.onStart);
        }
        if (c.onCreate != null) {
            o.putArray("OnCreate").addObject().put("Content", c.onCreate);
        }
        return o;
    }

    private ObjectNode listLifecycleConfigs(JsonNode in, String region) {
        int max = maxResults(in, 1, 100, 10);
        String sortBy = enumValue(in, "SortBy", List.of("Name", "CreationTime", "LastModifiedTime"), "CreationTime");
        String sortOrder = enumValue(in, "SortOrder", List.of("Ascending", "Descending"), "Descending");
        String nameContains = text(in, "NameContains", false);
        Instant ca = time(in, "CreationTimeAfter");
        Instant cb = time(in, "CreationTimeBefore");
        Instant ma = time(in, "LastModifiedTimeAfter");
        Instant mb = time(in, "LastModifiedTimeBefore");
        Comparator<World.LifecycleConfig> c = switch (sortBy) {
            case "Name" -> Comparator.comparing((World.LifecycleConfig l) -> l.name);
            case "LastModifiedTime" -> Comparator.comparing((World.LifecycleConfig l) -> l.lastModified);
            default -> Comparator.comparing((World.LifecycleConfig l) -> l.created);
        };
        return list(in, "ListNotebookInstanceLifecycleConfigs", "NotebookInstanceLifecycleConfigs",
                new ArrayList<>(world.lifecycleConfigs.values()),
                l -> l.region.equals(region) && contains(l.name, nameContains) && within(l.created, ca, cb)
                        && within(l.lastModified, ma, mb),
                order(sortOrder, c.thenComparing(l -> l.name)), max, this::lifecycleConfigSummary);
    }

    /** AWS refuses to delete a configuration a notebook still uses (ResourceInUse is not in the model: a ValidationException). */
    private ObjectNode deleteLifecycleConfig(World.LifecycleConfig c) {
        boolean used = world.notebooks.values().stream()
                .anyMatch(n -> n.region.equals(c.region) && c.name.equals(n.lifecycleConfig));
        if (used) {
            throw AwsError.validation("Unable to delete Notebook Instance Lifecycle Config '" + c.arn
                    + "'. (Details: Notebook Instance Lifecycle Config is in use by a Notebook Instance.)");
        }
        world.lifecycleConfigs.remove(World.key(c.region, c.name));
        return json.createObjectNode();
    }

    /**
     * Only the lifecycle configuration is changed (the sweeper asks for nothing else). A notebook instance can be
     * updated only while Stopped ("You can't update a notebook instance while it's running": Update a notebook
     * instance, https://docs.aws.amazon.com/sagemaker/latest/dg/nbi-update.html); it is Updating for a while and
     * Stopped again. The refusal has the words AWS uses for every notebook transition it refuses.
     */
    private ObjectNode updateNotebook(World.Notebook n, JsonNode in, String region) {
        String lcc = in.hasNonNull("LifecycleConfigName") ? lifecycleConfigName(in, "LifecycleConfigName") : null;
        boolean disassociate = in.hasNonNull("DisassociateLifecycleConfig") && in.get("DisassociateLifecycleConfig").asBoolean();
        if (lcc != null && disassociate) {
            throw AwsError.validation("Cannot both associate and disassociate a lifecycle configuration for Notebook Instance ("
                    + n.arn + ").");
        }
        if (!"Stopped".equals(n.status)) {
            throw AwsError.validation("Status (" + n.status + ") not in ([Stopped]). Unable to transition to (Updating) for Notebook Instance (" + n.arn + ").");
        }
        if (lcc != null && !world.lifecycleConfigs.containsKey(World.key(region, lcc))) {
            throw AwsError.validation("Notebook Instance Lifecycle Config '" + world.arn(region, "notebook-instance-lifecycle-config/" + lcc)
                    + "' does not exist.");
        }
        if (lcc != null) {
            n.lifecycleConfig = lcc;
        } else if (disassociate) {
            n.lifecycleConfig = null;
        }
        transition(n, "Updating", "Stopped");
        return json.createObjectNode();
    }

    // ---- endpoints ----

    private World.Endpoint endpoint(JsonNode in, String region) {
        String name = text(in, "EndpointName", true);
        World.Endpoint e = world.endpoints.get(World.key(region, name));
        if (e == null) {
            throw AwsError.validation("Could not find endpoint \"" + world.arn(region, "endpoint/" + name) + "\".");
        }
        return e;
    }

    private ObjectNode listEndpoints(JsonNode in, String region) {
        int max = maxResults(in, 1, 100, 10);
        String sortBy = enumValue(in, "SortBy", List.of("Name", "CreationTime", "Status"), "CreationTime");
        String sortOrder = enumValue(in, "SortOrder", List.of("Ascending", "Descending"), "Descending");
        String nameContains = text(in, "NameContains", false);
        String status = text(in, "StatusEquals", false);
        Instant ca = time(in, "CreationTimeAfter");
        Instant cb = time(in, "CreationTimeBefore");
        Instant ma = time(in, "LastModifiedTimeAfter");
        Instant mb = time(in, "LastModifiedTimeBefore");
        Comparator<World.Endpoint> c = switch (sortBy) {
            case "Name" -> Comparator.comparing((World.Endpoint e) -> e.name);
            case "Status" -> Comparator.comparing((World.Endpoint e) -> e.status);
            default -> Comparator.comparing((World.Endpoint e) -> e.created);
        };
        return list(in, "ListEndpoints", "Endpoints", new ArrayList<>(world.endpoints.values()),
                e -> e.region.equals(region) && contains(e.name, nameContains) && (status == null || status.equals(e.status))
                        && within(e.created, ca, cb) && within(e.lastModified, ma, mb),
                order(sortOrder, c.thenComparing(e -> e.name)), max, e -> {
                    ObjectNode o = json.createObjectNode();
                    o.put("EndpointName", e.name);
                    o.put("EndpointArn", e.arn);
                    o.put("CreationTime", epoch(e.created));
                    o.put("LastModifiedTime", epoch(e.lastModified));
                    o.put("EndpointStatus", e.status);
                    return o;
                });
    }

    private ObjectNode describeEndpoint(World.Endpoint e) {
        World.EndpointConfig config = world.endpointConfigs.get(World.key(e.region, e.configName));
        ObjectNode o = json.createObjectNode();
        o.put("EndpointName", e.name);
        o.put("EndpointArn", e.arn);
        o.put("EndpointConfigName", e.configName);
        ArrayNode variants = o.putArray("ProductionVariants");
        ArrayNode shadows = json.createArrayNode();
        for (World.VariantConfig v : e.variants) {
            ObjectNode pv = v.shadow() ? shadows.addObject() : variants.addObject();
            pv.put("VariantName", v.name());
            if (config != null && config.minZero && !v.serverless() && !v.shadow()) {
                pv.set("ManagedInstanceScaling", managedScaling(v));
            }
            pv.putArray("DeployedImages").addObject()
                    .put("SpecifiedImage", "763104351884.dkr.ecr." + e.region + ".amazonaws.com/pytorch-inference:2.1-cpu-py310")
                    .put("ResolvedImage", "763104351884.dkr.ecr." + e.region + ".amazonaws.com/pytorch-inference@sha256:" + "0".repeat(64))
                    .put("ResolutionTime", epoch(e.created));
            pv.put("CurrentWeight", v.weight());
            pv.put("DesiredWeight", v.weight());
            if (v.serverless()) {
                ObjectNode sc = serverlessConfig(v);
                pv.set("CurrentServerlessConfig", sc);
                pv.set("DesiredServerlessConfig", sc.deepCopy());
            } else {
                // An endpoint being updated or rolled back keeps serving (and billing) its instances
                // ("the existing endpoint ... remains available", UpdateEndpoint API reference).
                pv.put("CurrentInstanceCount", RUNNING_STATUSES.contains(e.status) ? v.instanceCount() : 0);
                pv.put("DesiredInstanceCount", v.instanceCount());
            }
            if ("Creating".equals(e.status) || "Updating".equals(e.status) || "Deleting".equals(e.status)) {
                pv.putArray("VariantStatus").addObject().put("Status", e.status).put("StartTime", epoch(e.lastModified));
            }
        }
        if (!shadows.isEmpty()) {
            o.set("ShadowProductionVariants", shadows);
        }
        o.put("EndpointStatus", e.status);
        if (e.failureReason != null) {
            o.put("FailureReason", e.failureReason);
        }
        o.put("CreationTime", epoch(e.created));
        o.put("LastModifiedTime", epoch(e.lastModified));
        if (e.async) {
            o.set("AsyncInferenceConfig", asyncConfig(e.name));
        }
        return o;
    }

    /** The statuses in which an endpoint's instances run: every one but Creating, OutOfService, Failed, Deleting. */
    public static final List<String> RUNNING_STATUSES = List.of("InService", "Updating", "SystemUpdating", "RollingBack",
            "UpdateRollbackFailed");

    private ObjectNode serverlessConfig(World.VariantConfig v) {
        ObjectNode sc = json.createObjectNode().put("MemorySizeInMB", v.memorySizeInMB()).put("MaxConcurrency", v.maxConcurrency());
        if (v.provisionedConcurrency() != null) {
            sc.put("ProvisionedConcurrency", v.provisionedConcurrency());
        }
        return sc;
    }

    /**
     * ProductionVariantManagedInstanceScaling (SageMaker's service model) of a variant that may scale to zero:
     * MinInstanceCount 0, as "Scale an endpoint to zero instances" requires
     * (https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-zero-instances.html).
     */
    private ObjectNode managedScaling(World.VariantConfig v) {
        return json.createObjectNode().put("Status", "ENABLED").put("MinInstanceCount", 0)
                .put("MaxInstanceCount", Math.max(1, v.instanceCount()));
    }

    private ObjectNode asyncConfig(String name) {
        ObjectNode a = json.createObjectNode();
        a.putObject("ClientConfig").put("MaxConcurrentInvocationsPerInstance", 4);
        a.putObject("OutputConfig").put("S3OutputPath", "s3://sagemaker-" + world.account + "/async/" + name + "/output");
        return a;
    }

    private ObjectNode describeEndpointConfig(JsonNode in, String region) {
        String name = text(in, "EndpointConfigName", true);
        World.EndpointConfig c = world.endpointConfigs.get(World.key(region, name));
        if (c == null) {
            throw AwsError.validation("Could not find endpoint configuration \"" + world.arn(region, "endpoint-config/" + name) + "\".");
        }
        ObjectNode o = json.createObjectNode();
        o.put("EndpointConfigName", c.name);
        o.put("EndpointConfigArn", c.arn);
        ArrayNode variants = o.putArray("ProductionVariants");
        ArrayNode shadows = json.createArrayNode();
        for (World.VariantConfig v : c.variants) {
            ObjectNode pv = v.shadow() ? shadows.addObject() : variants.addObject();
            pv.put("VariantName", v.name());
            if (c.modelName != null) {
                pv.put("ModelName", c.modelName);
            }
            if (c.minZero && !v.serverless() && !v.shadow()) {
                pv.set("ManagedInstanceScaling", managedScaling(v));
            }
            pv.put("InitialVariantWeight", v.weight());
            if (v.serverless()) {
                pv.set("ServerlessConfig", serverlessConfig(v));
            } else {
                // The config keeps the count it was created with (at least 1); autoscaling to zero
                // changes only the endpoint's CurrentInstanceCount.
                pv.put("InitialInstanceCount", Math.max(1, v.instanceCount()));
                pv.put("InstanceType", v.instanceType());
            }
        }
        if (!shadows.isEmpty()) {
            o.set("ShadowProductionVariants", shadows);
        }
        o.put("CreationTime", epoch(c.created));
        if (c.modelName == null) {
            // A config for inference components gives the role its components' models run with.
            o.put("ExecutionRoleArn", "arn:aws:iam::" + world.account + ":role/SageMakerExecutionRole");
        }
        if (c.async) {
            o.set("AsyncInferenceConfig", asyncConfig(c.name));
        }
        return o;
    }

    private ObjectNode deleteEndpoint(World.Endpoint e) {
        if ("Deleting".equals(e.status) || "Creating".equals(e.status) || "Updating".equals(e.status)) {
            throw AwsError.validation("Cannot update in-progress endpoint \"" + e.arn + "\".");
        }
        // An endpoint that still hosts inference components, even ones being deleted, cannot be
        // deleted: they must be deleted first (SageMaker refuses, "delete all Models first":
        // https://github.com/aws/amazon-sagemaker-feedback/issues/49; a component stuck in Creating
        // keeps its endpoint alive: https://github.com/aws/amazon-sagemaker-examples/issues/3432).
        // AWS documents no error code for it; the sandbox answers as SageMaker does its other
        // DeleteEndpoint refusals, with a ValidationException.
        List<World.InferenceComponent> hosted = world.componentsOf(e);
        if (!hosted.isEmpty()) {
            throw AwsError.validation("Endpoint \"" + e.arn + "\" still hosts " + hosted.size()
                    + " inference component(s). Delete its inference components before deleting the endpoint.");
        }
        e.status = "Deleting";
        e.lastModified = world.now();
        world.later(() -> {
            world.endpoints.remove(World.key(e.region, e.name));
            world.tags.remove(e.arn);
        });
        return json.createObjectNode();
    }

    // ---- inference components ----

    /** InferenceComponentStatus in SageMaker's service model. */
    public static final List<String> COMPONENT_STATUSES = List.of("InService", "Creating", "Updating", "Failed", "Deleting");

    private World.InferenceComponent component(JsonNode in, String region) {
        String name = text(in, "InferenceComponentName", true);
        World.InferenceComponent c = world.inferenceComponents.get(World.key(region, name));
        if (c == null) {
            throw AwsError.validation("Could not find inference component \"" + world.arn(region, "inference-component/" + name) + "\".");
        }
        return c;
    }

    /**
     * ListInferenceComponents (API reference): MaxResults 1..100, default 10; SortBy Name, CreationTime
     * (default) or Status; SortOrder default Descending; EndpointNameEquals and VariantNameEquals keep
     * the components hosted there.
     */
    private ObjectNode listInferenceComponents(JsonNode in, String region) {
        int max = maxResults(in, 1, 100, 10);
        String sortBy = enumValue(in, "SortBy", List.of("Name", "CreationTime", "Status"), "CreationTime");
        String sortOrder = enumValue(in, "SortOrder", List.of("Ascending", "Descending"), "Descending");
        String status = enumValue(in, "StatusEquals", COMPONENT_STATUSES, null);
        String nameContains = text(in, "NameContains", false);
        String endpoint = text(in, "EndpointNameEquals", false);
        String variant = text(in, "VariantNameEquals", false);
        Instant ca = time(in, "CreationTimeAfter");
        Instant cb = time(in, "CreationTimeBefore");
        Instant ma = time(in, "LastModifiedTimeAfter");
        Instant mb = time(in, "LastModifiedTimeBefore");
        Comparator<World.InferenceComponent> c = switch (sortBy) {
            case "Name" -> Comparator.comparing((World.InferenceComponent ic) -> ic.name);
            case "Status" -> Comparator.comparing((World.InferenceComponent ic) -> ic.status);
            default -> Comparator.comparing((World.InferenceComponent ic) -> ic.created);
        };
        return list(in, "ListInferenceComponents", "InferenceComponents", new ArrayList<>(world.inferenceComponents.values()),
                ic -> ic.region.equals(region) && contains(ic.name, nameContains) && (status == null || status.equals(ic.status))
                        && (endpoint == null || endpoint.equals(ic.endpointName))
                        && (variant == null || variant.equals(ic.variantName))
                        && within(ic.created, ca, cb) && within(ic.lastModified, ma, mb),
                order(sortOrder, c.thenComparing(ic -> ic.name)), max, ic -> {
                    ObjectNode o = json.createObjectNode();
                    o.put("CreationTime", epoch(ic.created));
                    o.put("InferenceComponentArn", ic.arn);
                    o.put("InferenceComponentName", ic.name);
                    o.put("EndpointArn", ic.endpointArn);
                    o.put("EndpointName", ic.endpointName);
                    o.put("VariantName", ic.variantName);
                    o.put("InferenceComponentStatus", ic.status);
                    o.put("LastModifiedTime", epoch(ic.lastModified));
                    return o;
                });
    }

    private ObjectNode describeInferenceComponent(World.InferenceComponent ic) {
        ObjectNode o = json.createObjectNode();
        o.put("InferenceComponentName", ic.name);
        o.put("InferenceComponentArn", ic.arn);
        o.put("EndpointName", ic.endpointName);
        o.put("EndpointArn", ic.endpointArn);
        o.put("VariantName", ic.variantName);
        if ("Failed".equals(ic.status)) {
            o.put("FailureReason", "Sandbox: the inference component failed to start.");
        }
        ObjectNode spec = o.putObject("Specification");
        spec.put("ModelName", ic.name + "-model");
        spec.putObject("ComputeResourceRequirements").put("NumberOfAcceleratorDevicesRequired", 1)
                .put("MinMemoryRequiredInMb", 1024);
        ObjectNode runtime = o.putObject("RuntimeConfig");
        runtime.put("DesiredCopyCount", ic.copies);
        runtime.put("CurrentCopyCount", "InService".equals(ic.status) ? ic.copies : 0);
        o.put("CreationTime", epoch(ic.created));
        o.put("LastModifiedTime", epoch(ic.lastModified));
        o.put("InferenceComponentStatus", ic.status);
        return o;
    }

    /**
     * The component goes Deleting, then is gone (DeleteInferenceComponent returns at once; the
     * deletion completes later). One being created, updated or already deleted cannot be deleted
     * (a component stuck in Creating cannot be deleted:
     * https://github.com/aws/amazon-sagemaker-examples/issues/3432).
     */
    private ObjectNode deleteInferenceComponent(World.InferenceComponent ic) {
        if ("Creating".equals(ic.status) || "Updating".equals(ic.status) || "Deleting".equals(ic.status)) {
            throw AwsError.validation("Cannot delete inference component \"" + ic.arn + "\" while its status is "
                    + ic.status + ".");
        }
        ic.status = "Deleting";
        ic.lastModified = world.now();
        world.later(() -> {
            world.inferenceComponents.remove(World.key(ic.region, ic.name));
            world.tags.remove(ic.arn);
        });
        return json.createObjectNode();
    }

    // ---- tags ----

    private Map<String, String> tagsOf(JsonNode in) {
        String arn = text(in, "ResourceArn", true);
        Map<String, String> t = world.tags.get(arn.toLowerCase(Locale.ROOT));
        if (t == null) {
            throw AwsError.validation("Resource " + arn + " does not exist.");
        }
        return t;
    }

    private ObjectNode listTags(JsonNode in) {
        int max = maxResults(in, 50, Integer.MAX_VALUE, 50);
        List<Map.Entry<String, String>> entries = new ArrayList<>(tagsOf(in).entrySet());
        return list(in, "ListTags", "Tags", entries, t -> true, (a, b) -> 0, max,
                t -> json.createObjectNode().put("Key", t.getKey()).put("Value", t.getValue()));
    }

    private ObjectNode addTags(JsonNode in) {
        Map<String, String> t = tagsOf(in);
        JsonNode tags = in.get("Tags");
        if (tags == null || !tags.isArray()) {
            throw AwsError.validation("1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null");
        }
        for (JsonNode tag : tags) {
            t.put(tag.path("Key").asText(), tag.path("Value").asText(""));
        }
        if (t.size() > 50) {
            throw AwsError.validation("Tag limit exceeded: a resource can have at most 50 tags.");
        }
        ObjectNode out = json.createObjectNode();
        out.set("Tags", tags.deepCopy());
        return out;
    }

    private ObjectNode deleteTags(JsonNode in) {
        Map<String, String> t = tagsOf(in);
        for (JsonNode k : in.path("TagKeys")) {
            t.remove(k.asText());
        }
        return json.createObjectNode();
    }

    // ---- Studio ----

    private World.Domain domain(String id, String region) {
        World.Domain d = world.domains.get(World.key(region, id));
        if (d == null) {
            throw AwsError.resourceNotFound("Domain with ID " + id + " not found");
        }
        return d;
    }

    private ObjectNode listDomains(JsonNode in, String region) {
        int max = maxResults(in, 1, 100, 10);
        return list(in, "ListDomains", "Domains", new ArrayList<>(world.domains.values()), d -> d.region.equals(region),
                Comparator.comparing((World.Domain d) -> d.created).reversed(), max, d -> {
                    ObjectNode o = json.createObjectNode();
                    o.put("DomainArn", d.arn);
                    o.put("DomainId", d.id);
                    o.put("DomainName", d.name);
                    o.put("Status", "InService");
                    o.put("CreationTime", epoch(d.created));
                    o.put("LastModifiedTime", epoch(d.created));
                    o.put("Url", "https://" + d.id + ".studio." + d.region + ".sagemaker.aws");
                    return o;
                });
    }

    private ObjectNode idleSettings(Boolean enabled, int timeout, boolean spaceShape) {
        ObjectNode idle = json.createObjectNode();
        if (spaceShape) {
            idle.put("IdleTimeoutInMinutes", timeout);
        } else {
            idle.put("LifecycleManagement", enabled ? "ENABLED" : "DISABLED");
            if (enabled) {
                idle.put("IdleTimeoutInMinutes", timeout);
                idle.put("MinIdleTimeoutInMinutes", 60);
                idle.put("MaxIdleTimeoutInMinutes", 525_600);
            }
        }
        ObjectNode alm = json.createObjectNode();
        alm.set("IdleSettings", idle);
        return alm;
    }

    private ObjectNode appSettings(Boolean idleShutdown, int timeout) {
        ObjectNode s = json.createObjectNode();
        s.put("ExecutionRole", "arn:aws:iam::" + world.account + ":role/service-role/AmazonSageMaker-ExecutionRole");
        s.putObject("JupyterServerAppSettings").putObject("DefaultResourceSpec").put("InstanceType", "system");
        if (idleShutdown != null) {
            s.putObject("JupyterLabAppSettings").set("AppLifecycleManagement", idleSettings(idleShutdown, timeout, false));
            s.putObject("CodeEditorAppSettings").set("AppLifecycleManagement", idleSettings(idleShutdown, timeout, false));
        }
        return s;
    }

    private ObjectNode describeDomain(World.Domain d) {
        ObjectNode o = json.createObjectNode();
        o.put("DomainArn", d.arn);
        o.put("DomainId", d.id);
        o.put("DomainName", d.name);
        o.put("HomeEfsFileSystemId", "fs-0" + Integer.toHexString(d.id.hashCode() & 0xfffffff));
        o.put("Status", "InService");
        o.put("CreationTime", epoch(d.created));
        o.put("LastModifiedTime", epoch(d.created));
        o.put("AuthMode", "IAM");
        ObjectNode defaults = appSettings(d.idleShutdown, d.idleTimeoutMinutes);
        StudioSettingsApi.overlay(json, defaults, d.idleUpdates);
        o.set("DefaultUserSettings", defaults);
        ObjectNode space = json.createObjectNode();
        space.put("ExecutionRole", "arn:aws:iam::" + world.account + ":role/service-role/AmazonSageMaker-ExecutionRole");
        if (d.idleShutdown != null) {
            space.putObject("JupyterLabAppSettings").set("AppLifecycleManagement", idleSettings(d.idleShutdown, d.idleTimeoutMinutes, false));
        }
        o.set("DefaultSpaceSettings", space);
        o.put("AppNetworkAccessType", "PublicInternetOnly");
        o.put("Url", "https://" + d.id + ".studio." + d.region + ".sagemaker.aws");
        return o;
    }

    private List<World.Domain> domainsFor(JsonNode in, String region) {
        String id = text(in, "DomainIdEquals", false);
        List<World.Domain> out = new ArrayList<>();
        for (World.Domain d : world.domains.values()) {
            if (d.region.equals(region) && (id == null || d.id.equals(id))) {
                out.add(d);
            }
        }
        return out;
    }

    private record Owned<T>(World.Domain domain, T item, Instant created) {
    }

    private ObjectNode listUserProfiles(JsonNode in, String region) {
        int max = maxResults(in, 1, 100, 10);
        String sortOrder = enumValue(in, "SortOrder", List.of("Ascending", "Descending"), "Descending");
        enumValue(in, "SortBy", List.of("CreationTime", "LastModifiedTime"), "CreationTime");
        String nameContains = text(in, "UserProfileNameContains", false);
        List<Owned<World.UserProfile>> all = new ArrayList<>();
        domainsFor(in, region).forEach(d -> d.profiles.values().forEach(p -> all.add(new Owned<>(d, p, p.created))));
        return list(in, "ListUserProfiles", "UserProfiles", all, p -> contains(p.item().name, nameContains),
                order(sortOrder, Comparator.comparing((Owned<World.UserProfile> p) -> p.created()).thenComparing(p -> p.item().name)), max, p -> {
                    ObjectNode o = json.createObjectNode();
                    o.put("DomainId", p.domain().id);
                    o.put("UserProfileName", p.item().name);
                    o.put("Status", "InService");
                    o.put("CreationTime", epoch(p.created()));
                    o.put("LastModifiedTime", epoch(p.created()));
                    return o;
                });
    }

    private ObjectNode describeUserProfile(JsonNode in, String region) {
        World.Domain d = domain(text(in, "DomainId", true), region);
        String name = text(in, "UserProfileName", true);
        World.UserProfile p = d.profiles.get(name);
        if (p == null) {
            throw AwsError.resourceNotFound("User profile " + name + " does not exist in domain " + d.id);
        }
        ObjectNode o = json.createObjectNode();
        o.put("DomainId", d.id);
        o.put("UserProfileArn", p.arn);
        o.put("UserProfileName", p.name);
        o.put("HomeEfsFileSystemUid", "200001");
        o.put("Status", "InService");
        o.put("LastModifiedTime", epoch(p.created));
        o.put("CreationTime", epoch(p.created));
        ObjectNode userSettings = appSettings(p.idleShutdown, d.idleTimeoutMinutes);
        StudioSettingsApi.overlay(json, userSettings, p.idleUpdates);
        o.set("UserSettings", userSettings);
        return o;
    }

    /**
     * ListSpaces: SortOrder defaults to Ascending and SortBy to CreationTime (the API reference); SpaceDetails carries
     * SpaceSettingsSummary.SpaceStorageSettings, the EBS size, as AWS's service model says.
     * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListSpaces.html
     */
    private ObjectNode listSpaces(JsonNode in, String region) {
        int max = maxResults(in, 1, 100, 10);
        String sortOrder = enumValue(in, "SortOrder", List.of("Ascending", "Descending"), "Ascending");
        enumValue(in, "SortBy", List.of("CreationTime", "LastModifiedTime"), "CreationTime");
        String nameContains = text(in, "SpaceNameContains", false);
        List<Owned<World.Space>> all = new ArrayList<>();
        domainsFor(in, region).forEach(d -> d.spaces.values().forEach(s -> all.add(new Owned<>(d, s, s.created))));
        return list(in, "ListSpaces", "Spaces", all, s -> contains(s.item().name, nameContains),
                order(sortOrder, Comparator.comparing((Owned<World.Space> s) -> s.created()).thenComparing(s -> s.item().name)), max, s -> {
                    ObjectNode o = json.createObjectNode();
                    o.put("DomainId", s.domain().id);
                    o.put("SpaceName", s.item().name);
                    o.put("Status", s.item().status);
                    o.put("CreationTime", epoch(s.created()));
                    o.put("LastModifiedTime", epoch(s.created()));
                    ObjectNode summary = o.putObject("SpaceSettingsSummary").put("AppType", spaceAppType(s.domain(), s.item()));
                    // SpaceSettingsSummary.SpaceStorageSettings carries the EBS size in the listing too.
                    summary.putObject("SpaceStorageSettings").putObject("EbsStorageSettings")
                            .put("EbsVolumeSizeInGb", s.item().ebsVolumeSizeInGb);
                    o.putObject("SpaceSharingSettingsSummary").put("SharingType", s.item().owner == null ? "Shared" : "Private");
                    if (s.item().owner != null) {
                        o.putObject("OwnershipSettingsSummary").put("OwnerUserProfileName", s.item().owner);
                    }
                    return o;
                });
    }

    /** A space is set up for one app type: the type of the JupyterLab or Code Editor app run in it, else JupyterLab. */
    private static String spaceAppType(World.Domain d, World.Space s) {
        return d.apps.stream().filter(a -> s.name.equals(a.space)
                        && ("JupyterLab".equals(a.type) || "CodeEditor".equals(a.type)))
                .map(a -> a.type).findFirst().orElse("JupyterLab");
    }

    private ObjectNode describeSpace(JsonNode in, String region) {
        World.Domain d = domain(text(in, "DomainId", true), region);
        String name = text(in, "SpaceName", true);
        World.Space s = d.spaces.get(name);
        if (s == null) {
            throw AwsError.resourceNotFound("Space " + name + " does not exist in domain " + d.id);
        }
        ObjectNode o = json.createObjectNode();
        o.put("DomainId", d.id);
        o.put("SpaceArn", s.arn);
        o.put("SpaceName", s.name);
        o.put("HomeEfsFileSystemUid", "200005");
        o.put("Status", s.status);
        o.put("LastModifiedTime", epoch(s.created));
        o.put("CreationTime", epoch(s.created));
        ObjectNode settings = o.putObject("SpaceSettings");
        ObjectNode lab = settings.putObject("JupyterLabAppSettings");
        lab.putObject("DefaultResourceSpec").put("InstanceType", "ml.t3.medium");
        if (Boolean.TRUE.equals(s.idleShutdown)) {
            lab.set("AppLifecycleManagement", idleSettings(true, s.idleTimeoutMinutes, true));
        }
        StudioSettingsApi.overlay(json, settings, s.idleUpdates);
        settings.put("AppType", spaceAppType(d, s));
        // https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_SpaceStorageSettings.html
        settings.putObject("SpaceStorageSettings").putObject("EbsStorageSettings")
                .put("EbsVolumeSizeInGb", s.ebsVolumeSizeInGb);
        o.putObject("SpaceSharingSettings").put("SharingType", s.owner == null ? "Shared" : "Private");
        if (s.owner != null) {
            o.putObject("OwnershipSettings").put("OwnerUserProfileName", s.owner);
        }
        o.put("SpaceDisplayName", s.name);
        o.put("Url", "https://" + d.id + ".studio." + d.region + ".sagemaker.aws/jupyterlab/default");
        return o;
    }

    private ObjectNode listApps(JsonNode in, String region) {
        int max = maxResults(in, 1, 100, 10);
        String sortOrder = enumValue(in, "SortOrder", List.of("Ascending", "Descending"), "Descending");
        enumValue(in, "SortBy", List.of("CreationTime"), "CreationTime");
        String profile = text(in, "UserProfileNameEquals", false);
        String space = text(in, "SpaceNameEquals", false);
        if (profile != null && space != null) {
            throw AwsError.validation("Only one of UserProfileNameEquals and SpaceNameEquals can be specified.");
        }
        List<World.App> all = new ArrayList<>();
        domainsFor(in, region).forEach(d -> all.addAll(d.apps));
        return list(in, "ListApps", "Apps", all,
                a -> (profile == null || profile.equals(a.userProfile)) && (space == null || space.equals(a.space)),
                order(sortOrder, Comparator.comparing((World.App a) -> a.created).thenComparing(a -> a.arn)), max, a -> {
                    ObjectNode o = json.createObjectNode();
                    o.put("DomainId", a.domainId);
                    if (a.userProfile != null) {
                        o.put("UserProfileName", a.userProfile);
                    }
                    if (a.space != null) {
                        o.put("SpaceName", a.space);
                    }
                    o.put("AppType", a.type);
                    o.put("AppName", a.name);
                    o.put("Status", a.status);
                    o.put("CreationTime", epoch(a.created));
                    o.set("ResourceSpec", resourceSpec(a));
                    return o;
                });
    }

    private ObjectNode resourceSpec(World.App a) {
        ObjectNode r = json.createObjectNode();
        r.put("SageMakerImageArn", "arn:aws:sagemaker:" + a.region + ":081325390199:image/sagemaker-distribution-cpu");
        r.put("InstanceType", a.instanceType);
        return r;
    }

    private World.App app(JsonNode in, String region) {
        World.Domain d = domain(text(in, "DomainId", true), region);
        String profile = text(in, "UserProfileName", false);
        String space = text(in, "SpaceName", false);
        String type = text(in, "AppType", true);
        String name = text(in, "AppName", true);
        if ((profile == null) == (space == null)) {
            throw AwsError.validation("Exactly one of UserProfileName or SpaceName must be specified.");
        }
        for (World.App a : d.apps) {
            if (a.type.equals(type) && a.name.equals(name) && (profile == null || profile.equals(a.userProfile))
                    && (space == null || space.equals(a.space))) {
                return a;
            }
        }
        String owner = profile != null ? profile : space;
        throw AwsError.resourceNotFound("App " + world.arn(region, "app/" + d.id + "/" + owner + "/" + type + "/" + name) + " does not exist.");
    }

    private ObjectNode describeApp(World.App a) {
        ObjectNode o = json.createObjectNode();
        o.put("AppArn", a.arn);
        o.put("AppType", a.type);
        o.put("AppName", a.name);
        o.put("DomainId", a.domainId);
        if (a.userProfile != null) {
            o.put("UserProfileName", a.userProfile);
        }
        if (a.space != null) {
            o.put("SpaceName", a.space);
        }
        o.put("Status", a.status);
        if ("InService".equals(a.status)) {
            // like AWS, the "activity" timestamps move with health checks
            o.put("LastHealthCheckTimestamp", epoch(world.now().minusSeconds(90)));
            o.put("LastUserActivityTimestamp", epoch(a.lastActivity.isAfter(world.start) ? a.lastActivity : world.now().minusSeconds(120)));
        }
        o.put("CreationTime", epoch(a.created));
        o.set("ResourceSpec", resourceSpec(a));
        return o;
    }

    private ObjectNode deleteApp(World.App a) {
        if (!"InService".equals(a.status) && !"Failed".equals(a.status)) {
            throw new AwsError("ResourceInUse", 400, "App " + a.arn + " is in status " + a.status + " and cannot be deleted.");
        }
        a.status = "Deleting";
        world.later(() -> a.status = "Deleted");
        return json.createObjectNode();
    }
}
