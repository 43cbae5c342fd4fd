package dev.sweeper.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sweeper.core.StudioSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CustomImage;
import software.amazon.awssdk.services.sagemaker.model.DescribeDomainRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeDomainResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileResponse;
import software.amazon.awssdk.services.sagemaker.model.JupyterLabAppSettings;
import software.amazon.awssdk.services.sagemaker.model.UpdateDomainRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateDomainResponse;
import software.amazon.awssdk.services.sagemaker.model.UpdateUserProfileRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateUserProfileResponse;
import software.amazon.awssdk.services.sagemaker.model.UserSettings;

/**
 * Turning Studio's idle shutdown on sends only the idle settings (issue 25, point 7): never the JupyterLab or Code
 * Editor settings read back (custom images, lifecycle configurations, EMR settings), which can fail validation or
 * undo another administrator's change made in between. UpdateDomain and UpdateUserProfile merge what they are sent.
 */
class IdleSettingsUpdateTest {
    /** What a domain or profile has besides its idle settings: a custom image and a lifecycle configuration. */
    static final UserSettings HAS = UserSettings.builder().jupyterLabAppSettings(JupyterLabAppSettings.builder()
            .customImages(CustomImage.builder().imageName("team-lab").appImageConfigName("team-lab-config").build())
            .lifecycleConfigArns("arn:aws:sagemaker:us-east-1:123456789012:studio-lifecycle-config/setup")
            .build()).build();

    final List<Object> sent = new ArrayList<>();
    final List<String> reads = new ArrayList<>();

    final SageMakerClient client = new SageMakerClient() {
        @Override
        public DescribeDomainResponse describeDomain(DescribeDomainRequest r) {
            reads.add("DescribeDomain");
            return DescribeDomainResponse.builder().domainId(r.domainId()).domainName("research")
                    .defaultUserSettings(HAS).build();
        }

        @Override
        public DescribeUserProfileResponse describeUserProfile(DescribeUserProfileRequest r) {
            reads.add("DescribeUserProfile");
            return DescribeUserProfileResponse.builder().domainId(r.domainId()).userProfileName(r.userProfileName())
                    .userSettings(HAS).build();
        }

        @Override
        public UpdateDomainResponse updateDomain(UpdateDomainRequest r) {
            sent.add(r);
            return UpdateDomainResponse.builder().build();
        }

        @Override
        public UpdateUserProfileResponse updateUserProfile(UpdateUserProfileRequest r) {
            sent.add(r);
            return UpdateUserProfileResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "sagemaker";
        }

        @Override
        public void close() {
        }
    };

    static final Map<String, StudioSettings.Idle> ON = Map.of(
            "JupyterLab", new StudioSettings.Idle("ENABLED", 120, null, null),
            "CodeEditor", new StudioSettings.Idle("ENABLED", 120, 60, 600));

    static StudioSettings target(StudioSettings.Scope scope) {
        return new StudioSettings(scope, "us-east-1", "d-1", "research", scope == StudioSettings.Scope.DOMAIN
                ? "research" : "bob", "arn:aws:sagemaker:us-east-1:123456789012:domain/d-1", Map.of(), Map.of());
    }

    @Test
    void setIdleSettings_whenDomain_sendsOnlyTheIdleSettings() {
        new StudioSettingsAdapter(client, "us-east-1").setIdleSettings(target(StudioSettings.Scope.DOMAIN), ON);

        assertThat(sent).singleElement().isInstanceOf(UpdateDomainRequest.class);
        assertOnlyIdle(((UpdateDomainRequest) sent.get(0)).defaultUserSettings());
        assertThat(reads).as("nothing read back to be sent again").isEmpty();
    }

    @Test
    void setIdleSettings_whenUserProfile_sendsOnlyTheIdleSettings() {
        new StudioSettingsAdapter(client, "us-east-1")
                .setIdleSettings(target(StudioSettings.Scope.USER_PROFILE), ON);

        assertThat(sent).singleElement().isInstanceOf(UpdateUserProfileRequest.class);
        UpdateUserProfileRequest r = (UpdateUserProfileRequest) sent.get(0);
        assertThat(r.userProfileName()).isEqualTo("bob");
        assertOnlyIdle(r.userSettings());
        assertThat(reads).isEmpty();
    }

    private static void assertOnlyIdle(UserSettings s) {
        assertThat(s.jupyterLabAppSettings()).isEqualTo(JupyterLabAppSettings.builder().appLifecycleManagement(
                a -> a.idleSettings(i -> i.lifecycleManagement("ENABLED").idleTimeoutInMinutes(120))).build());
        assertThat(s.codeEditorAppSettings().appLifecycleManagement().idleSettings().maxIdleTimeoutInMinutes())
                .isEqualTo(600);
        assertThat(s.codeEditorAppSettings().hasCustomImages()).isFalse();
        assertThat(s.codeEditorAppSettings().hasLifecycleConfigArns()).isFalse();
        assertThat(s.codeEditorAppSettings().defaultResourceSpec()).isNull();
        assertThat(s.toBuilder().jupyterLabAppSettings((JupyterLabAppSettings) null).codeEditorAppSettings(
                (software.amazon.awssdk.services.sagemaker.model.CodeEditorAppSettings) null).build())
                .as("no other user setting").isEqualTo(UserSettings.builder().build());
    }
}
