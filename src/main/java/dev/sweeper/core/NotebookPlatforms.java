package dev.sweeper.core;

import java.util.Optional;

/**
 * What a notebook instance's platform ({@code PlatformIdentifier}, which only DescribeNotebookInstance returns)
 * means for stopping it. AWS, "Amazon Linux 2 notebook instances" (AL2 Maintenance Phase Plan): "On June 30, 2026,
 * Amazon Linux 2 reaches end of support for notebook instances ... Starting July 1, 2026, you can no longer create
 * new or restart stopped AL2 notebook instances" ({@code notebook-al2-v1}, {@code -v2}, {@code -v3}); the way out is
 * to stop it, call UpdateNotebookInstance with {@code PlatformIdentifier notebook-al2023-v1}, and start it. AL1
 * ({@code notebook-al1-v1}): "Existing AL1 notebook instances with a STOPPED status cannot be restarted" since
 * March 31, 2024. https://docs.aws.amazon.com/sagemaker/latest/dg/nbi-al2.html
 */
public final class NotebookPlatforms {
    /** The flag that lets a command stop such a notebook anyway. */
    public static final String INCLUDE_FLAG = "--include-al2";

    private NotebookPlatforms() {
    }

    /** Amazon Linux 1 or 2 (not AL2023, whose identifier also begins with {@code notebook-al2}). */
    public static boolean mayNotStartAgain(String platformIdentifier) {
        return platformIdentifier != null
                && (platformIdentifier.startsWith("notebook-al2-") || platformIdentifier.startsWith("notebook-al1-"));
    }

    /** Why stopping a notebook on this platform may be for good; empty for any other platform. */
    public static Optional<String> warning(String platformIdentifier) {
        if (!mayNotStartAgain(platformIdentifier)) {
            return Optional.empty();
        }
        boolean al1 = platformIdentifier.startsWith("notebook-al1-");
        return Optional.of("platform " + platformIdentifier + " (Amazon Linux " + (al1 ? "1" : "2") + "): AWS no "
                + "longer restarts a stopped " + (al1 ? "AL1" : "AL2") + " notebook instance"
                + (al1 ? "" : " since 1 July 2026") + "; once stopped, it starts again only after UpdateNotebookInstance "
                + "moves it to notebook-al2023-v1");
    }
}
