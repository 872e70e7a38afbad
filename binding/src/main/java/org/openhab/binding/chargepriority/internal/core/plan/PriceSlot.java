package org.openhab.binding.chargepriority.internal.core.plan;

import java.time.Duration;
import java.time.Instant;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * One time slot at the prices' resolution (15 or 60 minutes; the first may be shorter because it starts now).
 *
 * @param price energy price per kWh from the grid in the source's currency, or null when not known
 */
@NonNullByDefault
public record PriceSlot(Instant start, Instant end, @Nullable Double price) {

    public PriceSlot {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a slot must end after it starts: " + start + " – " + end);
        }
    }

    public double hours() {
        return Duration.between(start, end).toMillis() / 3_600_000.0;
    }
}
