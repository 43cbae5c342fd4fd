package dev.sweeper.aws;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Checks that an {@code https://} endpoint override speaks TLS before the SDK is pointed at it. A
 * plain-HTTP port never answers a TLS ClientHello: the SDK would wait for its whole call timeout,
 * retries included (60 s), and then say only that. One handshake with a short timeout says at once.
 */
public final class EndpointProbe {
    private EndpointProbe() {
    }

    /**
     * Empty when the handshake completes, or fails for a reason the SDK reports well itself (refused
     * connection, unknown host, certificate); the problem when the port does not speak TLS.
     */
    public static Optional<String> tlsProblem(URI endpoint, Duration timeout) {
        if (!"https".equalsIgnoreCase(endpoint.getScheme())) {
            return Optional.empty();
        }
        int port = endpoint.getPort() < 0 ? 443 : endpoint.getPort();
        int millis = (int) timeout.toMillis();
        try (SSLSocket socket = (SSLSocket) SSLSocketFactory.getDefault().createSocket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), port), millis);
            socket.setSoTimeout(millis);
            socket.startHandshake();
            return Optional.empty();
        } catch (SocketTimeoutException e) {
            return Optional.of("no TLS handshake from " + endpoint.getHost() + ":" + port + " within "
                    + timeout.toSeconds() + " s: is it a plain http:// port?");
        } catch (SSLException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("Unsupported or unrecognized SSL message") || m.contains("plaintext")) {
                return Optional.of(endpoint.getHost() + ":" + port + " answered the TLS handshake in plain text: "
                        + "is it a plain http:// port?");
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
