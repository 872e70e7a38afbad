package org.openhab.binding.chargepriority.internal.vehicle.ioniq;

import java.time.Duration;
import java.time.Instant;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * When to try the adapter again after it could not be opened or initialised, or went away: the wait doubles with
 * every failure, from an initial delay up to a maximum, and a success resets it.
 */
@NonNullByDefault
public class ObdReconnectBackoff {

    private final Duration initialDelay;
    private final Duration maxDelay;
    private int failures;
    private @Nullable Instant nextAttempt;

    public ObdReconnectBackoff(Duration initialDelay, Duration maxDelay) {
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
    }

    public synchronized boolean mayAttempt(Instant now) {
        Instant next = nextAttempt;
        return next == null || !now.isBefore(next);
    }

    public synchronized void failed(Instant now) {
        failures++;
        nextAttempt = now.plus(delay());
    }

    public synchronized void succeeded() {
        failures = 0;
        nextAttempt = null;
    }

    public synchronized int failures() {
        return failures;
    }

    /** When the next attempt is allowed, or null when there is no back-off. */
    public synchronized @Nullable Instant nextAttempt() {
        return nextAttempt;
    }

    private Duration delay() {
        Duration delay = initialDelay;
        for (int i = 1; i < failures && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
