package dev.sweeper.aws;

import dev.sweeper.core.AwsCallException;
import dev.sweeper.core.StudioSettings;
import dev.sweeper.core.StudioSettingsGateway;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.AppLifecycleManagement;
import software.amazon.awssdk.services.sagemaker.model.CodeEditorAppSettings;
import software.amazon.awssdk.services.sagemaker.model.IdleSettings;
import software.amazon.awssdk.services.sagemaker.model.JupyterLabAppSettings;
import software.amazon.awssdk.services.sagemaker.model.DescribeDomainResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileResponse;
import software.amazon.awssdk.services.sagemaker.model.DomainDetails;
import software.amazon.awssdk.services.sagemaker.model.UserSettings;

/**
 * {@link StudioSettingsGateway} (Studio domains' and user profiles' idle-shutdown settings) over the SDK's SageMaker
 * client, for one region.
 */
final class StudioSettingsAdapter extends SageMakerCalls implements StudioSettingsGateway {

    StudioSettingsAdapter(SageMakerClient client, String region) {
        super(client, region);
    }

    @Override
    public List<StudioSettings> listStudioSettings(StudioSettings.Scope scope) {
        List<DomainDetails> domains = call("ListDomains",
                () -> client.listDomainsPaginator(b -> b.maxResults(PAGE)).domains().stream().toList());
        List<StudioSettings> out = new ArrayList<>();
        for (DomainDetails listed : domains) {
            DescribeDomainResponse d = call("DescribeDomain", () -> client.describeDomain(b -> b.domainId(listed.domainId())));
            Map<String, StudioSettings.Idle> defaults = idleByType(d.defaultUserSettings());
            if (scope == StudioSettings.Scope.DOMAIN) {
                out.add(new StudioSettings(scope, region, d.domainId(), d.domainName(), d.domainName(), d.domainArn(),
                        defaults, defaults));
                continue;
            }
            List<String> names = call("ListUserProfiles", () -> client.listUserProfilesPaginator(
                    b -> b.domainIdEquals(d.domainId()).maxResults(PAGE)).userProfiles().stream()
                    .map(p -> p.userProfileName()).toList());
            for (String name : names) {
                describeProfile(d, name).ifPresent(out::add);
            }
        }
        return out;
    }

    private Optional<StudioSettings> describeProfile(DescribeDomainResponse d, String name) {
        try {
            DescribeUserProfileResponse p = call("DescribeUserProfile",
                    () -> client.describeUserProfile(b -> b.domainId(d.domainId()).userProfileName(name)));
            return Optional.of(new StudioSettings(StudioSettings.Scope.USER_PROFILE, region, d.domainId(), d.domainName(),
                    p.userProfileName(), p.userProfileArn(), idleByType(p.userSettings()),
                    idleByType(d.defaultUserSettings())));
        } catch (AwsCallException e) {
            if (e.isNotFound()) {
                return Optional.empty(); // deleted between the listing and now
            }
            throw e;
        }
    }

    @Override
    public Optional<StudioSettings> describeStudioSettings(StudioSettings s) {
        DescribeDomainResponse d;
        try {
            d = call("DescribeDomain", () -> client.describeDomain(b -> b.domainId(s.domainId())));
        } catch (AwsCallException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
        if (s.scope() == StudioSettings.Scope.DOMAIN) {
            Map<String, StudioSettings.Idle> defaults = idleByType(d.defaultUserSettings());
            return Optional.of(new StudioSettings(s.scope(), region, d.domainId(), d.domainName(), d.domainName(),
                    d.domainArn(), defaults, defaults));
        }
        return describeProfile(d, s.name());
    }

    /**
     * Sends only each changed app type's {@code AppLifecycleManagement.IdleSettings}, nothing else of its settings:
     * UpdateDomain and UpdateUserProfile merge what they are sent into what the domain or profile has. AWS's own
     * example for turning idle shutdown on sends exactly that ("Set up idle shutdown", AWS CLI:
     * {@code update-domain --default-user-settings} with only {@code JupyterLabAppSettings.AppLifecycleManagement
     * .IdleSettings}), and botocore's model says of JupyterLabAppSettings "To remove a lifecycle config, you must
     * set LifecycleConfigArns to an empty list" (left out, it stays). Sending back the custom images, lifecycle
     * configurations and EMR settings read before would undo another administrator's change made in between, and
     * can fail validation. https://docs.aws.amazon.com/sagemaker/latest/dg/studio-updated-idle-shutdown-setup.html
     */
    @Override
    public void setIdleSettings(StudioSettings target, Map<String, StudioSettings.Idle> settings) {
        UserSettings changed = idleOnly(settings);
        if (target.scope() == StudioSettings.Scope.DOMAIN) {
            call("UpdateDomain", () -> client.updateDomain(b -> b.domainId(target.domainId())
                    .defaultUserSettings(changed)));
        } else {
            call("UpdateUserProfile", () -> client.updateUserProfile(b -> b.domainId(target.domainId())
                    .userProfileName(target.name()).userSettings(changed)));
        }
    }

    /** Only the app types changed, each with only its AppLifecycleManagement. */
    private static UserSettings idleOnly(Map<String, StudioSettings.Idle> settings) {
        UserSettings.Builder out = UserSettings.builder();
        for (Map.Entry<String, StudioSettings.Idle> e : settings.entrySet()) {
            AppLifecycleManagement alm = AppLifecycleManagement.builder().idleSettings(idleSettings(e.getValue())).build();
            switch (e.getKey()) {
                case "JupyterLab" -> out.jupyterLabAppSettings(JupyterLabAppSettings.builder().appLifecycleManagement(alm).build());
                case "CodeEditor" -> out.codeEditorAppSettings(CodeEditorAppSettings.builder().appLifecycleManagement(alm).build());
                default -> throw new IllegalArgumentException("no idle settings for app type " + e.getKey());
            }
        }
        return out.build();
    }

    private static IdleSettings idleSettings(StudioSettings.Idle idle) {
        return IdleSettings.builder().lifecycleManagement(idle.lifecycleManagement())
                .idleTimeoutInMinutes(idle.idleTimeoutMinutes()).minIdleTimeoutInMinutes(idle.minIdleTimeoutMinutes())
                .maxIdleTimeoutInMinutes(idle.maxIdleTimeoutMinutes()).build();
    }

    private static Map<String, StudioSettings.Idle> idleByType(UserSettings settings) {
        Map<String, StudioSettings.Idle> out = new LinkedHashMap<>();
        for (String type : StudioSettings.APP_TYPES) {
            AppLifecycleManagement m = StudioAdapter.appSettings(settings, type);
            IdleSettings i = m == null ? null : m.idleSettings();
            out.put(type, i == null ? StudioSettings.Idle.NOT_SET : new StudioSettings.Idle(
                    i.lifecycleManagement() == null ? null : i.lifecycleManagementAsString(), i.idleTimeoutInMinutes(),
                    i.minIdleTimeoutInMinutes(), i.maxIdleTimeoutInMinutes()));
        }
        return out;
    }
}
