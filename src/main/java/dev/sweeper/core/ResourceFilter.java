package dev.sweeper.core;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The filters every command takes. Name filters are applied to listings; tag filters need the
 * tags, so they are applied only when given.
 *
 * @param tags    tags that must be present with these values
 * @param tagKeys tags that must be present, whatever their value
 */
public record ResourceFilter(String nameContains, Pattern nameRegex, Map<String, String> tags, Set<String> tagKeys) {
    public static final ResourceFilter ALL = new ResourceFilter(null, null, Map.of(), Set.of());

    public ResourceFilter {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        tagKeys = tagKeys == null ? Set.of() : Set.copyOf(tagKeys);
    }

    public ResourceFilter requiringTagKey(String key) {
        Set<String> keys = new java.util.HashSet<>(tagKeys);
        keys.add(key);
        return new ResourceFilter(nameContains, nameRegex, tags, keys);
    }

    public boolean matchesName(String name) {
        return (nameContains == null || name.contains(nameContains))
                && (nameRegex == null || nameRegex.matcher(name).find());
    }

    public boolean needsTags() {
        return !tags.isEmpty() || !tagKeys.isEmpty();
    }

    public boolean matchesTags(Map<String, String> resourceTags) {
        return tags.entrySet().stream().allMatch(e -> e.getValue().equals(resourceTags.get(e.getKey())))
                && resourceTags.keySet().containsAll(tagKeys);
    }
}
