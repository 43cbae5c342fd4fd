package dev.sweeper.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sweeper.core.StudioSettings.Idle;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StudioSettingsTest {
    static final Idle OFF = new Idle("DISABLED", null, null, null);
    static final Idle ON = new Idle("ENABLED", 120, 60, 525_600);

    static StudioSettings domain(Idle lab, Idle code) {
        Map<String, Idle> own = Map.of("JupyterLab", lab, "CodeEditor", code);
        return new StudioSettings(StudioSettings.Scope.DOMAIN, "us-east-1", "d-1", "research", "research", "arn:d", own, own);
    }

    static StudioSettings profile(Idle own, Idle domain) {
        return new StudioSettings(StudioSettings.Scope.USER_PROFILE, "us-east-1", "d-1", "research", "bob", "arn:p",
                Map.of("JupyterLab", own, "CodeEditor", own), Map.of("JupyterLab", domain, "CodeEditor", domain));
    }

    @Test
    void enable_forADomain_changesOnlyTheAppTypesThatAreOff_keepingTheUsersMinimumAndMaximum() {
        Idle offWithBounds = new Idle("DISABLED", null, 90, 600);
        Map<String, Idle> after = domain(offWithBounds, ON).enable(120);

        assertThat(after).containsOnlyKeys("JupyterLab");
        assertThat(after.get("JupyterLab")).isEqualTo(new Idle("ENABLED", 120, 90, 600));
    }

    @Test
    void enable_whenNotConfigured_turnsItOn_forADomainNotConfiguredIsOff() {
        assertThat(domain(Idle.NOT_SET, Idle.NOT_SET).enable(60)).containsOnlyKeys("JupyterLab", "CodeEditor");
    }

    @Test
    void enable_forAProfile_followsTheDomainWhenItHasNoSettingOfItsOwn() {
        assertThat(profile(Idle.NOT_SET, ON).enable(60)).as("the domain's ENABLED holds").isEmpty();
        assertThat(profile(Idle.NOT_SET, OFF).enable(60)).containsOnlyKeys("JupyterLab", "CodeEditor");
        assertThat(profile(OFF, ON).enable(60)).as("its own DISABLED wins over the domain").hasSize(2);
        assertThat(profile(ON, OFF).enable(60)).isEmpty();
    }

    @Test
    void enable_outsideTheMinimumAndMaximumSetForUsers_isRefused() {
        assertThatThrownBy(() -> domain(new Idle("DISABLED", null, 120, 600), ON).enable(60))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("120..600");
    }

    @Test
    void describe_saysEachAppTypesSetting() {
        assertThat(StudioSettings.describe(domain(OFF, Idle.NOT_SET).ownOf(StudioSettings.APP_TYPES)))
                .isEqualTo("JupyterLab DISABLED, CodeEditor not configured");
        assertThat(ON.describe()).isEqualTo("ENABLED 120 min (users 60..525600)");
    }
}
