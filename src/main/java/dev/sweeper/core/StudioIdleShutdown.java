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

    /**
     * Whether an app's image can honour idle shutdown at all. AWS: "Idle shutdown requires the usage of the
     * SageMaker-distribution (SMD) image with v2.0 or newer. Domains using an older SMD version can't use the
     * feature"; a custom image works when built on SMD 2.0 or newer or when it has the
     * {@code jupyter-activity-monitor-extension} (0.3.1 or newer) installed, which cannot be seen from outside.
     * https://docs.aws.amazon.com/sagemaker/latest/dg/studio-updated-idle-shutdown.html and
     * https://docs.aws.amazon.com/sagemaker/latest/dg/studio-updated-idle-shutdown-setup.html (Prerequisites)
     */
    public enum ImageSupport {
        /** SageMaker Distribution 2.0 or newer. */
        HONOURS,
        /** SageMaker Distribution older than 2.0. */
        CANNOT,
        /** A custom image, or a SageMaker Distribution image whose version is not given. */
        UNVERIFIED
    }

    /** An app's image support and how the coverage says it. */
    public record Image(ImageSupport support, String detail) {
    }

    private static final java.util.regex.Pattern SMD = java.util.regex.Pattern.compile(":image/sagemaker-distribution-[a-z0-9-]+$");
    private static final java.util.regex.Pattern MAJOR = java.util.regex.Pattern.compile("^v?(\\d+)(?:\\.|$)");

    /**
     * @param imageArn     the app's ResourceSpec.SageMakerImageArn, null when not given
     * @param versionAlias its ResourceSpec.SageMakerImageVersionAlias (SemVer, e.g. {@code 2.1.0}), null when not given
     */
    public static Image image(String imageArn, String versionAlias) {
        if (imageArn == null) {
            return new Image(ImageSupport.UNVERIFIED, "image not given");
        }
        String name = imageArn.substring(imageArn.lastIndexOf('/') + 1);
        if (!SMD.matcher(imageArn).find()) {
            return new Image(ImageSupport.UNVERIFIED, "custom image " + name
                    + ": idle shutdown needs SageMaker Distribution 2.0+ as its base or jupyter-activity-monitor-extension");
        }
        java.util.regex.Matcher m = versionAlias == null ? null : MAJOR.matcher(versionAlias);
        if (m == null || !m.find()) {
            return new Image(ImageSupport.UNVERIFIED, name + ", version not given (idle shutdown needs 2.0 or newer)");
        }
        return Integer.parseInt(m.group(1)) >= 2 ? new Image(ImageSupport.HONOURS, name + " " + versionAlias)
                : new Image(ImageSupport.CANNOT, name + " " + versionAlias + ": idle shutdown needs 2.0 or newer");
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
