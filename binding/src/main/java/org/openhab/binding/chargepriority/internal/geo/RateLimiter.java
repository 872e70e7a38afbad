package org.openhab.binding.chargepriority.internal.geo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Lets requests start at most once per interval. A caller reserves the next free slot and waits for it; it gives up
 * instead when the slot is further away than it is willing to wait.
 */
@NonNullByDefault
public final class RateLimiter {

    /** How the limiter waits; injected so tests advance a clock instead of sleeping. */
    @FunctionalInterface
    public interface Waiter {
        void await(Duration duration) throws InterruptedException;
    }

    /** Nominatim's policy: at most one request per second for the whole application. */
    private static final RateLimiter NOMINATIM = new RateLimiter(Clock.systemUTC(), Duration.ofSeconds(1),
            duration -> Thread.sleep(duration.toMillis()));

    private final Clock clock;
    private final Duration interval;
    private final Waiter waiter;
    private @Nullable Instant nextSlot;

    public RateLimiter(Clock clock, Duration interval, Waiter waiter) {
        this.clock = clock;
        this.interval = interval;
        this.waiter = waiter;
    }

    /** The one limiter every Nominatim geocoder in this process shares. */
    public static RateLimiter nominatimShared() {
        return NOMINATIM;
    }

    /**
     * Waits for the next slot and takes it.
     *
     * @return false, without waiting or taking a slot, when the slot is more than {@code maxWait} away
     */
    public boolean tryAcquire(Duration maxWait) throws InterruptedException {
        Duration wait;
        synchronized (this) {
            Instant now = clock.instant();
            Instant next = nextSlot;
            Instant slot = next == null || next.isBefore(now) ? now : next;
            wait = Duration.between(now, slot);
            if (wait.compareTo(maxWait) > 0) {
                return false;
            }
            nextSlot = slot.plus(interval);
        }
        if (!wait.isZero()) {
            waiter.await(wait);
        }
        return true;
    }
}
