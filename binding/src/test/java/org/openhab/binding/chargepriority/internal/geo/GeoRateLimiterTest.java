package org.openhab.binding.chargepriority.internal.geo;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.openhab.binding.chargepriority.internal.testutil.MutableClock;

/**
 * One request per second: callers wait for their slot, or give up when it is too far away.
 */
@NonNullByDefault
class GeoRateLimiterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-17T08:30:00Z"), ZoneOffset.UTC);
    private final List<Duration> waits = new ArrayList<>();
    private final RateLimiter limiter = new RateLimiter(clock, Duration.ofSeconds(1), d -> {
        waits.add(d);
        clock.advance(d);
    });

    @Test
    void requestsInQuickSuccessionAreSpacedOneSecondApart() throws Exception {
        assertTrue(limiter.tryAcquire(Duration.ofSeconds(3)));
        clock.advance(Duration.ofMillis(250));
        assertTrue(limiter.tryAcquire(Duration.ofSeconds(3)));

        assertEquals(List.of(Duration.ofMillis(750)), waits);
    }

    @Test
    void aRequestAfterAPauseDoesNotWait() throws Exception {
        limiter.tryAcquire(Duration.ofSeconds(3));
        clock.advance(Duration.ofSeconds(5));
        limiter.tryAcquire(Duration.ofSeconds(3));

        assertEquals(List.of(), waits);
    }

    @Test
    void aCallerWhoWouldWaitTooLongGivesUpWithoutTakingASlot() throws Exception {
        RateLimiter noWaiting = new RateLimiter(clock, Duration.ofSeconds(1), d -> fail("must not wait"));
        assertTrue(noWaiting.tryAcquire(Duration.ZERO));
        assertFalse(noWaiting.tryAcquire(Duration.ZERO));
        clock.advance(Duration.ofSeconds(1));
        assertTrue(noWaiting.tryAcquire(Duration.ZERO), "the refused caller did not push the next slot out");
    }
}
