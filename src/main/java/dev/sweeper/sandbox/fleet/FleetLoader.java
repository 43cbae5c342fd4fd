package dev.sweeper.sandbox.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads and validates fleet files; every problem is one {@link FleetException} line naming the file. */
public final class FleetLoader {
    private static final Pattern SAGEMAKER_NAME = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
    private static final Pattern TOPIC_NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final Pattern DOMAIN_ID = Pattern.compile("d-[a-z0-9]{1,63}");
    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");
    private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
    private static final Set<String> NOTEBOOK_STATUS = Set.of("Pending", "InService", "Stopping", "Stopped", "Failed", "Deleting", "Updating");
    private static final Set<String> ENDPOINT_STATUS = Set.of("OutOfService", "Creating", "Updating", "SystemUpdating", "RollingBack", "InService", "Deleting", "Failed", "UpdateRollbackFailed");
    /** InferenceComponentName and InferenceComponentStatus, as in SageMaker's service model. */
    private static final Pattern COMPONENT_NAME = Pattern.compile("[a-zA-Z0-9]([\\-a-zA-Z0-9]*[a-zA-Z0-9])?");
    private static final Set<String> COMPONENT_STATUS = Set.of("InService", "Creating", "Updating", "Failed", "Deleting");
    private static final Set<String> JUPYTER_SERVER = Set.of("up", "refused", "reset", "hang");
    /** Jupyter's kernel execution states (jupyter_client's status messages). */
    private static final Set<String> KERNEL_STATE = Set.of("idle", "busy", "starting", "restarting", "dead");
    /** SpaceStatus (botocore). */
    private static final Set<String> SPACE_STATUS = Set.of("Deleting", "Failed", "InService", "Pending", "Updating",
            "Update_Failed", "Delete_Failed");
    private static final Set<String> APP_STATUS = Set.of("Deleted", "Deleting", "Failed", "InService", "Pending");
    private static final Set<String> APP_TYPES = Set.of("JupyterServer", "KernelGateway", "DetailedProfiler", "TensorBoard", "CodeEditor", "JupyterLab", "RStudioServerPro", "RSessionGateway", "Canvas");

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .build();

    private FleetLoader() {
    }

