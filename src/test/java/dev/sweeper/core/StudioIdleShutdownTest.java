package dev.sweeper.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sweeper.core.StudioIdleShutdown.Decision;
import dev.sweeper.core.StudioIdleShutdown.Level;
import org.junit.jupiter.api.Test;

class StudioIdleShutdownTest {
    static final Level DOMAIN_ON = Level.of("research", true, 60);
    static final Level DOMAIN_OFF = Level.of("research", false, null);
    static final Level DOMAIN_UNSET = Level.of("research", null, null);

    @Test
    void decide_whenOnlyTheDomainSaysSo_followsTheDomain() {
        assertThat(StudioIdleShutdown.decide("JupyterLab", DOMAIN_ON, null, null))
                .isEqualTo(new Decision(true, "domain research"));
        assertThat(StudioIdleShutdown.decide("JupyterLab", DOMAIN_OFF, null, null))
                .isEqualTo(new Decision(false, "domain research"));
    }

    @Test
    void decide_whenNothingIsConfigured_isOff() {
        assertThat(StudioIdleShutdown.decide("CodeEditor", DOMAIN_UNSET, Level.of("alice", null, null), null))
                .isEqualTo(new Decision(false, "domain research"));
    }

    @Test
    void decide_whenTheProfileSetsIt_overridesTheDomainEitherWay() {
        assertThat(StudioIdleShutdown.decide("JupyterLab", DOMAIN_ON, Level.of("bob", false, null), null))
                .isEqualTo(new Decision(false, "user profile bob"));
        assertThat(StudioIdleShutdown.decide("JupyterLab", DOMAIN_OFF, Level.of("bob", true, 90), null))
                .isEqualTo(new Decision(true, "user profile bob"));
    }

    @Test
    void decide_whenOnlyTheSpaceHasATimeout_isOff_aSpaceCannotActivateIt() {
        Decision d = StudioIdleShutdown.decide("JupyterLab", DOMAIN_OFF, null, Level.of("shared", null, 120));

        assertThat(d).isEqualTo(new Decision(false, "domain research"));
    }

    @Test
    void decide_whenOnAndTheSpaceSetsItsOwnTimeout_saysSo() {
        Decision d = StudioIdleShutdown.decide("JupyterLab", DOMAIN_ON, Level.of("alice", null, null),
                Level.of("alice-lab", null, 120));

        assertThat(d).isEqualTo(new Decision(true, "domain research, space alice-lab after 120 min"));
    }

    @Test
    void decide_forAnAppTypeWithoutIdleShutdown_isOffAndSaysWhy() {
        assertThat(StudioIdleShutdown.decide("KernelGateway", DOMAIN_ON, null, null))
                .isEqualTo(new Decision(false, "KernelGateway apps have no built-in idle shutdown"));
        assertThat(StudioIdleShutdown.appliesTo("Canvas")).isFalse();
    }
}
