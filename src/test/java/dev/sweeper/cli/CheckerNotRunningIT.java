package dev.sweeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sweeper.testing.Cli;
import dev.sweeper.testing.Sandbox;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A notebook whose configuration installs the sweeper's checker, but whose installer wrote at this start that it
 * could not install or schedule it (issue 25, point 7): its coverage reads "checker not running", not "stops itself
 * when idle". The installer's lines are in the notebook's LifecycleConfigOnStart stream (AWS:
 * "[notebook-instance-name]/[LifecycleConfigHook]" in /aws/sagemaker/NotebookInstances).
 */
class CheckerNotRunningIT {
    static final String FLEET = """
            region: us-east-1
            lifecycleConfigs:
              - name: sweeper-autostop-60m
                onStart: |
                  #!/bin/bash
                  # sagemaker-sweeper autostop v1 idle-seconds=3600 ignore-connections=false
                  r="$p $d/sweeper_autostop.py --idle-seconds 3600 --log $l"
                  { crontab -l; echo "$r"; } | crontab -
            notebooks:
              - name: nb-no-scheduler
                lifecycleConfig: sweeper-autostop-60m
                lifecycleLog:
                  - "sagemaker-sweeper: idle checker not running: neither systemd nor cron schedules it"
              - name: nb-covered
                lifecycleConfig: sweeper-autostop-60m
                lifecycleLog:
                  - "sagemaker-sweeper: idle checker installed (--idle-seconds 3600), run every 5 minutes by systemd timer sagemaker-sweeper-autostop.timer"
              - name: nb-no-log
                lifecycleConfig: sweeper-autostop-60m
            """;

    @Test
    void scan_whenTheInstallerSaidItIsNotRunning_coverageSaysCheckerNotRunning() {
        try (Sandbox sandbox = Sandbox.fleet(FLEET)) {
            Cli.Run run = sandbox.sweeper("scan", "--kinds", "notebook");

            Map<String, JsonNode> r = run.byName();
            JsonNode down = r.get("nb-no-scheduler");
            assertThat(down.path("autostop").path("state").asText()).as(run.toString()).isEqualTo("NOT_RUNNING");
            assertThat(down.path("reasons").toString()).contains("checker not running")
                    .contains("neither systemd nor cron schedules it").doesNotContain("stops itself when idle");
            assertThat(r.get("nb-covered").path("autostop").path("state").asText()).isEqualTo("SWEEPER");
            assertThat(r.get("nb-covered").path("reasons").toString()).contains("stops itself when idle");
            assertThat(r.get("nb-no-log").path("autostop").path("state").asText()).isEqualTo("SWEEPER");
        }
    }
}
