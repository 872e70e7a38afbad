package org.openhab.binding.chargepriority.internal.vehicle.tesla;

import java.time.Duration;
import java.util.Optional;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Decides whether, and after how long, a failed request is tried again.
 */
@NonNullByDefault
@FunctionalInterface
public interface RetryPolicy {

    /**
     * @param retry 1 for the first retry, 2 for the second, …
     * @param serverHint the wait the server asked for (Retry-After), if any
     * @return the wait before this retry, or empty to give up
     */
    Optional<Duration> delayBeforeRetry(int retry, Optional<Duration> serverHint);
}
