package dev.sweeper.sandbox.http;

import dev.sweeper.sandbox.protocol.Protocol;

/** One AWS call as routed: the service, its operation, the wire protocol and the signed region. */
public record Call(String service, String operation, Protocol protocol, String region) {
    /** {@code Service.Operation}, as the stats and the fault rules name it. */
    public String name() {
        return service + "." + operation;
    }
}
