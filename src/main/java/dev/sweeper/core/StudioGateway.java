package dev.sweeper.core;

import java.util.List;
import java.util.Optional;

/**
 * The SageMaker calls on Studio apps and spaces, in one region. Part of {@link SageMakerGateway}; every method
 * throws {@link AwsCallException} when the call fails.
 */
public interface StudioGateway {

    /** Every Studio app of every domain, with its domain's and owner's idle-shutdown settings. */
    List<Resource> listApps();

    /**
     * As {@link #listApps()}, but a domain that cannot be read costs only its own apps: they are left
     * out and the failure is added to {@code problems} (one line per domain).
     */
    default List<Resource> listApps(List<String> problems) {
        return listApps();
    }

    /** The app as it is now (with its ARN and status), or empty when it no longer exists. */
    Optional<Resource> describeApp(Resource app);

    void deleteApp(Resource app);

    /**
     * Every Studio space of every domain (ListDomains, then ListSpaces per domain, each to its last page), with its
     * owner, sharing type and EBS volume size as listed; no ARN (ListSpaces gives none). A domain whose spaces cannot
     * be listed costs only its own spaces: they are left out and the failure is added to {@code problems} (one line
     * per domain). The domains are listed once however many kinds ask for them.
     */
    List<Resource> listSpaces(List<String> problems);

    /** The space as it is now, with its ARN (DescribeSpace), or empty when it no longer exists. */
    Optional<Resource> describeSpace(Resource space);
}
