package org.openhab.binding.chargepriority.internal.vehicle.ioniq;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;

/**
 * Waits between attempts to open a lost adapter.
 */
@NonNullByDefault
class ObdReconnectBackoffTest {

    private static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");

    private final ObdReconnectBackoff backoff = new ObdReconnectBackoff(Duration.ofSeconds(30),
            Duration.ofMinutes(4));

    @Test
    void firstAttemptIsImmediate() {
        assertTrue(backoff.mayAttempt(T0));
    }

    @Test
    void waitDoublesAfterEachFailureUpToTheMaximum() {
        Instant now = T0;
        long[] expectedSeconds = { 30, 60, 120, 240, 240 };
        for (long expected : expectedSeconds) {
            backoff.failed(now);
            assertEquals(now.plusSeconds(expected), backoff.nextAttempt());
            assertFalse(backoff.mayAttempt(now.plusSeconds(expected - 1)));
            now = now.plusSeconds(expected);
            assertTrue(backoff.mayAttempt(now));
        }
        assertEquals(5, backoff.failures());
    }

    @Test
    void successResetsTheWait() {
        backoff.failed(T0);
        backoff.failed(T0);

        backoff.succeeded();
        backoff.failed(T0);

        assertEquals(T0.plusSeconds(30), backoff.nextAttempt());
    }
}
