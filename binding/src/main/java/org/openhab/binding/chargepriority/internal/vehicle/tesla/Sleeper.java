package org.openhab.binding.chargepriority.internal.vehicle.tesla;

import java.time.Duration;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Waits between retries. Injected so tests see the delays without waiting for them.
 */
@NonNullByDefault
@FunctionalInterface
public interface Sleeper {

    /** Sleeps on the calling thread. */
    Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
