package dev.sweeper.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Prices fetched from AWS's price list, kept on disk between runs: {@code prices.json} in the sweeper's cache
 * directory ({@code $XDG_CACHE_HOME/sweeper/}, else {@code ~/.cache/sweeper/}; {@code /tmp/sweeper/} in Lambda),
 * keyed by region and usage, each with the date it was fetched. An entry older than {@link #MAX_AGE_DAYS} days is
 * fetched again. An unreadable or unwritable file only costs the calls it would have saved: never a failure.
 *
 * <pre>{"regions": {"us-east-1": {"hosting:ml.m5.xlarge": {"usd": 0.23, "fetched": "2026-12-06"}}}}</pre>
 * A usage AWS's price list has no product for is kept with {@code "usd": null}, so that it is not asked again.
 */
public final class PriceCache {
    public static final int MAX_AGE_DAYS = 7;
    private static final String FILE = "prices.json";

    private final Path file;
    private final ObjectMapper json = new ObjectMapper();
    private ObjectNode root;

    /** @param directory null when there is no place for it (neither XDG_CACHE_HOME nor HOME): kept in memory only */
    public PriceCache(Path directory) {
        this.file = directory == null ? null : directory.resolve(FILE);
    }

    /** The cache directory for this environment: Lambda's /tmp, else XDG_CACHE_HOME, else ~/.cache. */
    public static Path directory(Map<String, String> env, String home) {
        if (env.get("AWS_LAMBDA_FUNCTION_NAME") != null) {
            return Path.of("/tmp", "sweeper");
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "sweeper");
        }
        // $HOME, never Java's user.home (which ignores a changed $HOME); with neither, no place on disk.
        return home == null || home.isBlank() ? null : Path.of(home, ".cache", "sweeper");
    }

    /**
     * The cached price of a usage in a region, fresh on {@code today}: empty when not cached or stale; present with
     * an empty value when AWS's price list was found to have no such product.
     */
    public synchronized Optional<OptionalDouble> get(String region, String usage, LocalDate today) {
        JsonNode entry = root().path("regions").path(region).path(usage);
        if (!entry.isObject()) {
            return Optional.empty();
        }
        LocalDate fetched;
        try {
            fetched = LocalDate.parse(entry.path("fetched").asText());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (fetched.isAfter(today) || fetched.plusDays(MAX_AGE_DAYS).isBefore(today)) {
            return Optional.empty();
        }
        JsonNode usd = entry.path("usd");
        return Optional.of(usd.isNumber() ? OptionalDouble.of(usd.asDouble()) : OptionalDouble.empty());
    }

    /** Keeps a fetched price (empty: no such product) and writes the file; a write that fails is skipped. */
    public synchronized void put(String region, String usage, OptionalDouble usd, LocalDate today) {
        ObjectNode entry = child(child(root(), "regions"), region).putObject(usage);
        if (usd.isPresent()) {
            entry.put("usd", usd.getAsDouble());
        } else {
            entry.putNull("usd");
        }
        entry.put("fetched", today.toString());
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), FILE, ".tmp");
            json.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // only the calls a later run could have saved are lost
        }
    }

    /** How many usages the file holds, all regions together (for tests and --verbose). */
    public synchronized int size() {
        int n = 0;
        for (JsonNode region : root().path("regions")) {
            n += region.size();
        }
        return n;
    }

    private static ObjectNode child(ObjectNode parent, String name) {
        JsonNode c = parent.get(name);
        return c instanceof ObjectNode o ? o : parent.putObject(name);
    }

    private ObjectNode root() {
        if (root == null) {
            try {
                JsonNode read = file != null && Files.isRegularFile(file) ? json.readTree(file.toFile()) : null;
                root = read instanceof ObjectNode o ? o : json.createObjectNode();
            } catch (IOException | RuntimeException e) {
                root = json.createObjectNode(); // unreadable: start again, it is only a cache
            }
        }
        return root;
    }
}
