package org.openhab.binding.chargepriority.internal.vehicle.tesla;

import java.time.Instant;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.eclipse.jdt.annotation.Nullable;
import org.openhab.binding.chargepriority.internal.geo.HomeGeofence;
import org.openhab.binding.chargepriority.internal.model.DataSource;
import org.openhab.binding.chargepriority.internal.model.Location;
import org.openhab.binding.chargepriority.internal.model.VehicleStatus;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleException;
import org.openhab.binding.chargepriority.internal.vehicle.VehicleException.Kind;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.dto.VehicleData;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.dto.VehicleData.ChargeState;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.dto.VehicleData.DriveState;
import org.openhab.binding.chargepriority.internal.vehicle.tesla.dto.VehicleData.VehicleState;

/**
 * Turns Tesla's {@code vehicle_data} into a {@link VehicleStatus}: miles to km, the car's own timestamp, no position
 * means {@link Location#UNKNOWN} (never HOME).
 */
@NonNullByDefault
final class VehicleDataMapper {

    static final double KM_PER_MILE = 1.609344;

    private final String vehicleId;
    private final String vehicleName;
    private final @Nullable HomeGeofence geofence;

    VehicleDataMapper(String vehicleId, String vehicleName, @Nullable HomeGeofence geofence) {
        this.vehicleId = vehicleId;
        this.vehicleName = vehicleName;
        this.geofence = geofence;
    }

    /**
     * @param receivedAt used as the time of the values only when the car sent no timestamp
     * @throws VehicleException {@link Kind#COMMUNICATION} when the answer lacks the state of charge or range
     */
    VehicleStatus map(VehicleData data, Instant receivedAt) throws VehicleException {
        ChargeState charge = data.chargeState();
        if (charge == null) {
            throw malformed("no charge_state");
        }
        Integer level = charge.batteryLevel();
        if (level == null || level < 0 || level > 100) {
            throw malformed("no valid battery_level");
        }
        Double rangeMiles = charge.batteryRange() != null ? charge.batteryRange() : charge.estBatteryRange();
        if (rangeMiles == null || !(rangeMiles >= 0) || rangeMiles.isInfinite()) {
            throw malformed("no valid battery_range");
        }
        String chargingState = charge.chargingState();
        boolean charging = "Charging".equals(chargingState);
        Boolean pluggedIn = chargingState == null ? null : !"Disconnected".equals(chargingState);

        DriveState drive = data.driveState();
        Double latitude = drive == null ? null : drive.latitude();
        Double longitude = drive == null ? null : drive.longitude();
        if (latitude == null || longitude == null) {
            latitude = null;
            longitude = null;
        }
        HomeGeofence fence = geofence;
        Location location = latitude == null || longitude == null || fence == null ? Location.UNKNOWN
                : fence.locate(vehicleId, latitude, longitude);

        return new VehicleStatus(vehicleName, level, rangeMiles * KM_PER_MILE, charging, pluggedIn, location,
                timestamp(data, receivedAt), false, charge.chargerPower(), latitude, longitude, null,
                DataSource.FLEET_API, false, chargingState, false);
    }

    /** Below this much energy of the last charge, the ratio of energy to rated range is too coarse to use. */
    static final double MIN_ENERGY_FOR_CAPACITY_KWH = 4;

    /**
     * The usable battery the car's own data shows, or null: the last charge's energy per rated mile
     * ({@code charge_energy_added / charge_miles_added_rated}, the car's own rated consumption) times the rated range
     * of a full battery ({@code battery_range / battery_level * 100}). Both are kept by the car until the next charge
     * starts, so a car read after charging tells it, and it follows the battery's ageing. Null without a charge of at
     * least {@value #MIN_ENERGY_FOR_CAPACITY_KWH} kWh, below 10 % or for an answer outside 20–150 kWh.
     */
    static @Nullable Double capacityKwh(VehicleData data) {
        ChargeState charge = data.chargeState();
        if (charge == null) {
            return null;
        }
        Integer level = charge.batteryLevel();
        Double range = charge.batteryRange();
        Double energy = charge.chargeEnergyAdded();
        Double miles = charge.chargeMilesAddedRated();
        if (level == null || range == null || energy == null || miles == null || level < 10
                || !(energy >= MIN_ENERGY_FOR_CAPACITY_KWH) || !(miles > 0) || !(range > 0)) {
            return null;
        }
        double capacity = energy / miles * (range / level * 100);
        return capacity >= 20 && capacity <= 150 ? Math.round(capacity * 10) / 10.0 : null;
    }

    private static Instant timestamp(VehicleData data, Instant fallback) {
        Long millis = data.chargeState().timestamp();
        DriveState drive = data.driveState();
        if (millis == null && drive != null) {
            millis = drive.timestamp();
        }
        VehicleState vehicle = data.vehicleState();
        if (millis == null && vehicle != null) {
            millis = vehicle.timestamp();
        }
        return millis == null || millis <= 0 ? fallback : Instant.ofEpochMilli(millis);
    }

    private static VehicleException malformed(String what) {
        return new VehicleException(Kind.COMMUNICATION, "Tesla's vehicle data is incomplete: " + what);
    }
}
