package dev.sweeper.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The idle-shutdown settings ({@code AppLifecycleManagement.IdleSettings}) of JupyterLab and Code Editor at one
 * level that can turn SageMaker's own idle shutdown on: a domain's {@code DefaultUserSettings}, or a user profile's
 * {@code UserSettings} (which wins over the domain's when it sets {@code LifecycleManagement}; see
 * {@link StudioIdleShutdown}). A space has only an {@code IdleTimeoutInMinutes} ({@code SpaceIdleSettings}): it
 * cannot turn idle shutdown on, so it is no level here.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_IdleSettings.html
 *
 * @param domainName the domain's name (for a domain, the same as {@code name})
 * @param own        this level's settings by app type; an app type whose settings are absent maps to {@link Idle#NOT_SET}
 * @param domain     for a user profile, its domain's default settings by app type; for a domain, {@code own}
 */
public record StudioSettings(Scope scope, String region, String domainId, String domainName, String name, String arn,
                             Map<String, Idle> own, Map<String, Idle> domain) {

    /** The app types that have SageMaker's built-in idle shutdown, in the order they are shown. */
    public static final List<String> APP_TYPES = List.of("JupyterLab", "CodeEditor");
    /** IdleTimeoutInMinutes' bounds in botocore's model (shape IdleTimeoutInMinutes: min 60, max 525600). */
    public static final int MIN_TIMEOUT = 60;
    public static final int MAX_TIMEOUT = 525_600;
    public static final String ENABLED = "ENABLED";
    public static final String DISABLED = "DISABLED";

    public enum Scope {
        DOMAIN("domain"), USER_PROFILE("user-profile");

        private final String id;

        Scope(String id) {
            this.id = id;
        }

        /** The word in the output and the audit log's {@code kind}. */
        public String id() {
            return id;
        }
    }

    /** One app type's IdleSettings; a null field is not set. */
    public record Idle(String lifecycleManagement, Integer idleTimeoutMinutes, Integer minIdleTimeoutMinutes,
                       Integer maxIdleTimeoutMinutes) {
        public static final Idle NOT_SET = new Idle(null, null, null, null);

        /** LifecycleManagement as StudioIdleShutdown reads it: null when not set. */
        public Boolean enabled() {
            return lifecycleManagement == null ? null : ENABLED.equals(lifecycleManagement);
        }

        public boolean isSet() {
            return !equals(NOT_SET);
        }

        /** Turned on with this timeout; the minimum and maximum a user may choose are kept. */
        public Idle enabledAfter(int minutes) {
            return new Idle(ENABLED, minutes, minIdleTimeoutMinutes, maxIdleTimeoutMinutes);
        }

        /** As the output and the audit log's details say it: {@code ENABLED 60 min}, {@code not configured}. */
        public String describe() {
            if (!isSet()) {
                return "not configured";
            }
            String s = lifecycleManagement == null ? "LifecycleManagement not set" : lifecycleManagement;
            if (idleTimeoutMinutes != null) {
                s += " " + idleTimeoutMinutes + " min";
            }
            if (minIdleTimeoutMinutes != null || maxIdleTimeoutMinutes != null) {
                s += " (users " + (minIdleTimeoutMinutes == null ? "?" : minIdleTimeoutMinutes) + ".."
                        + (maxIdleTimeoutMinutes == null ? "?" : maxIdleTimeoutMinutes) + ")";
            }
            return s;
        }
    }

    public StudioSettings {
        Objects.requireNonNull(scope, "scope");
        own = Map.copyOf(own);
        domain = Map.copyOf(domain);
    }

    public Idle own(String appType) {
        return own.getOrDefault(appType, Idle.NOT_SET);
    }

    /** How the output names it: {@code domain research}, {@code user profile bob (domain research)}. */
    public String label() {
        return scope == Scope.DOMAIN ? "domain " + name : "user profile " + name + " (domain " + domainName + ")";
    }

    /**
     * Whether SageMaker shuts this app type's apps down when idle, as far as this level decides it: for a domain,
     * its own setting (not configured is off); for a user profile, its own setting when it has one, the domain's
     * otherwise (StudioIdleShutdown's rule).
     */
    public boolean on(String appType) {
        Idle d = domain.getOrDefault(appType, Idle.NOT_SET);
        StudioIdleShutdown.Level domainLevel = StudioIdleShutdown.Level.of(domainName, d.enabled(), d.idleTimeoutMinutes());
        StudioIdleShutdown.Level profile = scope == Scope.DOMAIN ? null
                : StudioIdleShutdown.Level.of(name, own(appType).enabled(), own(appType).idleTimeoutMinutes());
        return StudioIdleShutdown.decide(appType, domainLevel, profile, null).on();
    }

    /**
     * What turning idle shutdown on with this timeout changes: the new settings of each app type that is off
     * (empty when every one is on already). An app type that is on is left as it is, timeout and all.
     *
     * @throws IllegalArgumentException when the timeout is outside the minimum..maximum this level sets for users
     */
    public Map<String, Idle> enable(int minutes) {
        Map<String, Idle> out = new LinkedHashMap<>();
        for (String type : APP_TYPES) {
            if (on(type)) {
                continue;
            }
            Idle mine = own(type);
            if ((mine.minIdleTimeoutMinutes() != null && minutes < mine.minIdleTimeoutMinutes())
                    || (mine.maxIdleTimeoutMinutes() != null && minutes > mine.maxIdleTimeoutMinutes())) {
                throw new IllegalArgumentException("--timeout " + minutes + " min is outside the " + type
                        + " minimum..maximum set here (" + mine.minIdleTimeoutMinutes() + ".."
                        + mine.maxIdleTimeoutMinutes() + " min)");
            }
            out.put(type, mine.enabledAfter(minutes));
        }
        return out;
    }

    /** These app types' settings as they are now (what an audit entry records as "before"). */
    public Map<String, Idle> ownOf(Iterable<String> appTypes) {
        Map<String, Idle> out = new LinkedHashMap<>();
        appTypes.forEach(t -> out.put(t, own(t)));
        return out;
    }

    /** One line: each app type's setting, e.g. {@code JupyterLab DISABLED, CodeEditor not configured}. */
    public static String describe(Map<String, Idle> byType) {
        StringBuilder s = new StringBuilder();
        byType.forEach((type, idle) -> s.append(s.length() == 0 ? "" : ", ").append(type).append(' ')
                .append(idle.describe()));
        return s.toString();
    }
}
