package org.openhab.binding.chargepriority.internal.vehicle.tesla;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * Reads how long the server wants the client to wait: {@code Retry-After} (seconds or an HTTP date), else
 * {@code RateLimit-Reset} (seconds until the limit resets).
 */
@NonNullByDefault
public final class RetryHints {

    private RetryHints() {
    }

    public static Optional<Duration> serverHint(HttpResult result, Clock clock) {
        Optional<Duration> retryAfter = result.header("Retry-After").flatMap(v -> parseRetryAfter(v, clock));
        if (retryAfter.isPresent()) {
            return retryAfter;
        }
        return result.header("RateLimit-Reset").flatMap(RetryHints::parseSeconds);
    }

    static Optional<Duration> parseRetryAfter(String value, Clock clock) {
        Optional<Duration> seconds = parseSeconds(value);
        if (seconds.isPresent()) {
            return seconds;
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(clock.instant(), at.toInstant());
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static Optional<Duration> parseSeconds(String value) {
        try {
            long seconds = Long.parseLong(value.trim());
            return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
