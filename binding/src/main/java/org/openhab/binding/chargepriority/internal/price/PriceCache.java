package org.openhab.binding.chargepriority.internal.price;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers the days a source answered and decides when to ask it. The policy (the README's "Prices" section):
 * <ul>
 * <li>A day's prices, once received, are never asked for again: day-ahead prices of a past or present day do not
 * change.</li>
 * <li>Tomorrow is not asked before {@link #TOMORROW_FROM} (13:00 in the area's zone, when the day-ahead auction's
 * results are out); after that at most once every {@link #NOT_PUBLISHED_RETRY} until it is published.</li>
 * <li>After a failure (no answer, 5xx, unreadable) a day is asked again after {@link #FAILURE_RETRY} at the
 * earliest; each ask itself is at most three attempts ({@link PriceHttp}).</li>
 * <li>Days after tomorrow are never asked. Days more than {@link #KEEP_DAYS} back are forgotten.</li>
 * </ul>
 * So a normal day costs one request for today and one or a few for tomorrow.
 */
@NonNullByDefault
public final class PriceCache {

    public static final LocalTime TOMORROW_FROM = LocalTime.of(13, 0);
    public static final Duration NOT_PUBLISHED_RETRY = Duration.ofMinutes(15);
    public static final Duration FAILURE_RETRY = Duration.ofMinutes(10);
    public static final int KEEP_DAYS = 3;

    private final Logger logger = LoggerFactory.getLogger(PriceCache.class);
    private final PriceSource source;
    private final String area;
    private final Clock clock;
    private final Map<LocalDate, DayPrices> days = new HashMap<>();
    private final Map<LocalDate, Instant> notBefore = new HashMap<>();

    public PriceCache(PriceSource source, String area, Clock clock) {
        this.source = source;
        this.area = area;
        this.clock = clock;
    }

    public String area() {
        return area;
    }

    public String sourceId() {
        return source.id();
    }

    /**
     * The known prices from today's start through tomorrow, in time order, asking the source only as the policy
     * allows. Returns what is known; never throws.
     */
    public synchronized List<PricePoint> known() {
        ZoneId zone = source.zone(area);
        ZonedDateTime now = clock.instant().atZone(zone);
        LocalDate today = now.toLocalDate();
        days.keySet().removeIf(d -> d.isBefore(today.minusDays(KEEP_DAYS)));
        notBefore.keySet().removeIf(d -> d.isBefore(today));
        fetchIfDue(today, now.toInstant());
        if (!now.toLocalTime().isBefore(TOMORROW_FROM)) {
            fetchIfDue(today.plusDays(1), now.toInstant());
        }
        List<PricePoint> points = new ArrayList<>();
        for (LocalDate d = today; !d.isAfter(today.plusDays(1)); d = d.plusDays(1)) {
            DayPrices prices = days.get(d);
            if (prices != null) {
                points.addAll(prices.points());
            }
        }
        return points;
    }

    /** The currency of the source's prices. */
    public String currency() {
        return EntsoeSource.ID.equals(source.id()) ? "EUR" : "NOK";
    }

    /** True when the day is in the cache (it will not be asked again). */
    public synchronized boolean has(LocalDate day) {
        return days.containsKey(day);
    }

    private void fetchIfDue(LocalDate day, Instant now) {
        if (days.containsKey(day)) {
            return;
        }
        Instant wait = notBefore.get(day);
        if (wait != null && now.isBefore(wait)) {
            return;
        }
        try {
            days.put(day, source.day(area, day));
            notBefore.remove(day);
            logger.debug("Prices for {} {} received from {}", area, day, source.id());
        } catch (PriceException e) {
            Duration retry = e.notPublished() ? NOT_PUBLISHED_RETRY : FAILURE_RETRY;
            notBefore.put(day, now.plus(retry));
            logger.debug("No prices for {} {} from {}: {}; asking again in {} min", area, day, source.id(),
                    e.getMessage(), retry.toMinutes());
        }
    }
}
