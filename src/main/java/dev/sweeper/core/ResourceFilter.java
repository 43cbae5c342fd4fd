package dev.sweeper.core;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The filters every command takes. Name filters are applied to listings; tag filters need the
 * tags, so they are applied only when given.
 */
public record ResourceFilter(String nameContains, Pattern nameRegex, Map<String, String> tags) {
    public static final ResourceFilter ALL = new ResourceFilter(null, null, Map.of());

    public ResourceFilter {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public boolean matchesName(String name) {
        return (nameContains == null || name.contains(nameContains))
                && (nameRegex == null || nameRegex.matcher(name).find());
    }

    public boolean needsTags() {
        return !tags.isEmpty();
    }

    public boolean matchesTags(Map<String, String> resourceTags) {
        return tags.entrySet().stream().allMatch(e -> e.getValue().equals(resourceTags.get(e.getKey())));
    }
}
