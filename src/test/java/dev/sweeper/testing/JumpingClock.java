package dev.sweeper.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves a minute forward at every look, so that timeouts measured with it pass at
 * once while the sandbox, on real time, is still in the middle of a transition.
 */
public final class JumpingClock extends Clock {
    private final AtomicLong millis = new AtomicLong(Instant.now().toEpochMilli());

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.getAndAdd(60_000));
    }
}
