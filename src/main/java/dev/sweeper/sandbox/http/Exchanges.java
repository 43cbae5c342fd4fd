package dev.sweeper.sandbox.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

/** Reading a request body and writing a response, as every AWS front end of the sandbox does. */
public final class Exchanges {
    private Exchanges() {
    }

    /** The request body, gunzipped when the client compressed it (CloudWatch's PutMetricData may). */
    public static byte[] readBody(HttpExchange ex) throws IOException {
        byte[] raw = ex.getRequestBody().readAllBytes();
        String enc = ex.getRequestHeaders().getFirst("Content-Encoding");
        if (enc != null && enc.toLowerCase().contains("gzip")) {
            try (GZIPInputStream gz = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                return gz.readAllBytes();
            }
        }
        return raw;
    }

    /** Sends a response with a fresh {@code x-amzn-RequestId} and the given extra headers (may be null). */
    public static void send(HttpExchange ex, int status, String contentType, byte[] body, Map<String, String> headers) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        if (headers != null) {
            headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    public static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
