package dev.sweeper.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.sweeper.core.AccountGateways;
import dev.sweeper.core.AwsCallException;
import dev.sweeper.core.Gateways;
import dev.sweeper.core.Log;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountsTest {
    static final String ROLE_A = "arn:aws:iam::111111111111:role/sweeper";
    static final String ROLE_B = "arn:aws:iam::222222222222:role/sweeper";

    final AccountGateways gateways = mock(AccountGateways.class);
    final List<String> warnings = new ArrayList<>();
    final Log log = new Log() {
        @Override
        public void warn(String message) {
            warnings.add(message);
        }

        @Override
        public void info(String message) {
        }

        @Override
        public void debug(String message) {
        }
    };
    final Accounts accounts = new Accounts(gateways, "us-east-1",
            Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC), log);

    @Test
    void checkExpected_whenOtherAccountAndDryRun_warnsOnly() {
        when(gateways.callerAccount("us-east-1")).thenReturn("333333333333");

        accounts.checkExpected("444444444444", false);

        assertThat(warnings).singleElement().asString()
                .contains("belong to account 333333333333, not 444444444444");
    }

    @Test
    void checkExpected_whenAccountCannotBeConfirmedAndApplying_refuses() {
        when(gateways.callerAccount("us-east-1")).thenThrow(
                new AwsCallException("GetCallerIdentity", "AccessDenied", "denied", false, null));

        assertThatThrownBy(() -> accounts.checkExpected("444444444444", true))
                .isInstanceOf(RefusedException.class).hasMessageContaining("cannot confirm the account");
    }

    @Test
    void assume_whenOneRoleIsRefused_reportsThatAccountAndKeepsTheOther() {
        Gateways assumed = mock(Gateways.class);
        when(gateways.assumeRole(eq(ROLE_A), any(), any(), eq("us-east-1"))).thenReturn(assumed);
        when(gateways.assumeRole(eq(ROLE_B), any(), any(), eq("us-east-1"))).thenThrow(
                new AwsCallException("AssumeRole", "AccessDenied", "not trusted", false, null));

        List<AccountScope> scopes = accounts.assume(List.of(ROLE_A, ROLE_B), null);

        assertThat(scopes).extracting(AccountScope::accountId).containsExactly("111111111111", "222222222222");
        assertThat(scopes.get(0).gateways()).isSameAs(assumed);
        assertThat(scopes.get(1).failure()).startsWith("could not assume " + ROLE_B);
    }

    @Test
    void sessionName_isWithinStsLimits() {
        assertThat(accounts.sessionName("Jane Doe/ops")).isEqualTo("sweeper-JaneDoeops-20261130T120000");
        assertThat(accounts.sessionName("x".repeat(80))).hasSize(64);
    }
}
