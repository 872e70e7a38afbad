package org.openhab.binding.chargepriority.internal.vehicle.tesla;

import java.time.Duration;
import java.util.Optional;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Waits {@code initial}, then twice that, then four times that, … for at most {@code maxRetries} retries. A wait the
 * server asks for replaces the computed one, unless it is longer than {@code maxServerHint}: then the policy gives
 * up rather than block the household for that long.
 */
@NonNullByDefault
public final class ExponentialBackoff implements RetryPolicy {

    /** Longest server-requested wait that is honoured by sleeping. */
    public static final Duration DEFAULT_MAX_SERVER_HINT = Duration.ofSeconds(60);

    private final Duration initial;
    private final int maxRetries;
    private final Duration maxServerHint;

    public ExponentialBackoff(Duration initial, int maxRetries, Duration maxServerHint) {
        if (initial.isNegative() || maxRetries < 0 || maxServerHint.isNegative()) {
            throw new IllegalArgumentException("Delays and retry counts must not be negative");
        }
        this.initial = initial;
        this.maxRetries = maxRetries;
        this.maxServerHint = maxServerHint;
    }

    /** HTTP 429: Retry-After / RateLimit-Reset when given, else 1, 2, 4 s; three retries. */
    public static ExponentialBackoff forRateLimit() {
        return new ExponentialBackoff(Duration.ofSeconds(1), 3, DEFAULT_MAX_SERVER_HINT);
    }

    /** HTTP 5xx: 2, 4, 8 s; three retries. */
    public static ExponentialBackoff forServerError() {
        return new ExponentialBackoff(Duration.ofSeconds(2), 3, DEFAULT_MAX_SERVER_HINT);
    }

    @Override
    public Optional<Duration> delayBeforeRetry(int retry, Optional<Duration> serverHint) {
        if (retry < 1 || retry > maxRetries) {
            return Optional.empty();
        }
        if (serverHint.isPresent()) {
            Duration hint = serverHint.get();
            return hint.compareTo(maxServerHint) > 0 ? Optional.empty() : Optional.of(hint);
        }
        return Optional.of(initial.multipliedBy(1L << (retry - 1)));
    }
}
