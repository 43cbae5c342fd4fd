package dev.sweeper.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * DescribeCluster's {@code InstanceGroups[].InstanceTypeDetails}, which the SDK this build uses (2.40.2) predates:
 * botocore's sagemaker 2017-07-24 model has it (ClusterInstanceTypeDetail: InstanceType, CurrentCount), present "for
 * flexible instance groups that support multiple instance types", whose InstanceType may then be absent. The SDK
 * drops members it does not know, so this reads them from the answer's body into the holder the caller put on its
 * request ({@link #HOLDER}, one per call: nothing is shared between calls), as
 * {@code group=type:count,type:count;group2=...}. Every other answer passes through untouched.
 */
final class InstanceTypeDetails implements ExecutionInterceptor {
    /** Put on a DescribeCluster request by the caller, which reads it after the call. */
    static final ExecutionAttribute<AtomicReference<String>> HOLDER =
            new ExecutionAttribute<>("sweeper.instanceTypeDetails");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                           ExecutionAttributes attributes) {
        Optional<InputStream> body = context.responseBody();
        AtomicReference<String> holder = attributes.getAttribute(HOLDER);
        if (body.isEmpty() || holder == null || !context.httpResponse().isSuccessful()) {
            return body;
        }
        byte[] bytes;
        try (InputStream in = body.get()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            holder.set(encode(JSON.readTree(bytes)));
        } catch (IOException e) {
            // Not JSON: the SDK's own unmarshalling says what is wrong with it.
        }
        return Optional.of(new ByteArrayInputStream(bytes));
    }

    /** Each instance group's InstanceTypeDetails, by group name; empty when none gives any. */
    static String encode(JsonNode describeCluster) {
        StringBuilder out = new StringBuilder();
        for (JsonNode g : describeCluster.path("InstanceGroups")) {
            JsonNode details = g.get("InstanceTypeDetails");
            if (details == null || !details.isArray() || details.isEmpty()) {
                continue;
            }
            StringBuilder types = new StringBuilder();
            for (JsonNode d : details) {
                types.append(types.length() == 0 ? "" : ",").append(d.path("InstanceType").asText(""))
                        .append(':').append(d.path("CurrentCount").asInt(0));
            }
            out.append(out.length() == 0 ? "" : ";").append(g.path("InstanceGroupName").asText("")).append('=')
                    .append(types);
        }
        return out.toString();
    }

    /** The holder's value read back: group name to (instance type to its current count). */
    static Map<String, Map<String, Integer>> decode(String header) {
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        if (header == null || header.isEmpty()) {
            return out;
        }
        for (String group : header.split(";")) {
            int eq = group.indexOf('=');
            Map<String, Integer> types = new LinkedHashMap<>();
            for (String t : group.substring(eq + 1).split(",")) {
                int colon = t.lastIndexOf(':');
                types.merge(t.substring(0, colon), Integer.parseInt(t.substring(colon + 1)), Integer::sum);
            }
            out.put(group.substring(0, eq), types);
        }
        return out;
    }
}