    public static FleetSpec load(Path file) {
        String source = file.toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new FleetException("fleet file " + source + ": not found");
        } catch (IOException e) {
            throw new FleetException("fleet file " + source + ": cannot read: " + e.getMessage());
        }
        return parse(text, source);
    }

    public static FleetSpec parse(String yaml, String source) {
        FleetSpec spec;
        try {
            spec = MAPPER.readValue(yaml, FleetSpec.class);
        } catch (UnrecognizedPropertyException e) {
            String at = path(e);
            String suffix = "." + e.getPropertyName();
            at = at.endsWith(suffix) ? at.substring(0, at.length() - suffix.length()) : at.equals(e.getPropertyName()) ? "top level" : at;
            throw new FleetException("fleet file " + source + ": unknown key '" + e.getPropertyName() + "' at " + at);
        } catch (JsonMappingException e) {
            throw new FleetException("fleet file " + source + ": bad value at " + path(e) + ": " + firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new FleetException("fleet file " + source + ": not valid YAML: " + firstLine(e.getOriginalMessage()));
        }
        if (spec == null) {
            spec = FleetSpec.empty();
        }
        validate(spec, source);
        return spec;
    }

    private static String path(JsonMappingException e) {
        String p = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining());
        p = p.startsWith(".") ? p.substring(1) : p;
        return p.isEmpty() ? "top level" : p;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Checks what Jackson cannot: names, statuses, durations, exclusive options. */
    public static void validate(FleetSpec spec, String source) {
        Check c = new Check(source, "");
        validateResources(spec, c);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < spec.accounts().size(); i++) {
            FleetSpec.Account a = spec.accounts().get(i);
            String at = "accounts[" + i + "]" + (a.id() == null ? "" : " (" + a.id() + ")");
            c.require(a.id() != null, at + ".id: required");
            c.require(ACCOUNT_ID.matcher(a.id()).matches(), at + ".id: '" + a.id() + "' is not a 12-digit account id");
            c.require(ids.add(a.id()), at + ": duplicate account id");
            c.require(!a.id().equals(spec.account()) || !a.hasResources(),
                    at + ": the caller's own account may list only roles here; put its resources at the top level");
            Set<String> roles = new HashSet<>();
            for (int j = 0; j < a.roles().size(); j++) {
                FleetSpec.Role r = a.roles().get(j);
                String rat = at + ".roles[" + j + "]";
                c.require(r.name() != null && ROLE_NAME.matcher(r.name()).matches(),
                        rat + ".name: required, 1-64 of letters, digits and +=,.@_-");
                c.require(roles.add(r.name()), rat + ": duplicate role name '" + r.name() + "'");
                c.require(r.externalId() == null || EXTERNAL_ID.matcher(r.externalId()).matches(),
                        rat + ".externalId: 2-1224 of letters, digits and +=,.@:/_-");
                c.duration(r.maxSession(), rat + ".maxSession");
                if (r.maxSession() != null) {
                    long secs = Durations.parse(r.maxSession()).getSeconds();
                    c.require(secs >= 3600 && secs <= 43200, rat + ".maxSession: between 1h and 12h");
                }
            }
            validateResources(a.resources(spec.region()), new Check(source, at + "."));
            boolean orgFields = a.name() != null || a.state() != null || a.ou() != null;
            c.require(!orgFields || spec.organization() != null,
                    at + ": name, state and ou describe a member of the organization: add an organization: section");
            c.require(a.state() == null || FleetSpec.Organization.STATES.contains(a.state()),
                    at + ".state: one of " + FleetSpec.Organization.STATES);
            c.require(a.name() == null || a.name().matches("[\\x20-\\x7E]{1,128}"),
                    at + ".name: 1-128 printable ASCII characters");
            c.require(a.ou() == null || a.ou().matches("[\\w .+=@-]{1,128}(/[\\w .+=@-]{1,128})*"),
                    at + ".ou: OU names separated by / (e.g. Workloads/Prod)");
        }
        if (spec.organization() != null && spec.organization().id() != null) {
            c.require(spec.organization().id().matches("o-[a-z0-9]{10,32}"),
                    "organization.id: o- and 10-32 lowercase letters or digits");
        }
    }

    private static void validateResources(FleetSpec spec, Check c) {
        Set<String> seen = new HashSet<>();
        for (String t : spec.topics()) {
            c.require(t != null && TOPIC_NAME.matcher(t).matches(), "topics: bad topic name '" + t + "'");
        }
        Set<String> configs = new HashSet<>();
        for (int i = 0; i < spec.lifecycleConfigs().size(); i++) {
            FleetSpec.LifecycleConfig l = spec.lifecycleConfigs().get(i);
            String at = "lifecycleConfigs[" + i + "]" + (l.name() == null ? "" : " (" + l.name() + ")");
            c.require(l.name() != null && l.name().length() <= 63 && l.name().matches("[a-zA-Z0-9](-*[a-zA-Z0-9])*"),
                    at + ".name: required, at most 63 of a-z A-Z 0-9 and inner hyphens (AWS's pattern)");
            c.require(configs.add(region(l.region(), spec) + "/" + l.name()), at + ": duplicate lifecycle configuration name");
            // AWS: a hook's Content is 1..16384 characters of base64 (NotebookInstanceLifecycleConfigContent).
            for (String script : java.util.Arrays.asList(l.onStart(), l.onCreate())) {
                c.require(script == null || (!script.isEmpty() && (script.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 2) / 3 * 4 <= 16384),
                        at + ": a script must be 1 to 12288 bytes (16384 characters of base64)");
            }
            c.duration(l.age(), at + ".age");
        }
        for (int i = 0; i < spec.notebooks().size(); i++) {
            FleetSpec.Notebook n = spec.notebooks().get(i);
            String at = "notebooks[" + i + "]" + (n.name() == null ? "" : " (" + n.name() + ")");
            c.name(n.name(), at);
            c.require(seen.add("nb/" + region(n.region(), spec) + "/" + n.name()), at + ": duplicate notebook name");
            c.oneOf(n.status(), NOTEBOOK_STATUS, at + ".status");
            c.duration(n.age(), at + ".age");
            c.duration(n.runningFor(), at + ".runningFor");
            c.jupyter(n.jupyter(), at + ".jupyter");
            c.oneOf(n.platform(), new java.util.HashSet<>(FleetSpec.Notebook.PLATFORMS), at + ".platform");
            // NotebookInstanceVolumeSizeInGB: 5..16384 (botocore); CreateNotebookInstance's default is 5.
            c.require(n.volumeSizeInGB() == null || (n.volumeSizeInGB() >= 5 && n.volumeSizeInGB() <= 16384),
                    at + ".volumeSizeInGB: between 5 and 16384 (AWS's bounds)");
            c.require(n.lifecycleConfig() == null || configs.contains(region(n.region(), spec) + "/" + n.lifecycleConfig())
                    || spec.lifecycleConfigs().isEmpty(),
                    at + ".lifecycleConfig: '" + n.lifecycleConfig() + "' is not in lifecycleConfigs");
            if (n.jupyterLog() != null) {
                for (int j = 0; j < n.jupyterLog().size(); j++) {
                    FleetSpec.LogLine line = n.jupyterLog().get(j);
                    c.require(line != null && line.ago() != null, at + ".jupyterLog[" + j + "]: a duration ago");
                    c.duration(line == null ? null : line.ago(), at + ".jupyterLog[" + j + "].ago");
                }
            }
        }
        for (int i = 0; i < spec.mlflowTrackingServers().size(); i++) {
            FleetSpec.MlflowTrackingServer m = spec.mlflowTrackingServers().get(i);
            String at = "mlflowTrackingServers[" + i + "]" + (m.name() == null ? "" : " (" + m.name() + ")");
            c.require(m.name() != null && FleetSpec.MlflowTrackingServer.NAME.matcher(m.name()).matches(),
                    at + ".name: required, 1 to 256 of a-z A-Z 0-9 and inner hyphens (AWS's TrackingServerName)");
            c.require(seen.add("mlflow/" + region(m.region(), spec) + "/" + m.name()), at + ": duplicate tracking server name");
            c.oneOf(m.status(), new java.util.HashSet<>(FleetSpec.MlflowTrackingServer.STATUSES), at + ".status");
            c.oneOf(m.size(), new java.util.HashSet<>(FleetSpec.MlflowTrackingServer.SIZES), at + ".size");
            c.require(m.mlflowVersion() == null || m.mlflowVersion().matches("[0-9]*.[0-9]*.[0-9]*")
                    && m.mlflowVersion().length() <= 16, at + ".mlflowVersion: like 2.16.2");
            c.duration(m.age(), at + ".age");
            c.duration(m.runningFor(), at + ".runningFor");
        }
        for (int i = 0; i < spec.hyperpodClusters().size(); i++) {
            FleetSpec.HyperPodCluster h = spec.hyperpodClusters().get(i);
            String at = "hyperpodClusters[" + i + "]" + (h.name() == null ? "" : " (" + h.name() + ")");
            c.require(h.name() != null && FleetSpec.HyperPodCluster.NAME.matcher(h.name()).matches(),
                    at + ".name: required, 1 to 63 of a-z A-Z 0-9 and inner hyphens (AWS's ClusterName)");
            c.require(seen.add("hyperpod/" + region(h.region(), spec) + "/" + h.name()), at + ": duplicate cluster name");
            c.oneOf(h.status(), new java.util.HashSet<>(FleetSpec.HyperPodCluster.STATUSES), at + ".status");
            c.duration(h.age(), at + ".age");
            c.require(h.instanceGroups() != null && !h.instanceGroups().isEmpty(), at + ".instanceGroups: at least one");
            Set<String> groups = new java.util.HashSet<>();
            for (int j = 0; j < h.instanceGroups().size(); j++) {
                FleetSpec.InstanceGroup g = h.instanceGroups().get(j);
                String gat = at + ".instanceGroups[" + j + "]";
                c.require(g.name() != null && FleetSpec.HyperPodCluster.NAME.matcher(g.name()).matches() && groups.add(g.name()),
                        gat + ".name: required and unique, 1 to 63 of a-z A-Z 0-9 and inner hyphens");
                boolean flexible = g.instanceTypes() != null && !g.instanceTypes().isEmpty();
                c.require(g.instanceType() != null ^ flexible, gat + ": one of instanceType and instanceTypes");
                c.oneOf(g.instanceType(), new java.util.HashSet<>(FleetSpec.HyperPodCluster.INSTANCE_TYPES), gat + ".instanceType");
                if (flexible) {
                    // ClusterInstanceTypeDetails: at most 20 entries.
                    c.require(g.instanceTypes().size() <= 20 && !Boolean.TRUE.equals(g.restricted()),
                            gat + ".instanceTypes: at most 20, and only in an instance group that is not restricted");
                    g.instanceTypes().forEach((type, n) -> {
                        c.oneOf(type, new java.util.HashSet<>(FleetSpec.HyperPodCluster.INSTANCE_TYPES), gat + ".instanceTypes");
                        c.require(n != null && n >= 0 && n <= 6758, gat + ".instanceTypes." + type + ": 0 to 6758");
                    });
                }
                c.require(g.trainingPlan() == null || g.trainingPlan().matches("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,63}"),
                        gat + ".trainingPlan: a training plan name (1 to 64 of a-z A-Z 0-9 and inner hyphens)");
                c.oneOf(g.status(), new java.util.HashSet<>(FleetSpec.HyperPodCluster.GROUP_STATUSES), gat + ".status");
                // ClusterInstanceCount: 0 to 6758.
                c.require(g.count() == null || g.count() >= 0 && g.count() <= 6758, gat + ".count: 0 to 6758");
                c.require(g.targetCount() == null || g.targetCount() >= 0 && g.targetCount() <= 6758,
                        gat + ".targetCount: 0 to 6758");
            }
        }
        for (int i = 0; i < spec.endpoints().size(); i++) {
            FleetSpec.Endpoint e = spec.endpoints().get(i);
            String at = "endpoints[" + i + "]" + (e.name() == null ? "" : " (" + e.name() + ")");
            c.name(e.name(), at);
            c.require(seen.add("ep/" + region(e.region(), spec) + "/" + e.name()), at + ": duplicate endpoint name");
            c.oneOf(e.status(), ENDPOINT_STATUS, at + ".status");
            c.duration(e.age(), at + ".age");
            c.duration(e.updated(), at + ".updated");
            if (e.config() != null) {
                c.name(e.config(), at + ".config");
            }
            Set<String> variantNames = new HashSet<>();
            List<FleetSpec.Variant> variants = e.variants() == null ? List.of() : e.variants();
            for (int j = 0; j < variants.size(); j++) {
                FleetSpec.Variant v = variants.get(j);
                String vat = at + ".variants[" + j + "]";
                c.require(variantNames.add(v.name() == null ? "AllTraffic" : v.name()), vat + ": duplicate variant name");
                c.require(v.serverless() == null || (v.instanceType() == null && v.instanceCount() == null),
                        vat + ": a serverless variant has no instanceType or instanceCount");
                // AWS lets an asynchronous endpoint scale to zero instances (minimum capacity 0, https://docs.aws.amazon.com/sagemaker/latest/dg/async-inference-autoscale.html:
                // "Autoscale an asynchronous endpoint", SageMaker developer guide), and a real-time one only when
                // it hosts inference components ("An endpoint can scale to and from zero instances only if it
                // hosts inference components": "Scale an endpoint to zero instances",
                // https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-zero-instances.html);
                // others keep at least one.
                c.require(v.instanceCount() == null || v.instanceCount() >= 1
                                || (v.instanceCount() == 0 && (Boolean.TRUE.equals(e.async())
                                || (e.inferenceComponents() != null && !e.inferenceComponents().isEmpty()))),
                        vat + ".instanceCount: must be at least 1 (0 only for an asynchronous endpoint or one hosting"
                                + " inference components)");
                if (v.serverless() != null && v.serverless().provisionedConcurrency() != null) {
                    int pc = v.serverless().provisionedConcurrency();
                    int max = v.serverless().maxConcurrency() == null ? 5 : v.serverless().maxConcurrency();
                    c.require(pc >= 1 && pc <= max, vat + ".serverless.provisionedConcurrency: 1..maxConcurrency");
                }
                c.require(v.instanceType() == null || v.instanceType().startsWith("ml."), vat + ".instanceType: must start with 'ml.'");
                if (v.serverless() != null && v.serverless().memorySizeInMB() != null) {
                    int m = v.serverless().memorySizeInMB();
                    c.require(m >= 1024 && m <= 6144 && m % 1024 == 0, vat + ".serverless.memorySizeInMB: 1024..6144 in steps of 1024");
                }
                c.metrics(v.metrics(), vat);
            }
            c.require(e.asyncMetrics() == null || Boolean.TRUE.equals(e.async()), at + ": asyncMetrics needs async: true");
            List<FleetSpec.InferenceComponent> components = e.inferenceComponents() == null ? List.of() : e.inferenceComponents();
            // Inference components run on the instances of a real-time endpoint's production variants
            // (CreateInferenceComponent: "the name of an existing production variant").
            c.require(components.isEmpty() || !Boolean.TRUE.equals(e.async()), at + ": an asynchronous endpoint hosts no inference components");
            for (int j = 0; j < components.size(); j++) {
                FleetSpec.InferenceComponent ic = components.get(j);
                String cat = at + ".inferenceComponents[" + j + "]";
                c.require(ic.name() != null, cat + ": name is required");
                c.require(ic.name().length() <= 63 && COMPONENT_NAME.matcher(ic.name()).matches(),
                        cat + ": bad name '" + ic.name() + "' (letters, digits and hyphens, at most 63)");
                c.require(seen.add("ic/" + region(e.region(), spec) + "/" + ic.name()), cat + ": duplicate inference component name");
                c.oneOf(ic.status(), COMPONENT_STATUS, cat + ".status");
                c.duration(ic.age(), cat + ".age");
                c.require(ic.copies() == null || ic.copies() >= 0, cat + ".copies: 0 or more");
                String host = ic.variant() != null ? ic.variant() : variants.isEmpty() ? "AllTraffic"
                        : variants.get(0).name() == null ? "AllTraffic" : variants.get(0).name();
                FleetSpec.Variant hosting = variants.stream()
                        .filter(v -> host.equals(v.name() == null ? "AllTraffic" : v.name())).findFirst().orElse(null);
                c.require(hosting != null || (variants.isEmpty() && host.equals("AllTraffic")),
                        cat + ".variant: no such variant '" + host + "'");
                c.require(hosting == null || (hosting.serverless() == null && !Boolean.TRUE.equals(hosting.shadow())),
                        cat + ".variant: '" + host + "' must be an instance-backed production variant");
                // A copy runs on an instance: a variant scaled to zero hosts its components with no copy.
                c.require(hosting == null || hosting.instanceCount() == null || hosting.instanceCount() > 0
                                || (ic.copies() != null && ic.copies() == 0),
                        cat + ".copies: must be 0 on a variant scaled to zero instances (instanceCount: 0)");
                c.metrics(ic.metrics(), cat);
            }
            c.metrics(e.asyncMetrics(), at);
        }
        for (int i = 0; i < spec.domains().size(); i++) {
            FleetSpec.Domain d = spec.domains().get(i);
            String at = "domains[" + i + "]";
            c.require(d.id() != null && DOMAIN_ID.matcher(d.id()).matches(), at + ".id: must look like d-abc123");
            c.duration(d.age(), at + ".age");
            Set<String> profiles = new HashSet<>();
            Set<String> spaces = new HashSet<>();
            if (d.userProfiles() != null) {
                d.userProfiles().forEach(p -> {
                    c.name(p.name(), at + ".userProfiles");
                    c.duration(p.age(), at + ".userProfiles.age");
                    profiles.add(p.name());
                });
            }
            if (d.spaces() != null) {
                d.spaces().forEach(s -> {
                    c.name(s.name(), at + ".spaces");
                    c.duration(s.age(), at + ".spaces.age");
                    // SpaceEbsVolumeSizeInGb: 5..16384 (botocore).
                    c.require(s.ebsVolumeSizeInGb() == null || (s.ebsVolumeSizeInGb() >= 5 && s.ebsVolumeSizeInGb() <= 16384),
                            at + ".spaces.ebsVolumeSizeInGb: between 5 and 16384 (AWS's bounds)");
                    c.oneOf(s.status(), SPACE_STATUS, at + ".spaces.status");
                    spaces.add(s.name());
                });
            }
            if (d.apps() != null) {
                for (int j = 0; j < d.apps().size(); j++) {
                    FleetSpec.App a = d.apps().get(j);
                    String aat = at + ".apps[" + j + "]";
                    c.oneOf(a.type(), APP_TYPES, aat + ".type");
                    c.require(a.type() != null, aat + ".type: required");
                    c.oneOf(a.status(), APP_STATUS, aat + ".status");
                    c.duration(a.age(), aat + ".age");
                    c.duration(a.lastActivity(), aat + ".lastActivity");
                    c.require((a.userProfile() == null) != (a.space() == null), aat + ": give exactly one of userProfile or space");
                    // A Canvas app belongs to a user profile: its TimeSinceLastActive is published per DomainId and
                    // UserProfileName (aws-samples/sagemaker-canvas-auto-shutdown-on-idle, DescribeApp by profile).
                    c.require(!"Canvas".equals(a.type()) || a.userProfile() != null,
                            aat + ": a Canvas app belongs to a user profile (give userProfile, not space)");
                    c.require(a.userProfile() == null || profiles.contains(a.userProfile()), aat + ".userProfile: no such user profile '" + a.userProfile() + "'");
                    c.require(a.space() == null || spaces.contains(a.space()), aat + ".space: no such space '" + a.space() + "'");
                }
            }
        }
        for (int i = 0; i < spec.metrics().size(); i++) {
            FleetSpec.Series s = spec.metrics().get(i);
            String at = "metrics[" + i + "]";
            c.require(s.namespace() != null && s.name() != null, at + ": namespace and name are required");
            c.points(s.points(), at);
        }
    }

    private static String region(String r, FleetSpec spec) {
        return r == null ? spec.region() : r;
    }

    /** {@code prefix} places a problem inside an {@code accounts:} entry, e.g. {@code "accounts[1] (111122223333)."}. */
    private record Check(String source, String prefix) {
        public void require(boolean ok, String problem) {
            if (!ok) {
                throw new FleetException("fleet file " + source + ": " + prefix + problem);
            }
        }

        public void name(String name, String at) {
            require(name != null, at + ": name is required");
            require(SAGEMAKER_NAME.matcher(name).matches(), at + ": bad name '" + name + "' (letters, digits and hyphens, at most 63)");
        }

        public void oneOf(String value, Set<String> allowed, String at) {
            require(value == null || allowed.contains(value), at + ": '" + value + "' is not one of " + allowed.stream().sorted().toList());
        }

        public void duration(String value, String at) {
            if (value != null) {
                try {
                    Durations.parse(value);
                } catch (IllegalArgumentException e) {
                    require(false, at + ": " + e.getMessage());
                }
            }
        }

        public void jupyter(FleetSpec.Jupyter j, String at) {
            if (j == null) {
                return;
            }
            oneOf(j.server(), JUPYTER_SERVER, at + ".server");
            if (j.kernels() != null) {
                for (int i = 0; i < j.kernels().size(); i++) {
                    FleetSpec.Kernel k = j.kernels().get(i);
                    String kat = at + ".kernels[" + i + "]";
                    oneOf(k.state(), KERNEL_STATE, kat + ".state");
                    duration(k.lastActivity(), kat + ".lastActivity");
                    require(k.connections() == null || k.connections() >= 0, kat + ".connections: 0 or more");
                }
            }
            if (j.terminals() != null) {
                for (int i = 0; i < j.terminals().size(); i++) {
                    duration(j.terminals().get(i).lastActivity(), at + ".terminals[" + i + "].lastActivity");
                }
            }
        }

        public void metrics(Map<String, List<FleetSpec.Point>> metrics, String at) {
            if (metrics != null) {
                metrics.forEach((name, points) -> points(points, at + ".metrics." + name));
            }
        }

        public void points(List<FleetSpec.Point> points, String at) {
            if (points == null) {
                return;
            }
            for (FleetSpec.Point p : points) {
                boolean repeating = p.hourly() != null || p.every() != null;
                require(repeating || (p.value() != null), at + ": a point needs value (with ago) or hourly/every (with for)");
                require(!(p.hourly() != null && p.value() != null), at + ": give hourly or value, not both");
                require(!repeating || p.ago() == null, at + ": ago goes with single points; repeating points use for");
                require(repeating || p.span() == null, at + ": for goes with hourly/every");
                require(p.every() == null || p.value() != null, at + ": every needs a value");
                duration(p.ago(), at + ".ago");
                duration(p.span(), at + ".for");
                duration(p.every(), at + ".every");
                if (p.every() != null) {
                    require(Durations.parse(p.every()).getSeconds() >= 60, at + ".every: at least 1m");
                }
            }
        }
    }
}
