package org.openhab.binding.chargepriority.internal.price;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.jdt.annotation.NonNullByDefault;

/** One day's prices for one area, in time order (24 hours or 96 quarter-hours; 23/25 or 92/100 on DST days). */
@NonNullByDefault
public record DayPrices(String area, LocalDate day, String currency, List<PricePoint> points) {

    public DayPrices {
        points = List.copyOf(points);
    }
}
