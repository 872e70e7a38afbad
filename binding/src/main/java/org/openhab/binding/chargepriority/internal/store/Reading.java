package org.openhab.binding.chargepriority.internal.store;

import java.time.Instant;

import org.eclipse.jdt.annotation.Nullable;

/**
 * One row of {@code battery_readings}.
 */
public record Reading(long id, Instant timestamp, String vehicle, double batteryPercent, double rangeKm,
        @Nullable String location, boolean charging, boolean mock, @Nullable Double chargingRateKw,
        @Nullable Double latitude, @Nullable Double longitude, @Nullable String address, @Nullable String source,
        boolean stale) {
}
