package dev.sweeper.app.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sweeper.core.Evaluation;
import dev.sweeper.core.Evidence;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Kind;
import dev.sweeper.core.Protection;
import dev.sweeper.core.Resource;
import dev.sweeper.core.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which apps run in a space, told from the apps of the same run: no call, and "none" only where all were listed. */
class SpaceAppsTest {
    static final Instant T = Instant.parse("2026-11-01T00:00:00Z");

    static Finding space(String domain, String name) {
        Resource r = new Resource(name, "us-east-1", null, "InService", null, null, T, T, new Resource.SpaceShape(domain, null, "Shared", "JupyterLab", 10),
                null);
        return new Finding(r, new Evaluation(Verdict.EXEMPT, List.of("storage only"), Evidence.notGathered()),
                Protection.UNDECIDED, 0.0, null, 1.12, null, null, null);
    }

    static Finding app(String domain, String space, String type, String status, String arn) {
        Resource r = new Resource("default", "us-east-1", arn, status, "ml.t3.medium", 1, T, T,
                new Resource.AppShape(domain, type, null, space, null, null, null), Resource.accountOf(arn));
        return new Finding(r, new Evaluation(Verdict.UNKNOWN, List.of("no signal"), Evidence.notGathered()),
                Protection.UNDECIDED, 0.05, null, null, null, null, null);
    }

    static List<String> reasons(List<Finding> findings, String space) {
        return findings.stream().filter(f -> f.resource().kind() == Kind.SPACE && f.resource().name().equals(space))
                .findFirst().orElseThrow().reasons();
    }

    @Test
    void annotate_whenAnAppRunsInTheSpace_saysWhichEvenWhenDescribedForItsArn() {
        List<Finding> out = SpaceApps.annotate(List.of(space("d-1", "shared"),
                app("d-1", "shared", "JupyterLab", "InService",
                        "arn:aws:sagemaker:us-east-1:123456789012:app/d-1/shared/jupyterlab/default")), Set.of());

        assertThat(reasons(out, "shared")).containsExactly("storage only",
                "app running in it: JupyterLab default (listed as kind app)");
    }

    @Test
    void annotate_whenAllAppsWereListedAndNoneRunsInIt_saysNone() {
        List<Finding> out = SpaceApps.annotate(List.of(space("d-1", "quiet"), space("d-2", "shared"),
                app("d-1", "shared", "JupyterLab", "InService", null),
                app("d-1", "quiet", "CodeEditor", "Deleted", null)), Set.of("null/us-east-1"));

        assertThat(reasons(out, "quiet")).containsExactly("storage only", "no app running in it: only its storage bills");
        assertThat(reasons(out, "shared")).as("same name, other domain")
                .containsExactly("storage only", "no app running in it: only its storage bills");
    }

    @Test
    void annotate_whenTheAppsWereNotAllListed_saysNothingOfNone() {
        List<Finding> out = SpaceApps.annotate(List.of(space("d-1", "quiet")), Set.of());

        assertThat(reasons(out, "quiet")).containsExactly("storage only");
    }
}
