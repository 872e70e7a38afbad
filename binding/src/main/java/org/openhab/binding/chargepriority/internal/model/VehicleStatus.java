package org.openhab.binding.chargepriority.internal.model;

import java.time.Instant;
import java.util.Objects;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;

/**
 * An immutable snapshot of one car, as the original design's {@code VehicleStatus}, plus where the values came from
 * and whether they are stale.
 *
 * @param vehicleName display name, e.g. "Tesla Model Y"
 * @param batteryPercent state of charge 0–100
 * @param rangeKm estimated range in km (for the Ioniq an estimate from consumption, see {@code rangeEstimated})
 * @param charging energy is flowing into the battery now
 * @param pluggedIn the cable is connected (null when the source does not say)
 * @param location home / away / unknown
 * @param lastUpdated when the car itself reported these values
 * @param mock true when the values come from the simulation
 * @param chargingPowerKw charging power in kW, null when unknown
 * @param latitude WGS84 latitude, null when unknown
 * @param longitude WGS84 longitude, null when unknown
 * @param address reverse-geocoded address, null when unknown
 * @param source where the values came from
 * @param stale true when these are old values kept because a fresh read failed or the car sleeps
 * @param chargingState the source's own charging state word (e.g. "Charging", "Complete", "Disconnected"), or null
 * @param rangeEstimated true when the range is computed by the binding, not reported by the car
 */
@NonNullByDefault
public record VehicleStatus(String vehicleName, double batteryPercent, double rangeKm, boolean charging,
        @Nullable Boolean pluggedIn, Location location, Instant lastUpdated, boolean mock,
        @Nullable Double chargingPowerKw, @Nullable Double latitude, @Nullable Double longitude,
        @Nullable String address, DataSource source, boolean stale, @Nullable String chargingState,
        boolean rangeEstimated) {

    public VehicleStatus {
        Objects.requireNonNull(vehicleName, "vehicleName");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(lastUpdated, "lastUpdated");
        Objects.requireNonNull(source, "source");
        if (!(batteryPercent >= 0 && batteryPercent <= 100)) {
            throw new IllegalArgumentException("batteryPercent must be 0–100, was " + batteryPercent);
        }
        if (!(rangeKm >= 0) || Double.isInfinite(rangeKm)) {
            throw new IllegalArgumentException("rangeKm must be a non-negative number, was " + rangeKm);
        }
    }

    public VehicleStatus withStale(boolean newStale) {
        return new VehicleStatus(vehicleName, batteryPercent, rangeKm, charging, pluggedIn, location, lastUpdated,
                mock, chargingPowerKw, latitude, longitude, address, source, newStale, chargingState, rangeEstimated);
    }

    public VehicleStatus withLocation(Location newLocation) {
        return new VehicleStatus(vehicleName, batteryPercent, rangeKm, charging, pluggedIn, newLocation, lastUpdated,
                mock, chargingPowerKw, latitude, longitude, address, source, stale, chargingState, rangeEstimated);
    }

    public VehicleStatus withAddress(@Nullable String newAddress) {
        return new VehicleStatus(vehicleName, batteryPercent, rangeKm, charging, pluggedIn, location, lastUpdated,
                mock, chargingPowerKw, latitude, longitude, newAddress, source, stale, chargingState, rangeEstimated);
    }

    /** True when both coordinates are known. */
    public boolean hasPosition() {
        return latitude != null && longitude != null;
    }
}
