package dev.sweeper.sandbox.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sweeper.sandbox.protocol.AwsError;
import dev.sweeper.sandbox.world.World;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * UpdateDomain, UpdateUserProfile and UpdateSpace, as far as Studio's idle shutdown goes: the
 * {@code AppLifecycleManagement.IdleSettings} of the JupyterLab and Code Editor app settings in a domain's
 * {@code DefaultUserSettings}, a user profile's {@code UserSettings} and a space's {@code SpaceSettings} (botocore's
 * sagemaker 2017-07-24 model: IdleSettings with LifecycleManagement ENABLED|DISABLED and IdleTimeoutInMinutes,
 * MinIdleTimeoutInMinutes, MaxIdleTimeoutInMinutes each 60..525600; SpaceIdleSettings with IdleTimeoutInMinutes only;
 * errors ResourceNotFound, ResourceInUse, ResourceLimitExceeded; outputs DomainArn, UserProfileArn, SpaceArn).
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateDomain.html
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateUserProfile.html
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateSpace.html
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_IdleSettings.html
 *
 * <p>What is sent is merged into what the domain, profile or space has: an IdleSettings member sent replaces that
 * member, one left out stays as it was; an app type sent without AppLifecycleManagement, and every other setting,
 * is accepted and left as the world has it. AWS's own example for turning idle shutdown on sends nothing but the
 * IdleSettings ("Set up idle shutdown", AWS CLI: {@code update-domain --default-user-settings} with only
 * {@code JupyterLabAppSettings.AppLifecycleManagement.IdleSettings}), and botocore's model says of
 * JupyterLabAppSettings.LifecycleConfigArns "To remove a lifecycle config, you must set LifecycleConfigArns to an
 * empty list": a member left out is kept, not cleared.
 * https://docs.aws.amazon.com/sagemaker/latest/dg/studio-updated-idle-shutdown-setup.html The world's domains and profiles are always InService,
 * so ResourceInUse is not produced here (a fault rule can inject it). The texts of the errors are the sandbox's own
 * in AWS's validation format; AWS documents the codes, not their messages.
 */
final class StudioSettingsApi extends OperationGroup {
    private static final List<String> OPERATIONS = List.of("UpdateDomain", "UpdateUserProfile", "UpdateSpace");
    private static final List<String> APP_SETTINGS = List.of("JupyterLabAppSettings", "CodeEditorAppSettings");
    private static final int MIN = 60;
    private static final int MAX = 525_600;

    StudioSettingsApi(World world, ObjectMapper json) {
        super(world, json, OPERATIONS);
    }

    @Override
    ObjectNode handle(String operation, JsonNode in, String region) {
        return switch (operation) {
            case "UpdateDomain" -> updateDomain(in, region);
            case "UpdateUserProfile" -> updateUserProfile(in, region);
            case "UpdateSpace" -> updateSpace(in, region);
            default -> throw new IllegalArgumentException(operation);
        };
    }

    private ObjectNode updateDomain(JsonNode in, String region) {
        World.Domain d = domain(required(in, "DomainId"), region);
        Map<String, World.IdleSettings> updates = idleUpdates(in.get("DefaultUserSettings"), "defaultUserSettings", false);
        // Validated as AWS would, but not kept: the world's domains have no space defaults of their own.
        idleUpdates(in.get("DefaultSpaceSettings"), "defaultSpaceSettings", false);
        merge(d.idleUpdates, updates);
        ObjectNode o = json.createObjectNode();
        o.put("DomainArn", d.arn);
        return o;
    }

    private ObjectNode updateUserProfile(JsonNode in, String region) {
        World.Domain d = domain(required(in, "DomainId"), region);
        String name = required(in, "UserProfileName");
        World.UserProfile p = d.profiles.get(name);
        if (p == null) {
            throw AwsError.resourceNotFound("User profile " + name + " does not exist in domain " + d.id);
        }
        merge(p.idleUpdates, idleUpdates(in.get("UserSettings"), "userSettings", false));
        ObjectNode o = json.createObjectNode();
        o.put("UserProfileArn", p.arn);
        return o;
    }

    private ObjectNode updateSpace(JsonNode in, String region) {
        World.Domain d = domain(required(in, "DomainId"), region);
        String name = required(in, "SpaceName");
        World.Space s = d.spaces.get(name);
        if (s == null) {
            throw AwsError.resourceNotFound("Space " + name + " does not exist in domain " + d.id);
        }
        merge(s.idleUpdates, idleUpdates(in.get("SpaceSettings"), "spaceSettings", true));
        ObjectNode o = json.createObjectNode();
        o.put("SpaceArn", s.arn);
        return o;
    }

