package org.openhab.binding.chargepriority.internal.price;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.junit.jupiter.api.Test;
import org.openhab.binding.chargepriority.internal.testutil.MutableClock;

/** The polling policy: never ask more than needed. */
@NonNullByDefault
class PriceCacheTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    /** A source that records what it is asked; days in {@code published} answer, others are "not yet". */
    private static final class RecordingSource implements PriceSource {
        final List<LocalDate> asked = new ArrayList<>();
        final Set<LocalDate> published = new HashSet<>();
        boolean down;

        @Override
        public String id() {
            return "test";
        }

        @Override
        public ZoneId zone(String area) {
            return OSLO;
        }

        @Override
        public DayPrices day(String area, LocalDate day) throws PriceException {
            asked.add(day);
            if (down) {
                throw PriceException.failed("down", 503);
            }
            if (!published.contains(day)) {
                throw PriceException.notPublished("not yet", 404);
            }
            Instant start = day.atStartOfDay(OSLO).toInstant();
            List<PricePoint> points = new ArrayList<>();
            for (int h = 0; h < 24; h++) {
                points.add(new PricePoint(start.plus(Duration.ofHours(h)), start.plus(Duration.ofHours(h + 1)), h));
            }
            return new DayPrices(area, day, "NOK", points);
        }
    }

    private final MutableClock clock = MutableClock.oslo("2023-01-10T10:00");
    private final RecordingSource source = new RecordingSource();
    private final PriceCache cache = new PriceCache(source, "NO1", clock);
    private final LocalDate today = LocalDate.of(2023, 1, 10);

    @Test
    void beforeItsFirstAnswerThePlanNamesTheSourceAndAreaItWaitsForWithoutAskingIt() {
        source.published.add(today);
        CachedPrices prices = new CachedPrices(cache);
        var waiting = prices.lastKnown();
        assertEquals("test", waiting.source());
        assertEquals("NO1", waiting.area());
        assertTrue(waiting.known().isEmpty());
        assertEquals("Asking test for the prices of NO1", waiting.problem());
        assertEquals(List.of(), source.asked, "lastKnown never asks the source");
        assertEquals(24, prices.prices().known().size());
        assertEquals(24, prices.lastKnown().known().size(), "then the last answer");
        assertEquals(List.of(today), source.asked);
    }

    @Test
    void todayIsAskedOnceAndTomorrowNotBefore13() {
        source.published.add(today);
        assertEquals(24, cache.known().size());
        clock.advance(Duration.ofMinutes(179)); // 12:59
        assertEquals(24, cache.known().size());
        assertEquals(List.of(today), source.asked, "a present day never changes: asked once");
        source.published.add(today.plusDays(1));
        clock.advance(Duration.ofMinutes(1)); // 13:00
        assertEquals(48, cache.known().size());
        clock.advance(Duration.ofHours(5));
        cache.known();
        assertEquals(List.of(today, today.plusDays(1)), source.asked);
    }

    @Test
    void tomorrowNotYetPublishedIsAskedEveryQuarterOfAnHourAtMost() {
        source.published.add(today);
        clock.set(Instant.parse("2023-01-10T12:00:00Z")); // 13:00 Oslo
        for (int minute = 0; minute < 60; minute++) {
            cache.known();
            clock.advance(Duration.ofMinutes(1));
        }
        long tomorrowAsks = source.asked.stream().filter(d -> d.equals(today.plusDays(1))).count();
        assertEquals(4, tomorrowAsks, "13:00, 13:15, 13:30, 13:45");
    }

    @Test
    void aFailingSourceIsLeftAloneForTenMinutesAndThePlanGoesOnWithoutPrices() {
        source.down = true;
        assertTrue(cache.known().isEmpty());
        clock.advance(Duration.ofMinutes(9));
        cache.known();
        assertEquals(1, source.asked.size());
        clock.advance(Duration.ofMinutes(1));
        source.down = false;
        source.published.add(today);
        assertEquals(24, cache.known().size());
        assertEquals(2, source.asked.size());
    }
}
