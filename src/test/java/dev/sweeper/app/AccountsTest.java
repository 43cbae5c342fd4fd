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
    void organization_keepsActiveAccounts_notTheExcluded_andSweepsTheCallersOwnWithItsOwnCredentials() {
        when(gateways.organizationAccounts("us-east-1", List.of())).thenReturn(List.of(
                new dev.sweeper.core.OrgAccount("999999999999", "management", "ACTIVE"),
                new dev.sweeper.core.OrgAccount("111111111111", "a", "ACTIVE"),
                new dev.sweeper.core.OrgAccount("222222222222", "b", "SUSPENDED"),
                new dev.sweeper.core.OrgAccount("333333333333", "c", "ACTIVE"),
                new dev.sweeper.core.OrgAccount("444444444444", "d", "PENDING_CLOSURE")));
        when(gateways.callerAccount("us-east-1")).thenReturn("999999999999");
        Gateways assumed = mock(Gateways.class);
        when(gateways.assumeRole(eq(ROLE_A), eq("ext"), any(), eq("us-east-1"))).thenReturn(assumed);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        List<AccountScope> scopes;
        try {
            scopes = accounts.organization(new Accounts.OrgRequest("sweeper", java.util.Set.of("333333333333"),
                    List.of(), "ext"), pool);
        } finally {
            pool.shutdownNow();
        }

        assertThat(scopes).extracting(AccountScope::accountId).containsExactly("999999999999", "111111111111");
        assertThat(scopes.get(0).gateways()).isSameAs(gateways);
        assertThat(scopes.get(1).gateways()).isSameAs(assumed);
        org.mockito.Mockito.verify(gateways, org.mockito.Mockito.times(1)).assumeRole(any(), any(), any(), any());
    }

    @Test
    void organization_whenTheListingIsDenied_isTheRunsOneFailure() {
        when(gateways.organizationAccounts("us-east-1", List.of("ou-ab12-cd34ef56"))).thenThrow(
                new AwsCallException("ListAccountsForParent", "AccessDeniedException", "not the management account",
                        false, null));

        List<AccountScope> scopes = accounts.organization(new Accounts.OrgRequest("sweeper", java.util.Set.of(),
                List.of("ou-ab12-cd34ef56"), null), null);

        assertThat(scopes).singleElement().satisfies(s -> {
            assertThat(s.accountId()).isNull();
            assertThat(s.failure()).startsWith("could not list the Organization's accounts")
                    .contains("AccessDeniedException");
        });
    }

    @Test
    void orgAccount_isActiveOnlyWhenItsStateSaysSo() {
        assertThat(new dev.sweeper.core.OrgAccount("1", "n", "ACTIVE").active()).isTrue();
        assertThat(new dev.sweeper.core.OrgAccount("1", "n", "SUSPENDED").active()).isFalse();
        assertThat(new dev.sweeper.core.OrgAccount("1", "n", null).active()).isFalse();
    }

    @Test
    void sessionName_isWithinStsLimits() {
        assertThat(accounts.sessionName("Jane Doe/ops")).isEqualTo("sweeper-JaneDoeops-20261130T120000");
        assertThat(accounts.sessionName("x".repeat(80))).hasSize(64);
    }
}
