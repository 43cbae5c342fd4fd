package dev.sweeper.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.model.IdleSettings;
import software.amazon.awssdk.services.sagemaker.model.LifecycleManagement;

/**
 * UpdateDomain merges what it is sent into what the domain has, as AWS's own idle-shutdown example relies on (it
 * sends only JupyterLabAppSettings.AppLifecycleManagement.IdleSettings), driven by the real SDK.
 */
class StudioSettingsMergeIT {
    @TempDir
    Path dir;

    @Test
    void updateDomain_whenOnlySomeIdleMembersAreSent_keepsTheOthers() throws Exception {
        Path fleet = dir.resolve("fleet.yaml");
        Files.writeString(fleet, """
                region: us-east-1
                domains:
                  - {id: d-merge1, name: research, idleShutdown: true, idleTimeoutMinutes: 180}
                """);
        try (SandboxServer server = SandboxServer.start(SandboxOptions.defaults().withFleetFile(fleet));
             SandboxClients aws = SandboxClients.of(server)) {
            aws.sageMaker().updateDomain(b -> b.domainId("d-merge1").defaultUserSettings(u -> u
                    .jupyterLabAppSettings(j -> j.appLifecycleManagement(a -> a.idleSettings(i -> i
                            .lifecycleManagement(LifecycleManagement.DISABLED))))));

            IdleSettings lab = aws.sageMaker().describeDomain(b -> b.domainId("d-merge1")).defaultUserSettings()
                    .jupyterLabAppSettings().appLifecycleManagement().idleSettings();
            assertThat(lab.lifecycleManagement()).isEqualTo(LifecycleManagement.DISABLED);
            assertThat(lab.idleTimeoutInMinutes()).as("not sent: kept").isEqualTo(180);
            assertThat(lab.maxIdleTimeoutInMinutes()).as("not sent: kept").isEqualTo(525_600);
            IdleSettings editor = aws.sageMaker().describeDomain(b -> b.domainId("d-merge1")).defaultUserSettings()
                    .codeEditorAppSettings().appLifecycleManagement().idleSettings();
            assertThat(editor.lifecycleManagement()).as("an app type not sent").isEqualTo(LifecycleManagement.ENABLED);
        }
    }
}
