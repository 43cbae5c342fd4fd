package dev.sweeper.sandbox.http;

import com.sun.net.httpserver.HttpExchange;
import dev.sweeper.sandbox.protocol.QueryCodec;

/**
 * What the sandbox reads from a SigV4-signed request: the credential scope
 * {@code AKID/date/region/service/aws4_request} of the {@code Authorization} header, and the session
 * token. Signatures are not checked, and the scope is never logged.
 */
public final class SigV4 {
    static final String DEFAULT_REGION = "us-east-1";

    private SigV4() {
    }

    /** The signed region, or us-east-1 for an unsigned request. */
    public static String region(HttpExchange ex) {
        String scope = scope(ex.getRequestHeaders().getFirst("Authorization"));
        if (scope != null) {
            String[] parts = scope.split("/");
            if (parts.length >= 4) {
                return parts[2];
            }
        }
        return DEFAULT_REGION;
    }

    /** The credential scope {@code AKID/date/region/service/aws4_request}, never logged. */
    static String scope(String auth) {
        if (auth == null) {
            return null;
        }
        int i = auth.indexOf("Credential=");
        if (i < 0) {
            return null;
        }
        int end = auth.indexOf(',', i);
        return auth.substring(i + "Credential=".length(), end < 0 ? auth.length() : end).trim();
    }

    /** The access key id of the SigV4 credential scope, if any. */
    public static String accessKeyId(HttpExchange ex) {
        String scope = scope(ex.getRequestHeaders().getFirst("Authorization"));
        if (scope == null) {
            return null;
        }
        int slash = scope.indexOf('/');
        return slash < 0 ? scope : scope.substring(0, slash);
    }

    /** The signing name of the credential scope ({@code monitoring}, {@code sns}, {@code sts}, ...), if any. */
    public static String signingService(HttpExchange ex) {
        String scope = scope(ex.getRequestHeaders().getFirst("Authorization"));
        if (scope == null) {
            return null;
        }
        String[] parts = scope.split("/");
        return parts.length >= 4 ? parts[3] : null;
    }

    /** The session token of temporary credentials: the SigV4 header, or the presigned-URL parameter. */
    public static String securityToken(HttpExchange ex) {
        String token = ex.getRequestHeaders().getFirst("X-Amz-Security-Token");
        if (token != null) {
            return token;
        }
        String query = ex.getRequestURI().getRawQuery();
        if (query != null) {
            Object t = QueryCodec.parseForm(query).get("X-Amz-Security-Token");
            return t instanceof String str ? str : null;
        }
        return null;
    }
}