    /** Each member sent replaces the one kept; a member not sent stays. */
    private static void merge(Map<String, World.IdleSettings> kept, Map<String, World.IdleSettings> sent) {
        sent.forEach((type, n) -> {
            World.IdleSettings k = kept.computeIfAbsent(type, t -> new World.IdleSettings());
            if (n.lifecycleManagement != null) {
                k.lifecycleManagement = n.lifecycleManagement;
            }
            if (n.idleTimeoutMinutes != null) {
                k.idleTimeoutMinutes = n.idleTimeoutMinutes;
            }
            if (n.minIdleTimeoutMinutes != null) {
                k.minIdleTimeoutMinutes = n.minIdleTimeoutMinutes;
            }
            if (n.maxIdleTimeoutMinutes != null) {
                k.maxIdleTimeoutMinutes = n.maxIdleTimeoutMinutes;
            }
        });
    }

    private World.Domain domain(String id, String region) {
        World.Domain d = world.domains.get(World.key(region, id));
        if (d == null) {
            throw AwsError.resourceNotFound("Domain with ID " + id + " not found");
        }
        return d;
    }

    private static String required(JsonNode in, String field) {
        JsonNode n = in.get(field);
        if (n == null || n.isNull()) {
            throw AwsError.validation("1 validation error detected: Value null at '" + lowerFirst(field)
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return n.asText();
    }

    /** The IdleSettings sent for each app type, validated; app types sent without them are left out. */
    private static Map<String, World.IdleSettings> idleUpdates(JsonNode settings, String path, boolean space) {
        Map<String, World.IdleSettings> out = new LinkedHashMap<>();
        if (settings == null || settings.isNull()) {
            return out;
        }
        for (String member : APP_SETTINGS) {
            JsonNode idle = settings.path(member).path("AppLifecycleManagement").get("IdleSettings");
            if (idle == null || idle.isNull()) {
                continue;
            }
            String at = path + "." + lowerFirst(member) + ".appLifecycleManagement.idleSettings.";
            World.IdleSettings s = new World.IdleSettings();
            s.idleTimeoutMinutes = bounded(idle, "IdleTimeoutInMinutes", at);
            if (!space) {
                s.minIdleTimeoutMinutes = bounded(idle, "MinIdleTimeoutInMinutes", at);
                s.maxIdleTimeoutMinutes = bounded(idle, "MaxIdleTimeoutInMinutes", at);
                JsonNode lm = idle.get("LifecycleManagement");
                if (lm != null && !lm.isNull()) {
                    if (!List.of("ENABLED", "DISABLED").contains(lm.asText())) {
                        throw AwsError.validation("1 validation error detected: Value '" + lm.asText() + "' at '" + at
                                + "lifecycleManagement' failed to satisfy constraint: Member must satisfy enum value set: "
                                + "[ENABLED, DISABLED]");
                    }
                    s.lifecycleManagement = lm.asText();
                }
            }
            out.put(member.replace("AppSettings", ""), s);
        }
        return out;
    }

    private static Integer bounded(JsonNode idle, String field, String at) {
        JsonNode n = idle.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        int v = n.asInt();
        if (v < MIN || v > MAX) {
            throw AwsError.validation("1 validation error detected: Value '" + v + "' at '" + at + lowerFirst(field)
                    + "' failed to satisfy constraint: Member must have value " + (v < MIN
                    ? "greater than or equal to " + MIN : "less than or equal to " + MAX));
        }
        return v;
    }

    /**
     * The describe operations' hook: each updated app type's AppLifecycleManagement in these settings (a domain's
     * DefaultUserSettings, a profile's UserSettings, a space's SpaceSettings) with the members the updates set.
     */
    static void overlay(ObjectMapper json, ObjectNode settings, Map<String, World.IdleSettings> updates) {
        updates.forEach((type, s) -> {
            // Over the settings the world started with: what was never sent stays as it was.
            ObjectNode idle = settings.with(type + "AppSettings").with("AppLifecycleManagement").with("IdleSettings");
            if (s.lifecycleManagement != null) {
                idle.put("LifecycleManagement", s.lifecycleManagement);
            }
            if (s.idleTimeoutMinutes != null) {
                idle.put("IdleTimeoutInMinutes", s.idleTimeoutMinutes);
            }
            if (s.minIdleTimeoutMinutes != null) {
                idle.put("MinIdleTimeoutInMinutes", s.minIdleTimeoutMinutes);
            }
            if (s.maxIdleTimeoutMinutes != null) {
                idle.put("MaxIdleTimeoutInMinutes", s.maxIdleTimeoutMinutes);
            }
        });
    }

    private static String lowerFirst(String s) {
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
