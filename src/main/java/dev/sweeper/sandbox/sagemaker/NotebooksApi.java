package dev.sweeper.sandbox.sagemaker;

import static dev.sweeper.sandbox.sagemaker.SageMakerApi.contains;
import static dev.sweeper.sandbox.sagemaker.SageMakerApi.enumValue;
import static dev.sweeper.sandbox.sagemaker.SageMakerApi.epoch;
import static dev.sweeper.sandbox.sagemaker.SageMakerApi.lowerFirst;
import static dev.sweeper.sandbox.sagemaker.SageMakerApi.maxResults;
import static dev.sweeper.sandbox.sagemaker.SageMakerApi.order;
import static dev.sweeper.sandbox.sagemaker.SageMakerApi.text;
import static dev.sweeper.sandbox.sagemaker.SageMakerApi.time;
import static dev.sweeper.sandbox.sagemaker.SageMakerApi.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sweeper.sandbox.jupyter.JupyterServers;
import dev.sweeper.sandbox.protocol.AwsError;
import dev.sweeper.sandbox.world.World;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * SageMaker's notebook instance operations and their lifecycle configurations, answered from the {@link World} with
 * AWS's shapes (botocore's sagemaker 2017-07-24 model). Moved whole out of {@link SageMakerApi} (issue 27).
 */
final class NotebooksApi extends OperationGroup {
    private static final List<String> OPERATIONS = List.of("ListNotebookInstances", "DescribeNotebookInstance", "StopNotebookInstance", "StartNotebookInstance", "CreatePresignedNotebookInstanceUrl", "UpdateNotebookInstance", "CreateNotebookInstanceLifecycleConfig", "DescribeNotebookInstanceLifecycleConfig", "ListNotebookInstanceLifecycleConfigs", "DeleteNotebookInstanceLifecycleConfig");
    private final JupyterServers jupyter;

    NotebooksApi(World world, ObjectMapper json, JupyterServers jupyter) {
        super(world, json, OPERATIONS);
        this.jupyter = jupyter;
    }

    @Override
    ObjectNode handle(String operation, JsonNode in, String region) {
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
            default -> throw new AwsError("UnknownOperationException", 400,
                    "The sandbox does not implement SageMaker." + operation);
        };
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
        // From the fleet (default notebook-al2023-v1, AWS's default platform since 15 May 2026).
        // https://docs.aws.amazon.com/sagemaker/latest/dg/nbi-al2.html
        o.put("PlatformIdentifier", n.platform);
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
        // AWS, "Amazon Linux 2 notebook instances": "Starting July 1, 2026, you can no longer create new or restart
        // stopped AL2 notebook instances"; stopped AL1 ones "cannot be restarted" since March 31, 2024. The code is
        // AWS's validation error; the text is the sandbox's own. https://docs.aws.amazon.com/sagemaker/latest/dg/nbi-al2.html
        boolean al1 = n.platform.startsWith("notebook-al1-");
        if ((al1 || n.platform.startsWith("notebook-al2-"))
                && !world.now().isBefore(al1 ? Instant.parse("2024-03-31T00:00:00Z") : Instant.parse("2026-07-01T00:00:00Z"))) {
            throw AwsError.validation("Notebook Instance (" + n.arn + ") is on platform " + n.platform + ", which can no "
                    + "longer be started. Update its PlatformIdentifier to notebook-al2023-v1.");
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
        // The migration AWS documents for AL2 notebooks: stopped, PlatformIdentifier notebook-al2023-v1, started.
        String platform = text(in, "PlatformIdentifier", false);
        if (platform != null) {
            if (!List.of("notebook-al1-v1", "notebook-al2-v1", "notebook-al2-v2", "notebook-al2-v3", "notebook-al2023-v1")
                    .contains(platform)) {
                throw AwsError.validation("1 validation error detected: Value '" + platform + "' at 'platformIdentifier' "
                        + "failed to satisfy constraint: Member must satisfy regular expression pattern: "
                        + "(notebook-al1-v1|notebook-al2-v1|notebook-al2-v2|notebook-al2-v3|notebook-al2023-v1)");
            }
            n.platform = platform;
        }
        transition(n, "Updating", "Stopped");
        return json.createObjectNode();
    }
}
