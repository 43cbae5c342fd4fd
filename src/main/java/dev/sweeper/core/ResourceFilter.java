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
 * @param user    Studio apps of this user profile only (null: any); a resource with no user profile never matches
 * @param space   Studio apps in this space only (null: any); a resource in no space never matches
 */
public record ResourceFilter(String nameContains, Pattern nameRegex, Map<String, String> tags, Set<String> tagKeys,
                             String user, String space) {
    public static final ResourceFilter ALL = new ResourceFilter(null, null, Map.of(), Set.of());

    public ResourceFilter(String nameContains, Pattern nameRegex, Map<String, String> tags, Set<String> tagKeys) {
        this(nameContains, nameRegex, tags, tagKeys, null, null);
    }

    public ResourceFilter {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        tagKeys = tagKeys == null ? Set.of() : Set.copyOf(tagKeys);
    }

    public ResourceFilter requiringTagKey(String key) {
        Set<String> keys = new java.util.HashSet<>(tagKeys);
        keys.add(key);
        return new ResourceFilter(nameContains, nameRegex, tags, keys, user, space);
    }

    /** The same, narrowed to the Studio apps of a user profile and/or in a space (null: any). */
    public ResourceFilter withOwner(String userProfile, String spaceName) {
        return new ResourceFilter(nameContains, nameRegex, tags, tagKeys, userProfile, spaceName);
    }

    /**
     * Whether the resource matches the name and owner filters (tags are matched once read). The name filters
     * match the name or the name the table shows ({@link Resource#displayName}): "default (Canvas, user alice)"
     * matches {@code --name-contains alice}, and {@code --name-regex '^default$'} still matches the app's own name.
     */
    public boolean matches(Resource r) {
        if (user != null && (r.app() == null || !user.equals(r.app().userProfile()))) {
            return false;
        }
        if (space != null && (r.app() == null || !space.equals(r.app().space()))) {
            return false;
        }
        return matchesName(r.name()) || matchesName(r.displayName());
    }

    /** No filter at all: every resource listed matches. */
    public boolean matchesAll() {
        return nameContains == null && nameRegex == null && !needsTags() && user == null && space == null;
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
