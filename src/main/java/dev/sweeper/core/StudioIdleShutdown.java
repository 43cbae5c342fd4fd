package dev.sweeper.core;

/**
 * Whether SageMaker itself shuts a running Studio app down when it is idle, and which setting
 * decides it. AWS's model (API reference, {@code IdleSettings} and {@code SpaceIdleSettings}):
 * {@code LifecycleManagement} "indicates whether idle shutdown is activated for the application
 * type", and is set for the domain ({@code DefaultUserSettings}) and per user profile
 * ({@code UserSettings}); a space has only an {@code IdleTimeoutInMinutes}, the "custom idle
 * shutdown" its user may choose between the domain's minimum and maximum. So a space's timeout
 * never turns idle shutdown on by itself: the user profile's setting for the app type decides when
 * it has one, the domain's otherwise (a private space follows its owner's profile; a shared space
 * has no profile), and "not configured" is off.
 */
public final class StudioIdleShutdown {

    /** Settings at one level for the app's type. {@code enabled}: LifecycleManagement, null when not set. */
    public record Level(String name, Boolean enabled, Integer timeoutMinutes) {
        public static Level of(String name, Boolean enabled, Integer timeoutMinutes) {
            return new Level(name, enabled, timeoutMinutes);
        }
    }

    /** On or off, and where that is decided, as a reason names it ("user profile bob", "domain research"). */
    public record Decision(boolean on, String where) {
    }

    private StudioIdleShutdown() {
    }

    /** Only these app types have SageMaker's built-in idle shutdown. */
    public static boolean appliesTo(String appType) {
        return "JupyterLab".equals(appType) || "CodeEditor".equals(appType);
    }

    /**
     * @param domain  the domain's default settings for the app type (never null; fields may be)
     * @param profile the app's user profile (its own, or its private space's owner's), or null when none
     * @param space   the app's space, or null when the app is not in one
     */
    public static Decision decide(String appType, Level domain, Level profile, Level space) {
        if (!appliesTo(appType)) {
            return new Decision(false, appType + " apps have no built-in idle shutdown");
        }
        boolean byProfile = profile != null && profile.enabled() != null;
        boolean on = byProfile ? profile.enabled() : Boolean.TRUE.equals(domain.enabled());
        String where = byProfile ? "user profile " + profile.name() : "domain " + domain.name();
        if (on && space != null && space.timeoutMinutes() != null) {
            where += ", space " + space.name() + " after " + space.timeoutMinutes() + " min";
        }
        return new Decision(on, where);
    }
}
