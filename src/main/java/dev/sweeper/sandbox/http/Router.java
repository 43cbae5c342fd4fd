package dev.sweeper.sandbox.http;

import com.sun.net.httpserver.HttpExchange;
import dev.sweeper.sandbox.cloudwatch.CloudWatchApi;
import dev.sweeper.sandbox.logs.LogsApi;
import dev.sweeper.sandbox.organizations.OrganizationsApi;
import dev.sweeper.sandbox.pricing.PricingApi;
import dev.sweeper.sandbox.protocol.AwsError;
import dev.sweeper.sandbox.protocol.Params;
import dev.sweeper.sandbox.protocol.Protocol;
import dev.sweeper.sandbox.protocol.QueryCodec;
import dev.sweeper.sandbox.sns.SnsApi;
import dev.sweeper.sandbox.sts.StsApi;
import dev.sweeper.sandbox.tagging.TaggingApi;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Which service, operation and protocol a request is for: the JSON protocols by their
 * {@code X-Amz-Target}, RPC v2 CBOR by its path, and Query by its {@code Action} and the service the
 * request was signed for.
 */
public final class Router {
    private Router() {
    }

    /**
     * A routed request: its call, the Query form when the protocol is Query, and the error to answer
     * instead when the request names no operation.
     */
    public record Route(Call call, Map<String, Object> form, AwsError error) {
    }

    public static Route route(HttpExchange ex, String path, byte[] body) {
        String region = SigV4.region(ex);
        String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
        if (target != null && target.startsWith("SageMaker.")) {
            return json("SageMaker", target.substring("SageMaker.".length()), Protocol.JSON11, region);
        } else if (target != null && target.startsWith(LogsApi.TARGET_PREFIX)) {
            return json("Logs", target.substring(LogsApi.TARGET_PREFIX.length()), Protocol.JSON11, region);
        } else if (target != null && target.startsWith(OrganizationsApi.TARGET_PREFIX)) {
            return json("Organizations", target.substring(OrganizationsApi.TARGET_PREFIX.length()), Protocol.JSON11,
                    region);
        } else if (target != null && target.startsWith(PricingApi.TARGET_PREFIX)) {
            return json("Pricing", target.substring(PricingApi.TARGET_PREFIX.length()), Protocol.JSON11, region);
        } else if (target != null && target.startsWith(TaggingApi.TARGET + ".")) {
            return json("Tagging", target.substring(TaggingApi.TARGET.length() + 1), Protocol.JSON11, region);
        } else if (target != null && target.startsWith(CloudWatchApi.TARGET + ".")) {
            return json("CloudWatch", target.substring(CloudWatchApi.TARGET.length() + 1), Protocol.JSON10, region);
        } else if (path.startsWith("/service/" + CloudWatchApi.TARGET + "/operation/")) {
            return json("CloudWatch", path.substring(path.lastIndexOf('/') + 1), Protocol.CBOR, region);
        }
        Map<String, Object> form = QueryCodec.parseForm(new String(body, StandardCharsets.UTF_8));
        String action = Params.str(form, "Action");
        if (action == null) {
            return new Route(new Call("Unknown", "Unknown", Protocol.QUERY, region), form,
                    new AwsError("MissingAction", 400, "Missing Action"));
        }
        String signing = SigV4.signingService(ex);
        String service;
        if ("monitoring".equals(signing)) {
            service = "CloudWatch";
        } else if ("sns".equals(signing)) {
            service = "SNS";
        } else if ("sts".equals(signing)) {
            service = "STS";
        } else {
            service = SnsApi.known(action) ? "SNS" : StsApi.known(action) ? "STS" : "CloudWatch";
        }
        return new Route(new Call(service, action, Protocol.QUERY, region), form, null);
    }

    private static Route json(String service, String operation, Protocol protocol, String region) {
        return new Route(new Call(service, operation, protocol, region), null, null);
    }
}
