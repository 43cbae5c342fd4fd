package dev.sweeper.app;

import dev.sweeper.core.LifecycleScript;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The on-instance idle checker shipped in the jar, and the lifecycle script that installs it. */
public final class AutostopChecker {
    static final String RESOURCE = "/dev/sweeper/lifecycle/sweeper_autostop.py";

    private AutostopChecker() {
    }

    /** The checker's Python source, as it will be written on the instance. */
    public static String source() {
        try (InputStream in = AutostopChecker.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code OnStart} script that installs the checker with this configuration. */
    public static String onStart(LifecycleScript.Autostop autostop) {
        return LifecycleScript.onStart(source(), autostop);
    }
}
