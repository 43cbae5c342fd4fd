package dev.sweeper.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract checker itself: it must catch what the sandbox could get wrong. */
class ServiceModelsTest {
    private static ServiceModels models;

    @BeforeAll
    static void botocore() {
        Optional<ServiceModels> found = ServiceModels.find();
        assumeThat(found).as("botocore's service models on this machine").isPresent();
        models = found.get();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void checkOutput_whenJsonMatchesTheModel_findsNothing() {
        String body = "{\"Endpoints\":[{\"EndpointName\":\"e\",\"EndpointArn\":\"arn:aws:sagemaker:us-east-1:123456789012:endpoint/e\","
                + "\"CreationTime\":1.7E9,\"LastModifiedTime\":1.7E9,\"EndpointStatus\":\"InService\"}]}";

        assertThat(models.checkOutput("SageMaker", "ListEndpoints", "application/x-amz-json-1.1", bytes(body))).isEmpty();
    }

    @Test
    void checkOutput_whenEnumValueIsUnknown_saysWhich() {
        String body = "{\"Endpoints\":[{\"EndpointName\":\"e\",\"EndpointArn\":\"arn:aws:sagemaker:us-east-1:123456789012:endpoint/e\","
                + "\"CreationTime\":1.7E9,\"LastModifiedTime\":1.7E9,\"EndpointStatus\":\"Sleeping\"}]}";

        assertThat(models.checkOutput("SageMaker", "ListEndpoints", "application/x-amz-json-1.1", bytes(body)))
                .singleElement().asString().contains("'Sleeping' is not a value of enum EndpointStatus");
    }

    @Test
    void checkOutput_whenMemberIsUnknownOrRequiredMissing_saysBoth() {
        String body = "{\"Endpoints\":[{\"EndpointName\":\"e\",\"CreationTime\":1.7E9,\"LastModifiedTime\":1.7E9,"
                + "\"EndpointStatus\":\"InService\",\"InstanceCount\":2}]}";

        assertThat(models.checkOutput("SageMaker", "ListEndpoints", "application/x-amz-json-1.1", bytes(body)))
                .anyMatch(p -> p.contains("InstanceCount: not a member of EndpointSummary"))
                .anyMatch(p -> p.contains("required member EndpointArn"));
    }

    @Test
    void checkOutput_whenTimestampIsText_inJsonSaysSo() {
        String body = "{\"Endpoints\":[],\"NextToken\":\"x\"}";
        String bad = "{\"EndpointName\":\"e\",\"EndpointArn\":\"a\",\"EndpointConfigName\":\"c\",\"EndpointStatus\":\"InService\","
                + "\"CreationTime\":\"2026-01-01T00:00:00Z\",\"LastModifiedTime\":1.7E9}";

        assertThat(models.checkOutput("SageMaker", "ListEndpoints", "application/x-amz-json-1.1", bytes(body))).isEmpty();
        assertThat(models.checkOutput("SageMaker", "DescribeEndpoint", "application/x-amz-json-1.1", bytes(bad)))
                .anyMatch(p -> p.contains("CreationTime: timestamp"));
    }

    @Test
    void checkOutput_whenQueryXmlHasAnUnknownElement_saysSo() {
        String ok = "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
                + "<MessageId>m-1</MessageId></PublishResult><ResponseMetadata><RequestId>r</RequestId>"
                + "</ResponseMetadata></PublishResponse>";
        String bad = ok.replace("<MessageId>m-1</MessageId>", "<MessageId>m-1</MessageId><Id>x</Id>");

        assertThat(models.checkOutput("SNS", "Publish", "text/xml", bytes(ok))).isEmpty();
        assertThat(models.checkOutput("SNS", "Publish", "text/xml", bytes(bad)))
                .singleElement().asString().contains("Id: not a member of PublishResponse");
    }

    @Test
    void checkError_whenCodeIsInvented_saysSo() {
        assertThat(models.checkError("SageMaker", "DescribeEndpoint", 400, "application/x-amz-json-1.1",
                bytes("{\"__type\":\"ValidationException\",\"message\":\"Could not find endpoint\"}"))).isEmpty();
        assertThat(models.checkError("SageMaker", "DescribeEndpoint", 400, "application/x-amz-json-1.1",
                bytes("{\"__type\":\"EndpointNotFound\",\"message\":\"no\"}")))
                .singleElement().asString().contains("'EndpointNotFound'");
    }
}
