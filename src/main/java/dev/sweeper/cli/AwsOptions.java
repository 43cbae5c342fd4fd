package dev.sweeper.cli;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Where to reach AWS, and which config file to read: taken by every command that calls AWS. */
public final class AwsOptions {
    @Option(names = "--region", split = ",", paramLabel = "REGION",
            description = "AWS region(s), repeatable or comma-separated, or all (every region with SageMaker); "
                    + "default: AWS_REGION, then the profile.")
    List<String> regions = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "PROFILE", description = "Named profile from the AWS config files.")
    String profile;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "Send every AWS call to this endpoint (the sandbox, moto, LocalStack).")
    String endpointUrl;

    @Option(names = "--allow-insecure-endpoint",
            description = "Allow a plain http:// --endpoint-url that is not a loopback address.")
    boolean allowInsecureEndpoint;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML config file (see config/sweeper.example.yaml).")
    Path config;

    /** The endpoint as a URI, checked: http(s) only, and plain http only to loopback unless allowed. */
    URI endpoint() {
        if (endpointUrl == null) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(endpointUrl);
        } catch (URISyntaxException e) {
            throw new UsageException("--endpoint-url '" + endpointUrl + "' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new UsageException("--endpoint-url '" + endpointUrl + "' must be an http:// or https:// URL with a host");
        }
        if (scheme.equals("http") && !allowInsecureEndpoint && !isLoopback(uri.getHost())) {
            throw new UsageException("--endpoint-url '" + endpointUrl
                    + "' is plain http to a non-loopback host: credentials would cross the network unencrypted"
                    + " (use https, or --allow-insecure-endpoint)");
        }
        return uri;
    }

    private static boolean isLoopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        // Only literal addresses are checked: a name is never resolved here.
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
