package dev.sweeper.sandbox.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

/**
 * Opaque pagination tokens, as AWS hands them out: base64 of a version, the offset and a hash
 * of the request's filters, so that a token is only good for the query that produced it.
 */
public final class Pages {
    private Pages() {
    }

    public record Page<T>(List<T> items, String nextToken) {
    }

    public static String token(long offset, String queryKey) {
        String raw = "sbx1:" + offset + ":" + Integer.toHexString(queryKey.hashCode()) + ":" + Long.toHexString(mix(offset, queryKey));
        return Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a token for this query, or throws the supplied service error. */
    public static long offset(String token, String queryKey, Supplier<AwsError> invalid) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            String raw = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = raw.split(":");
            if (parts.length != 4 || !parts[0].equals("sbx1")) {
                throw invalid.get();
            }
            long offset = Long.parseLong(parts[1]);
            if (offset < 0 || !parts[2].equals(Integer.toHexString(queryKey.hashCode()))
                    || !parts[3].equals(Long.toHexString(mix(offset, queryKey)))) {
                throw invalid.get();
            }
            return offset;
        } catch (IllegalArgumentException e) {
            throw invalid.get();
        }
    }

    public static <T> Page<T> page(List<T> all, String token, int max, String queryKey, Supplier<AwsError> invalid) {
        long offset = offset(token, queryKey, invalid);
        if (offset > all.size()) {
            throw invalid.get();
        }
        int from = (int) offset;
        int to = (int) Math.min(all.size(), (long) from + max);
        String next = to < all.size() ? token(to, queryKey) : null;
        return new Page<>(List.copyOf(all.subList(from, to)), next);
    }

    private static long mix(long offset, String key) {
        long h = 0x9E3779B97F4A7C15L ^ offset;
        for (int i = 0; i < key.length(); i++) {
            h = (h ^ key.charAt(i)) * 0x100000001B3L;
        }
        return h ^ (h >>> 29);
    }
}
