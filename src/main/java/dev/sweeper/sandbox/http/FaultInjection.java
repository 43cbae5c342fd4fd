package dev.sweeper.sandbox.http;

import com.sun.net.httpserver.HttpExchange;
import dev.sweeper.sandbox.faults.Faults;
import dev.sweeper.sandbox.faults.ServiceErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Applies the fault rules to a call before the service sees it. */
public final class FaultInjection {
    private final Faults faults;
    private final Responses responses;

    public FaultInjection(Faults faults, Responses responses) {
        this.faults = faults;
        this.responses = responses;
    }

    /**
     * Injects the fault the rules decide for this call, if any.
     *
     * @return true when the call is answered (or its connection is to be dropped), false when the
     *     service is to serve it (no fault, or a hang that has been waited out)
     */
    public boolean inject(HttpExchange ex, Call call, byte[] body, String account) throws IOException {
        Faults.Decision fault = faults.decide(call.name(), new String(body, StandardCharsets.UTF_8), call.region());
        if (fault == null) {
            return false;
        }
        switch (fault.mode()) {
            case RESET -> {
                return true; // closing the exchange without a response drops the connection
            }
            case HANG -> {
                Exchanges.sleep(fault.hangMs());
                return false;
            }
            case THROTTLE -> responses.sendError(ex, call, ServiceErrors.throttling(call.service()));
            case ERROR500 -> responses.sendError(ex, call, ServiceErrors.internal(call.service()));
            case VALIDATION -> responses.sendError(ex, call, ServiceErrors.validation(call.service(), fault.message()));
            case DENIED -> responses.sendError(ex, call,
                    ServiceErrors.denied(call.service(), call.operation(), account, fault.message()));
            case ACCESS_DENIED -> responses.sendError(ex, call,
                    ServiceErrors.accessDenied(call.service(), call.operation(), account, fault.message()));
            default -> throw new IllegalStateException();
        }
        return true;
    }
}
