package dev.sweeper.sandbox.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sweeper.sandbox.fleet.FleetSpec;
import dev.sweeper.sandbox.protocol.AwsError;
import dev.sweeper.sandbox.world.World;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * SageMaker's MLflow tracking server operations (issue 13), answered from the {@link World} with the shapes of
 * botocore's sagemaker 2017-07-24 model: ListMlflowTrackingServers (paginated by NextToken, MaxResults 1..100,
 * result key TrackingServerSummaries), DescribeMlflowTrackingServer (ResourceNotFound), StopMlflowTrackingServer
 * and StartMlflowTrackingServer (ConflictException, ResourceNotFound), with the TrackingServerStatus,
 * TrackingServerSize and IsTrackingServerActive enums.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListMlflowTrackingServers.html
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeMlflowTrackingServer.html
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_StopMlflowTrackingServer.html
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_StartMlflowTrackingServer.html
 *
 * <p>Stop runs Stopping, then Stopped (IsActive Inactive); start runs Starting, then Started (IsActive Active),
 * each after the world's transition delay. The texts of the errors are the sandbox's own: AWS documents the
 * error codes, not their messages.
 */
final class MlflowApi extends OperationGroup {
    static final List<String> STATUSES = FleetSpec.MlflowTrackingServer.STATUSES;
    static final List<String> SIZES = FleetSpec.MlflowTrackingServer.SIZES;
    /** TrackingServerName: 1 to 256 characters. */
    static final Pattern NAME = FleetSpec.MlflowTrackingServer.NAME;
    /** Where a stop is accepted: a running, settled server. */
    private static final Set<String> STOPPABLE = Set.of("Created", "Updated", "Started", "MaintenanceComplete",
            "StopFailed");
    /** Where a start is accepted. */
    private static final Set<String> STARTABLE = Set.of("Stopped", "StartFailed");
    private static final Set<String> INACTIVE = Set.of("Stopping", "Stopped", "Creating", "CreateFailed", "Deleting",
            "Starting", "StartFailed");

    private static final List<String> OPERATIONS = List.of("ListMlflowTrackingServers", "DescribeMlflowTrackingServer",
            "StopMlflowTrackingServer", "StartMlflowTrackingServer");

    MlflowApi(World world, ObjectMapper json) {
        super(world, json, OPERATIONS);
    }

    @Override
    ObjectNode handle(String operation, JsonNode in, String region) {
        return switch (operation) {
            case "ListMlflowTrackingServers" -> list(in, region);
            case "DescribeMlflowTrackingServer" -> describe(server(in, region));
            case "StopMlflowTrackingServer" -> stop(server(in, region));
            case "StartMlflowTrackingServer" -> start(server(in, region));
            default -> throw new AwsError("UnknownOperationException", 400,
                    "The sandbox does not implement SageMaker." + operation);
        };
    }

    // ---- fleet and state ----

    // ---- operations ----

    private World.MlflowServer server(JsonNode in, String region) {
        String name = SageMakerApi.text(in, "TrackingServerName", true);
        if (!NAME.matcher(name).matches()) {
            throw AwsError.validation("1 validation error detected: Value '" + name + "' at 'trackingServerName' failed "
                    + "to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}");
        }
        World.MlflowServer s = world.mlflowServers.get(World.key(region, name));
        if (s == null) {
            throw AwsError.resourceNotFound("Tracking server " + world.arn(region, "mlflow-tracking-server/" + name)
                    + " does not exist.");
        }
        return s;
    }

