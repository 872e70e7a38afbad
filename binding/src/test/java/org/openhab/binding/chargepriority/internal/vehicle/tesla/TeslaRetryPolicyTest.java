package org.openhab.binding.chargepriority.internal.vehicle.tesla;

import static org.junit.jupiter.api.Assertions.*;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;

/**
 * The retry policies: how long the binding waits before trying Tesla again, and when it stops.
 */
@NonNullByDefault
class TeslaRetryPolicyTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-17T08:30:00Z"), ZoneOffset.UTC);

    @Test
    void rateLimitRetriesAfterOneTwoAndFourSecondsThenStops() {
        ExponentialBackoff policy = ExponentialBackoff.forRateLimit();

        assertEquals(Optional.of(Duration.ofSeconds(1)), policy.delayBeforeRetry(1, Optional.empty()));
        assertEquals(Optional.of(Duration.ofSeconds(2)), policy.delayBeforeRetry(2, Optional.empty()));
        assertEquals(Optional.of(Duration.ofSeconds(4)), policy.delayBeforeRetry(3, Optional.empty()));
        assertEquals(Optional.empty(), policy.delayBeforeRetry(4, Optional.empty()));
    }

    @Test
    void serverErrorsRetryAfterTwoFourAndEightSecondsThenStop() {
        ExponentialBackoff policy = ExponentialBackoff.forServerError();

        assertEquals(Optional.of(Duration.ofSeconds(2)), policy.delayBeforeRetry(1, Optional.empty()));
        assertEquals(Optional.of(Duration.ofSeconds(4)), policy.delayBeforeRetry(2, Optional.empty()));
        assertEquals(Optional.of(Duration.ofSeconds(8)), policy.delayBeforeRetry(3, Optional.empty()));
        assertEquals(Optional.empty(), policy.delayBeforeRetry(4, Optional.empty()));
    }

    @Test
    void theServersWaitIsHonouredButAnHourLongOneIsNotSleptThrough() {
        ExponentialBackoff policy = ExponentialBackoff.forRateLimit();

        assertEquals(Optional.of(Duration.ofSeconds(7)),
                policy.delayBeforeRetry(1, Optional.of(Duration.ofSeconds(7))));
        assertEquals(Optional.empty(), policy.delayBeforeRetry(1, Optional.of(Duration.ofHours(1))),
                "give up and show cached data rather than block the household");
        assertEquals(Optional.empty(), policy.delayBeforeRetry(4, Optional.of(Duration.ofSeconds(1))),
                "the bound holds with a hint too");
    }

    @Test
    void retryAfterInSecondsOrAsAnHttpDate() {
        assertEquals(Optional.of(Duration.ofSeconds(7)),
                RetryHints.serverHint(result(Map.of("Retry-After", "7")), CLOCK));
        assertEquals(Optional.of(Duration.ofSeconds(30)),
                RetryHints.serverHint(result(Map.of("Retry-After", "Mon, 17 Mar 2025 08:30:30 GMT")), CLOCK));
        assertEquals(Optional.of(Duration.ZERO),
                RetryHints.serverHint(result(Map.of("Retry-After", "Mon, 17 Mar 2025 08:00:00 GMT")), CLOCK));
    }

    @Test
    void rateLimitResetIsUsedWhenRetryAfterIsMissing() {
        assertEquals(Optional.of(Duration.ofSeconds(12)),
                RetryHints.serverHint(result(Map.of("RateLimit-Reset", "12")), CLOCK));
        assertEquals(Optional.of(Duration.ofSeconds(3)),
                RetryHints.serverHint(result(Map.of("Retry-After", "3", "RateLimit-Reset", "12")), CLOCK));
    }

    @Test
    void unreadableHintsAreIgnored() {
        assertEquals(Optional.empty(), RetryHints.serverHint(result(Map.of("Retry-After", "soon")), CLOCK));
        assertEquals(Optional.empty(), RetryHints.serverHint(result(Map.of()), CLOCK));
    }

    private static HttpResult result(Map<String, String> headers) {
        Map<String, List<String>> multi = new java.util.HashMap<>();
        headers.forEach((k, v) -> multi.put(k, List.of(v)));
        return new HttpResult(429, HttpHeaders.of(multi, (k, v) -> true), "");
    }
}
