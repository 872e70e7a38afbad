package org.openhab.binding.chargepriority.internal.vehicle.tesla.dto;

import com.google.gson.annotations.SerializedName;

/**
 * The parts of {@code vehicle_data} the binding reads.
 */
public record VehicleData(String vin, String state, @SerializedName("charge_state") ChargeState chargeState,
        @SerializedName("drive_state") DriveState driveState,
        @SerializedName("vehicle_state") VehicleState vehicleState) {

    /** Ranges are in miles whatever the car's display shows; {@code timestamp} is Unix milliseconds. */
    public record ChargeState(@SerializedName("battery_level") Integer batteryLevel,
            @SerializedName("usable_battery_level") Integer usableBatteryLevel,
            @SerializedName("battery_range") Double batteryRange,
            @SerializedName("est_battery_range") Double estBatteryRange,
            @SerializedName("charging_state") String chargingState,
            @SerializedName("charger_power") Double chargerPower,
            @SerializedName("charge_limit_soc") Integer chargeLimitSoc, Long timestamp,
            @SerializedName("charge_energy_added") Double chargeEnergyAdded,
            @SerializedName("charge_miles_added_rated") Double chargeMilesAddedRated) {
    }

    /** Latitude/longitude are absent when the token lacks the vehicle_location scope. */
    public record DriveState(Double latitude, Double longitude, @SerializedName("gps_as_of") Long gpsAsOf,
            Long timestamp) {
    }

    public record VehicleState(Double odometer, @SerializedName("car_version") String carVersion, Long timestamp) {
    }
}
