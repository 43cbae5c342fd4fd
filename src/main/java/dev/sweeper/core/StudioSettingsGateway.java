package dev.sweeper.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SageMaker calls on Studio domains' and user profiles' idle-shutdown settings, in one region. Part of
 * {@link SageMakerGateway}; every method throws {@link AwsCallException} when the call fails.
 */
public interface StudioSettingsGateway {

    /**
     * The idle-shutdown settings of every domain's defaults (ListDomains, DescribeDomain), or of every user profile
     * with its domain's defaults (also ListUserProfiles, DescribeUserProfile), for JupyterLab and Code Editor.
     */
    List<StudioSettings> listStudioSettings(StudioSettings.Scope scope);

    /** The domain's or user profile's settings as they are now, or empty when it no longer exists. */
    Optional<StudioSettings> describeStudioSettings(StudioSettings settings);

    /**
     * Sets these app types' {@code AppLifecycleManagement.IdleSettings} on the domain's default user settings
     * (UpdateDomain) or the user profile's (UpdateUserProfile). Each app type's other settings are read first and
     * sent back unchanged; nothing else is sent.
     */
    void setIdleSettings(StudioSettings target, Map<String, StudioSettings.Idle> settings);
}
