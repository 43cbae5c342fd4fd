package dev.sweeper.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sweeper.testing.Sandbox;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.AccessDeniedException;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.AccountState;
import software.amazon.awssdk.services.organizations.model.InvalidInputException;
import software.amazon.awssdk.services.organizations.model.ListAccountsResponse;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The sandbox's CloudWatch Logs writes (CreateLogStream, PutLogEvents with AWS's batch rules, FilterLogEvents) and
 * its Organizations listings (paging, MaxResults bounds, the management account only), through the real SDK.
 */
class SandboxAuditAndOrganizationsIT {
    static final AwsCredentialsProvider CREDS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIDSANDBOX", "sandbox-secret"));

    @RegisterExtension
    final Sandbox sandbox = Sandbox.perTest(dev.sweeper.sandbox.SandboxOptions.defaults()
            .withFleetFile(Path.of("config/multi-account-fleet.yaml")));

    CloudWatchLogsClient logs() {
        return CloudWatchLogsClient.builder().endpointOverride(URI.create(sandbox.url())).region(Region.US_EAST_1)
                .credentialsProvider(CREDS).build();
    }

    OrganizationsClient organizations(AwsCredentialsProvider creds) {
        return OrganizationsClient.builder().endpointOverride(URI.create(sandbox.url())).region(Region.US_EAST_1)
                .credentialsProvider(creds).build();
    }

    static InputLogEvent event(Instant at, String message) {
        return InputLogEvent.builder().timestamp(at.toEpochMilli()).message(message).build();
    }

    @Test
    void putLogEvents_followsAwsBatchRules_andFilterLogEventsReadsThemBack() {
        Instant now = Instant.now();
        try (CloudWatchLogsClient logs = logs()) {
            assertThatThrownBy(() -> logs.createLogStream(b -> b.logGroupName("audit").logStreamName("run-1")))
                    .isInstanceOf(ResourceNotFoundException.class);
            logs.createLogGroup(b -> b.logGroupName("audit"));
            logs.createLogStream(b -> b.logGroupName("audit").logStreamName("run-1"));
            assertThatThrownBy(() -> logs.createLogStream(b -> b.logGroupName("audit").logStreamName("run-1")))
                    .isInstanceOf(ResourceAlreadyExistsException.class);
            assertThatThrownBy(() -> logs.createLogStream(b -> b.logGroupName("audit").logStreamName("a:b")))
                    .isInstanceOf(InvalidParameterException.class);

            // Out of order, more than 24 hours, too many, too large: refused whole.
            assertThatThrownBy(() -> logs.putLogEvents(b -> b.logGroupName("audit").logStreamName("run-1")
                    .logEvents(event(now, "b"), event(now.minusSeconds(1), "a"))))
                    .isInstanceOf(InvalidParameterException.class).hasMessageContaining("chronological");
            assertThatThrownBy(() -> logs.putLogEvents(b -> b.logGroupName("audit").logStreamName("run-1")
                    .logEvents(event(now.minus(Duration.ofHours(25)), "a"), event(now, "b"))))
                    .isInstanceOf(InvalidParameterException.class).hasMessageContaining("24 hours");
            List<InputLogEvent> tooMany = IntStream.range(0, 10_001).mapToObj(i -> event(now, "e" + i)).toList();
            assertThatThrownBy(() -> logs.putLogEvents(b -> b.logGroupName("audit").logStreamName("run-1")
                    .logEvents(tooMany))).isInstanceOf(InvalidParameterException.class);
            // 1,048,576 bytes counts 26 per event: one message of exactly 1,048,550 bytes fits, one more byte does not.
            logs.putLogEvents(b -> b.logGroupName("audit").logStreamName("run-1")
                    .logEvents(event(now.minusSeconds(5), "x".repeat(1_048_550))));
            assertThatThrownBy(() -> logs.putLogEvents(b -> b.logGroupName("audit").logStreamName("run-1")
                    .logEvents(event(now, "x".repeat(1_048_551)))))
                    .isInstanceOf(InvalidParameterException.class).hasMessageContaining("1048576");
            assertThatThrownBy(() -> logs.putLogEvents(b -> b.logGroupName("audit").logStreamName("nope")
                    .logEvents(event(now, "a")))).isInstanceOf(ResourceNotFoundException.class);

            // Too old and too new events are dropped, named, and the rest kept.
            PutLogEventsResponse old = logs.putLogEvents(b -> b.logGroupName("audit").logStreamName("run-1")
                    .logEvents(event(now.minus(Duration.ofDays(14)).minus(Duration.ofHours(1)), "old"),
                            event(now.minus(Duration.ofDays(14)).plus(Duration.ofHours(1)), "kept-old")));
            assertThat(old.rejectedLogEventsInfo().tooOldLogEventEndIndex()).isEqualTo(1);
            PutLogEventsResponse ahead = logs.putLogEvents(b -> b.logGroupName("audit").logStreamName("run-1")
                    .logEvents(event(now, "kept"), event(now.plus(Duration.ofHours(3)), "ahead")));
            assertThat(ahead.rejectedLogEventsInfo().tooNewLogEventStartIndex()).isEqualTo(1);
            assertThat(ahead.rejectedLogEventsInfo().tooOldLogEventEndIndex()).isNull();
            PutLogEventsResponse fine = logs.putLogEvents(b -> b.logGroupName("audit").logStreamName("run-1")
                    .logEvents(event(now, "kept-2")));
            assertThat(fine.rejectedLogEventsInfo()).isNull();

            logs.createLogStream(b -> b.logGroupName("audit").logStreamName("run-2"));
            logs.putLogEvents(b -> b.logGroupName("audit").logStreamName("run-2")
                    .logEvents(event(now.minusSeconds(2), "second-run")));
            List<FilteredLogEvent> all = new ArrayList<>();
            logs.filterLogEventsPaginator(b -> b.logGroupName("audit").limit(1)).events().forEach(all::add);
            assertThat(all).extracting(e -> e.message().length() > 20 ? "big" : e.message())
                    .containsExactly("kept-old", "big", "second-run", "kept", "kept-2");
            assertThat(all).extracting(FilteredLogEvent::logStreamName)
                    .containsExactly("run-1", "run-1", "run-2", "run-1", "run-1");
            assertThat(logs.filterLogEvents(b -> b.logGroupName("audit").startTime(now.minusSeconds(3).toEpochMilli())
                    .filterPattern("second")).events()).extracting(FilteredLogEvent::message)
                    .containsExactly("second-run");
        }
    }

