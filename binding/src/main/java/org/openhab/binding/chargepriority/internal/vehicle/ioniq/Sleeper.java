package org.openhab.binding.chargepriority.internal.vehicle.ioniq;

import java.time.Duration;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Waits; injected so that tests do not wait for real.
 */
@FunctionalInterface
@NonNullByDefault
public interface Sleeper {

    Sleeper SYSTEM = duration -> {
        if (!duration.isNegative() && !duration.isZero()) {
            Thread.sleep(duration.toMillis());
        }
    };

    void sleep(Duration duration) throws InterruptedException;
}
