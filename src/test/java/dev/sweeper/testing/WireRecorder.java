package dev.sweeper.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Registered for every SDK client of the test JVMs (through
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors}), and idle unless a test
 * turns it on with {@link #start()}: then it keeps every response the server sent, as bytes on the
 * wire, beside what the SDK made of it. The contract test checks both against AWS's own models.
 */
public final class WireRecorder implements ExecutionInterceptor {
    /** One HTTP attempt: the service and operation, the status, the raw body, and the SDK's response (2xx only). */
    public record Exchange(String service, String operation, int status, String contentType, byte[] body,
                           SdkResponse response) {
    }

    private static final ExecutionAttribute<Exchange> LAST = new ExecutionAttribute<>("sweeper.wire.last");
    private static volatile List<Exchange> recording;

    /** Starts recording (forgetting what an earlier recording kept). */
    public static synchronized void start() {
        recording = new ArrayList<>();
    }

    /** Stops recording and returns every exchange seen since {@link #start()}. */
    public static synchronized List<Exchange> stop() {
        List<Exchange> out = recording == null ? List.of() : List.copyOf(recording);
        recording = null;
        return out;
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                           ExecutionAttributes attributes) {
        if (recording == null || context.responseBody().isEmpty()) {
            return context.responseBody();
        }
        byte[] body;
        try (InputStream in = context.responseBody().get()) {
            body = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Exchange exchange = new Exchange(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), context.httpResponse().statusCode(),
                context.httpResponse().firstMatchingHeader("Content-Type").orElse(""), body, null);
        if (context.httpResponse().isSuccessful()) {
            attributes.putAttribute(LAST, exchange); // completed with the SDK's response in modifyResponse
        } else {
            add(exchange);
        }
        return Optional.of(new ByteArrayInputStream(body));
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        Exchange pending = attributes.getAttribute(LAST);
        if (pending != null) {
            attributes.putAttribute(LAST, null);
            add(new Exchange(pending.service(), pending.operation(), pending.status(), pending.contentType(),
                    pending.body(), context.response()));
        }
        return context.response();
    }

    private static synchronized void add(Exchange exchange) {
        if (recording != null) {
            recording.add(exchange);
        }
    }
}
