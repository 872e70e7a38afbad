package org.openhab.binding.chargepriority.internal.price;

import java.time.LocalDate;
import java.time.ZoneId;

import org.eclipse.jdt.annotation.NonNullByDefault;

/**
 * A source of day-ahead prices. One call is one day of one area; implementations time out and retry within a bound,
 * and never cache (that is {@link PriceCache}'s job).
 */
@NonNullByDefault
public interface PriceSource {

    /** Short id for settings and logs: {@code hvakosterstrommen}, {@code entsoe}. */
    String id();

    /** The time zone whose calendar days the source's days are (Europe/Oslo for the Norwegian areas). */
    ZoneId zone(String area);

    /**
     * The day's prices.
     *
     * @throws PriceException when they are not published yet, or the source failed
     */
    DayPrices day(String area, LocalDate day) throws PriceException;
}
