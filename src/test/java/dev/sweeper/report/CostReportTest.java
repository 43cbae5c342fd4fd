package dev.sweeper.report;

import dev.sweeper.core.Finding;
import dev.sweeper.core.Kind;
import dev.sweeper.core.Money;
import dev.sweeper.core.SweepResult;
import dev.sweeper.core.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CostReportTest {
    private static final SweepResult RESULT = Fixtures.result();
    private static final CostReport REPORT = CostReport.of(RESULT, Fixtures.NOW.plusSeconds(60));

    private static double sum(Predicate<Finding> which) {
        return RESULT.findings().stream()
                .filter(f -> f.verdict() != Verdict.EXEMPT)
                .filter(which)
                .map(Finding::hourlyCost)
                .filter(Objects::nonNull)
                .mapToDouble(Double::doubleValue)
                .sum();
    }

    private static long count(Predicate<Finding> which) {
        return RESULT.findings().stream().filter(which).count();
    }

    @Test
    void of_whenFindings_totalsAreRecomputedFromTheFindings() {
        CostReport.Totals t = REPORT.totals();

        assertThat(t.resources()).isEqualTo(count(f -> f.verdict() != Verdict.EXEMPT)).isEqualTo(12);
        assertThat(t.exempt()).isEqualTo(count(f -> f.verdict() == Verdict.EXEMPT)).isEqualTo(3);
        assertThat(t.idle()).isEqualTo(count(f -> f.verdict() == Verdict.IDLE)).isEqualTo(5);
        assertThat(t.active()).isEqualTo(2);
        assertThat(t.tooYoung()).isEqualTo(1);
        assertThat(t.unknown()).isEqualTo(4);
        assertThat(t.protectedIdle()).isEqualTo(1);
        assertThat(t.sweepable()).isEqualTo(count(Finding::isSweepable)).isEqualTo(4);
        assertThat(t.unpriced()).isEqualTo(1);
        assertThat(t.hourly()).isEqualTo(Money.round(sum(f -> true))).isEqualTo(5.4146);
        assertThat(t.monthly()).isCloseTo(sum(f -> true) * 730, within(0.005));
        assertThat(t.idleHourly()).isEqualTo(Money.round(sum(f -> f.verdict() == Verdict.IDLE))).isEqualTo(2.5564);
        assertThat(t.savingHourly()).isEqualTo(Money.round(sum(Finding::isSweepable)))
                .isEqualTo(RESULT.summary().idleHourlyCost());
        assertThat(t.savingMonthly()).isCloseTo(sum(Finding::isSweepable) * 730, within(0.005));
    }

    @Test
    void of_whenFindings_groupsByKindAndKindTotalsAddUp() {
        assertThat(REPORT.kinds()).extracting(CostReport.KindSection::kind)
                .containsExactly(Kind.NOTEBOOK, Kind.ENDPOINT, Kind.APP);
        for (CostReport.KindSection s : REPORT.kinds()) {
            CostReport.Totals kt = s.totals();
            assertThat(kt.hourly()).as(s.kind().id())
                    .isEqualTo(Money.round(sum(f -> f.resource().kind() == s.kind())));
            assertThat(kt.resources()).isEqualTo(s.lines().size());
            assertThat(s.lines()).allSatisfy(l -> assertThat(l.kind()).isEqualTo(s.kind()));
        }
        assertThat(REPORT.kinds().stream().mapToInt(s -> s.totals().resources()).sum())
                .isEqualTo(REPORT.totals().resources());
        assertThat(REPORT.kinds().stream().mapToInt(s -> s.totals().exempt()).sum())
                .isEqualTo(REPORT.totals().exempt());
        assertThat(REPORT.kinds().stream().mapToDouble(s -> s.totals().savingHourly()).sum())
                .isCloseTo(REPORT.totals().savingHourly(), within(0.0001));
        assertThat(REPORT.kinds().get(1).lines()).extracting(CostReport.Line::name)
                .as("costliest first, unknown prices last")
                .containsExactly("golden-prod", "recs-prod", "fraud-v2", "new-model", "flaky", "odd-one");
    }

    @Test
    void of_whenExempt_leavesThemOutOfLinesButCountsThem() {
        assertThat(REPORT.lines()).extracting(CostReport.Line::name)
                .doesNotContain("serverless-ep", "nb-stopped", "default");
        assertThat(REPORT.kinds().get(0).totals().exempt()).isEqualTo(1);
        assertThat(REPORT.totals().hourly()).as("a stopped notebook's price is not a cost").isLessThan(5.5);
    }

    @Test
    void of_whenIdle_estimatesIdleTimeFromWindowOrAge() {
        CostReport.Line endpoint = line("fraud-v2");
        CostReport.Line notebook = line("nb-dev-alice");
        CostReport.Line app = line("lab-old");

        assertThat(endpoint.idleFor()).isEqualTo(Duration.ofHours(24));
        assertThat(endpoint.idleForIsAge()).isFalse();
        assertThat(endpoint.idleForText()).isEqualTo("\u2265 24h");
        assertThat(notebook.idleForText()).isEqualTo("\u2265 24h");
        assertThat(app.idleFor()).isEqualTo(Duration.ofDays(3).plusHours(2));
        assertThat(app.idleForIsAge()).isTrue();
        assertThat(app.idleForText()).isEqualTo("3d2h (age)");
        assertThat(line("recs-prod").idleFor()).isNull();
        assertThat(line("recs-prod").idleForText()).isEmpty();
    }

    @Test
    void of_whenMlflowServerIdleByTheAgeRule_idleForIsItsTimeSinceItsLastStart() {
        java.time.Instant started = Fixtures.NOW.minus(Duration.ofHours(30));
        dev.sweeper.core.Resource server = new dev.sweeper.core.Resource("tracking",
                Fixtures.REGION, Fixtures.arn("mlflow-tracking-server", "tracking"), "Started", "Small", 1,
                Fixtures.NOW.minus(Duration.ofDays(60)), started, new dev.sweeper.core.Resource.MlflowShape(), dev.sweeper.core.Resource.accountOf(Fixtures.arn("mlflow-tracking-server", "tracking")));
        dev.sweeper.core.Finding f = Fixtures.finding(server, dev.sweeper.core.Verdict.IDLE,
                dev.sweeper.core.Evidence.notGathered(), dev.sweeper.core.Protection.NONE, null, null, "age rule");

        CostReport.Line l = CostReport.of(Fixtures.result(java.util.List.of(f)), Fixtures.NOW).lines().get(0);

        assertThat(l.idleForText()).isEqualTo("30h (age)");
    }

    @Test
    void of_whenLine_monthlyIsHourlyTimes730ToTheCent() {
        assertThat(line("fraud-v2").monthlyCost()).isEqualTo(335.80);
        assertThat(line("nb-dev-alice").monthlyCost()).isEqualTo(33.87);
        assertThat(line("odd-one").hourlyCost()).isNull();
        assertThat(line("odd-one").monthlyCost()).isNull();
        assertThat(line("golden-prod").sweepable()).isFalse();
        assertThat(line("fraud-v2").sweepable()).isTrue();
    }

    @Test
    void of_whenPricesUnknown_listsThemByInstanceType() {
        assertThat(REPORT.unpriced()).containsExactly(new CostReport.UnpricedType("ml.weird.xlarge", 1));
    }

    @Test
    void of_whenStudioIdleShutdownOff_listsDistinctPlaces() {
        assertThat(REPORT.studioIdleShutdownOff()).containsExactly(
                new CostReport.StudioPlace("d-111", "user alice", 1, 0.7364),
                new CostReport.StudioPlace("d-111", "space shared", 1, 0.05));
        assertThat(REPORT.studioIdleShutdownOff().get(1).label()).isEqualTo("domain d-111, space shared");
    }

    @Test
    void of_whenAppsTheSettingDoesNotGovernRun_neverBlamesStudioIdleShutdownForThem() {
        // The adapter reports idle shutdown "off" for every running app its setting does not cover: Canvas and
        // KernelGateway apps have no built-in idle shutdown, whatever the domain says (apps idle-shutdown agrees).
        java.util.function.BiFunction<String, String, Finding> app = (name, type) -> Fixtures.finding(
                new dev.sweeper.core.Resource(name, Fixtures.REGION, Fixtures.arn("app", "d-222/" + name),
                        "InService", "ml.t3.medium", 1, Fixtures.NOW.minus(Duration.ofDays(3)),
                        Fixtures.NOW.minus(Duration.ofDays(3)),
                        new dev.sweeper.core.Resource.AppShape("d-222", type, "bob", null, false, "domain research", null), dev.sweeper.core.Resource.accountOf(Fixtures.arn("app", "d-222/" + name))),
                Verdict.UNKNOWN, dev.sweeper.core.Evidence.notGathered(), dev.sweeper.core.Protection.NONE, 0.05, null,
                "no signal");
        CostReport report = CostReport.of(Fixtures.result(List.of(app.apply("canvas", "Canvas"),
                app.apply("kg", "KernelGateway"), app.apply("lab", "JupyterLab"))), Fixtures.NOW);

        assertThat(report.studioIdleShutdownOff()).containsExactly(new CostReport.StudioPlace("d-222", "user bob", 1, 0.05));
    }

    @Test
    void of_whenNoFindings_isEmptyWithZeroTotals() {
        CostReport empty = CostReport.of(Fixtures.result(List.of()), Fixtures.NOW);

        assertThat(empty.kinds()).isEmpty();
        assertThat(empty.totals().resources()).isZero();
        assertThat(empty.totals().hourly()).isZero();
        assertThat(empty.idleLines()).isEmpty();
    }

    @Test
    void idleLines_whenReport_sortsIdleByHourlyCostDescending() {
        assertThat(REPORT.idleLines()).extracting(CostReport.Line::name)
                .containsExactly("golden-prod", "fraud-v2", "lab-old", "nb-dev-alice", "odd-one");
    }

    private static CostReport.Line line(String name) {
        return REPORT.lines().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
    }
}
