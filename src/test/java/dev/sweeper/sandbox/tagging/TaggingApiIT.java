package dev.sweeper.sandbox.tagging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sweeper.sandbox.SandboxOptions;
import dev.sweeper.sandbox.SandboxServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.GetResourcesResponse;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.InvalidParameterException;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.PaginationTokenExpiredException;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.ResourceTagMapping;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.Tag;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.EndpointSummary;

/** The sandbox's GetResources, driven by the real SDK over HTTP, on config/sample-fleet.yaml. */
class TaggingApiIT {
    private static SandboxServer server;
    private static ResourceGroupsTaggingApiClient tagging;
    private static SageMakerClient sageMaker;

    @BeforeAll
    static void start() {
        server = SandboxServer.start(SandboxOptions.defaults().withFleetFile(Path.of("config/sample-fleet.yaml")));
        var creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSANDBOX", "sandbox-secret"));
        var http = ApacheHttpClient.builder().build();
        tagging = ResourceGroupsTaggingApiClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(creds).httpClient(http)
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD)).build();
        sageMaker = SageMakerClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(creds).httpClient(http).build();
    }

    @AfterAll
    static void stop() {
        tagging.close();
        sageMaker.close();
        server.close();
    }

    static List<String> endpointArns() {
        return sageMaker.listEndpointsPaginator(b -> b.maxResults(100)).endpoints().stream()
                .map(EndpointSummary::endpointArn).toList();
    }

    static Map<String, Map<String, String>> byArn(List<ResourceTagMapping> mappings) {
        return mappings.stream().collect(Collectors.toMap(ResourceTagMapping::resourceARN,
                m -> m.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value))));
    }

    @Test
    void getResources_whenArnList_returnsTheTaggedOnesWithTheirTagsAndLeavesOutTheRest() {
        List<String> arns = new ArrayList<>(endpointArns());
        String missing = "arn:aws:sagemaker:us-east-1:123456789012:endpoint/no-such-endpoint";
        arns.add(missing);

        GetResourcesResponse r = tagging.getResources(b -> b.resourceARNList(arns));

        Map<String, Map<String, String>> got = byArn(r.resourceTagMappingList());
        String ranker = arns.stream().filter(a -> a.endsWith("endpoint/search-ranker")).findFirst().orElseThrow();
        assertThat(got.get(ranker)).containsEntry("sweeper:protect", "true").containsEntry("team", "search");
        assertThat(got).doesNotContainKey(missing);
        assertThat(got.values()).as("a resource without tags is not returned").allSatisfy(t -> assertThat(t).isNotEmpty());
        for (String arn : arns) {
            if (!got.containsKey(arn) && !arn.equals(missing)) {
                assertThat(sageMaker.listTags(b -> b.resourceArn(arn)).tags()).as(arn).isEmpty();
            }
        }
        assertThat(r.paginationToken()).isEmpty();
    }

    @Test
    void getResources_whenMoreThanOneHundredArns_isInvalidParameter() {
        List<String> arns = IntStream.range(0, 101)
                .mapToObj(i -> "arn:aws:sagemaker:us-east-1:123456789012:endpoint/e" + i).toList();

        assertThatThrownBy(() -> tagging.getResources(b -> b.resourceARNList(arns)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("100");
    }

    @Test
    void getResources_whenArnListWithFiltersOrPagination_isInvalidParameter() {
        List<String> arns = endpointArns().subList(0, 2);

        assertThatThrownBy(() -> tagging.getResources(b -> b.resourceARNList(arns).tagFilters(f -> f.key("team"))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("TagFilters");
        assertThatThrownBy(() -> tagging.getResources(b -> b.resourceARNList(arns).resourceTypeFilters("sagemaker")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("ResourceTypeFilters");
        assertThatThrownBy(() -> tagging.getResources(b -> b.resourceARNList(arns).resourcesPerPage(1)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("ResourcesPerPage");
    }

    @Test
    void getResourcesPaginator_whenOnePerPage_returnsEveryTaggedResourceOnceAsOnePageDoes() {
        List<String> paged = tagging.getResourcesPaginator(b -> b.resourcesPerPage(1)).resourceTagMappingList()
                .stream().map(ResourceTagMapping::resourceARN).toList();
        List<String> whole = tagging.getResources(b -> b.resourcesPerPage(100)).resourceTagMappingList().stream()
                .map(ResourceTagMapping::resourceARN).toList();

        assertThat(paged).hasSizeGreaterThan(5).doesNotHaveDuplicates().containsExactlyElementsOf(whole);
        assertThat(paged).allSatisfy(a -> assertThat(a).contains(":us-east-1:"));
    }

    @Test
    void getResources_whenTypeAndTagFilters_returnsOnlyMatches() {
        GetResourcesResponse r = tagging.getResources(b -> b.resourceTypeFilters("sagemaker:endpoint")
                .tagFilters(f -> f.key("sweeper:protect").values("true")));

        assertThat(byArn(r.resourceTagMappingList())).isNotEmpty().allSatisfy((arn, tags) -> {
            assertThat(arn).contains(":endpoint/");
            assertThat(tags).containsEntry("sweeper:protect", "true");
        });
    }

    @Test
    void getResources_whenTokenIsForgedOrOutOfRange_isInvalid() {
        assertThatThrownBy(() -> tagging.getResources(b -> b.paginationToken("bm90LWEtdG9rZW4=")))
                .isInstanceOf(PaginationTokenExpiredException.class);
        assertThatThrownBy(() -> tagging.getResources(b -> b.resourcesPerPage(101)))
                .isInstanceOf(InvalidParameterException.class);
    }
}
