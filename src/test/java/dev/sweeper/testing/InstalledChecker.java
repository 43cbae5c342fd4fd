package dev.sweeper.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/** Reads back what a lifecycle script installs, as the instance would: the tests' view of the script's wire format. */
public final class InstalledChecker {
    /** The heredoc the installer writes the checker's gzipped, base64 source into. */
    private static final String HEREDOC = "SWEEPER_AUTOSTOP_CHECKER";

    private InstalledChecker() {
    }

    /** The checker's source inside a script, as installed on the instance; empty when there is none. */
    public static Optional<String> source(String script) {
        int open = script.indexOf("<<'" + HEREDOC + "'");
        int start = open < 0 ? -1 : script.indexOf('\n', open) + 1;
        int end = script.indexOf("\n" + HEREDOC + "\n");
        if (start <= 0 || end < start) {
            return Optional.empty();
        }
        String b64 = script.substring(start, end);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(Base64.getMimeDecoder().decode(b64)))) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
