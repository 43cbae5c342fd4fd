package dev.sweeper.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** Clocks that jump, for end-to-end tests against a sandbox that runs on real time. */
public final class JumpingClock extends Clock {
    private final Supplier<Instant> readings;

    private JumpingClock(Supplier<Instant> readings) {
        this.readings = readings;
    }

    /**
     * A clock that moves a minute forward at every look, so that timeouts measured with it pass at
     * once while the sandbox, on real time, is still in the middle of a transition.
     */
    public JumpingClock() {
        this(minuteAtEveryLook());
    }

    private static Supplier<Instant> minuteAtEveryLook() {
        AtomicLong millis = new AtomicLong(Instant.now().toEpochMilli());
        return () -> Instant.ofEpochMilli(millis.getAndAdd(60_000));
    }

    /**
     * A clock whose first reading (the moment the sweeper evaluates) is {@code ago} in the past and
     * whose later readings are the present: as if the scan had taken that long, and whatever the
     * test did to the sandbox meanwhile happened between the scan and the action.
     */
    public static JumpingClock firstReadingAgo(Duration ago) {
        AtomicBoolean read = new AtomicBoolean();
        return new JumpingClock(() -> read.getAndSet(true) ? Instant.now() : Instant.now().minus(ago));
    }

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
        return readings.get();
    }
}
