package dev.sweeper.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NotebookLogsTest {

    static Stream<Arguments> lines() {
        return Stream.of(
                // jupyter_server's own lines about kernels, saves and sessions: work
                Arguments.of("[I 2024-01-01 12:00:00.000 ServerApp] Kernel started: 3f1c2a4e-1b2c-4d5e-8f90-1a2b3c4d5e6f",
                        "a kernel started"),
                Arguments.of("[I 2024-01-01 12:00:00.000 ServerApp] Saving file at /train.ipynb", "a file was saved"),
                Arguments.of("[I 2024-01-01 12:00:00.000 ServerApp] Starting buffering for 3f1c:d2e3",
                        "a browser disconnected from a kernel"),
                Arguments.of("[I 2024-01-01 12:00:00.000 ServerApp] Kernel shutdown: 3f1c2a4e", "a kernel was shut down"),
                Arguments.of("[I 2024-01-01 12:00:00.000 ServerApp] Creating new notebook in /", "a file was created"),
                Arguments.of("[I 2024-01-01 12:00:00.000 ServerApp] Connecting to kernel 3f1c2a4e.",
                        "a browser connected to a kernel"),
                Arguments.of("[I 2024-01-01 12:00:00.000 LabApp] Uploading file to /data.csv", "a file was uploaded"),
                // classic notebook's prefix
                Arguments.of("[I 12:00:00.000 NotebookApp] Saving file at /Untitled.ipynb", "a file was saved"),
                Arguments.of("[I 12:00:00.000 NotebookApp] Kernel restarted: 3f1c2a4e", "a kernel was restarted"),
                Arguments.of("[I 12:00:00.000 NotebookApp] New terminal with automatic name: 1", "a terminal was opened"),
                // request log lines, the sweeper's own probe included (a 404 is logged at warning): no work
                Arguments.of("[W 2024-01-01 12:00:00.000 ServerApp] 404 GET /api/terminals?no_track_activity=1"
                        + " (@10.0.0.1) 1.20ms referer=None", null),
                Arguments.of("[I 2024-01-01 12:00:00.000 ServerApp] 302 GET / (@10.0.0.1) 0.80ms", null),
                Arguments.of("[W 12:00:00.000 NotebookApp] 404 GET /api/terminals (10.0.0.1) 1.20ms referer=None", null),
                // AWS's sample autostop.py, appended to jupyter.log from cron every 5 minutes: no work
                Arguments.of("Notebook idle state set as True since no sessions detected.", null),
                Arguments.of("Notebook is not idle: busy", null),
                Arguments.of("Notebook is idle. Last activity time =  2024-01-01 11:00:00", null),
                Arguments.of("Closing idle notebook", null),
                Arguments.of("Notebook not idle. Pass.", null),
                // start-up and lifecycle script output, the culler, a traceback: no work
                Arguments.of("[I 2024-01-01 12:00:00.000 ServerApp] Serving notebooks from local directory:"
                        + " /home/ec2-user/SageMaker", null),
                Arguments.of("[W 2024-01-01 12:00:00.000 ServerApp] Culling 'idle' kernel 'python3' (3f1c) with 0"
                        + " connections due to 3600 seconds of inactivity.", null),
                Arguments.of("Found boto3 at /usr/bin/python", null),
                Arguments.of("Saving file at /train.ipynb", null),
                Arguments.of(" ", null));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("lines")
    void work_whenLine_countsOnlyJupyterWork(String line, String shows) {
        assertThat(NotebookLogs.work(line)).isEqualTo(Optional.ofNullable(shows));
    }
}
