package dev.sweeper.sandbox.protocol;

/** The AWS wire protocols the sandbox speaks. */
public enum Protocol {
    /** {@code application/x-amz-json-1.1}: SageMaker, CloudWatch Logs, the tagging API. */
    JSON11,
    /** {@code application/x-amz-json-1.0}: CloudWatch, as newer SDKs may call it. */
    JSON10,
    /** Smithy RPC v2 CBOR: CloudWatch, as the AWS CLI calls it. */
    CBOR,
    /** The form-encoded Query protocol with XML answers: CloudWatch (SDK for Java), SNS, STS. */
    QUERY
}