    private ObjectNode list(JsonNode in, String region) {
        int max = SageMakerApi.maxResults(in, 1, 100, 10);
        // SageMaker's usual defaults for list operations: newest first.
        String sortBy = SageMakerApi.enumValue(in, "SortBy", List.of("Name", "CreationTime", "Status"), "CreationTime");
        String sortOrder = SageMakerApi.enumValue(in, "SortOrder", List.of("Ascending", "Descending"), "Descending");
        String status = SageMakerApi.enumValue(in, "TrackingServerStatus", STATUSES, null);
        String version = SageMakerApi.text(in, "MlflowVersion", false);
        Instant after = SageMakerApi.time(in, "CreatedAfter");
        Instant before = SageMakerApi.time(in, "CreatedBefore");
        Comparator<World.MlflowServer> c = switch (sortBy) {
            case "Name" -> Comparator.comparing((World.MlflowServer s) -> s.name);
            case "Status" -> Comparator.comparing((World.MlflowServer s) -> s.status);
            default -> Comparator.comparing((World.MlflowServer s) -> s.created);
        };
        return SageMakerApi.list(json, in, "ListMlflowTrackingServers", "TrackingServerSummaries",
                world.mlflowServers.values(),
                s -> s.region.equals(region) && (status == null || status.equals(s.status))
                        && (version == null || version.equals(s.mlflowVersion))
                        && SageMakerApi.within(s.created, after, before),
                SageMakerApi.order(sortOrder, c.thenComparing(s -> s.name)), max, this::summary);
    }

    private ObjectNode summary(World.MlflowServer s) {
        ObjectNode o = json.createObjectNode();
        o.put("TrackingServerArn", s.arn);
        o.put("TrackingServerName", s.name);
        o.put("CreationTime", SageMakerApi.epoch(s.created));
        o.put("LastModifiedTime", SageMakerApi.epoch(s.lastModified));
        o.put("TrackingServerStatus", s.status);
        o.put("IsActive", isActive(s));
        o.put("MlflowVersion", s.mlflowVersion);
        return o;
    }

    private static String isActive(World.MlflowServer s) {
        return INACTIVE.contains(s.status) ? "Inactive" : "Active";
    }

    private ObjectNode describe(World.MlflowServer s) {
        ObjectNode o = json.createObjectNode();
        o.put("TrackingServerArn", s.arn);
        o.put("TrackingServerName", s.name);
        o.put("ArtifactStoreUri", "s3://sagemaker-" + s.region + "-" + world.account + "/mlflow/" + s.name);
        o.put("TrackingServerSize", s.size);
        o.put("MlflowVersion", s.mlflowVersion);
        o.put("RoleArn", "arn:aws:iam::" + world.account + ":role/service-role/AmazonSageMaker-MlflowRole");
        o.put("TrackingServerStatus", s.status);
        o.put("IsActive", isActive(s));
        o.put("TrackingServerUrl", "https://t-" + Integer.toHexString(s.name.hashCode() & 0xfffffff) + "." + s.region
                + ".experiments.sagemaker.aws");
        o.put("WeeklyMaintenanceWindowStart", "Tue:03:30");
        o.put("AutomaticModelRegistration", false);
        o.put("CreationTime", SageMakerApi.epoch(s.created));
        o.put("LastModifiedTime", SageMakerApi.epoch(s.lastModified));
        return o;
    }

    private ObjectNode stop(World.MlflowServer s) {
        if (!STOPPABLE.contains(s.status)) {
            throw conflict(s, "stopped");
        }
        transition(s, "Stopping", "Stopped");
        return json.createObjectNode().put("TrackingServerArn", s.arn);
    }

    private ObjectNode start(World.MlflowServer s) {
        if (!STARTABLE.contains(s.status)) {
            throw conflict(s, "started");
        }
        transition(s, "Starting", "Started");
        return json.createObjectNode().put("TrackingServerArn", s.arn);
    }

    private static AwsError conflict(World.MlflowServer s, String verb) {
        return new AwsError("ConflictException", 400, "Tracking server " + s.arn + " cannot be " + verb
                + " while its status is " + s.status + ".");
    }

    private void transition(World.MlflowServer s, String during, String after) {
        s.status = during;
        s.lastModified = world.now();
        world.later(() -> {
            if (during.equals(s.status)) {
                s.status = after;
                s.lastModified = world.now();
            }
        });
    }

    // ---- input ----
}
