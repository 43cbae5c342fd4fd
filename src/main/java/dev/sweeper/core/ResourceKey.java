package dev.sweeper.core;

import java.util.Objects;

/**
 * Which resource, exactly: what keys every map of results, skips and tags that spans more than one
 * resource. Two resources of the same name in different accounts or regions never meet, and neither
 * do Studio apps, whose names repeat (every user's JupyterServer app is called {@code default}): an
 * app's {@code name} here is its domain, owner (user profile or space), app type and app name, the
 * identity {@code DescribeApp} takes. A space's name repeats across domains too: here it is its domain and name,
 * the identity {@code DescribeSpace} takes.
 *
 * @param account the account id, null when not known (a single-account run)
 */
public record ResourceKey(String account, String region, Kind kind, String name) {
    public ResourceKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    public static ResourceKey of(Resource r) {
        Resource.AppShape app = r.app();
        String name = app != null ? app.domainId() + "/" + app.owner() + "/" + app.appType() + "/" + r.name()
                : r.space() != null ? r.space().domainId() + "/" + r.name() : r.name();
        return new ResourceKey(r.account(), r.region(), r.kind(), name);
    }

    @Override
    public String toString() {
        return account + "/" + region + "/" + kind.id() + "/" + name;
    }
}
