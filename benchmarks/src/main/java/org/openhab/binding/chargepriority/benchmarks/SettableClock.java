package org.openhab.binding.chargepriority.benchmarks;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/** A clock the benchmark sets, so 90 days of simulated cars take seconds. */
final class SettableClock extends Clock {

    private volatile Instant now;
    private final ZoneId zone;

    SettableClock(Instant now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    void set(Instant instant) {
        now = instant;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId z) {
        return new SettableClock(now, z);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
