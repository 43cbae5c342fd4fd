package dev.sweeper.sandbox.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.sweeper.sandbox.cloudwatch.CloudWatchApi;
import dev.sweeper.sandbox.protocol.AwsError;
import dev.sweeper.sandbox.protocol.Cbor;
import dev.sweeper.sandbox.protocol.Protocol;
import dev.sweeper.sandbox.protocol.QueryCodec;
import dev.sweeper.sandbox.sns.SnsApi;
import dev.sweeper.sandbox.sts.StsApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Errors on the wire, in the shape of the call's protocol and service. */
public final class Responses {
    private final ObjectMapper json;

    public Responses(ObjectMapper json) {
        this.json = json;
    }

    public void sendError(HttpExchange ex, Call call, AwsError e) throws IOException {
        String requestId = UUID.randomUUID().toString();
        switch (call.protocol()) {
            case JSON11, JSON10 -> {
                ObjectNode body = json.createObjectNode().put("__type", e.code()).put("message", e.getMessage());
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("x-amzn-ErrorType", e.code());
                if (call.protocol() == Protocol.JSON10) {
                    headers.put("x-amzn-query-error", e.code() + ";" + (e.senderFault() ? "Sender" : "Receiver"));
                }
                Exchanges.send(ex, e.status(), call.protocol() == Protocol.JSON11 ? "application/x-amz-json-1.1" : "application/x-amz-json-1.0",
                        json.writeValueAsBytes(body), headers);
            }
            case CBOR -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("__type", "com.amazonaws.cloudwatch#" + e.code());
                body.put("message", e.getMessage());
                Exchanges.send(ex, e.status(), "application/cbor", Cbor.encode(body), Map.of("smithy-protocol", "rpc-v2-cbor",
                        "x-amzn-query-error", e.code() + ";" + (e.senderFault() ? "Sender" : "Receiver")));
            }
            case QUERY -> Exchanges.send(ex, e.status(), "text/xml",
                    QueryCodec.error(e, queryNamespace(call.service()), requestId).getBytes(StandardCharsets.UTF_8), null);
            default -> throw new IllegalStateException();
        }
    }

    /** The XML namespace of a Query service's answers. */
    public static String queryNamespace(String service) {
        return switch (service) {
            case "SNS" -> SnsApi.NS;
            case "STS" -> StsApi.NS;
            default -> CloudWatchApi.NS;
        };
    }
}