    @Test
    void organizations_listsEveryAccountInPages_withItsState_forTheManagementAccountOnly() {
        try (OrganizationsClient org = organizations(CREDS)) {
            List<ListAccountsResponse> pages = new ArrayList<>();
            org.listAccountsPaginator(b -> b.maxResults(20)).forEach(pages::add);
            assertThat(pages).as("fewer than MaxResults a page, as AWS may answer").hasSize(2);
            List<Account> accounts = pages.stream().flatMap(p -> p.accounts().stream()).toList();
            assertThat(accounts).extracting(Account::id).containsExactly("123456789012", "111122223333",
                    "444455556666", "777788889999", "222233334444");
            assertThat(accounts).filteredOn(a -> a.state() == AccountState.SUSPENDED).extracting(Account::id)
                    .containsExactly("222233334444");
            assertThat(accounts.get(1).arn()).isEqualTo(
                    "arn:aws:organizations::123456789012:account/o-sweeperorg01/111122223333");
            assertThat(org.listAccounts(b -> b.maxResults(2)).accounts()).hasSize(2);
            assertThatThrownBy(() -> org.listAccounts(b -> b.maxResults(21)))
                    .isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> org.listAccounts(b -> b.nextToken("bm9wZQ==")))
                    .isInstanceOf(InvalidInputException.class);
            String root = org.listRoots().roots().get(0).id();
            assertThat(root).matches("r-[0-9a-z]{4,32}");
            assertThat(org.listAccountsForParent(b -> b.parentId(root)).accounts()).extracting(Account::id)
                    .containsExactly("123456789012");
            assertThat(org.listOrganizationalUnitsForParent(b -> b.parentId(root)).organizationalUnits())
                    .extracting(u -> u.name()).containsExactly("Workloads", "Sandbox");
            assertThatThrownBy(() -> org.listAccountsForParent(b -> b.parentId("ou-abcd-12345678")))
                    .isInstanceOf(software.amazon.awssdk.services.organizations.model.ParentNotFoundException.class);
        }
        try (StsClient sts = StsClient.builder().endpointOverride(URI.create(sandbox.url())).region(Region.US_EAST_1)
                .credentialsProvider(CREDS).build();
             StsAssumeRoleCredentialsProvider member = StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
                     .refreshRequest(b -> b.roleArn("arn:aws:iam::111122223333:role/SweeperRole")
                             .roleSessionName("member-test")).build();
             OrganizationsClient org = organizations(member)) {
            assertThatThrownBy(org::listAccounts).isInstanceOf(AccessDeniedException.class);
        }
    }
}
