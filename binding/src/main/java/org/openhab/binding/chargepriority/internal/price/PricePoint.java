package org.openhab.binding.chargepriority.internal.price;

import java.time.Instant;

import org.eclipse.jdt.annotation.NonNullByDefault;

/** The day-ahead energy price for [start, end), per kWh in the source's currency (no VAT, no grid tariff). */
@NonNullByDefault
public record PricePoint(Instant start, Instant end, double pricePerKwh) {
}
